// Which table release a chart is checked against: the one of its discharge date. A chart with
// no (valid) discharge date is checked against the newest release, and says so.
import type { ChartDocument } from '../chart/model';
import type { CodeTables, Release } from '../tables/types';

export interface ChartRelease {
  /** The date used for every lookup (YYYY-MM-DD). */
  date: string;
  release: Release | null;
  /** Why this release may not be what the user expects (null when the discharge date picked it cleanly). */
  warning: string | null;
}

export function chartRelease(chart: ChartDocument, tables: CodeTables): ChartRelease {
  const discharged = chart.header?.discharged;
  if (!discharged) {
    const newest = newestRelease(tables);
    return {
      date: newest?.start ?? '1970-01-01',
      release: newest,
      warning: newest ? `No discharge date: checked against the newest release, ${newest.label}.` : 'No code-table release is installed.',
    };
  }
  const choice = tables.releaseFor(discharged);
  switch (choice.kind) {
    case 'ok':
      return { date: discharged, release: choice.release, warning: null };
    case 'beyond-newest':
      return { date: discharged, release: choice.release, warning: choice.message };
    case 'none':
      return { date: discharged, release: null, warning: choice.message };
  }
}

export function newestRelease(tables: CodeTables): Release | null {
  let newest: Release | null = null;
  for (const r of tables.releases) if (!newest || r.start > newest.start) newest = r;
  return newest;
}
