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
import { fmtRange, HEADER, marked } from '../helpers/markers';
import { abs } from './cases';
import { ISSUE14_CASES } from './issue14Cases';

const tables = loadTables();
const ctx: ServiceContext = { tables, settings: DEFAULT_SETTINGS };
const findings = (text: string, c: ServiceContext = ctx) => computeFindings(parseChart(text), c);

for (const c of ISSUE14_CASES) {
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
    for (const f of got) assert.match(f.message, /guidelines? (I\.[A-C]\.\d|Appendix I)/);
  });
  test(`${c.rule} near miss stays silent: ${c.why}`, () => {
    const got = findings(marked(c.nearMiss).text).filter((f) => f.rule === c.rule);
    assert.deepEqual(
      got.map((f) => `${fmtRange(f.range)} ${f.message}`),
      [],
    );
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
  assert.deepEqual(
    computeFindings(parseChart(out), ctx)
      .filter((x) => x.rule === rule)
      .map((x) => x.message),
    [],
    'the fix clears the finding',
  );
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

test('one problem, one finding: a poisoning after its manifestation with a code-first note (G92.8) is seq.poisoning only', () => {
  const text =
    HEADER + '[toxic encephalopathy]{dx=G92.8 poa=Y} [intentional methadone overdose]{dx=T40.3X2A poa=Y}\n' + abs('PDX  G92.8  Y', 'SDX  T40.3X2A  Y');
  const got = findings(text)
    .filter((f) => f.rule === 'seq.poisoning' || f.rule === 'icd.code-first')
    .map((f) => f.rule);
  assert.deepEqual(got, ['seq.poisoning']);
});

test('seq.obstetric: the missing outcome documented in the note is added by the quick fix, once', () => {
  const text =
    HEADER.replace('age: 67', 'age: 29') +
    '[term uncomplicated delivery]{dx=O80} [single liveborn]{dx=Z37.0}\n[SVD]{pcs=10E0XZZ date=2026-03-03}\n' +
    abs('PDX  O80  1', 'PROC 10E0XZZ 2026-03-03');
  const out = fixed(text, 'seq.obstetric');
  assert.match(out, /PROC 10E0XZZ 2026-03-03\nSDX {2}Z37\.0\n```/);
  assert.equal(findings(text).filter((f) => f.rule === 'seq.obstetric').length, 1);
});

test('doc.integral-symptom: the quick fix removes the symptom line', () => {
  const c = ISSUE14_CASES.find((x) => x.rule === 'doc.integral-symptom')!;
  const out = fixed(c.fires, 'doc.integral-symptom');
  assert.doesNotMatch(out, /SDX {2}R06\.02/);
  assert.match(out, /PDX {2}I50\.33 {2}Y\n```/);
});

// The three costliest misses of the issue, as written there.
const MONEY: { why: string; text: string; rule: string; severity: string }[] = [
  {
    why: 'in-hospital fall with hip fracture: abstract POA Y, note poa=N (hidden HAC)',
    rule: 'poa.inconsistent',
    severity: 'error',
    text:
      HEADER +
      '[pneumonia]{dx=J18.9 poa=Y} [fell on the ward, right hip fracture]{dx=S72.001A poa=N} [fall from bed]{dx=W06.XXXA poa=N}\n' +
      abs('PDX  J18.9  Y', 'SDX  S72.001A  Y', 'SDX  W06.XXXA  N'),
  },
  {
    why: 'opioid poisoning coded after its respiratory failure (I.C.19.e.5.b)',
    rule: 'seq.poisoning',
    severity: 'warning',
    text:
      HEADER +
      '[acute hypercapnic respiratory failure]{dx=J96.02 poa=Y} [accidental oxycodone overdose]{dx=T40.2X1A poa=Y}\n' +
      abs('PDX  J96.02  Y', 'SDX  T40.2X1A  Y'),
  },
  {
    why: 'sepsis present on admission after the pneumonia that caused it, with R65.20 (I.C.1.d.4)',
    rule: 'seq.sepsis',
    severity: 'warning',
    text:
      HEADER +
      '[pneumonia]{dx=J18.9 poa=Y} [severe sepsis]{dx=R65.20 poa=Y} [sepsis]{dx=A41.9 poa=Y}\n' +
      abs('PDX  J18.9  Y', 'SDX  R65.20  Y', 'SDX  A41.9  Y'),
  },
];
for (const m of MONEY) {
  test(`issue 14's costliest misses: ${m.why}`, () => {
    const got = findings(m.text).filter((f) => f.rule === m.rule);
    assert.equal(got.length, 1, got.map((f) => f.message).join('\n'));
    assert.equal(got[0].severity, m.severity);
  });
}

test('seq.newborn: a Z38.- documented only becomes the principal, the old principal a secondary line', () => {
  const text = HEADER.replace('age: 67', 'age: 0') + '[born here at 29 weeks]{dx=Z38.00} [preterm 29 weeks]{dx=P07.32 poa=Y}\n' + abs('PDX  P07.32  Y');
  const out = fixed(text, 'seq.newborn');
  assert.match(out, /PDX {2}Z38\.00 {2}1\nSDX {2}P07\.32 {2}Y\n```/);
});
