// audit.*: where a chart has an auditor's abstract (```abstract by=auditor```), each difference
// from the coder's abstract is a finding, on the coder's line and on the auditor's line, with the
// reason category (docs/audit.md). Information by default: an audit records what the auditor
// changed; it is not a guideline error of the chart.
import type { Range } from '../chart/model';
import type { Rule, RuleFinding } from './rule';
import { cachedAudit } from '../audit/chartAudit';
import type { AbstractCode } from '../audit/compare';
import type { AuditReason, ChangeKind } from '../audit/reasons';
import { dottedCm } from '../base/codes';

const show = (c: AbstractCode) => (c.kind === 'PROC' ? c.code : dottedCm(c.code));

export const AUDIT_RULE_IDS = [
  { id: 'audit.pdx-changed', defaultSeverity: 'info', summary: "The auditor's principal diagnosis differs from the coder's (selection or sequencing)." },
  { id: 'audit.dx-added', defaultSeverity: 'info', summary: 'A diagnosis the auditor reports and the coder does not.' },
  { id: 'audit.dx-deleted', defaultSeverity: 'info', summary: 'A diagnosis the coder reports and the auditor does not.' },
  { id: 'audit.dx-revised', defaultSeverity: 'info', summary: 'A diagnosis the auditor replaced with another code of the same category.' },
  { id: 'audit.poa-changed', defaultSeverity: 'info', summary: "The same diagnosis with another POA indicator in the auditor's abstract." },
  { id: 'audit.proc-added', defaultSeverity: 'info', summary: 'A procedure the auditor reports and the coder does not.' },
  { id: 'audit.proc-deleted', defaultSeverity: 'info', summary: 'A procedure the coder reports and the auditor does not.' },
  {
    id: 'audit.proc-revised',
    defaultSeverity: 'info',
    summary: 'A procedure the auditor replaced with another code of the same section, body system and root operation.',
  },
] as const;

export const auditRules: Rule = {
  id: 'audit.*',
  summary: "Differences between the coder's and the auditor's abstracts.",
  defaultSeverity: 'info',
  ids: AUDIT_RULE_IDS,
  check(ctx) {
    const audit = cachedAudit(ctx.chart, ctx, ctx.release);
    if (!audit) return [];
    const c = audit.comparison;
    const out: RuleFinding[] = [];
    const why = (change: ChangeKind, codes: string[]): string => {
      const r: AuditReason | undefined = audit.reasons.find((x) => x.change === change && codes.every((code, i) => x.codes[i] === code));
      if (!r) return '';
      return ` — ${r.label}: ${r.detail}${r.auditorReason ? ` Auditor: “${r.auditorReason}”.` : ''}`;
    };
    const both = (rule: string, ranges: (Range | undefined)[], message: string, data?: unknown) => {
      for (const range of ranges) if (range) out.push({ rule, range, message, data });
    };
    if (c.pdxChanged) {
      const from = c.pdx.coder;
      const to = c.pdx.auditor;
      both(
        'audit.pdx-changed',
        [from?.range, to?.range],
        `Audit: principal diagnosis ${from ? show(from) : '(none)'} → ${to ? show(to) : '(none)'}${why('pdx', [from ? show(from) : '', to ? show(to) : ''])}`,
      );
    }
    for (const a of c.dx.added) both('audit.dx-added', [a.range], `Audit: the auditor adds ${show(a)}${why('dx-added', [show(a)])}`);
    for (const d of c.dx.deleted) both('audit.dx-deleted', [d.range], `Audit: the auditor removes ${show(d)}${why('dx-deleted', [show(d)])}`);
    for (const r of c.dx.revised)
      both('audit.dx-revised', [r.from.range, r.to.range], `Audit: ${show(r.from)} revised to ${show(r.to)}${why('dx-revised', [show(r.from), show(r.to)])}`);
    for (const p of c.dx.poa)
      both(
        'audit.poa-changed',
        [p.coder.range, p.auditor.range],
        `Audit: POA of ${show(p.auditor)} ${p.coder.poa || 'blank'} → ${p.auditor.poa || 'blank'}${why('dx-poa', [show(p.auditor)])}`,
      );
    for (const a of c.proc.added) both('audit.proc-added', [a.range], `Audit: the auditor adds procedure ${a.code}${why('proc-added', [a.code])}`);
    for (const d of c.proc.deleted) both('audit.proc-deleted', [d.range], `Audit: the auditor removes procedure ${d.code}${why('proc-deleted', [d.code])}`);
    for (const r of c.proc.revised)
      both(
        'audit.proc-revised',
        [r.from.range, r.to.range],
        `Audit: procedure ${r.from.code} revised to ${r.to.code}${why('proc-revised', [r.from.code, r.to.code])}`,
      );
    return out;
  },
};
