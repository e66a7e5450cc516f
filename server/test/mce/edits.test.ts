// Each MCE edit on the real MCE tables: a claim that fires it and a near miss that does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MCE_EDITS, runMce, type MceClaim } from '../../src/mce/edits';
import type { MceTables } from '../../src/mce/tables';
import { mceTables } from './helpers';

const base: MceClaim = { age: 50, sex: 'F', dstat: '01', pdx: 'I5023', sdx: [], procs: [], discharged: '2026-01-15', los: 3 };
const claim = (c: Partial<MceClaim>): MceClaim => ({ ...base, ...c });
const names = (t: MceTables, c: Partial<MceClaim>) => runMce(t, claim(c)).edits.map((e) => `${e.edit}@${e.position}${e.index ?? ''}:${e.code}`);

let tables: MceTables | null = null;
async function load(t: { skip: (m: string) => void }): Promise<MceTables | null> {
  tables ??= await mceTables();
  if (!tables) t.skip('MCE sources not found in ../shared/code-sets/mce');
  return tables;
}

const cases: { edit: string; fires: Partial<MceClaim>; miss: Partial<MceClaim>; expect: string }[] = [
  { edit: 'INVALID_CODE', fires: { sdx: [{ code: 'I502' }] }, miss: { sdx: [{ code: 'I5020' }] }, expect: 'INVALID_CODE@sdx0:I502' },
  { edit: 'INVALID_CODE (procedure)', fires: { procs: ['0016070X'] }, miss: { procs: ['0016070'] }, expect: 'INVALID_CODE@proc0:0016070X' },
  {
    edit: 'SEX_CONFLICT',
    fires: { sex: 'M', pdx: 'A1816', discharged: '2024-06-01' },
    miss: { sex: 'M', pdx: 'A1816', discharged: '2024-10-01' },
    expect: 'SEX_CONFLICT@pdx:A1816',
  },
  { edit: 'AGE_CONFLICT', fires: { age: 8, pdx: 'O80' }, miss: { age: 9, pdx: 'O80' }, expect: 'AGE_CONFLICT@pdx:O80' },
  { edit: 'QUESTIONABLE_ADMISSION', fires: { pdx: 'E119' }, miss: { pdx: 'I5023', sdx: [{ code: 'E119' }] }, expect: 'QUESTIONABLE_ADMISSION@pdx:E119' },
  { edit: 'MANIFESTATION_AS_PDX', fires: { pdx: 'D630' }, miss: { pdx: 'C9100', sdx: [{ code: 'D630' }] }, expect: 'MANIFESTATION_AS_PDX@pdx:D630' },
  { edit: 'E_CODE_AS_PDX', fires: { pdx: 'W228XXA' }, miss: { sdx: [{ code: 'W228XXA' }] }, expect: 'E_CODE_AS_PDX@pdx:W228XXA' },
  { edit: 'UNACCEPTABLE_PDX', fires: { pdx: 'Z3A40', age: 30 }, miss: { sdx: [{ code: 'Z3A40' }], age: 30 }, expect: 'UNACCEPTABLE_PDX@pdx:Z3A40' },
  { edit: 'DUPLICATE_OF_PDX', fires: { sdx: [{ code: 'I50.23' }] }, miss: { sdx: [{ code: 'I5022' }] }, expect: 'DUPLICATE_OF_PDX@sdx0:I5023' },
  { edit: 'REQUIRES_SDX', fires: { pdx: 'Z5189' }, miss: { pdx: 'Z5189', sdx: [{ code: 'I10' }] }, expect: 'REQUIRES_SDX@pdx:Z5189' },
  { edit: 'WRONG_PROCEDURE_PERFORMED', fires: { sdx: [{ code: 'Y6552' }] }, miss: { sdx: [{ code: 'Y658' }] }, expect: 'WRONG_PROCEDURE_PERFORMED@sdx0:Y6552' },
  { edit: 'UNSPECIFIED', fires: { pdx: 'M80049P' }, miss: { pdx: 'M80049P', discharged: '2022-03-31' }, expect: 'UNSPECIFIED@pdx:M80049P' },
  { edit: 'NON_COVERED', fires: { procs: ['00F3XZZ'] }, miss: { procs: ['0016070'] }, expect: 'NON_COVERED@proc0:00F3XZZ' },
  { edit: 'NON_COVERED (diagnosis-dependent)', fires: { pdx: 'C9100', procs: ['30233G0'] }, miss: { procs: ['30233G0'] }, expect: 'NON_COVERED@proc0:30233G0' },
  { edit: 'NON_COVERED (age over 60)', fires: { age: 61, procs: ['0SR20JZ'] }, miss: { age: 60, procs: ['0SR20JZ'] }, expect: 'NON_COVERED@proc0:0SR20JZ' },
  { edit: 'NON_COVERED (pancreas transplant)', fires: { procs: ['0FYG0Z0'] }, miss: { pdx: 'E1010', procs: ['0FYG0Z0'] }, expect: 'NON_COVERED@proc0:0FYG0Z0' },
  { edit: 'LIMITED_COVERAGE', fires: { procs: ['02WA3QZ'] }, miss: { procs: ['0016070'] }, expect: 'LIMITED_COVERAGE@proc0:02WA3QZ' },
  {
    edit: 'QUESTIONABLE_OBSTETRIC_ADMISSION',
    fires: { age: 30, pdx: 'O80', procs: ['10D00Z0'] },
    miss: { age: 30, pdx: 'O80', procs: ['0016070'] },
    expect: 'QUESTIONABLE_OBSTETRIC_ADMISSION@proc0:10D00Z0',
  },
  {
    edit: 'INCONSISTENT_WITH_LENGTH_OF_STAY',
    fires: { procs: ['5A1955Z'], los: 4 },
    miss: { procs: ['5A1955Z'], los: 5 },
    expect: 'INCONSISTENT_WITH_LENGTH_OF_STAY@proc0:5A1955Z',
  },
  { edit: 'INVALID_AGE', fires: { age: 125 }, miss: { age: 124 }, expect: 'INVALID_AGE@claim:125' },
  { edit: 'INVALID_SEX', fires: { sex: 'U', discharged: '2024-09-30' }, miss: { sex: 'U', discharged: '2024-10-01' }, expect: 'INVALID_SEX@claim:U' },
  { edit: 'INVALID_DISCHARGE_STATUS', fires: { dstat: '99' }, miss: { dstat: '51' }, expect: 'INVALID_DISCHARGE_STATUS@claim:99' },
  { edit: 'INVALID_ADMIT_DX', fires: { admitDx: 'R69X' }, miss: { admitDx: 'R69' }, expect: 'INVALID_ADMIT_DX@admit:R69X' },
];

for (const c of cases) {
  test(`${c.edit}: fires, and a near miss does not`, async (t) => {
    const tb = await load(t);
    if (!tb) return;
    assert.ok(names(tb, c.fires).includes(c.expect), `expected ${c.expect} in ${names(tb, c.fires).join(', ')}`);
    const edit = c.expect.split('@')[0];
    assert.ok(!names(tb, c.miss).some((n) => n.startsWith(edit + '@')), `${edit} should not fire: ${names(tb, c.miss).join(', ')}`);
  });
}

test('edit type: NONE, PREPAYMENT, POSTPAYMENT-free claims, and discharge dates outside the release', async (t) => {
  const tb = await load(t);
  if (!tb) return;
  assert.deepEqual(runMce(tb, claim({})), { edits: [], editType: 'NONE' });
  assert.equal(runMce(tb, claim({ pdx: 'E119' })).editType, 'PREPAYMENT');
  // The admitting diagnosis's age conflict is reported but not counted, as in CMS's MCE.
  const admit = runMce(tb, claim({ age: 8, admitDx: 'O80' }));
  assert.deepEqual(
    admit.edits.map((e) => e.edit),
    ['AGE_CONFLICT'],
  );
  assert.equal(admit.editType, 'NONE');
  assert.deepEqual(runMce(tb, claim({ pdx: 'E119', discharged: '2026-10-01' })), { edits: [], editType: 'INVALID_DISCHARGE_DATE' });
  assert.equal(runMce(tb, claim({ discharged: 'soon' })).editType, 'INVALID_DISCHARGE_DATE');
});

test('edits are reported code by code: principal, secondaries, procedures, then the claim', async (t) => {
  const tb = await load(t);
  if (!tb) return;
  const r = runMce(tb, claim({ pdx: 'W228XXA', sdx: [{ code: 'I502' }, { code: 'W228XXA' }], procs: ['00F3XZZ'], age: 130 }));
  assert.deepEqual(
    r.edits.map((e) => `${e.edit}:${e.code}`),
    ['E_CODE_AS_PDX:W228XXA', 'INVALID_CODE:I502', 'DUPLICATE_OF_PDX:W228XXA', 'NON_COVERED:00F3XZZ', 'INVALID_AGE:130'],
  );
});

test('every edit has a kebab-case rule id, a severity following CMS, and a doc line', () => {
  const ids = new Set(MCE_EDITS.map((e) => e.ruleId));
  assert.equal(ids.size, MCE_EDITS.length);
  for (const e of MCE_EDITS) {
    assert.equal(e.ruleId, 'mce.' + e.name.toLowerCase().replace(/_/g, '-'));
    assert.equal(e.severity, e.cmsType === 'PREPAYMENT' ? 'error' : e.cmsType === 'POSTPAYMENT' ? 'warning' : 'info');
    assert.ok(e.doc.length > 10);
  }
  assert.ok(ids.has('mce.e-code-as-pdx') && ids.has('mce.questionable-admission') && ids.has('mce.unspecified') && ids.has('mce.age-conflict'));
});
