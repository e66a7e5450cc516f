// The audit as text and CSV (the HTML page is ./html.ts; JSON is summary.ts's auditJson).
import { money } from '../drg/setting';
import { csvRow } from '../base/csv';
import { dottedCm } from '../base/codes';
import { REASON_LABELS, type ReasonCategory } from './reasons';
import type { AuditEntry, AuditRates, AuditSummary } from './summary';
import type { AbstractCode } from './compare';

export const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
export const signedMoney = (n: number) => `${n >= 0 ? '+' : '−'}${money(Math.abs(n))}`;
export const signedWeight = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(4)}`;
const show = (c: AbstractCode) => (c.kind === 'PROC' ? c.code : dottedCm(c.code));

/** "MS-DRG 292 → 291 · +0.4348 RW · +$2,936" (or "MS-DRG 291 (no change)"). */
export function drgChangeLine(e: AuditEntry): string {
  const a = e.audit!;
  const drg = (d: string | null) => d ?? 'not grouped';
  if (!a.drgChanged) return `MS-DRG ${drg(a.coder.drg)} (no change)`;
  const parts = [`MS-DRG ${drg(a.coder.drg)} → ${drg(a.auditor.drg)}`];
  if (a.weightDelta !== null) parts.push(`${signedWeight(a.weightDelta)} RW`);
  if (a.paymentDelta !== null) parts.push(signedMoney(a.paymentDelta));
  return parts.join(' · ');
}

function changesLine(e: AuditEntry): string {
  const c = e.audit!.comparison;
  const parts: string[] = [];
  if (c.pdxChanged) parts.push(`PDX ${c.pdx.coder ? show(c.pdx.coder) : '—'} → ${c.pdx.auditor ? show(c.pdx.auditor) : '—'}`);
  if (c.dx.added.length) parts.push(`dx added ${c.dx.added.map(show).join(' ')}`);
  if (c.dx.deleted.length) parts.push(`dx deleted ${c.dx.deleted.map(show).join(' ')}`);
  if (c.dx.revised.length) parts.push(`dx revised ${c.dx.revised.map((r) => `${show(r.from)}→${show(r.to)}`).join(' ')}`);
  if (c.dx.poa.length) parts.push(`POA ${c.dx.poa.map((p) => `${show(p.auditor)} ${p.coder.poa || '-'}→${p.auditor.poa || '-'}`).join(' ')}`);
  if (c.proc.added.length) parts.push(`proc added ${c.proc.added.map(show).join(' ')}`);
  if (c.proc.deleted.length) parts.push(`proc deleted ${c.proc.deleted.map(show).join(' ')}`);
  if (c.proc.revised.length) parts.push(`proc revised ${c.proc.revised.map((r) => `${show(r.from)}→${show(r.to)}`).join(' ')}`);
  return parts.length ? parts.join(' · ') : 'no changes';
}

function ratesLine(r: AuditRates): string {
  return `DRG ${pct(r.drgAccuracy)} · PDX ${pct(r.pdxAccuracy)} · codes ${pct(r.codeAccuracy)} · POA ${pct(r.poaAccuracy)} · payment net ${signedMoney(r.paymentImpact.net)}, absolute ${money(r.paymentImpact.absolute)}`;
}

export function auditText(entries: AuditEntry[], summary: AuditSummary): string {
  const out: string[] = [];
  for (const e of entries) {
    if (!e.audit) {
      out.push(`${e.file}: not audited (no auditor's abstract)`);
      continue;
    }
    out.push(`${e.file}: ${drgChangeLine(e)} · ${changesLine(e)}`);
    for (const side of ['coder', 'auditor'] as const) if (e.audit[side].error) out.push(`  ${side}'s abstract not grouped: ${e.audit[side].error}`);
    for (const r of e.audit.reasons) out.push(`  ${r.label}: ${r.detail}${r.auditorReason ? ` (auditor: ${r.auditorReason})` : ''}`);
  }
  out.push('');
  out.push(`Summary: ${summary.charts} audited chart${summary.charts === 1 ? '' : 's'}${summary.notAudited ? `, ${summary.notAudited} not audited` : ''}`);
  out.push(`  ${ratesLine(summary)}`);
  const coders = Object.entries(summary.byCoder);
  if (coders.length) {
    out.push('By coder:');
    for (const [id, r] of coders) out.push(`  ${id} (${r.charts} chart${r.charts === 1 ? '' : 's'}): ${ratesLine(r)}`);
  }
  const reasons = Object.entries(summary.byReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    out.push('By reason:');
    for (const [cat, n] of reasons) out.push(`  ${REASON_LABELS[cat as ReasonCategory]}: ${n}`);
  }
  return out.join('\n');
}

export const AUDIT_CSV_HEADER = [
  'file',
  'coder',
  'auditor',
  'audited',
  'coder_drg',
  'coder_weight',
  'coder_payment',
  'auditor_drg',
  'auditor_weight',
  'auditor_payment',
  'drg_changed',
  'pdx_changed',
  'weight_delta',
  'payment_delta',
  'dx_added',
  'dx_deleted',
  'dx_revised',
  'poa_changed',
  'proc_added',
  'proc_deleted',
  'proc_revised',
  'reasons',
];

export function auditCsv(entries: AuditEntry[]): string {
  const rows = [csvRow(AUDIT_CSV_HEADER)];
  for (const e of entries) {
    const a = e.audit;
    if (!a) {
      rows.push(csvRow([e.file, e.coderId, e.auditorId, 'no']));
      continue;
    }
    const c = a.comparison;
    rows.push(
      csvRow([
        e.file,
        e.coderId,
        e.auditorId,
        'yes',
        a.coder.drg,
        a.coder.weight,
        a.coder.payment,
        a.auditor.drg,
        a.auditor.weight,
        a.auditor.payment,
        a.drgChanged,
        c.pdxChanged,
        a.weightDelta,
        a.paymentDelta,
        c.dx.added.map(show).join(' '),
        c.dx.deleted.map(show).join(' '),
        c.dx.revised.map((r) => `${show(r.from)}>${show(r.to)}`).join(' '),
        c.dx.poa.map((p) => `${show(p.auditor)}:${p.coder.poa}>${p.auditor.poa}`).join(' '),
        c.proc.added.map(show).join(' '),
        c.proc.deleted.map(show).join(' '),
        c.proc.revised.map((r) => `${show(r.from)}>${show(r.to)}`).join(' '),
        [...new Set(a.reasons.map((r) => r.label))].join('; '),
      ]),
    );
  }
  return rows.join('\n');
}
