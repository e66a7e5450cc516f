// The team report over many charts (docs/reports.md): charts by status, the case-mix index as
// coded, the DRG distribution, the MCC/CC capture rate, findings by rule, open queries and their
// age, and the audit summary where auditors' abstracts exist.
import { auditSummary, type AuditEntry, type AuditSummary } from '../audit/summary';
import type { ChartRecord } from './record';

export interface DrgRow {
  drg: string;
  title: string | null;
  charts: number;
  /** The weight of the DRG (of the newest release among its charts, for display). */
  weight: number | null;
}

export interface OpenQuery {
  file: string;
  id: string;
  to: string | null;
  ageDays: number | null;
  condition: string | null;
}

export interface TeamReport {
  charts: number;
  byStatus: Record<string, number>;
  /** Mean relative weight of the coders' MS-DRGs, each with the weights of its discharge date's release; null with no grouped chart. */
  cmi: number | null;
  /** Charts the CMI counts (grouped, with a weight, not MS-DRG 999), and the charts not grouped. */
  cmiCharts: number;
  notGrouped: number;
  drgs: DrgRow[];
  /** Share of grouped charts with at least one MCC, with at least one CC or MCC (secondary diagnoses as the grouper counts them). */
  capture: { mccRate: number | null; ccOrMccRate: number | null; withMcc: number; withCcOnly: number };
  findingsByRule: Record<string, number>;
  errors: number;
  warnings: number;
  openQueries: { count: number; over7Days: number; meanAgeDays: number | null; oldestDays: number | null; queries: OpenQuery[] };
  audit: AuditSummary | null;
}

export const NO_STATUS = '(no status)';
const UNGROUPABLE = '999';

export function teamReport(records: ChartRecord[]): TeamReport {
  const byStatus: Record<string, number> = {};
  const drgs = new Map<string, DrgRow & { version: string }>();
  let weightSum = 0;
  let weighted = 0;
  let notGrouped = 0;
  let withMcc = 0;
  let withCcOnly = 0;
  let grouped = 0;
  const findingsByRule: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  const open: OpenQuery[] = [];
  const audits: AuditEntry[] = [];
  for (const r of records) {
    const status = r.status ?? NO_STATUS;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (r.drg === null) notGrouped++;
    else {
      grouped++;
      // An ungroupable claim (MS-DRG 999) has no weight to count: it is not in the CMI.
      if (r.weight !== null && r.drg !== UNGROUPABLE) {
        weightSum += r.weight;
        weighted++;
      }
      if (r.mccs > 0) withMcc++;
      else if (r.ccs > 0) withCcOnly++;
      const row = drgs.get(r.drg);
      if (!row) drgs.set(r.drg, { drg: r.drg, title: r.title, charts: 1, weight: r.weight, version: r.version ?? '' });
      else {
        row.charts++;
        if ((r.version ?? '') > row.version) Object.assign(row, { title: r.title, weight: r.weight, version: r.version ?? '' });
      }
    }
    for (const [rule, n] of Object.entries(r.findings)) findingsByRule[rule] = (findingsByRule[rule] ?? 0) + n;
    errors += r.errors;
    warnings += r.warnings;
    for (const q of r.queries) if (q.status === 'open') open.push({ file: r.file, id: q.id, to: q.to, ageDays: q.ageDays, condition: q.condition });
    if (r.audit || r.auditor) audits.push({ file: r.file, coderId: r.coder, auditorId: r.auditor, audited: null, discharged: r.discharged, audit: r.audit });
  }
  const ages = open.map((q) => q.ageDays).filter((a): a is number => a !== null);
  open.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1));
  const audited = audits.filter((a) => a.audit);
  return {
    charts: records.length,
    byStatus,
    cmi: weighted ? Math.round((weightSum / weighted) * 10000) / 10000 : null,
    cmiCharts: weighted,
    notGrouped,
    drgs: [...drgs.values()]
      .sort((a, b) => b.charts - a.charts || a.drg.localeCompare(b.drg))
      .map(({ drg, title, charts, weight }) => ({ drg, title, charts, weight })),
    capture: { mccRate: grouped ? withMcc / grouped : null, ccOrMccRate: grouped ? (withMcc + withCcOnly) / grouped : null, withMcc, withCcOnly },
    findingsByRule: Object.fromEntries(Object.entries(findingsByRule).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    errors,
    warnings,
    openQueries: {
      count: open.length,
      over7Days: ages.filter((a) => a > 7).length,
      meanAgeDays: ages.length ? Math.round((ages.reduce((s, a) => s + a, 0) / ages.length) * 10) / 10 : null,
      oldestDays: ages.length ? Math.max(...ages) : null,
      queries: open,
    },
    audit: audited.length ? auditSummary(audited) : null,
  };
}
