// icd.code-first: a "code first" instruction not followed. For a manifestation (MCE flag or
// "in diseases classified elsewhere") the etiology must be reported, sequenced before it: fires
// when no code the note names is reported before it. For other codes the note is conditional
// ("code first … if applicable", "any associated …"): fires only when a named code is reported
// but sequenced after. R65.2- is left to seq.sepsis, a poisoning after its manifestation to
// seq.poisoning (one problem, one finding).
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, instructions, isManifestation, matchesPattern, reportedDx } from './facts';
import { poisoningAfterPdx } from './poisoning';

export const codeFirst: Rule = {
  id: 'icd.code-first',
  summary: 'A code-first (etiology/manifestation) instruction not followed.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    const date = ctx.release?.date ?? '';
    for (const r of dx) {
      if (r.code.startsWith('R652')) continue;
      const d = cmDetails(ctx, r.code);
      if (!d) continue;
      const mandatory = isManifestation(d, date);
      if (mandatory && r.kind === 'PDX') continue; // icd.manifestation-pdx says it (one problem, one finding)
      for (const ins of instructions(d, 'codeFirst')) {
        if (!ins.patterns.length) continue;
        const named = dx.filter((o) => o !== r && ins.patterns.some((p) => matchesPattern(o.code, p)));
        const before = named.filter((o) => o.index < r.index);
        if (before.length) continue;
        const text = summary(ins);
        if (named.length && r.kind === 'PDX' && named.every((o) => o.line === poisoningAfterPdx(ctx)?.line)) break; // seq.poisoning says it (one problem, one finding)
        if (named.length) {
          out.push({
            range: r.line.code!.range,
            message: `Code first: ${display(r.code)} says "code first ${text}" (${ins.head.from}), but ${named.map((o) => display(o.code)).join(', ')} is sequenced after it: move it before ${display(r.code)}.`,
          });
          break;
        }
        if (mandatory && r.kind === 'SDX') {
          out.push({
            range: r.line.code!.range,
            message: `Code first: ${display(r.code)} "${d.title}" is a manifestation; its note says "code first ${text}" (${ins.head.from}), and no such etiology is reported before it.`,
          });
          break;
        }
      }
    }
    return out;
  },
};

/** The note's first line and the codes it names (a long "such as" list is cut). */
function summary(ins: ReturnType<typeof instructions>[number]): string {
  if (ins.items.length === 1) return ins.head.text;
  const named = ins.patterns.map((p) => p.text);
  return `${ins.head.text} ${named.slice(0, 6).join(', ')}${named.length > 6 ? `, … (${named.length} in all)` : ''}`;
}
