// The Charts worklist's line for one chart: where it stands (status, assigned coder, coded date),
// its dates, the MS-DRG and relative weight of the coder's abstract, its open physician queries,
// and — once the rules have run — its errors, warnings and CDI opportunities. Plain data from a
// ChartAnalysis: the server fills the worklist from it, first without the rule pass (the quick
// summary: parse and grouping only), then with the counts, so a workspace of charts is listed
// before every chart has been checked.
import type { ChartStatus } from '../../chart/model';
import type { Finding } from '../context';
import type { ChartAnalysis } from '../analysis';
import { queryStatus } from './queries';

/** What the rules found on a chart (suppressed findings left out, as the editor leaves them out). */
export interface FindingCounts {
  errors: number;
  warnings: number;
  /** `cdi.opportunity.*` findings at any level but off (they are counted in `warnings` too when shown as warnings). */
  cdiOpportunities: number;
}

/** The MS-DRG of the coder's abstract as the code lens groups it. */
export interface SummaryDrg {
  drg: string;
  title: string | null;
  /** The relative weight of the DRG for the discharge date's fiscal year; null when the release has none. */
  weight: number | null;
  /** The grouper version, e.g. "43.0". */
  version: string;
}

export interface ChartSummary {
  encounter: string | null;
  /** The header's `status`; null when absent or not one of the five values. */
  status: ChartStatus | null;
  /** A `status` value that is not one of the five, as written (the chart.header warning says so). */
  invalidStatus?: string;
  assigned: string | null;
  /** YYYY-MM-DD, the day coding was finished. */
  coded: string | null;
  admitted: string | null;
  discharged: string | null;
  drg: SummaryDrg | null;
  /** Why there is no MS-DRG (no abstract yet, no principal diagnosis, tables missing …). */
  drgReason?: string;
  /** Queries whose status is open (or that have neither a status nor an answer). */
  openQueries: number;
  /** Absent in the quick summary, before the rules have run. */
  counts?: FindingCounts;
}

/** The summary without the rule pass: the parse, the header and the grouping (memoized in the analysis). */
export function quickChartSummary(a: ChartAnalysis): ChartSummary {
  const header = a.chart.header;
  const summary: ChartSummary = {
    encounter: header?.encounter ?? null,
    status: header?.status ?? null,
    assigned: header?.assigned ?? null,
    coded: header?.coded ?? null,
    admitted: header?.admitted ?? null,
    discharged: header?.discharged ?? null,
    drg: null,
    openQueries: a.chart.queries.filter((q) => queryStatus(q) === 'open').length,
  };
  const written = header?.fields.find((f) => f.key.value === 'status')?.value.value;
  if (written !== undefined && !header?.status) summary.invalidStatus = written;
  const d = a.drg();
  if ('reason' in d) summary.drgReason = d.reason;
  else summary.drg = { drg: d.current.drg, title: d.current.title, weight: d.current.weight, version: d.setting.abstract.version };
  return summary;
}

/** The full summary: the quick one with the counts of the chart's findings (the rules run unless they have). */
export function chartSummary(a: ChartAnalysis): ChartSummary {
  return { ...quickChartSummary(a), counts: findingCounts(a.findings()) };
}

export function findingCounts(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { errors: 0, warnings: 0, cdiOpportunities: 0 };
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    if (f.rule.startsWith('cdi.opportunity.')) counts.cdiOpportunities++;
  }
  return counts;
}
