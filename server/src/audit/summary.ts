// The audit's numbers over many charts (docs/audit.md, "Summary"): accuracy rates, payment impact,
// changes by reason, each for all charts and per coder (the header's `coder`). Only audited charts
// (with an auditor's abstract) count; the others are listed as not audited.
import { dottedCm } from '../base/codes';
import type { AbstractCode } from './compare';
import type { ChartAudit } from './chartAudit';
import type { ReasonCategory } from './reasons';

/** One chart as the audit sees it. */
export interface AuditEntry {
  file: string;
  /** Header `coder`, `auditor`, `audited`, `encounter`, discharge date. */
  coderId: string | null;
  auditorId: string | null;
  audited: string | null;
  discharged: string | null;
  /** null: not audited (no auditor's abstract). */
  audit: ChartAudit | null;
}

export interface AuditRates {
  charts: number;
  drgAccuracy: number | null;
  pdxAccuracy: number | null;
  codeAccuracy: number | null;
  poaAccuracy: number | null;
  paymentImpact: { net: number; absolute: number };
  /** Counts behind the rates. */
  counts: { drgChanged: number; pdxChanged: number; codeChanges: number; auditorCodes: number; poaChanges: number; dxInBoth: number };
  byReason: Partial<Record<ReasonCategory, number>>;
}

export interface AuditSummary extends AuditRates {
  notAudited: number;
  byCoder: Record<string, AuditRates>;
}

/** The key charts without a `coder:` header are counted under in byCoder. */
export const UNKNOWN_CODER = '(no coder)';

const round2 = (n: number) => Math.round(n * 100) / 100;

export function auditRates(audits: ChartAudit[]): AuditRates {
  const counts = { drgChanged: 0, pdxChanged: 0, codeChanges: 0, auditorCodes: 0, poaChanges: 0, dxInBoth: 0 };
  let net = 0;
  let absolute = 0;
  const byReason: Partial<Record<ReasonCategory, number>> = {};
  for (const a of audits) {
    if (a.drgChanged) counts.drgChanged++;
    if (a.comparison.pdxChanged) counts.pdxChanged++;
    counts.codeChanges += a.comparison.changes;
    counts.auditorCodes += a.comparison.auditorCodes.dx + a.comparison.auditorCodes.proc;
    counts.poaChanges += a.comparison.dx.poa.length;
    counts.dxInBoth += a.comparison.dxInBoth;
    if (a.paymentDelta !== null) {
      net += a.paymentDelta;
      absolute += Math.abs(a.paymentDelta);
    }
    for (const r of a.reasons) byReason[r.category] = (byReason[r.category] ?? 0) + 1;
  }
  const n = audits.length;
  const rate = (bad: number, of: number) => (of > 0 ? 1 - bad / of : null);
  return {
    charts: n,
    drgAccuracy: rate(counts.drgChanged, n),
    pdxAccuracy: rate(counts.pdxChanged, n),
    codeAccuracy: rate(counts.codeChanges, counts.auditorCodes),
    poaAccuracy: rate(counts.poaChanges, counts.dxInBoth),
    paymentImpact: { net: round2(net), absolute: round2(absolute) },
    counts,
    byReason,
  };
}

export function auditSummary(entries: AuditEntry[]): AuditSummary {
  const audited = entries.filter((e) => e.audit);
  const byCoder: Record<string, AuditRates> = {};
  const coders = new Map<string, ChartAudit[]>();
  for (const e of audited) {
    const key = e.coderId ?? UNKNOWN_CODER;
    coders.set(key, [...(coders.get(key) ?? []), e.audit!]);
  }
  for (const key of [...coders.keys()].sort()) byCoder[key] = auditRates(coders.get(key)!);
  return { ...auditRates(audited.map((e) => e.audit!)), notAudited: entries.length - audited.length, byCoder };
}

// ── the JSON shape of `chartcoder audit --format json` (docs/audit.md) ────────

const show = (c: AbstractCode) => (c.kind === 'PROC' ? c.code : dottedCm(c.code));

export function chartJson(e: AuditEntry): Record<string, unknown> {
  const a = e.audit;
  const base = { file: e.file, coderId: e.coderId, auditorId: e.auditorId, audited: a !== null };
  if (!a) return { ...base, reason: "no auditor's abstract (abstract by=auditor)" };
  const c = a.comparison;
  const side = (d: ChartAudit['coder']) => ({ drg: d.drg, title: d.title, weight: d.weight, payment: d.payment, ...(d.error ? { error: d.error } : {}) });
  return {
    ...base,
    coder: side(a.coder),
    auditor: side(a.auditor),
    drgChanged: a.drgChanged,
    pdxChanged: c.pdxChanged,
    weightDelta: a.weightDelta,
    paymentDelta: a.paymentDelta,
    dx: {
      added: c.dx.added.map(show),
      deleted: c.dx.deleted.map(show),
      revised: c.dx.revised.map((r) => [show(r.from), show(r.to)]),
      poa: c.dx.poa.map((p) => [show(p.auditor), p.coder.poa, p.auditor.poa]),
    },
    proc: {
      added: c.proc.added.map(show),
      deleted: c.proc.deleted.map(show),
      revised: c.proc.revised.map((r) => [show(r.from), show(r.to)]),
    },
    reasons: a.reasons,
  };
}

export function auditJson(entries: AuditEntry[]): { charts: Record<string, unknown>[]; summary: AuditSummary } {
  return { charts: entries.map(chartJson), summary: auditSummary(entries) };
}
