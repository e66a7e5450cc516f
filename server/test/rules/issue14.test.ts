// The rules of issue 14 on their fire / near-miss fixtures (./issue14Cases.ts), the user-set
// severity, the levels the issue sets, and the quick fixes (swap, POA, 7th character, laterality).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings, knownRuleIds } from '../../src/service/features/diagnostics';
import { codeActions, type TextEditData } from '../../src/service/features/codeActions';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { indexLines, offsetAt } from '../../src/chart/text';
import { fmtRange, marked } from '../helpers/markers';
import { ISSUE14_CASES } from './issue14Cases';

const tables = loadTables();
const ctx: ServiceContext = { tables, settings: DEFAULT_SETTINGS };
const findings = (text: string, c: ServiceContext = ctx) => computeFindings(parseChart(text), c);

for (const c of ISSUE14_CASES) {
  test(`${c.rule} fires: ${c.why}`, () => {
    const { text, ranges } = marked(c.fires);
    const got = findings(text).filter((f) => f.rule === c.rule).sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    assert.deepEqual(got.map((f) => fmtRange(f.range)), ranges.map(fmtRange), got.map((f) => f.message).join('\n'));
    for (const f of got) assert.match(f.message, /guidelines? (I\.[A-C]\.\d|Appendix I)/);
  });
  test(`${c.rule} near miss stays silent: ${c.why}`, () => {
    const got = findings(marked(c.nearMiss).text).filter((f) => f.rule === c.rule);
    assert.deepEqual(got.map((f) => `${fmtRange(f.range)} ${f.message}`), []);
  });
}

test('every new rule id is known, has a doc page and a case', async () => {
  const fs = await import('node:fs');
  const known = new Set(knownRuleIds().map((r) => r.id));
  for (const id of new Set(ISSUE14_CASES.map((c) => c.rule))) {
    assert.ok(known.has(id), id);
    assert.ok(fs.existsSync(`docs/rules/${id}.md`), `docs/rules/${id}.md`);
  }
});

test('poa.inconsistent is an error on a HAC-category code, a warning otherwise; the user level wins', () => {
  const [hac, other] = ISSUE14_CASES.filter((c) => c.rule === 'poa.inconsistent').map((c) => marked(c.fires).text);
  assert.equal(findings(hac).find((f) => f.rule === 'poa.inconsistent')?.severity, 'error');
  assert.equal(findings(other).find((f) => f.rule === 'poa.inconsistent')?.severity, 'warning');
  const quiet = { ...ctx, settings: { ...DEFAULT_SETTINGS, rules: { 'poa.inconsistent': 'info' as const } } };
  assert.equal(findings(hac, quiet).find((f) => f.rule === 'poa.inconsistent')?.severity, 'info');
  const off = { ...ctx, settings: { ...DEFAULT_SETTINGS, rules: { 'seq.*': 'off' as const } } };
  assert.equal(findings(marked(ISSUE14_CASES[0].fires).text, off).filter((f) => f.rule.startsWith('seq.')).length, 0);
});

test('one problem, one finding: the sepsis swap fixes R65.20 too, so R65.20 gets no finding of its own', () => {
  const got = findings(marked(ISSUE14_CASES[0].fires).text).filter((f) => f.rule === 'seq.sepsis');
  assert.equal(got.length, 1);
  assert.match(got[0].message, /A41\.9 .*present on admission.*J18\.9 is a localized infection/);
});

function apply(text: string, edits: TextEditData[]): string {
  const idx = indexLines(text);
  const sorted = edits.map((e) => ({ s: offsetAt(idx, e.range.start), e: offsetAt(idx, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const x of sorted) text = text.slice(0, x.s) + x.t + text.slice(x.e);
  return text;
}

function fixed(input: string, rule: string): string {
  const text = marked(input).text;
  const chart = parseChart(text);
  const all = computeFindings(chart, ctx);
  const f = all.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding`);
  const fix = codeActions(chart, f.range, all, ctx).find((a) => a.diagnosticRules.includes(rule) && !a.command && a.isPreferred !== false);
  assert.ok(fix, `no quick fix for ${rule}`);
  const out = apply(text, fix.edits);
  assert.deepEqual(computeFindings(parseChart(out), ctx).filter((x) => x.rule === rule).map((x) => x.message), [], 'the fix clears the finding');
  return out;
}

const QUICK_FIXES: { rule: string; index: number; expect: RegExp }[] = [
  { rule: 'seq.sepsis', index: 0, expect: /PDX {2}A41\.9 {2}Y\nSDX {2}R65\.20 {2}Y\nSDX {2}J18\.9 {2}Y/ },
  { rule: 'seq.poisoning', index: 0, expect: /PDX {2}T40\.411A {2}Y\nSDX {2}J96\.01 {2}Y/ },
  { rule: 'seq.newborn', index: 0, expect: /PDX {2}Z38\.00 {2}1\nSDX {2}P59\.9 {2}N/ },
  { rule: 'poa.inconsistent', index: 0, expect: /SDX {2}S72\.001A {2}N/ },
  { rule: 'code.encounter-type', index: 0, expect: /PDX {2}S72\.001A {2}1/ },
  { rule: 'code.laterality', index: 0, expect: /\{dx=S72\.032A poa=Y\}/ },
];

for (const q of QUICK_FIXES) {
  test(`${q.rule}: the quick fix applies the change and clears the finding`, () => {
    const c = ISSUE14_CASES.filter((x) => x.rule === q.rule)[q.index];
    assert.match(fixed(c.fires, q.rule), q.expect);
  });
}
