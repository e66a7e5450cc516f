// icd.excludes1: two reported diagnoses in an Excludes1 relation ("NOT CODED HERE": the two
// conditions cannot occur together). Guideline I.A.12.a allows both when the conditions are
// unrelated — the coder's call, so the finding offers a suppression with a reason. The finding
// sits on the later line of the pair. Notes come from the tabular; overrides (data/noteOverrides)
// correct notes later releases changed. A code without notes in the tables is skipped, not guessed.
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, matchesPattern, named, notesOf, notePatterns, reportedDx } from './facts';
import { overridden } from './data/noteOverrides';

export const excludes1: Rule = {
  id: 'icd.excludes1',
  summary: 'Two reported codes in an Excludes1 relation.',
  defaultSeverity: 'error',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    // Each code's Excludes1 notes, read once (the pair loop is quadratic in the abstract).
    const notes = new Map(dx.map((r) => [r.code, notesOf(cmDetails(ctx, r.code), 'excludes1').map((n) => ({ n, patterns: notePatterns(n.text) }))]));
    const excludes = (owner: string, other: string) => {
      for (const { n, patterns } of notes.get(owner) ?? []) {
        if (!patterns.some((p) => matchesPattern(other, p))) continue;
        if (overridden('excludes1', owner, other)) continue;
        return { owner, other, text: `"${n.text}"`, from: n.from };
      }
      return null;
    };
    for (let j = 1; j < dx.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = dx[i];
        const b = dx[j];
        if (a.code === b.code) continue; // abstract.duplicate
        const hit = excludes(a.code, b.code) ?? excludes(b.code, a.code);
        if (!hit) continue;
        out.push({
          range: b.line.code!.range,
          message: `Excludes1: ${named(ctx, hit.owner)} excludes ${hit.text} — ${display(hit.other)} (line ${(hit.other === a.code ? a : b).line.range.start.line + 1}) cannot be reported with it unless the conditions are unrelated (guideline I.A.12.a; note at ${hit.from}).`,
        });
        break;
      }
    }
    return out;
  },
};
