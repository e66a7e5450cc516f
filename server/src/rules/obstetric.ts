// seq.obstetric: the delivery codes of the mother's record (guideline I.C.15.b.4-5).
// - O80 (full-term uncomplicated delivery) is a single diagnosis: no other chapter-15 code with it
//   (I.C.15.b.4; the O80 tabular note "not to be used with any other code from chapter 15"), and
//   its outcome is the one its use-additional note names (Z37.0, single live birth).
// - Every delivery carries a Z37.- outcome-of-delivery code (I.C.15.b.5). A delivery is O80/O82,
//   a chapter-15 code whose title places it in labor or delivery, or a delivery procedure
//   (ICD-10-PCS Obstetrics, root operation Delivery or Extraction of the products of conception,
//   10D0/10E0). One finding per problem, on the principal diagnosis.
import type { Rule, RuleFinding } from './rule';
import { cmDetails, codeAnnotations, display, instructions, matchesPattern, reportedDx, reportedLines } from './facts';

const DELIVERY_TITLE =
  /\b(during|in|complicating) (labor and )?(delivery|childbirth)\b|\bwith (preterm |term )?delivery\b|\bdelivered\b|\bobstructed labor\b|\blabor and delivery complicated\b/i;

export const obstetric: Rule = {
  id: 'seq.obstetric',
  summary: 'O80 with another chapter-15 code or the wrong outcome, or a delivery without a Z37.- outcome code.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    const o80 = dx.find((r) => r.code === 'O80');
    const chapter15 = dx.filter((r) => r.code !== 'O80' && cmDetails(ctx, r.code)?.chapter?.num === '15');
    const outcomes = dx.filter((r) => r.code.startsWith('Z37'));
    if (o80 && chapter15.length) {
      out.push({
        range: o80.line.code!.range,
        message: `O80 (uncomplicated delivery) is reported with ${chapter15.map((r) => display(r.code)).join(', ')}: O80 is a single diagnosis, never used with another chapter-15 code — a complicated delivery is coded with the complication instead (guideline I.C.15.b.4).`,
      });
    }
    if (o80 && outcomes.length) {
      // The outcome O80 allows, from its own "use additional code to indicate outcome of delivery (Z37.0)" note.
      const wanted = instructions(cmDetails(ctx, 'O80'), 'useAdditionalCode').flatMap((i) => i.patterns);
      const wrong = wanted.length ? outcomes.filter((r) => !wanted.some((p) => matchesPattern(r.code, p))) : [];
      if (wrong.length)
        out.push({
          range: wrong[0].line.code!.range,
          message: `O80 is for a single live-born infant, but the outcome reported is ${display(wrong[0].code)}: O80 goes with Z37.0 only; otherwise code the delivery with its complication (guideline I.C.15.b.4).`,
        });
    }
    if (outcomes.length) return out;
    const delivery = deliveryEvidence(ctx, dx);
    const pdx = dx.find((r) => r.kind === 'PDX');
    if (!delivery || !pdx) return out;
    // The outcome documented in the note, if any: the fix adds it (this finding is the one for the missing Z37.-).
    const documented = codeAnnotations(ctx.chart).find(({ ann, ref }) => ref.key === 'dx' && ref.code.startsWith('Z37') && ann.status !== 'ruled-out');
    const shown = documented ? display(documented.ref.code) : null;
    out.push({
      range: pdx.line.code!.range,
      message: `A delivery (${delivery}) is reported without an outcome-of-delivery code: ${shown ? `add ${shown}, documented on line ${documented!.ann.range.start.line + 1},` : 'add Z37.- (e.g. Z37.0 single live birth)'} to the mother's record (guideline I.C.15.b.5).`,
      data: shown ? { fix: 'add-to-abstract', code: documented!.ref.code, display: shown, kind: 'SDX', poa: null, date: null } : undefined,
    });
    return out;
  },
};

function deliveryEvidence(ctx: Parameters<Rule['check']>[0], dx: ReturnType<typeof reportedDx>): string | null {
  for (const r of dx) {
    if (r.code === 'O80' || r.code === 'O82') return display(r.code);
    const d = cmDetails(ctx, r.code);
    if (d?.chapter?.num === '15' && DELIVERY_TITLE.test(d.title ?? '')) return display(r.code);
  }
  const proc = reportedLines(ctx.chart).find((r) => r.kind === 'PROC' && /^10[DE]0/.test(r.code));
  return proc ? `procedure ${proc.code}` : null;
}
