// Every rule of the catalogue on its fixtures (./cases.ts): the chart that fires it must give a
// finding of that rule at exactly the marked ranges; the near miss must give none of that rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings, knownRuleIds } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { fmtRange, marked } from '../helpers/markers';
import { CASES, MALE_HEADER, abs } from './cases';

const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };
const findings = (text: string) => computeFindings(parseChart(text), ctx);

for (const c of CASES) {
  test(`${c.rule} fires: ${c.why}`, () => {
    const { text, ranges } = marked(c.fires);
    const got = findings(text)
      .filter((f) => f.rule === c.rule)
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    assert.deepEqual(
      got.map((f) => fmtRange(f.range)),
      ranges.map(fmtRange),
      got.map((f) => f.message).join('\n'),
    );
    for (const f of got) assert.ok(f.message.length > 20);
  });
  test(`${c.rule} near miss stays silent`, () => {
    const { text } = marked(c.nearMiss);
    const got = findings(text).filter((f) => f.rule === c.rule);
    assert.deepEqual(
      got.map((f) => `${fmtRange(f.range)} ${f.message}`),
      [],
    );
  });
}

test('every rule id raised by a fixture is a known id with a doc page', async () => {
  const fs = await import('node:fs');
  const known = new Set(knownRuleIds().map((r) => r.id));
  for (const id of known) assert.ok(fs.existsSync(`docs/rules/${id}.md`), `docs/rules/${id}.md is missing`);
  for (const c of CASES) assert.ok(known.has(c.rule), c.rule);
});

test('one problem, one finding: a bad 7th character is not also code.unknown; severe sepsis is not also code-first', () => {
  const { text } = marked(CASES.find((c) => c.rule === 'code.seventh-character')!.fires);
  assert.equal(findings(text).filter((f) => f.rule === 'code.unknown').length, 0);
  const sepsis = findings(marked(CASES.find((c) => c.rule === 'seq.sepsis')!.fires).text);
  assert.equal(sepsis.filter((f) => f.rule === 'icd.code-first').length, 0);
  const manif = findings(marked(CASES.find((c) => c.rule === 'icd.manifestation-pdx')!.fires).text);
  assert.equal(manif.filter((f) => f.rule.startsWith('mce.manifestation')).length, 0);
});

test('messages name the codes and the note text', () => {
  const { text } = marked(CASES.find((c) => c.rule === 'icd.excludes1')!.fires);
  const f = findings(text).find((x) => x.rule === 'icd.excludes1')!;
  assert.match(f.message, /Excludes1: E11\.22 "Type 2 diabetes mellitus with diabetic chronic kidney disease" excludes "type 1 diabetes mellitus \(E10\.-\)"/);
});

test('a suppression on the line before a pair finding silences it, with its reason', () => {
  const { text } = marked(CASES.find((c) => c.rule === 'icd.excludes1')!.fires);
  const withIgnore = text.replace('SDX  E10.9', '<!-- chartcoder-ignore icd.excludes1: LADA documented by endocrinology -->\nSDX  E10.9');
  const f = findings(withIgnore).find((x) => x.rule === 'icd.excludes1')!;
  assert.deepEqual(f.suppressed, { reason: 'LADA documented by endocrinology' });
});

test('no sex conflict after 2024-09-30: a uterine fibroid on a male chart discharged in 2026', () => {
  const all = findings(MALE_HEADER + '[uterine fibroid]{dx=D25.1 poa=Y}\n' + abs('PDX  D25.1  Y'));
  assert.deepEqual(
    all.filter((f) => f.rule.startsWith('mce.')).map((f) => f.rule),
    [],
  );
});
