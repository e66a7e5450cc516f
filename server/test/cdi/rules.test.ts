// The CDI opportunity rules end to end on the evaluation charts: precision and recall per set,
// what every finding carries (evidence with lines and values, candidates with CC/MCC, the DRG at
// stake at the end of the message, drgImpact from the hover's grouper functions), the drafted query
// (the product's own cdi.query-* rules raise nothing on it, no payment words, it silences the
// opportunity once inserted), severity and settings, and the "Draft query" code action.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { codeActions, type TextEditData } from '../../src/service/features/codeActions';
import { DEFAULT_SETTINGS, type Finding, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { drgSetting } from '../../src/drg/setting';
import { additionImpact } from '../../src/grouper/impact';
import { readSettings } from '../../src/service/settings';
import { indexLines, offsetAt } from '../../src/chart/text';
import { CDI_RULES, FIXTURES, report, runSet, score } from './score';

const dir = defaultTablesDir();
const ctx: ServiceContext = { tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: DEFAULT_SETTINGS };
const dev = runSet('dev', ctx);
const heldout = runSet('heldout', ctx);
const chart = (set: string, file: string) => readFileSync(join(FIXTURES, set, file), 'utf8');

function apply(text: string, edits: TextEditData[]): string {
  const idx = indexLines(text);
  const sorted = edits.map((e) => ({ s: offsetAt(idx, e.range.start), e: offsetAt(idx, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const x of sorted) text = text.slice(0, x.s) + x.t + text.slice(x.e);
  return text;
}

test('the evaluation sets: ≥ 40 charts, every rule fires on ≥ 2 dev charts and is silent on others', () => {
  assert.ok(dev.length + heldout.length >= 40);
  for (const rule of CDI_RULES) {
    assert.ok(dev.filter((c) => c.expected.includes(rule)).length >= 2, `${rule}: fewer than 2 firing dev charts`);
    assert.ok(
      heldout.some((c) => c.expected.includes(rule)),
      `${rule}: no firing held-out chart`,
    );
  }
});

for (const [name, set] of [
  ['development', dev],
  ['held-out', heldout],
] as const) {
  test(`${name} set: precision ≥ 90 % and recall ≥ 85 % over all rules`, () => {
    const { total } = score(set);
    console.log(report(name, set));
    assert.ok((total.precision ?? 0) >= 0.9, `precision ${total.precision}`);
    assert.ok((total.recall ?? 0) >= 0.85, `recall ${total.recall}`);
  });
}

const all: { set: string; file: string; f: Finding }[] = [
  ...dev.flatMap((c) => c.findings.map((f) => ({ set: 'dev', file: c.file, f }))),
  ...heldout.flatMap((c) => c.findings.map((f) => ({ set: 'heldout', file: c.file, f }))),
];

interface Data {
  evidence: { line: number; text: string; criterion: string; value?: string }[];
  candidates: { code: string; severity: string | null }[];
  drgImpact: {
    from: string;
    to: string;
    fromWeight: number | null;
    toWeight: number | null;
    payment: number | null;
    codes: string[];
    poa: string;
    placement: string;
  } | null;
  query: string;
  criteria: string[];
}

test('every finding: information, evidence with lines, candidates with CC/MCC status, the DRG at stake at the end', () => {
  assert.ok(all.length >= 20);
  for (const { file, f } of all) {
    const d = f.data as Data;
    assert.equal(f.severity, 'info', file);
    assert.ok(d.evidence.length >= 1 && d.evidence.every((e) => e.line >= 1 && e.text && e.criterion), `${file}: evidence`);
    assert.ok(
      d.evidence.some((e) => e.value),
      `${file}: at least one value`,
    );
    assert.ok(
      d.candidates.length >= 1 && d.candidates.every((c) => /^[A-Z]\d\d(\.\w+)?$/.test(c.code) && ['MCC', 'CC', 'non-CC'].includes(c.severity ?? '')),
      `${file}: candidates`,
    );
    assert.match(f.message, /DRG at stake: [^]*\.$/, `${file}: ${f.message}`);
    assert.ok(d.drgImpact, `${file}: drgImpact`);
    if (d.drgImpact!.from !== d.drgImpact!.to) assert.match(f.message, new RegExp(`MS-DRG ${d.drgImpact!.from} → ${d.drgImpact!.to}`));
  }
});

test('drgImpact is what the hover computes: the same grouper, weights and rate (additionImpact for a secondary)', () => {
  let checked = 0;
  for (const { set, file, f } of all) {
    const d = f.data as Data;
    if (d.drgImpact?.placement !== 'secondary' || d.drgImpact.codes.length !== 1 || f.rule.endsWith('hf-specificity')) continue;
    const parsed = parseChart(chart(set, file));
    const s = drgSetting(parsed, ctx);
    assert.ok(!('reason' in s));
    const hover = additionImpact(ctx.grouper!, s.abstract, { code: d.drgImpact.codes[0], poa: d.drgImpact.poa as 'Y' }, s.weightOf);
    assert.equal(d.drgImpact.from, hover.before.drg, file);
    assert.equal(d.drgImpact.to, hover.after.drg, file);
    assert.equal(d.drgImpact.toWeight, hover.after.weight, file);
    const rate = s.rate!.amount;
    assert.equal(d.drgImpact.payment, Math.round(hover.after.weight! * rate) - Math.round(hover.before.weight! * rate), file);
    checked++;
  }
  assert.ok(checked >= 5, `checked ${checked}`);
});

const PAYMENT =
  /\b(?:pay(?:ment|s|ing)?|paid|reimburs\w*|revenue|dollars?|case[- ]?mix|DRGs?|MS-DRG|MCCs?|CCs?|severity of illness|risk of mortality|quality (?:score|measure)s?|financial|relative weight|complications? (?:or|and) comorbidit\w*)\b|\$/i;
const PAYMENT_ACRONYMS = /\b(?:SOI|ROM|CMI|HCC|CC|MCC)\b/; // case-sensitive: "500 cc" is a volume

test("every drafted query: the product's cdi.query-* rules raise nothing on it, no payment words, other + clinically undetermined, and it silences the opportunity", () => {
  for (const { set, file, f } of all) {
    const d = f.data as Data;
    const body = d.query.replace(/^```query.*$/m, '');
    assert.ok(!PAYMENT.test(body.replace(/\bcc\b/g, '')) && !PAYMENT_ACRONYMS.test(body), `${file}: payment words in\n${d.query}`);
    const text = chart(set, file);
    const parsed = parseChart(text);
    const action = codeActions(parsed, f.range, [f], ctx).find((a) => a.diagnosticRules.includes(f.rule) && a.title.startsWith('Draft query'));
    assert.ok(action, `${file}: no Draft query action for ${f.rule}`);
    const after = apply(text, action.edits);
    const re = parseChart(after);
    assert.equal(re.errors.length, parseChart(text).errors.length, `${file}: the inserted query is not clean markup`);
    const q = re.queries[re.queries.length - 1];
    assert.ok(q.options.some((o) => /^other \(please specify\)$/.test(o.value)) && q.options.some((o) => /^clinically undetermined$/.test(o.value)), file);
    assert.ok(q.options.length >= 4, `${file}: ${q.options.length} options`);
    assert.ok(
      q.question.some((l) => /clinical indicators/i.test(l.value)),
      file,
    );
    const findings = computeFindings(re, ctx);
    const onQuery = findings.filter((x) => x.rule.startsWith('cdi.query-') && x.range.start.line >= q.range.start.line && x.range.end.line <= q.range.end.line);
    assert.deepEqual(
      onQuery.map((x) => x.message),
      [],
      file,
    );
    assert.ok(!findings.some((x) => x.rule === f.rule), `${file}: ${f.rule} still raised after its query was inserted`);
  }
});

test('a drafted query cites each indicator with its value and date', () => {
  const f = all.find((x) => x.file.startsWith('d01'))!.f;
  const q = (f.data as Data).query;
  assert.match(q, /creatinine 0\.9 mg\/dL on 2026-01-12/);
  assert.match(q, /creatinine 1\.6 mg\/dL on 2026-01-15/);
  assert.match(q, /^- acute kidney injury$/m);
});

test('severity: the family can be turned off or raised to warning (chartcoder.rules / .chartcoder.json)', () => {
  const text = chart('dev', 'd01-pneumonia-creatinine-rise.chart');
  const off = readSettings({ rules: { 'cdi.opportunity.*': 'off' } });
  assert.deepEqual(off.problems, []);
  assert.equal(computeFindings(parseChart(text), { ...ctx, settings: off.settings }).filter((f) => f.rule.startsWith('cdi.opportunity.')).length, 0);
  const warn = readSettings({ rules: { 'cdi.opportunity.*': 'warning' } });
  const raised = computeFindings(parseChart(text), { ...ctx, settings: warn.settings }).filter((f) => f.rule.startsWith('cdi.opportunity.'));
  assert.deepEqual(
    raised.map((f) => f.severity),
    ['warning'],
  );
  const one = readSettings({ rules: { 'cdi.opportunity.aki': 'off' } });
  assert.equal(computeFindings(parseChart(text), { ...ctx, settings: one.settings }).filter((f) => f.rule === 'cdi.opportunity.aki').length, 0);
});

test('sepsis: Sepsis-3 by default (SIRS alone is silent); a Sepsis-2 facility setting fires on SIRS and names it', () => {
  const text = chart('dev', 'd12-uti-sirs-only.chart');
  assert.equal(computeFindings(parseChart(text), ctx).filter((f) => f.rule === 'cdi.opportunity.sepsis').length, 0);
  const s2 = readSettings({ cdi: { sepsisCriteria: 'sepsis-2' } });
  assert.deepEqual(s2.problems, []);
  const f = computeFindings(parseChart(text), { ...ctx, settings: s2.settings }).find((x) => x.rule === 'cdi.opportunity.sepsis');
  assert.ok(f);
  assert.match(f.message, /Sepsis-2/);
  assert.equal((f.data as { definition: string }).definition, 'Sepsis-2');
  assert.match(readSettings({ cdi: { sepsisCriteria: 'sirs' } }).problems[0], /sepsisCriteria/);
  const s3 = all.find((x) => x.f.rule === 'cdi.opportunity.sepsis')!.f;
  assert.equal((s3.data as { definition: string }).definition, 'Sepsis-3');
});

test('a suppression with a reason silences an opportunity on its line', () => {
  const text = chart('dev', 'd43-rd-bmi-42.chart');
  const f = computeFindings(parseChart(text), ctx).find((x) => x.rule === 'cdi.opportunity.obesity')!;
  const lines = text.split('\n');
  lines.splice(f.range.start.line, 0, '<!-- chartcoder-ignore cdi.opportunity.obesity: bariatric clinic documents the diagnosis -->');
  const again = computeFindings(parseChart(lines.join('\n')), ctx).find((x) => x.rule === 'cdi.opportunity.obesity')!;
  assert.deepEqual(again.suppressed, { reason: 'bariatric clinic documents the diagnosis' });
});

test('without the grouper tables a finding still carries its candidates and says why the DRG is not computed', () => {
  const f = computeFindings(parseChart(chart('dev', 'd01-pneumonia-creatinine-rise.chart')), { ...ctx, grouper: null }).find(
    (x) => x.rule === 'cdi.opportunity.aki',
  )!;
  assert.match(f.message, /DRG at stake: not grouped \(the MS-DRG tables are not loaded\)\.$/);
  assert.equal((f.data as Data).drgImpact, null);
  assert.equal((f.data as Data).candidates[0].severity, 'CC');
});
