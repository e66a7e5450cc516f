// The audit comparison: the coder's abstract against the auditor's, as docs/audit.md defines it.
// One definition for the CLI (`chartcoder audit`, `chartcoder report`), the editor's audit.*
// diagnostics and the code lens. Pure: abstract lines in, differences out (no tables, no grouper;
// ./chartAudit.ts adds the DRGs and ./reasons.ts the reasons).
//
//   diagnoses  the multiset of PDX and SDX codes (ADX is not a reported diagnosis):
//              added    = auditor's multiset − coder's     deleted = coder's − auditor's
//              revised  = a deleted and an added code of the same 3-character category, paired in
//                         abstract order (the coder's order for the deleted, the auditor's for the
//                         added), counted once and no longer counted as added or deleted
//              poa      = a code in both (each occurrence paired in order) whose POA differs
//                         (on an SDX blank and 1 both mean exempt; a PDX without POA is Y)
//   pdxChanged the principal diagnoses differ (selection or sequencing), counted apart
//   procedures the multiset of PROC codes the same way; revised = the same first 3 characters
//              (section, body system, root operation)
import type { AbstractBlock, AbstractLine, Range } from '../chart/model';
import { normalizeCode } from '../base/codes';

/** One reported code of an abstract, with where it is written. */
export interface AbstractCode {
  /** Normalised code (upper case, no dot). */
  code: string;
  kind: 'PDX' | 'SDX' | 'PROC';
  /** POA as written, upper case; '' when none. */
  poa: string;
  range: Range;
  /** The line's `# reason:` text, when the author gave one. */
  reason?: string;
}

export interface Revision {
  from: AbstractCode;
  to: AbstractCode;
}

export interface PoaChange {
  coder: AbstractCode;
  auditor: AbstractCode;
}

export interface CodeDiff {
  added: AbstractCode[];
  deleted: AbstractCode[];
  revised: Revision[];
}

export interface AbstractComparison {
  dx: CodeDiff & { poa: PoaChange[] };
  proc: CodeDiff;
  pdxChanged: boolean;
  pdx: { coder: AbstractCode | null; auditor: AbstractCode | null };
  /** Codes in the auditor's abstract (diagnoses, procedures): the denominator of code accuracy. */
  auditorCodes: { dx: number; proc: number };
  /** Diagnosis codes present in both abstracts (multiset intersection): the denominator of POA accuracy. */
  dxInBoth: number;
  /** added + deleted + revised, diagnoses and procedures (each revision once). */
  changes: number;
}

/** The reported codes of an abstract block in written order (lines without a code are skipped). */
export function abstractCodes(block: AbstractBlock | null): AbstractCode[] {
  const out: AbstractCode[] = [];
  for (const line of block?.lines ?? []) {
    const kind = line.kind.value;
    if (!line.code || kind === 'ADX') continue;
    out.push(codeOf(line, kind));
  }
  return out;
}

function codeOf(line: AbstractLine, kind: 'PDX' | 'SDX' | 'PROC'): AbstractCode {
  const c: AbstractCode = { code: normalizeCode(line.code!.value), kind, poa: (line.poa?.value ?? '').trim().toUpperCase(), range: line.range };
  if (line.reason?.value.trim()) c.reason = line.reason.value.trim();
  return c;
}

/**
 * The POA a line reports: on an SDX blank and 1 both mean exempt; on the PDX the indicator is
 * optional and blank means Y (as the grouper reads it, drg/chartAbstract.ts).
 */
function reportedPoa(c: AbstractCode): string {
  if (c.poa !== '') return c.poa;
  return c.kind === 'PDX' ? 'Y' : '1';
}

/**
 * Multiset difference with the pairing of revisions. `coder` and `auditor` are in abstract order;
 * `sameFamily` says whether a deleted and an added code may be paired as a revision.
 */
function diffCodes(coder: AbstractCode[], auditor: AbstractCode[], sameFamily: (a: string, b: string) => boolean) {
  // Pair equal codes first, occurrence by occurrence in order: what is left is deleted / added.
  const unmatchedAuditor = [...auditor];
  const deleted: AbstractCode[] = [];
  const matched: PoaChange[] = [];
  for (const c of coder) {
    const i = unmatchedAuditor.findIndex((a) => a.code === c.code);
    if (i < 0) deleted.push(c);
    else matched.push({ coder: c, auditor: unmatchedAuditor.splice(i, 1)[0]! });
  }
  const added = unmatchedAuditor;
  // Revisions: each deleted code, in the coder's order, takes the first added code of its family
  // in the auditor's order that is still unpaired.
  const revised: Revision[] = [];
  const stillDeleted: AbstractCode[] = [];
  for (const d of deleted) {
    const i = added.findIndex((a) => sameFamily(d.code, a.code));
    if (i < 0) stillDeleted.push(d);
    else revised.push({ from: d, to: added.splice(i, 1)[0]! });
  }
  return { added, deleted: stillDeleted, revised, matched };
}

const category = (code: string) => code.slice(0, 3);

export function compareAbstracts(coderBlock: AbstractBlock | null, auditorBlock: AbstractBlock | null): AbstractComparison {
  return compareCodes(abstractCodes(coderBlock), abstractCodes(auditorBlock));
}

/** The comparison of two lists of reported codes (each in abstract order). */
export function compareCodes(coder: AbstractCode[], auditor: AbstractCode[]): AbstractComparison {
  const isDx = (c: AbstractCode) => c.kind !== 'PROC';
  const dx = diffCodes(coder.filter(isDx), auditor.filter(isDx), (a, b) => category(a) === category(b));
  const proc = diffCodes(
    coder.filter((c) => !isDx(c)),
    auditor.filter((c) => !isDx(c)),
    (a, b) => category(a) === category(b),
  );
  const coderPdx = coder.find((c) => c.kind === 'PDX') ?? null;
  const auditorPdx = auditor.find((c) => c.kind === 'PDX') ?? null;
  const poa = dx.matched.filter((m) => reportedPoa(m.coder) !== reportedPoa(m.auditor));
  return {
    dx: { added: dx.added, deleted: dx.deleted, revised: dx.revised, poa },
    proc: { added: proc.added, deleted: proc.deleted, revised: proc.revised },
    pdxChanged: (coderPdx?.code ?? null) !== (auditorPdx?.code ?? null),
    pdx: { coder: coderPdx, auditor: auditorPdx },
    auditorCodes: { dx: auditor.filter(isDx).length, proc: auditor.filter((c) => !isDx(c)).length },
    dxInBoth: dx.matched.length,
    changes: dx.added.length + dx.deleted.length + dx.revised.length + proc.added.length + proc.deleted.length + proc.revised.length,
  };
}
