// cdi.opportunity.obesity — a BMI ≥ 30 recorded by any clinician and no provider diagnosis of
// obesity or overweight. ICD-10-CM Official Guidelines I.B.14: the BMI may be documented by other
// clinicians (dietitian, nurse), but the associated diagnosis (obesity) must be documented by the
// patient's provider; BMI codes are reported only with that diagnosis. Classes per the WHO / CDC
// adult BMI categories (class 1: 30–34.9, class 2: 35–39.9, class 3: ≥ 40), ICD-10-CM E66.811–E66.813
// (FY2025+) and Z68.30–Z68.45 for adults (age ≥ 20, Z68 tabular note).
import type { Rule } from '../rule';
import { documentationStatus, finding, indicatorOf, measurementEvidence, modelOf, type ConditionSpec } from './common';
import { cmDetails } from '../facts';

const SPEC: ConditionSpec = {
  key: 'obesity',
  concept: 'cond.obesity',
  queryTerms: /\b(?:obes\w*|overweight|body mass index|BMI)\b/i,
};

/** The adult BMI code (Z68.30 … Z68.45, ICD-10-CM tabular Z68). */
export function bmiCode(bmi: number): string {
  if (bmi < 40) return `Z68.${Math.floor(bmi)}`;
  return bmi < 45 ? 'Z68.41' : bmi < 50 ? 'Z68.42' : bmi < 60 ? 'Z68.43' : bmi < 70 ? 'Z68.44' : 'Z68.45';
}

export const obesity: Rule = {
  id: 'cdi.opportunity.obesity',
  summary: 'A BMI ≥ 30 recorded by any clinician, and no provider diagnosis of obesity or overweight.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    if ((chart.header?.age ?? 99) < 20) return []; // adult BMI codes and classes only
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    const bmis = model.of('bmi').filter((b) => b.value >= 30);
    if (!bmis.length) return [];
    const bmi = bmis[bmis.length - 1];
    const cls = bmi.value >= 40 ? 3 : bmi.value >= 35 ? 2 : 1;
    const valid = (c: string) => !ctx.tables || !ctx.release?.release || !!cmDetails(ctx, c.replace('.', ''));
    const classCode = valid(`E66.81${cls}`) ? `E66.81${cls}` : cls === 3 ? 'E66.01' : 'E66.9';
    const candidates = [classCode, ...(cls === 3 && classCode !== 'E66.01' ? ['E66.01'] : []), bmiCode(bmi.value)].filter((c, i, a) => a.indexOf(c) === i);
    return [
      finding(ctx, {
        key: 'obesity',
        range: bmi.range,
        headline: `BMI ${bmi.value} (obesity class ${cls}) without a provider diagnosis`,
        criteria: [
          `BMI ${bmi.value} ≥ 30 documented by ${bmi.source === 'results' ? 'the results' : (bmi.author ?? bmi.role)} (guideline I.B.14: the BMI may come from other clinicians, the diagnosis must come from the provider)`,
        ],
        evidence: [measurementEvidence(bmi, 'BMI ≥ 30')],
        candidates,
        impactCodes: [classCode, bmiCode(bmi.value)],
        poa: 'Y',
        query: {
          topic: 'body mass index',
          indicators: [indicatorOf(bmi), ...model.of('weight').slice(-1).map(indicatorOf), ...model.of('height').slice(-1).map(indicatorOf)],
          treatment: [],
          options: [
            `obesity, class ${cls}`,
            cls === 3 ? 'severe (morbid) obesity' : `obesity, class ${cls === 1 ? 2 : 1}`,
            'overweight',
            'BMI without an associated clinical diagnosis',
          ],
        },
      }),
    ];
  },
};
