// seq.sepsis: sepsis sequencing (guideline I.C.1.d).
// 1. Severe sepsis / septic shock (R65.2-) is never the principal diagnosis, and the underlying
//    systemic infection must be coded before it (I.C.1.d.1.a, I.C.1.d.4; the R65.2 "code first
//    underlying infection" note). This rule owns R65.2-: icd.code-first skips it.
// 2. A systemic infection present on admission (A40/A41 … from data/systemicInfections.ts) is the
//    principal diagnosis when a localized infection is the principal (I.C.1.d.4: "a code for the
//    underlying systemic infection should be assigned first and the code for the localized
//    infection as a secondary diagnosis"), and when the principal is an acute organ dysfunction of
//    the reported severe sepsis (the R65.2 use-additional list, read from the tables). Not when the
//    guidelines sequence another code first: pregnancy (I.C.15.d), newborns (I.C.16), complications
//    of care and injuries (I.C.1.d.5-6, chapter 19), HIV disease (I.C.1.a.2.a).
//    A localized infection is recognised from the tables, never from a list of codes: a chapter-1
//    code, a code whose tabular asks for the infectious agent (B95-B97), or an infection named in
//    its title. The finding sits on the principal; its quick fix swaps the two lines.
import type { Rule, RuleContext, RuleFinding } from './rule';
import type { CodeDetails } from '../tables/types';
import { cmDetails, display, instructions, matchesPattern, notePatterns, notesOf, reportedDx, type Reported } from './facts';
import { SYSTEMIC_INFECTIONS } from './data/systemicInfections';

/** Words of a title that name an infection of one site (the title is the tables', lower-cased). */
const INFECTION_TITLE =
  /\b(pneumonia|infection|infective|infectious|cellulitis|abscess|pyelonephritis|cystitis|osteomyelitis|endocarditis|meningitis|encephalitis|empyema|peritonitis|cholangitis|cholecystitis|appendicitis|diverticulitis|erysipelas|lymphangitis|necrotizing fasciitis|mediastinitis|pyothorax|pyelitis|prostatitis|epididymitis|orchitis|salpingitis|endometritis|mastoiditis|pneumonitis due to inhalation)\b/i;

const isSystemic = (code: string) => SYSTEMIC_INFECTIONS.some((s) => code.startsWith(s.prefix));

/** The guidelines sequence these first even with sepsis present on admission. */
function sequencedFirstAnyway(code: string, d: CodeDetails | null): boolean {
  const ch = d?.chapter?.num;
  if (ch === '15' || ch === '16' || ch === '19' || code.startsWith('Z38') || code.startsWith('B20')) return true;
  // Complications of care outside chapter 19 (gastrostomy infection K94.22, ventilator pneumonia J95.851,
  // postprocedural abscess …): the complication is coded first (I.C.1.d.5.b).
  return COMPLICATION.test(d?.title ?? '') || COMPLICATION.test(d?.category?.title ?? '');
}

const COMPLICATION =
  /\bcomplications?\b|\bpostprocedural\b|\bfollowing (a |an )?(procedure|infusion|transfusion|injection|immunization)\b|\bventilator associated\b/i;

export function isLocalizedInfection(code: string, d: CodeDetails | null): boolean {
  if (!d || isSystemic(code) || sequencedFirstAnyway(code, d)) return false;
  if (d.chapter?.num === '1' && !/^B9[5-9]/.test(code) && !/\bchronic\b|sequelae/i.test(d.title ?? '')) return true;
  const agentNote = notesOf(d, 'useAdditionalCode').some((n) => notePatterns(n.text).some((p) => matchesPattern('B9620', p) || matchesPattern('B952', p)));
  return agentNote || INFECTION_TITLE.test(d.title ?? '');
}

export const sepsis: Rule = {
  id: 'seq.sepsis',
  summary:
    'Sepsis sequencing: severe sepsis before its infection, or a systemic infection present on admission sequenced after the infection or organ dysfunction it caused.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    const swap = systemicAfterPdx(ctx, dx);
    if (swap) out.push(swap.finding);
    for (const r of dx) {
      if (!r.code.startsWith('R652')) continue;
      if (r.kind === 'PDX') {
        out.push({
          range: r.line.code!.range,
          message: `${display(r.code)} (severe sepsis) cannot be the principal diagnosis: sequence the underlying systemic infection (e.g. A41.9) first (guideline I.C.1.d.4).`,
        });
        continue;
      }
      const notePatterns = instructions(cmDetails(ctx, r.code), 'codeFirst').flatMap((i) => i.patterns);
      const isInfection = (c: string) => isSystemic(c) || notePatterns.some((p) => matchesPattern(c, p));
      const infections = dx.filter((o) => isInfection(o.code));
      if (infections.some((o) => o.index < r.index)) continue;
      if (swap && infections.includes(swap.systemic)) continue; // the swap puts the infection first: one problem, one finding
      out.push({
        range: r.line.code!.range,
        message: infections.length
          ? `${display(r.code)} (severe sepsis) must follow the underlying infection: ${infections.map((o) => display(o.code)).join(', ')} is sequenced after it (guideline I.C.1.d.1.a).`
          : `${display(r.code)} (severe sepsis) is reported without a code for the underlying systemic infection before it (e.g. A41.9); code the infection first (guideline I.C.1.d.1.a).`,
      });
    }
    return out;
  },
};

/** A systemic infection POA Y/W as a secondary diagnosis while a localized infection or a severe-sepsis organ dysfunction is the principal. */
function systemicAfterPdx(ctx: RuleContext, dx: Reported[]): { finding: RuleFinding; systemic: Reported } | null {
  const pdx = dx.find((r) => r.kind === 'PDX');
  if (!pdx || pdx.code.startsWith('R652')) return null;
  // Sepsis proper (A40/A41, candidal sepsis …), not the unspecified viral or fungal infections the table also lists for R65.2.
  const systemic = dx.find(
    (r) =>
      r.kind === 'SDX' &&
      isSystemic(r.code) &&
      /^[YW]$/i.test(r.line.poa?.value ?? '') &&
      /\b(sepsis|septicemia|meningococcemia)\b/i.test(cmDetails(ctx, r.code)?.title ?? ''),
  );
  if (!systemic) return null;
  const pd = cmDetails(ctx, pdx.code);
  if (!pd || isSystemic(pdx.code) || sequencedFirstAnyway(pdx.code, pd)) return null;
  const severe = dx.find((r) => r.code.startsWith('R652') && /^[YW]$/i.test(r.line.poa?.value ?? ''));
  let why: string | null = null;
  if (isLocalizedInfection(pdx.code, pd)) why = 'a localized infection';
  else if (severe) {
    const organ = instructions(cmDetails(ctx, severe.code), 'useAdditionalCode').flatMap((i) => i.patterns);
    if (organ.some((p) => matchesPattern(pdx.code, p))) why = `an organ dysfunction of the severe sepsis (${display(severe.code)})`;
  }
  if (!why) return null;
  return {
    systemic,
    finding: {
      range: pdx.line.code!.range,
      message: `${display(systemic.code)} (systemic infection) was present on admission, and ${display(pdx.code)} is ${why}: the systemic infection is the principal diagnosis and ${display(pdx.code)} a secondary one (guideline I.C.1.d.4).`,
      data: {
        fix: 'swap-lines',
        a: pdx.line.range.start.line,
        b: systemic.line.range.start.line,
        title: `Make ${display(systemic.code)} the principal diagnosis (swap with ${display(pdx.code)})`,
      },
    },
  };
}
