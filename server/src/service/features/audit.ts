// Audit mode in the editor: with an auditor's abstract present, a code lens over both abstracts
// reads "Audit: MS-DRG 292 → 291 · +0.4348 RW · +$2,936", a second lens and a code action
// "Accept auditor's coding" replace the coder's abstract with the auditor's lines in one edit
// (one undo). The differences themselves are the audit.* findings (rules/audit.ts).
import type { ChartDocument, Range } from '../../chart/model';
import type { ChartAnalysis } from '../analysis';
import { cachedAudit, type ChartAudit } from '../../audit/chartAudit';
import { indexLines, lineText } from '../../chart/text';
import { lineEndingAt, type TextEditData } from '../edits';
import type { CodeLensData } from './drg';
import type { CodeActionData } from './codeActions';
import { money } from '../../drg/setting';
import { AUDIT_RULE_IDS } from '../../rules/audit';

export const ACCEPT_AUDITOR_TITLE = "Accept auditor's coding";

/** "Audit: MS-DRG 292 → 291 · +0.4348 RW · +$2,936" (the same DRG: "Audit: MS-DRG 291, no change · 3 code changes"). */
export function auditLensTitle(audit: ChartAudit): string {
  const drg = (d: string | null) => d ?? 'not grouped';
  const parts: string[] = [];
  if (audit.drgChanged) {
    parts.push(`Audit: MS-DRG ${drg(audit.coder.drg)} → ${drg(audit.auditor.drg)}`);
    if (audit.weightDelta !== null) parts.push(`${audit.weightDelta >= 0 ? '+' : '−'}${Math.abs(audit.weightDelta).toFixed(4)} RW`);
    if (audit.paymentDelta !== null) parts.push(`${audit.paymentDelta >= 0 ? '+' : '−'}${money(Math.abs(audit.paymentDelta))}`);
  } else parts.push(`Audit: MS-DRG ${drg(audit.coder.drg)}, no change`);
  const c = audit.comparison;
  const n = c.changes + c.dx.poa.length;
  parts.push(n === 0 && !c.pdxChanged ? 'no code changes' : `${n} change${n === 1 ? '' : 's'}${c.pdxChanged ? ', PDX changed' : ''}`);
  return parts.join(' · ');
}

export interface AuditLensData extends CodeLensData {
  /** The lens runs "Accept auditor's coding" on the chart. */
  acceptsAuditorCoding?: boolean;
}

export function auditCodeLenses(a: ChartAnalysis): AuditLensData[] {
  const chart = a.chart;
  if (!chart.auditorAbstract) return [];
  const audit = cachedAudit(chart, a.ctx, a.release());
  if (!audit) return [];
  const out: AuditLensData[] = [];
  const title = auditLensTitle(audit);
  for (const block of [chart.abstract, chart.auditorAbstract]) {
    if (!block) continue;
    const range = { start: block.range.start, end: block.range.start };
    out.push({ range, title, opensDrgAnalysis: false });
  }
  if (acceptAuditorEdit(chart)) {
    const at = chart.auditorAbstract.range.start;
    out.push({ range: { start: at, end: at }, title: ACCEPT_AUDITOR_TITLE, opensDrgAnalysis: false, acceptsAuditorCoding: true });
  }
  return out;
}

/**
 * The edit that replaces the coder's abstract lines with the auditor's (their `# reason:` comments
 * dropped: they explain the audit, not the claim), or inserts a coder's abstract before the
 * auditor's when there is none. null when there is nothing to accept (no auditor's abstract, an
 * unclosed block, or the coder's lines are already the auditor's).
 */
export function acceptAuditorEdit(chart: ChartDocument): TextEditData | null {
  const auditor = chart.auditorAbstract;
  if (!auditor?.closed || (chart.abstract && !chart.abstract.closed)) return null;
  const text = chart.text;
  const lines = indexLines(text);
  const eol = lineEndingAt(text, lines, auditor.range.start.line);
  const body: string[] = [];
  for (let l = auditor.bodyRange.start.line; l < auditor.bodyRange.end.line; l++) {
    const line = auditor.lines.find((x) => x.range.start.line === l);
    let t = lineText(text, lines, l);
    if (line?.reason && t.includes('#')) t = t.slice(0, t.indexOf('#')).replace(/\s+$/, ''); // `#` starts an abstract line's comment
    // A comment of its own that only gives a reason goes too.
    if (!line && /^\s*#\s*reason:/i.test(t)) continue;
    body.push(t + eol);
  }
  const newBody = body.join('');
  if (chart.abstract) {
    const r = chart.abstract.bodyRange;
    const current = text.slice(lines.starts[r.start.line], lines.starts[r.end.line]);
    if (current.replace(/\r\n?/g, '\n') === newBody.replace(/\r\n?/g, '\n')) return null;
    return { range: r, newText: newBody };
  }
  const at = { line: auditor.range.start.line, character: 0 };
  return { range: { start: at, end: at }, newText: `\`\`\`abstract${eol}${newBody}\`\`\`${eol}${eol}` };
}

function within(range: Range, block: { range: Range } | null): boolean {
  return !!block && range.start.line >= block.range.start.line && range.start.line <= block.range.end.line;
}

/** "Accept auditor's coding" where the cursor is in either abstract. */
export function auditCodeActions(chart: ChartDocument, range: Range): CodeActionData[] {
  if (!within(range, chart.abstract) && !within(range, chart.auditorAbstract)) return [];
  const edit = acceptAuditorEdit(chart);
  return edit ? [{ title: ACCEPT_AUDITOR_TITLE, kind: 'quickfix', diagnosticRules: AUDIT_RULE_IDS.map((r) => r.id), edits: [edit] }] : [];
}
