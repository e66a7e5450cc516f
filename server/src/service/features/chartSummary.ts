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

/** A fence line as the parser reads one (chart/parse.ts FENCE). */
const FENCE = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/;

/**
 * The part of a chart the quick summary reads — the header and the fenced blocks (abstracts,
 * queries, results) — with every prose line blanked, line numbers kept. Parsing this is about half
 * the work of parsing the whole chart (the annotations are most of it); the parser stays the one
 * reader of the format. The rule pass parses the whole chart.
 */
export function summaryText(text: string): string {
  const lines = text.split('\n');
  let inHeader = (lines[0] ?? '').replace(/^\uFEFF/, '').trim() === '---';
  let fence: string | null = null;
  for (let i = inHeader ? 1 : 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const m = FENCE.exec(line);
    if (inHeader) {
      if (line.trim() === '---') {
        inHeader = false;
        continue;
      }
      if (!m) continue;
      inHeader = false; // a fence ends an unclosed header, as in the parser, and opens its block
    }
    if (fence === null) {
      if (m) fence = m[2];
      else lines[i] = '';
    } else if (m && m[2][0] === fence[0] && m[2].length >= fence.length && m[3].trim() === '') {
      fence = null;
    }
  }
  return lines.join('\n');
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
