// The Charts view's logic, without VS Code: the client's copy of the server's worklist, and how
// the view arranges it — grouped by status, sorted by discharge date or relative weight, filtered
// by what the user types — plus "next chart to code" and the one-line description of a chart.
// Pure, so node:test checks it (server/test/client/worklist.test.ts); chartsView.ts draws it.
import { CHART_STATUS_VALUES, type ChartStatus } from '../../server/src/chart/model';
import type { WorklistChangedParams, WorklistEntry, WorklistResult, WorklistState } from '../../server/src/lsp/protocol';

export type SortKey = 'discharged' | 'weight';

export interface ViewOptions {
  groupByStatus: boolean;
  sortBy: SortKey;
  /** Words that must all match (see matches); empty: every chart. */
  filter: string;
}

export interface ChartGroup {
  /** A status, `none` (no valid status), or `all` when not grouped. */
  key: ChartStatus | 'none' | 'all';
  label: string;
  entries: WorklistEntry[];
}

export const STATUS_LABELS: Record<ChartStatus | 'none', string> = {
  'to-code': 'To code',
  'in-progress': 'In progress',
  'query-pending': 'Query pending',
  coded: 'Coded',
  audited: 'Audited',
  none: 'No status',
};

/** The client's copy of the list: the request's answer, then each update. */
export class WorklistStore {
  readonly charts = new Map<string, WorklistEntry>();
  state: WorklistState = { scanning: true, uncounted: 0 };

  /** The answer to a (new) request: replaces the list. */
  reset(result: WorklistResult): void {
    this.charts.clear();
    for (const c of result.charts) this.charts.set(c.uri, c);
    this.state = { scanning: result.scanning, uncounted: result.uncounted };
  }

  update(change: WorklistChangedParams): void {
    for (const c of change.charts) this.charts.set(c.uri, c);
    for (const uri of change.removed) this.charts.delete(uri);
    this.state = { scanning: change.scanning, uncounted: change.uncounted };
  }
}

/** The file name of a chart URI (the view's label). */
export function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Whether a chart matches the filter: every word must be found, case-insensitively, in its file
 * name, encounter, status, assigned coder, MS-DRG (number or title) or discharge date; a word
 * `status:…`, `assigned:…` or `drg:…` looks in that field only.
 */
export function matches(entry: WorklistEntry, filter: string, name = fileName(entry.uri)): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const status = entry.status ?? 'no status';
  const fields: Record<string, string> = {
    status,
    assigned: entry.assigned ?? '',
    drg: entry.drg ? `${entry.drg.drg} ${entry.drg.title ?? ''}` : '',
  };
  const all = [name, entry.encounter ?? '', status, fields.assigned, fields.drg, entry.discharged ?? ''].join('\n').toLowerCase();
  return words.every((w) => {
    const m = /^(status|assigned|drg):(.*)$/.exec(w);
    return m ? fields[m[1]].toLowerCase().includes(m[2]) : all.includes(w);
  });
}

/** Oldest discharge first (charts without a date last); by name within a day. */
function byDischarge(a: WorklistEntry, b: WorklistEntry): number {
  if (a.discharged !== b.discharged) {
    if (!a.discharged) return 1;
    if (!b.discharged) return -1;
    return a.discharged < b.discharged ? -1 : 1;
  }
  return fileName(a.uri).localeCompare(fileName(b.uri)) || a.uri.localeCompare(b.uri);
}

/** Highest relative weight first (charts without one last); then by discharge. */
function byWeight(a: WorklistEntry, b: WorklistEntry): number {
  const wa = a.drg?.weight ?? null;
  const wb = b.drg?.weight ?? null;
  if (wa !== wb) {
    if (wa === null) return 1;
    if (wb === null) return -1;
    return wb - wa;
  }
  return byDischarge(a, b);
}

/** The view's rows: the charts that pass the filter, sorted, in status groups (in workflow order) or one group. */
export function arrange(entries: Iterable<WorklistEntry>, options: ViewOptions): ChartGroup[] {
  const shown = [...entries].filter((e) => matches(e, options.filter)).sort(options.sortBy === 'weight' ? byWeight : byDischarge);
  if (!options.groupByStatus) return [{ key: 'all', label: 'All charts', entries: shown }];
  const groups: ChartGroup[] = [];
  for (const key of [...CHART_STATUS_VALUES, 'none'] as const) {
    const inGroup = shown.filter((e) => (e.status ?? 'none') === key);
    if (inGroup.length) groups.push({ key, label: STATUS_LABELS[key], entries: inGroup });
  }
  return groups;
}

/** The chart to code next: the oldest discharge among the charts whose status is `to-code`. */
export function nextToCode(entries: Iterable<WorklistEntry>): WorklistEntry | undefined {
  return [...entries].filter((e) => e.status === 'to-code' && !e.problem).sort(byDischarge)[0];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The line after the file name: discharge date, MS-DRG and RW, then what needs attention. */
export function describe(entry: WorklistEntry): string {
  if (entry.problem) return entry.problem;
  const parts: string[] = [];
  if (entry.discharged) parts.push(entry.discharged);
  if (entry.drg) parts.push(`DRG ${entry.drg.drg}${entry.drg.weight !== null ? ` · RW ${entry.drg.weight.toFixed(4)}` : ''}`);
  else parts.push('no DRG');
  const c = entry.counts;
  if (!c) parts.push('checking…');
  else {
    if (c.errors) parts.push(plural(c.errors, 'error'));
    if (c.warnings) parts.push(plural(c.warnings, 'warning'));
    if (c.cdiOpportunities) parts.push(plural(c.cdiOpportunities, 'CDI opportunity', 'CDI opportunities'));
  }
  if (entry.openQueries) parts.push(plural(entry.openQueries, 'open query', 'open queries'));
  return parts.join(' · ');
}

/** The hover of a chart: everything the summary knows, one fact a line (markdown). */
export function tooltip(entry: WorklistEntry): string {
  const lines = [`**${fileName(entry.uri)}**${entry.encounter ? ` — encounter ${entry.encounter}` : ''}`];
  if (entry.problem) return [...lines, entry.problem].join('\n\n');
  lines.push(
    `Status: ${entry.status ?? (entry.invalidStatus !== undefined ? `"${entry.invalidStatus}" (not a status)` : 'none')}${entry.assigned ? ` · assigned to ${entry.assigned}` : ''}${entry.coded ? ` · coded ${entry.coded}` : ''}`,
  );
  lines.push(`Admitted ${entry.admitted ?? '—'} · discharged ${entry.discharged ?? '—'}`);
  lines.push(
    entry.drg
      ? `MS-DRG ${entry.drg.drg}${entry.drg.title ? ` ${entry.drg.title}` : ''}${entry.drg.weight !== null ? ` · RW ${entry.drg.weight.toFixed(4)}` : ''} (v${entry.drg.version})`
      : `No MS-DRG: ${entry.drgReason ?? 'not grouped'}`,
  );
  const c = entry.counts;
  lines.push(
    c
      ? `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.cdiOpportunities, 'CDI opportunity', 'CDI opportunities')}`
      : 'Being checked…',
  );
  lines.push(plural(entry.openQueries, 'open query', 'open queries'));
  return lines.join('\n\n');
}

/** Today as the `coded:` field takes it: the local date, YYYY-MM-DD. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
