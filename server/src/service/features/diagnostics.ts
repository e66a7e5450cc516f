// Diagnostics: runs every rule on the chart, applies the user's severity per rule id
// (`chartcoder.rules`, `--rule id=level`, `.chartcoder.json`; a family pattern such as `mce.*`
// works too) and the chart's `chartcoder-ignore` comments. Suppressed findings are kept, flagged,
// for auditors (the CLI's JSON lists them); the editor hides them.
import type { ChartDocument } from '../../chart/model';
import type { Finding, RuleLevel, ServiceContext, Severity } from '../context';
import { RULES } from '../../rules';
import type { Rule, RuleContext } from '../../rules/rule';
import { chartRelease, type ChartRelease } from '../release';
import { withDrgImpacts, type GroupedChart } from './drgImpact';
import { oneFindingPerProblem } from './oneFinding';

export const SUPPRESSION_RULES = [
  { id: 'suppression.unused', defaultSeverity: 'warning' as Severity, summary: 'A chartcoder-ignore comment that silences nothing.' },
  { id: 'suppression.no-reason', defaultSeverity: 'warning' as Severity, summary: 'A chartcoder-ignore comment without a reason.' },
];

/** Every rule id the engine can raise, with its default severity and summary. */
export function knownRuleIds(): { id: string; defaultSeverity: Severity; summary: string }[] {
  const out = RULES.flatMap((r) => r.ids ?? [{ id: r.id, defaultSeverity: r.defaultSeverity, summary: r.summary }]);
  return [...out, ...SUPPRESSION_RULES];
}

export function computeFindings(chart: ChartDocument, ctx: ServiceContext, release?: ChartRelease | null): Finding[] {
  const steps = findingSteps(chart, ctx, release);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same check, one rule per step (each yields the rule id it ran; the generator returns the
 * findings): the server runs a big chart's rules between requests, and drops the run when the
 * chart changes meanwhile. `release` is the chart's release when the caller has chosen it already.
 */
export function* findingSteps(
  chart: ChartDocument,
  ctx: ServiceContext,
  release?: ChartRelease | null,
  grouping?: () => GroupedChart | null,
): Generator<string, Finding[]> {
  const ruleCtx: RuleContext = { ...ctx, chart, release: release !== undefined ? release : ctx.tables ? chartRelease(chart, ctx.tables) : null };
  const raw: Finding[] = [];
  for (const rule of RULES) {
    for (const f of runRule(rule, ruleCtx)) {
      const id = f.rule ?? rule.id;
      raw.push({ rule: id, severity: f.severity ?? defaultSeverityOf(rule, id), message: f.message, range: f.range, data: f.data });
    }
    yield rule.id;
  }
  const findings = applySuppressions(chart, raw);
  const out: Finding[] = [];
  for (const f of findings) {
    const level = levelFor(f.rule, ctx.settings.rules);
    if (level === 'off') continue;
    out.push(level ? { ...f, severity: level } : f);
  }
  // Findings that move money say so, and are at least warnings (unless the user set the level).
  yield 'drg-impact';
  return withDrgImpacts(oneFindingPerProblem(out, chart), chart, ctx, ruleCtx.release, (id) => levelFor(id, ctx.settings.rules) !== undefined, grouping);
}

/** A rule that throws must not take the others down: its failure becomes one finding. */
function runRule(rule: Rule, ctx: RuleContext) {
  try {
    return rule.check(ctx);
  } catch (e) {
    return [
      {
        rule: rule.id,
        severity: 'hint' as Severity,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: `Internal error in rule ${rule.id}: ${(e as Error).message}`,
      },
    ];
  }
}

function defaultSeverityOf(rule: Rule, id: string): Severity {
  return rule.ids?.find((x) => x.id === id)?.defaultSeverity ?? rule.defaultSeverity;
}

/** The user's level for a rule id: an exact id wins over a family pattern (`mce.*`). */
export function levelFor(id: string, levels: Record<string, RuleLevel>): RuleLevel | undefined {
  if (levels[id]) return levels[id];
  let best: { len: number; level: RuleLevel } | undefined;
  for (const [pattern, level] of Object.entries(levels)) {
    if (pattern.endsWith('.*') && id.startsWith(pattern.slice(0, -1)) && (!best || pattern.length > best.len)) best = { len: pattern.length, level };
  }
  return best?.level;
}

function matchesRule(pattern: string, id: string): boolean {
  return pattern === id || (pattern.endsWith('.*') && id.startsWith(pattern.slice(0, -1)));
}

function applySuppressions(chart: ChartDocument, findings: Finding[]): Finding[] {
  const used = new Set<number>();
  const out = findings.map((f) => {
    const index = chart.suppressions.findIndex((s) => s.targetLine === f.range.start.line && matchesRule(s.ruleId.value, f.rule));
    if (index < 0 || f.rule.startsWith('suppression.')) return f;
    used.add(index);
    return { ...f, suppressed: { reason: chart.suppressions[index].reason?.value ?? '' } };
  });
  if (!chart.suppressions.length) return out;
  const known = new Set(knownRuleIds().map((r) => r.id));
  chart.suppressions.forEach((s, i) => {
    if (!s.reason)
      out.push({
        rule: 'suppression.no-reason',
        severity: 'warning',
        range: s.range,
        message: `The suppression of ${s.ruleId.value} has no reason: write \`<!-- chartcoder-ignore ${s.ruleId.value}: why -->\` (auditors read it).`,
      });
    if (used.has(i)) return;
    const isKnown = known.has(s.ruleId.value) || (s.ruleId.value.endsWith('.*') && [...known].some((k) => matchesRule(s.ruleId.value, k)));
    const why = !isKnown
      ? `\`${s.ruleId.value}\` is not a ChartCoder rule id`
      : s.targetLine === null
        ? 'there is nothing after it'
        : `no ${s.ruleId.value} finding is on line ${s.targetLine + 1}`;
    out.push({ rule: 'suppression.unused', severity: 'warning', range: s.ruleId.range, message: `This suppression silences nothing: ${why}.` });
  });
  return out;
}
