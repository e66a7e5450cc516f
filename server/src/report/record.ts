// One chart as the team report counts it (docs/reports.md): status, the coder's MS-DRG with the
// weight of the chart's release, whether an MCC/CC was captured, findings by rule, queries, and
// the audit when there is an auditor's abstract. Plain data (it crosses worker threads and is
// one line of `chartcoder report --format jsonl`).
import type { LanguageService } from '../service/languageService';
import { trackQueries, type TrackedQuery } from '../service/features/queries';
import { cachedAudit, type ChartAudit } from '../audit/chartAudit';

export interface ChartRecord {
  file: string;
  encounter: string | null;
  /** Header `status:` (to-code, in-progress, query-pending, coded, audited), or null. */
  status: string | null;
  coder: string | null;
  auditor: string | null;
  discharged: string | null;
  /** The coder's MS-DRG grouped with the logic of the discharge date's release; null when not grouped (`drgError`). */
  drg: string | null;
  title: string | null;
  /** Relative weight of the MS-DRG in the release of the discharge date. */
  weight: number | null;
  /** Grouper version ("430"). */
  version: string | null;
  drgError?: string;
  /** Secondary diagnoses that count as MCC / CC on the claim (not CC-excluded, not a HAC). */
  mccs: number;
  ccs: number;
  /** Unsuppressed findings per rule id, and per severity. */
  findings: Record<string, number>;
  errors: number;
  warnings: number;
  queries: Pick<TrackedQuery, 'id' | 'to' | 'status' | 'ageDays' | 'condition'>[];
  audit: ChartAudit | null;
}

export interface RecordOptions {
  /** The date query ages are counted to (YYYY-MM-DD). */
  today: string;
  /** Run the guideline rules (findings by rule); off makes the report several times faster. */
  findings: boolean;
}

/** The record of one chart's text; `service` holds the tables and settings (its document is forgotten after). */
export function chartRecord(file: string, text: string, service: LanguageService, options: RecordOptions): ChartRecord {
  const doc = { uri: file, version: 0, text };
  const a = service.analysis(doc);
  const chart = a.chart;
  const h = chart.header;
  const rec: ChartRecord = {
    file,
    encounter: h?.encounter ?? null,
    status: h?.status ?? null,
    coder: h?.coder ?? null,
    auditor: h?.auditor ?? null,
    discharged: h?.discharged ?? null,
    drg: null,
    title: null,
    weight: null,
    version: null,
    mccs: 0,
    ccs: 0,
    findings: {},
    errors: 0,
    warnings: 0,
    queries: trackQueries(chart, options.today).map((q) => ({ id: q.id, to: q.to, status: q.status, ageDays: q.ageDays, condition: q.condition })),
    audit: null,
  };
  const d = a.drg();
  if ('reason' in d) rec.drgError = d.reason;
  else {
    rec.drg = d.current.drg;
    rec.title = d.current.title;
    rec.weight = d.current.weight;
    rec.version = d.setting.abstract.version;
    for (const s of d.result.sdx) {
      if (s.usage === 'MCC') rec.mccs++;
      else if (s.usage === 'CC') rec.ccs++;
    }
  }
  if (options.findings) {
    for (const f of a.findings()) {
      if (f.suppressed) continue;
      rec.findings[f.rule] = (rec.findings[f.rule] ?? 0) + 1;
      if (f.severity === 'error') rec.errors++;
      else if (f.severity === 'warning') rec.warnings++;
    }
  }
  rec.audit = cachedAudit(chart, a.ctx, a.release()); // the audit.* rules have computed it when findings ran
  service.forget(file);
  return rec;
}
