// The one predicate "is this sign or symptom integral to a reported definitive diagnosis"
// (guideline I.B.5: signs and symptoms routinely associated with a disease process are not coded
// additionally), read from the reviewed relations of ./symptomRelations.ts — only the rows that
// cite I.B.5. Rows cited for another reason (R65.2- severe sepsis, which is coded with the
// systemic infection; Excludes1 pairs) are not "integral" and stay out. Shared by the rules that
// must agree on it (doc.not-in-abstract stays silent on such a symptom).
import { SYMPTOM_RELATIONS } from './symptomRelations';

const INTEGRAL = SYMPTOM_RELATIONS.filter((r) => /\bI\.B\.5\b/.test(r.source));

/** The relation that makes `symptom` integral to one of `reported` (normalised codes), or null. */
export function integralTo(symptom: string, reported: Iterable<string>): { symptom: string; diagnosis: string; source: string } | null {
  const rows = INTEGRAL.filter((r) => symptom.startsWith(r.symptom));
  if (!rows.length) return null;
  for (const code of reported) {
    for (const r of rows) if (r.related.some((p) => code.startsWith(p))) return { symptom, diagnosis: code, source: r.source };
  }
  return null;
}
