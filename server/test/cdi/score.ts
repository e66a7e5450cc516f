// Scoring the CDI opportunity rules on a set of charts (server/test/cdi/fixtures/<set>/, with the
// expected rule ids per chart in expected.json): per rule, true positives (expected and raised),
// false positives (raised, not expected) and false negatives (expected, not raised), and precision
// and recall. Shared by cdi.eval.test.ts and `npm run eval:cdi`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import type { Finding, ServiceContext } from '../../src/service/context';

export const FIXTURES = join(__dirname, 'fixtures');
export const CDI_RULES = [
  'aki',
  'sepsis',
  'malnutrition',
  'hyponatremia',
  'anemia-blood-loss',
  'resp-failure',
  'encephalopathy',
  'hf-specificity',
  'obesity',
  'pressure-injury',
].map((k) => `cdi.opportunity.${k}`);

export interface ChartScore {
  file: string;
  expected: string[];
  got: string[];
  findings: Finding[];
}
export interface RuleScore {
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

export function runSet(set: 'dev' | 'heldout', ctx: ServiceContext): ChartScore[] {
  const dir = join(FIXTURES, set);
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.chart'))
    .sort()
    .map((file) => {
      const findings = computeFindings(parseChart(readFileSync(join(dir, file), 'utf8')), ctx).filter((f) => f.rule.startsWith('cdi.opportunity.'));
      return { file, expected: expected[file] ?? [], got: [...new Set(findings.map((f) => f.rule))].sort(), findings };
    });
}

export function score(charts: ChartScore[]): { rules: RuleScore[]; total: RuleScore } {
  const rules = CDI_RULES.map((rule) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of charts) {
      const e = c.expected.includes(rule);
      const g = c.got.includes(rule);
      if (e && g) tp++;
      else if (g) fp++;
      else if (e) fn++;
    }
    return { rule, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null };
  });
  const tp = rules.reduce((s, r) => s + r.tp, 0);
  const fp = rules.reduce((s, r) => s + r.fp, 0);
  const fn = rules.reduce((s, r) => s + r.fn, 0);
  return { rules, total: { rule: 'all', tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : null, recall: tp + fn ? tp / (tp + fn) : null } };
}

export function report(set: string, charts: ChartScore[]): string {
  const { rules, total } = score(charts);
  const pct = (x: number | null) => (x === null ? '  —  ' : `${(x * 100).toFixed(0).padStart(3)} %`);
  const lines = [`${set}: ${charts.length} charts`, 'rule                                tp  fp  fn  precision  recall'];
  for (const r of [...rules, total])
    lines.push(
      `${r.rule.padEnd(34)} ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)}    ${pct(r.precision)}   ${pct(r.recall)}`,
    );
  const wrong = charts.filter((c) => [...c.expected].sort().join() !== c.got.join());
  if (wrong.length) lines.push('differences:', ...wrong.map((c) => `  ${c.file}: expected [${c.expected.join(', ')}] got [${c.got.join(', ')}]`));
  return lines.join('\n');
}
