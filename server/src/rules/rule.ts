// A guideline rule: a stable id, a one-line summary, a default severity, and a check that reads
// the chart (and the tables) and returns findings. One rule per file in this folder; ./index.ts
// lists them. Docs live in docs/rules/<id>.md. The engine (service/features/diagnostics.ts)
// applies the user's severity overrides and the chart's suppressions.
import type { ChartDocument, Range } from '../chart/model';
import type { ChartRelease } from '../service/release';
import type { ServiceContext, Severity } from '../service/context';

export interface RuleContext extends ServiceContext {
  chart: ChartDocument;
  /** The table release chosen by the discharge date (null when the tables are not loaded). */
  release: ChartRelease | null;
}

export interface RuleFinding {
  range: Range;
  message: string;
  /** Overrides the rule's id for rules that raise several ids (e.g. chart.syntax vs chart.header, mce.*). */
  rule?: string;
  /** Overrides the default severity of the rule for this finding (still subject to user settings). */
  severity?: Severity;
  /** Data for a quick fix. */
  data?: unknown;
}

export interface Rule {
  /** Stable id, or a family prefix ending in `.*` when the rule raises several ids. */
  id: string;
  summary: string;
  defaultSeverity: Severity;
  /** The ids this rule can raise (for settings validation and docs); defaults to [id]. */
  ids?: readonly { id: string; defaultSeverity: Severity; summary: string }[];
  check(ctx: RuleContext): RuleFinding[];
}

/** Docs of a rule, linked from each diagnostic (codeDescription). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
