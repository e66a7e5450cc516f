// Completion and Search Codes rank codes that fail the patient's MCE age/sex edits below the rest,
// with the reason in the detail — never hidden. On the built tables (the MCE flags are CMS's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { marked } from '../helpers/markers';
import { patientConcern } from '../../src/service/features/patientFit';
import { seedQuery } from '../../../client/src/seedQuery';
import type { CodeSearchHit } from '../../src/service/features/searchCodes';

const dir = defaultTablesDir();
const tables = loadTables(dir);
const service = new LanguageService({ tables, grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } });
const header = (age: number, sex: string) => `---\nage: ${age}\nsex: ${sex}\nadmitted: 2026-03-02\ndischarged: 2026-03-06\n---\n`;

test('the concern of a code for a patient: MCE age groups, maternity for a man, Chapter 16 for an adult', () => {
  const cases: [code: string, age: number | null, sex: 'M' | 'F' | null, concern: RegExp | null][] = [
    ['O9049', 72, 'F', /^MCE age conflict: a maternity \(obstetric\) code \(ages 9–64\), the patient is 72$/],
    ['O9049', 30, 'F', null],
    ['O9049', 30, 'M', /maternity \(obstetric\) code, the patient is male/],
    ['Z3800', 45, 'F', /newborn\/perinatal code \(ages 0–0\), the patient is 45/],
    ['Z3800', 0, 'M', null],
    ['P0730', 45, 'M', /perinatal \(Chapter 16\) code, the patient is 45/],
    ['P0730', 0, 'M', null],
    ['N179', 72, 'F', null],
    ['O904', 72, 'F', /^codes below it: MCE age conflict/],
    ['O9049', null, null, null],
  ];
  for (const [code, age, sex, want] of cases) {
    const got = patientConcern(tables, code, 'icd10cm', '2026-03-06', { age, sex });
    if (want) assert.match(got ?? '', want, `${code} ${age} ${sex}`);
    else assert.equal(got, null, `${code} ${age} ${sex}`);
  }
});

test('completion for a 72-year-old woman: kidney failure codes first, obstetric ones after them with the reason', () => {
  const m = marked(`${header(72, 'F')}# A\n[acute kidney injury]{dx=$0}\n`);
  const items = service.completion(chartInput('aki', m.text), m.cursor!).filter((i) => i.kind !== 'notice');
  assert.equal(items[0].label, 'N17.9');
  const firstObstetric = items.findIndex((i) => i.label.startsWith('O'));
  assert.ok(firstObstetric > 0, 'obstetric codes are still offered');
  for (const [k, i] of items.entries()) {
    const flagged = i.detail.startsWith('⚠ ');
    assert.equal(i.label.startsWith('O'), flagged, `${i.label}: ${i.detail}`);
    if (k >= firstObstetric) assert.ok(flagged, `${i.label} after the obstetric codes is flagged too`);
    assert.equal(i.sortText, String(k).padStart(4, '0'), 'sortText follows the new order');
  }
  // The same chart for a 30-year-old: nothing flagged, nothing moved.
  const young = marked(`${header(30, 'F')}# A\n[acute kidney injury]{dx=$0}\n`);
  assert.ok(service.completion(chartInput('aki30', young.text), young.cursor!).every((i) => !i.detail.startsWith('⚠')));
});

test('Search Codes with the chart: CC/MCC badges, and codes that do not fit the patient after the rest', () => {
  const text = `${header(72, 'F')}# A\n[acute kidney injury]{dx=N17.9 poa=Y}\n`;
  const hits = service.searchCodes('acute kidney failure', { limit: 50 }, chartInput('s', text)) as CodeSearchHit[];
  const codes = hits.filter((h) => h.system === 'icd10cm');
  assert.equal(codes.find((h) => h.code === 'N170')?.badge, 'MCC');
  assert.equal(codes.find((h) => h.code === 'N179')?.badge, 'CC');
  const firstConcern = codes.findIndex((h) => h.concern);
  assert.ok(firstConcern > 0 && codes.slice(firstConcern).every((h) => h.concern), 'the misfits come last');
  assert.ok(codes.some((h) => h.code.startsWith('O') && /maternity/.test(h.concern ?? '')));
  // Without a chart: badges by the date's release, no ranking.
  const plain = service.searchCodes('acute kidney failure', { limit: 50, date: '2026-03-06' }) as CodeSearchHit[];
  assert.ok(plain.every((h) => !h.concern) && plain.some((h) => h.badge === 'MCC'));
});

test('Search Codes opens with the selection or the span at the cursor', () => {
  const line = 'Admitted with [acute kidney injury]{dx=N17.9 poa=Y} and [sepsis]{dx=';
  const cases: [character: number, selected: string, seed: string][] = [
    [20, '', 'acute kidney injury'],
    [40, '', 'acute kidney injury'],
    [line.indexOf('} and') + 1, '', 'acute kidney injury'],
    [line.length, '', 'sepsis'],
    [3, '', ''],
    [3, ' heart failure ', 'heart failure'],
  ];
  for (const [character, selected, seed] of cases) assert.equal(seedQuery(line, character, selected), seed, `${character} "${selected}"`);
});

test('a typed code of another release is offered last, saying it is not valid on the discharge date', () => {
  const m = marked(`${header(67, 'F')}# A\n[x]{dx=C78.32$0}\n`);
  const items = service.completion(chartInput('c', m.text), m.cursor!).filter((i) => i.kind !== 'notice');
  const last = items.at(-1)!;
  assert.equal(last.label, 'C78.32');
  assert.match(last.detail, /^⚠ not valid on the discharge date \(FY2026 \(Oct 2025\)\); it is in FY2027/);
  assert.equal(last.insertTextFormat, 'plain');
});
