// doc.bmi-without-diagnosis: a BMI code (Z68.-) is reported only with an associated, reportable
// diagnosis documented by a provider (guideline I.B.14: the BMI itself may come from a dietitian or
// nurse, the associated diagnosis — obesity, malnutrition … — must come from the provider).
// Associated conditions: the codes whose tabular entry asks for a Z68.- code (read from the
// tables: E66, R63.6, Z71.3 …) and the reviewed rows of data/bmiConditions.ts.
import type { Rule, RuleContext } from './rule';
import { cmDetails, codeAnnotations, display, matchesPattern, notePatterns, notesOf, reportedDx } from './facts';
import { authorOf } from './doc';
import { BMI_CONDITIONS } from './data/bmiConditions';

function asksForBmi(ctx: RuleContext, code: string): boolean {
  if (BMI_CONDITIONS.some((c) => code.startsWith(c.prefix))) return true;
  return notesOf(cmDetails(ctx, code), 'useAdditionalCode').some((n) => notePatterns(n.text).some((p) => matchesPattern('Z6841', p)));
}

export const bmiWithoutDiagnosis: Rule = {
  id: 'doc.bmi-without-diagnosis',
  summary: 'A BMI code (Z68.-) reported without a provider-documented associated condition (obesity, malnutrition …).',
  defaultSeverity: 'warning',
  check(ctx) {
    const bmi = reportedDx(ctx.chart).filter((r) => r.code.startsWith('Z68'));
    if (!bmi.length) return [];
    const associated = codeAnnotations(ctx.chart).some(
      ({ ann, ref }) => ref.key === 'dx' && ann.status !== 'ruled-out' && ann.status !== 'history' && !authorOf(ctx.chart, ann) && asksForBmi(ctx, ref.code),
    );
    if (associated) return [];
    return bmi.map((r) => ({
      range: r.line.code!.range,
      message: `${display(r.code)} (BMI) is reported, but no provider documents an associated condition such as obesity or malnutrition: the BMI is reportable only with one (guideline I.B.14) — query the provider or remove ${display(r.code)}.`,
    }));
  },
};
