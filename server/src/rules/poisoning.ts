// seq.poisoning: drug and toxic-substance codes (T36-T65) in the order guideline I.C.19.e.5 sets.
// - Poisoning / toxic effect (intent accidental, self-harm, assault, undetermined): the T code is
//   sequenced first, then the manifestations (I.C.19.e.5.b). Fires when the principal is a code of
//   another chapter (a manifestation such as J96.-, R40.2-, G92.-) and the poisoning, present on
//   admission, is reported after it. Pregnancy and newborn principals keep their place
//   (I.C.15.a.1, I.C.16.a).
// - Adverse effect (intent 5): the nature of the effect comes first, the T code after it
//   (I.C.19.e.5.a; the T36-T50 "code first … the nature of the adverse effect" note).
// - Underdosing (intent 6) is never the principal diagnosis (I.C.19.e.5.c).
// The kind and intent are read from the code's title in the tables ("Poisoning by …, accidental
// (unintentional)", "Adverse effect of …", "Underdosing of …", "Toxic effect of …"); only initial
// encounters (7th character A) — sequelae put the late effect first (I.C.19.a).
import type { Rule, RuleContext, RuleFinding } from './rule';
import type { CodeDetails } from '../tables/types';
import { cmDetails, display, reportedDx, type Reported } from './facts';

type DrugKind = 'poisoning' | 'adverse' | 'underdosing';

export function drugKind(code: string, d: CodeDetails | null): DrugKind | null {
  if (!d || !/^T(3[6-9]|[45]\d|6[0-5])/.test(code) || !code.endsWith('A')) return null;
  const title = d.title ?? '';
  if (/^Adverse effect of/i.test(title)) return 'adverse';
  if (/^Underdosing of/i.test(title)) return 'underdosing';
  if (/^(Poisoning by|Toxic effect of)/i.test(title) && /accidental|intentional self-harm|assault|undetermined/i.test(title)) return 'poisoning';
  return null;
}

/** Chapters whose codes name the nature of a poisoning's or adverse effect's manifestation (not 15/16: they go first anyway; 19–22 are not manifestations). */
function isManifestationChapter(d: CodeDetails | null): boolean {
  const ch = d?.chapter?.num;
  return !!ch && !['15', '16', '19', '20', '21', '22'].includes(ch);
}

/**
 * The poisoning (POA Y/W) reported after a principal diagnosis that can be its manifestation, or
 * null: seq.poisoning's finding, which icd.code-first leaves to it (one problem, one finding).
 */
export function poisoningAfterPdx(ctx: RuleContext): Reported | null {
  const dx = reportedDx(ctx.chart);
  const pdx = dx.find((r) => r.kind === 'PDX');
  if (!pdx || !isManifestationChapter(cmDetails(ctx, pdx.code))) return null;
  return dx.find((r) => r.kind === 'SDX' && /^[YW]$/i.test(r.line.poa?.value ?? '') && drugKind(r.code, cmDetails(ctx, r.code)) === 'poisoning') ?? null;
}

export const poisoning: Rule = {
  id: 'seq.poisoning',
  summary: 'Poisoning after its manifestation, an adverse effect before its manifestation, or underdosing as principal diagnosis.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const pdx = dx.find((r) => r.kind === 'PDX');
    if (!pdx) return [];
    const pd = cmDetails(ctx, pdx.code);
    const out: RuleFinding[] = [];
    const pdxKind = drugKind(pdx.code, pd);
    if (pdxKind === 'adverse' || pdxKind === 'underdosing') {
      const nature = dx.find((r) => r.kind === 'SDX' && isManifestationChapter(cmDetails(ctx, r.code)));
      const what =
        pdxKind === 'adverse'
          ? 'an adverse effect: the nature of the effect is sequenced first and the T code after it (guideline I.C.19.e.5.a)'
          : 'underdosing, which is never the principal diagnosis: the condition it caused (relapse or exacerbation) is (guideline I.C.19.e.5.c)';
      out.push({
        range: pdx.line.code!.range,
        message: `${display(pdx.code)} is ${what}${nature ? `; e.g. ${display(nature.code)}` : ''}.`,
        data: nature
          ? {
              fix: 'swap-lines',
              a: pdx.line.range.start.line,
              b: nature.line.range.start.line,
              title: `Make ${display(nature.code)} the principal diagnosis (swap with ${display(pdx.code)})`,
            }
          : undefined,
      });
      return out;
    }
    const poison = poisoningAfterPdx(ctx);
    if (!poison) return out;
    out.push({
      range: pdx.line.code!.range,
      message: `${display(poison.code)} (poisoning) is present on admission and reported after ${display(pdx.code)}: the poisoning code is sequenced first, followed by its manifestations (guideline I.C.19.e.5.b).`,
      data: {
        fix: 'swap-lines',
        a: pdx.line.range.start.line,
        b: poison.line.range.start.line,
        title: `Make ${display(poison.code)} the principal diagnosis (swap with ${display(pdx.code)})`,
      },
    });
    return out;
  },
};
