// One problem, one finding: the same finding on the note and the abstract is reported once (on
// the abstract, with the note's place related); a Code Editor edit explained by a guideline rule
// on the principal diagnosis folds into it; a refinement (poa.exempt, doc.specificity) on a line
// another finding says cannot be reported is left out. Built tables, ./charts/sepsis-fall.chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { loadMceTables } from '../../src/mce/tables';
import { DEFAULT_SETTINGS, type Settings } from '../../src/service/context';

const dir = defaultTablesDir();
const tables = loadTables(dir);
const grouper = loadMsdrgTables(dir);
const mce = loadMceTables(dir);
const TEXT = readFileSync(join(__dirname, 'charts', 'sepsis-fall.chart'), 'utf8');
const lineOf = (prefix: string) => TEXT.split('\n').findIndex((l) => l.startsWith(prefix));
const findings = (rules: Settings['rules'] = {}, text = TEXT) =>
  new LanguageService({ tables, grouper, mce, settings: { ...DEFAULT_SETTINGS, rules } })
    .findings(chartInput('sepsis-fall', text))
    .filter((f) => !f.suppressed);

test('a code wrong in the note and in the abstract: one finding, on the abstract, the note related', () => {
  const seventh = findings().filter((f) => f.rule === 'code.seventh-character');
  assert.equal(seventh.length, 1);
  assert.equal(seventh[0].range.start.line, lineOf('SDX  S72.001'));
  assert.deepEqual(
    seventh[0].related?.map((r) => r.range.start.line),
    [lineOf('2. [Fall on the ward')],
  );
  assert.match(seventh[0].message, /^Add a 7th character to S72\.001: S72\.001A, /);
});

test("R65.20 as principal: seq.sepsis, at the Code Editor's severity, names the edit; no separate MCE finding", () => {
  const onPdx = findings().filter((f) => f.range.start.line === lineOf('PDX  R65.20') && (f.rule.startsWith('seq.') || f.rule.startsWith('mce.')));
  assert.deepEqual(
    onPdx.map((f) => [f.rule, f.severity]),
    [['seq.sepsis', 'error']],
  );
  assert.match(onPdx[0].message, /mce\.unacceptable-pdx/);
});

test('near miss: with seq.sepsis turned off the Code Editor edit stands on its own', () => {
  const onPdx = findings({ 'seq.sepsis': 'off' }).filter((f) => f.range.start.line === lineOf('PDX  R65.20') && f.rule.startsWith('mce.'));
  assert.deepEqual(
    onPdx.map((f) => f.rule),
    ['mce.unacceptable-pdx'],
  );
});

test('poa.exempt is not offered on a line another finding says cannot be reported (a duplicate)', () => {
  const lines = TEXT.split('\n');
  const second = lines.findIndex((l, i) => l.startsWith('SDX  Z91.81') && i > lineOf('SDX  Z91.81'));
  const all = findings();
  assert.deepEqual(
    all.filter((f) => f.range.start.line === second).map((f) => f.rule),
    ['abstract.duplicate'],
  );
  // Near miss: the same Y on a single Z91.81 line is reported.
  const single = findings({}, TEXT.replace(/SDX {2}Z91\.81 {2}1\n/, ''));
  assert.deepEqual(single.filter((f) => f.rule === 'poa.exempt').length, 1);
});
