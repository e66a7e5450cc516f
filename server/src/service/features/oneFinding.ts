// One problem, one finding (issue 14 §3, issue 23 item 7). Where two findings report the same
// fact, the most specific is kept and mentions the other:
// - the same finding on a code written in the note and in the abstract (a 7th character missing
//   in both): the abstract's is kept, the note's places become its related locations;
// - a guideline rule and the Code Editor edit it explains on the principal diagnosis (R65.20 as
//   principal: seq.sepsis and mce.unacceptable-pdx): the rule is kept, at the higher severity,
//   and names the edit;
// - a finding that refines a code (doc.specificity, poa.exempt) on a line another finding says
//   cannot be reported as written (an invalid code, a ruled-out condition, an Excludes1 pair):
//   fixing the code comes first, so the refinement is left out.
// Runs on the findings after the user's levels (a rule the user turned off hides nothing), and
// leaves suppressed findings as they are.
import type { ChartDocument, Range } from '../../chart/model';
import type { Finding, Severity } from '../context';

/** Findings that say the code on their line cannot be reported as written. */
const CANNOT_BE_REPORTED = new Set([
  'code.unknown',
  'code.not-billable',
  'code.not-on-date',
  'code.seventh-character',
  'doc.ruled-out',
  'icd.excludes1',
  'seq.combination',
  'abstract.duplicate',
  'mce.invalid-code',
  'doc.integral-symptom',
]);

/** Findings that only refine a reported code: nothing to refine while the code itself is wrong. */
const REFINEMENTS = new Set(['doc.specificity', 'poa.exempt']);

/** Code Editor edits on the principal diagnosis, and the guideline rules that explain the same fact more specifically. */
const EXPLAINED_EDITS: Record<string, readonly string[]> = {
  'mce.unacceptable-pdx': ['seq.sepsis', 'icd.code-first', 'icd.manifestation-pdx', 'seq.symptom-pdx', 'seq.poisoning', 'seq.newborn', 'seq.obstetric'],
  'mce.manifestation-as-pdx': ['icd.manifestation-pdx', 'icd.code-first'],
  'mce.e-code-as-pdx': ['seq.poisoning'],
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

function inside(r: Range, block: Range | undefined): boolean {
  return !!block && r.start.line >= block.start.line && r.end.line <= block.end.line;
}

export function oneFindingPerProblem(findings: Finding[], chart: ChartDocument): Finding[] {
  const live = findings.filter((f) => !f.suppressed);
  if (live.length < 2) return findings;
  const abstract = chart.abstract?.range;
  const dropped = new Set<Finding>();
  const replaced = new Map<Finding, Finding>();

  // The same finding in the note and in the abstract: keep the abstract's.
  const byText = new Map<string, Finding[]>();
  for (const f of live) {
    const key = `${f.rule}\u0000${f.message}`;
    (byText.get(key) ?? byText.set(key, []).get(key)!).push(f);
  }
  for (const group of byText.values()) {
    const kept = group.find((f) => inside(f.range, abstract));
    // The auditor's abstract is not the note: an audit difference is shown on both abstracts (audit.*).
    const notes = group.filter((f) => f !== kept && !inside(f.range, abstract) && !inside(f.range, chart.auditorAbstract?.range));
    if (!kept || !notes.length) continue;
    notes.forEach((f) => dropped.add(f));
    const lines = notes.map((f) => f.range.start.line + 1).join(', ');
    replaced.set(kept, {
      ...kept,
      message: `${kept.message} (Also written so in the note: line${notes.length > 1 ? 's' : ''} ${lines}.)`,
      related: [...(kept.related ?? []), ...notes.map((f) => ({ range: f.range, message: 'the same code in the note' }))],
    });
  }

  // Per abstract line: what is said about its code.
  const byLine = new Map<number, Finding[]>();
  for (const f of live) if (inside(f.range, abstract)) (byLine.get(f.range.start.line) ?? byLine.set(f.range.start.line, []).get(f.range.start.line)!).push(f);
  for (const onLine of byLine.values()) {
    if (onLine.some((f) => CANNOT_BE_REPORTED.has(f.rule))) for (const f of onLine) if (REFINEMENTS.has(f.rule)) dropped.add(f);
    for (const edit of onLine) {
      const explainers = EXPLAINED_EDITS[edit.rule];
      const rule = explainers && onLine.find((f) => explainers.includes(f.rule) && !dropped.has(f));
      if (!rule) continue;
      dropped.add(edit);
      const current = replaced.get(rule) ?? rule;
      const severity = RANK[edit.severity] < RANK[current.severity] ? edit.severity : current.severity;
      replaced.set(rule, {
        ...current,
        severity,
        message: `${current.message} (The Medicare Code Editor rejects it too: ${edit.rule}.)`,
        related: [...(current.related ?? []), { range: edit.range, message: edit.message }],
      });
    }
  }
  // A documented code missing from the abstract, said twice: by the instruction that requires it
  // (icd.use-additional, on the abstract line) and by doc.not-in-abstract (on the note). The
  // instruction is the more specific: keep it, with the note's place as related information.
  for (const missing of live) {
    const code =
      (missing.data as { fix?: unknown; code?: unknown } | undefined)?.fix === 'add-to-abstract' ? (missing.data as { code?: unknown }).code : undefined;
    if (missing.rule !== 'doc.not-in-abstract' || typeof code !== 'string' || dropped.has(missing)) continue;
    const rule = live.find((f) => f.rule === 'icd.use-additional' && !dropped.has(f) && (f.data as { code?: unknown } | undefined)?.code === code);
    if (!rule) continue;
    dropped.add(missing);
    const current = replaced.get(rule) ?? rule;
    replaced.set(rule, { ...current, related: [...(current.related ?? []), { range: missing.range, message: 'documented here, not reported' }] });
  }
  if (!dropped.size && !replaced.size) return findings;
  return findings.filter((f) => !dropped.has(f)).map((f) => replaced.get(f) ?? f);
}
