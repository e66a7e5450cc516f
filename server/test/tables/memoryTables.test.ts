// The in-memory double follows the same contract as the built tables: release by date,
// not-on-date vs unknown, no-release before the first release, beyond-newest after the last.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryTables } from '../../src/tables/memoryTables';
import type { MsdrgFact } from '../../src/tables/types';

const MCC: MsdrgFact = { version: 'V430', mdc: '05', severity: 'MCC', ccExclusionGroups: [], hacs: [], source: { file: 'fixture', year: 'test' } };

const tables = memoryTables([
  { code: 'I50.33', system: 'icd10cm', title: 'Acute on chronic diastolic (congestive) heart failure', facts: { msdrg: MCC } },
  { code: 'I50', system: 'icd10cm', title: 'Heart failure', billable: false },
  { code: 'C78.31', system: 'icd10cm', title: 'Secondary malignant neoplasm of larynx', releases: ['FY2027'] },
  { code: '0FT44ZZ', system: 'icd10pcs', title: 'Resection of Gallbladder, Percutaneous Endoscopic Approach' },
]);

test('lookups answer by the release of the date, with the extra facts given', () => {
  const r = tables.lookup('i5033', '2026-03-06');
  assert.equal(r.kind, 'valid');
  if (r.kind !== 'valid') return;
  assert.equal(r.release.id, 'FY2026');
  assert.equal(r.entry.display, 'I50.33');
  assert.deepEqual(r.entry.msdrg, MCC);
  assert.deepEqual(r.entry.notes, null, 'facts not given are the built tables\' "none"');
  const header = tables.lookup('I50', '2026-03-06');
  assert.equal(header.kind, 'valid');
  if (header.kind === 'valid') assert.equal(header.entry.billable, false);
});

test('not-on-date, unknown, no-release and beyond-newest are distinct answers', () => {
  const before = tables.lookup('C78.31', '2026-09-30');
  assert.equal(before.kind, 'not-on-date');
  if (before.kind === 'not-on-date') assert.deepEqual(before.releases, ['FY2027']);
  assert.equal(tables.lookup('C78.31', '2026-10-01').kind, 'valid');
  assert.equal(tables.lookup('Z99.999', '2026-10-01').kind, 'unknown');
  assert.equal(tables.lookup('I50.33', '2025-09-30').kind, 'no-release');
  const late = tables.releaseFor('2027-10-01');
  assert.equal(late.kind, 'beyond-newest');
  if (late.kind === 'beyond-newest') assert.match(late.message, /FY2027/);
  const april = tables.releaseFor('2026-04-01');
  assert.equal(april.kind, 'ok');
  if (april.kind === 'ok') assert.equal(april.release.id, 'FY2026.1');
});

test('codes() lists a release, and a CPT table can be added', () => {
  assert.deepEqual([...tables.codes('icd10cm', 'FY2026')].map((e) => e.code).sort(), ['I50', 'I5033']);
  assert.equal([...tables.codes('icd10cm', 'FY2027')].length, 3);
  tables.setCptTable(new Map([['99223', 'Initial hospital care']]), 'cpt.csv');
  const r = tables.lookup('99223', '2026-03-06', 'cpt');
  assert.equal(r.kind, 'valid');
  if (r.kind === 'valid') assert.equal(r.entry.title, 'Initial hospital care');
  assert.throws(() => memoryTables([{ code: 'I10', system: 'icd10cm', title: 'x', releases: ['FY2099'] }]), /FY2099/);
});
