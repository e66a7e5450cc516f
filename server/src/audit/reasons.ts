// Why each audit change was made, in the categories an auditor uses (docs/audit.md, "Reasons").
// Derived from the comparison, the grouper's view of both abstracts (CC/MCC as used on each claim)
// and the guideline data (combination codes); where none of these says more than "a code was
// added/removed", the auditor's `# reason:` comment names the category when it can.
import type { AbstractCode, AbstractComparison } from './compare';
import type { SdxResult } from '../grouper/group';
import { COMBINATIONS } from '../rules/data/combinations';
import { dottedCm } from '../base/codes';

export type ReasonCategory =
  | 'pdx-selection'
  | 'missed-cc-mcc'
  | 'unsupported'
  | 'missed-code'
  | 'specificity'
  | 'seventh-character'
  | 'poa'
  | 'combination'
  | 'procedure-root-operation'
  | 'procedure-body-part'
  | 'procedure-approach'
  | 'procedure-device'
  | 'procedure-qualifier'
  | 'missed-procedure'
  | 'other';

export const REASON_LABELS: Record<ReasonCategory, string> = {
  'pdx-selection': 'PDX selection/sequencing',
  'missed-cc-mcc': 'Missed CC/MCC',
  unsupported: 'Unsupported code',
  'missed-code': 'Missed secondary diagnosis',
  specificity: 'Specificity',
  'seventh-character': '7th character',
  poa: 'POA error',
  combination: 'Combination code',
  'procedure-root-operation': 'Procedure: root operation',
  'procedure-body-part': 'Procedure: body part',
  'procedure-approach': 'Procedure: approach',
  'procedure-device': 'Procedure: device',
  'procedure-qualifier': 'Procedure: qualifier',
  'missed-procedure': 'Missed procedure',
  other: 'Other',
};

export type ChangeKind = 'pdx' | 'dx-added' | 'dx-deleted' | 'dx-revised' | 'dx-poa' | 'proc-added' | 'proc-deleted' | 'proc-revised';

export interface AuditReason {
  change: ChangeKind;
  /** The codes involved, in display form ([from, to] for a revision or a PDX change). */
  codes: string[];
  category: ReasonCategory;
  label: string;
  /** One sentence saying what the grouper or the rules found. */
  detail: string;
  /** Where the category comes from. */
  source: 'grouper' | 'rules' | 'auditor' | 'comparison';
  /** The auditor's `# reason:` on the line, when written. */
  auditorReason?: string;
}

/** The grouper's view of one side: each SDX line's result, found by the line's position in the abstract. */
export interface GroupedSide {
  sdx: Map<AbstractCode, SdxResult>;
}

export interface ReasonInput {
  comparison: AbstractComparison;
  coder: GroupedSide | null;
  auditor: GroupedSide | null;
  /** Codes of the coder's / auditor's abstract (for combination and sequencing checks). */
  coderCodes: AbstractCode[];
  auditorCodes: AbstractCode[];
}

const show = (c: AbstractCode) => (c.kind === 'PROC' ? c.code : dottedCm(c.code));

/** The category an auditor's free-text reason names, if it names one plainly. */
export function categoryOfText(text: string | undefined): ReasonCategory | null {
  if (!text) return null;
  const t = text.toLowerCase();
  if (/\bpoa\b|present on admission/.test(t)) return 'poa';
  if (/7th|seventh/.test(t)) return 'seventh-character';
  if (/sequenc|principal|pdx/.test(t)) return 'pdx-selection';
  if (/combination/.test(t)) return 'combination';
  if (/\bm?cc\b|mcc|comorbid|complication/.test(t)) return 'missed-cc-mcc';
  if (/specific/.test(t)) return 'specificity';
  if (/not (documented|supported)|unsupported|no documentation|ruled out|not clinically/.test(t)) return 'unsupported';
  if (/approach/.test(t)) return 'procedure-approach';
  if (/body part/.test(t)) return 'procedure-body-part';
  if (/device/.test(t)) return 'procedure-device';
  if (/root operation/.test(t)) return 'procedure-root-operation';
  return null;
}

const PCS_AXES: [number, ReasonCategory, string][] = [
  [3, 'procedure-body-part', 'body part'],
  [4, 'procedure-approach', 'approach'],
  [5, 'procedure-device', 'device'],
  [6, 'procedure-qualifier', 'qualifier'],
];

/** A combination-code row that turns `from` (with the other reported codes) into `to`. */
function combinationOf(from: string, to: string): string | null {
  for (const row of COMBINATIONS) {
    if (row.combination && from.startsWith(row.replace) && to.startsWith(row.combination)) return row.source;
  }
  return null;
}

/** The severity a secondary diagnosis counts with on its claim: 0 none (non-CC, CC-excluded, HAC), 1 CC, 2 MCC. */
function rank(r: SdxResult): number {
  if (r.cc_excluded || r.hacMet.length) return 0;
  return r.severity === 'MCC' ? 2 : r.severity === 'CC' ? 1 : 0;
}

function severityOf(side: GroupedSide | null, c: AbstractCode): SdxResult | undefined {
  return side?.sdx.get(c);
}

export function auditReasons(input: ReasonInput): AuditReason[] {
  const { comparison: cmp } = input;
  const out: AuditReason[] = [];
  const reason = (r: Omit<AuditReason, 'label'>) => out.push({ ...r, label: REASON_LABELS[r.category] });

  // Combination codes: an added code that is the combination of a deleted (or revised-away) code.
  const combinationFor = new Map<AbstractCode, { with: AbstractCode; source: string }>();
  for (const a of cmp.dx.added) {
    for (const d of cmp.dx.deleted) {
      const source = combinationOf(d.code, a.code);
      if (source) {
        combinationFor.set(a, { with: d, source });
        combinationFor.set(d, { with: a, source });
      }
    }
  }

  if (cmp.pdxChanged) {
    const c = cmp.pdx.coder;
    const a = cmp.pdx.auditor;
    const wasSecondary = a && input.coderCodes.some((x) => x.kind === 'SDX' && x.code === a.code);
    reason({
      change: 'pdx',
      codes: [c ? show(c) : '', a ? show(a) : ''],
      category: 'pdx-selection',
      detail: !a
        ? 'The auditor reports no principal diagnosis.'
        : !c
          ? `The coder reported no principal diagnosis; the auditor's is ${show(a)}.`
          : wasSecondary
            ? `Sequencing: the coder reported ${show(a)} as a secondary diagnosis.`
            : `Selection: the coder did not report ${show(a)}.`,
      source: 'comparison',
      auditorReason: a?.reason,
    });
  }

  for (const a of cmp.dx.added) {
    if (a.kind === 'PDX' && cmp.pdxChanged) continue; // the PDX change says it
    const combo = combinationFor.get(a);
    const used = severityOf(input.auditor, a);
    const cc = used && (used.severity === 'CC' || used.severity === 'MCC') && !used.cc_excluded && used.hacMet.length === 0;
    if (combo)
      reason({
        change: 'dx-added',
        codes: [show(a)],
        category: 'combination',
        detail: `${show(a)} combines ${show(combo.with)} with a reported code (${combo.source}).`,
        source: 'rules',
        auditorReason: a.reason,
      });
    else if (cc)
      reason({
        change: 'dx-added',
        codes: [show(a)],
        category: 'missed-cc-mcc',
        detail: `${show(a)} is ${used.severity === 'MCC' ? 'an MCC' : 'a CC'} on the auditor's claim.`,
        source: 'grouper',
        auditorReason: a.reason,
      });
    else
      reason({
        change: 'dx-added',
        codes: [show(a)],
        category: categoryOfText(a.reason) ?? 'missed-code',
        detail: `${show(a)} was not reported by the coder${used ? ' (non-CC on this claim)' : ''}.`,
        source: categoryOfText(a.reason) ? 'auditor' : 'comparison',
        auditorReason: a.reason,
      });
  }

  for (const d of cmp.dx.deleted) {
    // The coder's PDX replaced by a principal the coder did not report: the PDX change says it.
    if (d.kind === 'PDX' && cmp.pdxChanged && cmp.pdx.auditor && cmp.dx.added.includes(cmp.pdx.auditor)) continue;
    const combo = combinationFor.get(d);
    const used = severityOf(input.coder, d);
    const cc = used && (used.severity === 'CC' || used.severity === 'MCC') && !used.cc_excluded;
    if (combo)
      reason({
        change: 'dx-deleted',
        codes: [show(d)],
        category: 'combination',
        detail: `${show(d)} is included in the combination code ${show(combo.with)} (${combo.source}).`,
        source: 'rules',
        auditorReason: d.reason,
      });
    else {
      const text = categoryOfText(d.reason);
      reason({
        change: 'dx-deleted',
        codes: [show(d)],
        category: text && text !== 'missed-cc-mcc' ? text : 'unsupported',
        detail: `The auditor did not report ${show(d)}${cc ? `, ${used.severity === 'MCC' ? 'an MCC' : 'a CC'} on the coder's claim` : ''}.`,
        source: cc ? 'grouper' : text ? 'auditor' : 'comparison',
        auditorReason: d.reason,
      });
    }
  }

  for (const r of cmp.dx.revised) {
    const seventh = r.from.code.length === 7 && r.to.code.length === 7 && r.from.code.slice(0, 6) === r.to.code.slice(0, 6);
    const used = severityOf(input.auditor, r.to);
    const before = severityOf(input.coder, r.from);
    // A revision that raises the severity the claim uses (non-CC → CC/MCC, CC → MCC) is a missed CC/MCC.
    const gainsCc = used !== undefined && rank(used) > (before ? rank(before) : 0);
    const combo = combinationOf(r.from.code, r.to.code);
    const category: ReasonCategory = seventh ? 'seventh-character' : combo ? 'combination' : gainsCc ? 'missed-cc-mcc' : 'specificity';
    reason({
      change: 'dx-revised',
      codes: [show(r.from), show(r.to)],
      category,
      detail: seventh
        ? `The 7th character changes from ${r.from.code[6]} to ${r.to.code[6]}.`
        : combo
          ? `${show(r.to)} is the combination code for ${show(r.from)} with a reported code (${combo}).`
          : gainsCc
            ? `${show(r.to)} is ${used.severity === 'MCC' ? 'an MCC' : 'a CC'} on the auditor's claim; ${show(r.from)} was ${before && rank(before) === 1 ? 'a CC' : 'not a CC or MCC'} on the coder's.`
            : `A more accurate code in category ${r.from.code.slice(0, 3)}.`,
      source: combo ? 'rules' : gainsCc && !seventh ? 'grouper' : 'comparison',
      auditorReason: r.to.reason,
    });
  }

  for (const p of cmp.dx.poa) {
    const hac = severityOf(input.auditor, p.auditor)?.hacMet.length || severityOf(input.coder, p.coder)?.hacMet.length;
    reason({
      change: 'dx-poa',
      codes: [show(p.auditor), p.coder.poa || '1', p.auditor.poa || '1'],
      category: 'poa',
      detail: `POA ${p.coder.poa || 'blank'} → ${p.auditor.poa || 'blank'}${hac ? ' (a hospital-acquired condition on one of the claims)' : ''}.`,
      source: hac ? 'grouper' : 'comparison',
      auditorReason: p.auditor.reason,
    });
  }

  // Procedures: a revision names the first axis that differs; an added and a deleted code of the
  // same section and body system with another root operation are a root-operation change.
  const rootChanged = new Set<AbstractCode>();
  for (const a of cmp.proc.added) {
    const d = cmp.proc.deleted.find((x) => !rootChanged.has(x) && x.code.slice(0, 2) === a.code.slice(0, 2));
    if (d) {
      rootChanged.add(a);
      rootChanged.add(d);
    }
  }
  for (const a of cmp.proc.added) {
    const root = rootChanged.has(a);
    reason({
      change: 'proc-added',
      codes: [a.code],
      category: root ? 'procedure-root-operation' : (categoryOfText(a.reason) ?? 'missed-procedure'),
      detail: root ? `Another root operation in the same body system (${a.code.slice(0, 2)}).` : `${a.code} was not reported by the coder.`,
      source: root ? 'comparison' : categoryOfText(a.reason) ? 'auditor' : 'comparison',
      auditorReason: a.reason,
    });
  }
  for (const d of cmp.proc.deleted) {
    const root = rootChanged.has(d);
    reason({
      change: 'proc-deleted',
      codes: [d.code],
      category: root ? 'procedure-root-operation' : 'unsupported',
      detail: root ? `Another root operation in the same body system (${d.code.slice(0, 2)}).` : `The auditor did not report ${d.code}.`,
      source: 'comparison',
      auditorReason: d.reason,
    });
  }
  for (const r of cmp.proc.revised) {
    const axes = PCS_AXES.filter(([i]) => r.from.code[i] !== r.to.code[i]);
    const first = axes[0];
    reason({
      change: 'proc-revised',
      codes: [r.from.code, r.to.code],
      category: first ? first[1] : 'other',
      detail: axes.length ? `Differs in the ${axes.map(([, , name]) => name).join(', ')}.` : 'The codes differ.',
      source: 'comparison',
      auditorReason: r.to.reason,
    });
  }
  for (const r of out) if (r.auditorReason === undefined) delete r.auditorReason;
  return out;
}
