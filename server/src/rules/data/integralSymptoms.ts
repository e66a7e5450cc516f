// Signs and symptoms (ICD-10-CM chapter 18) routinely associated with a definitive diagnosis, so
// not coded in addition to it (guideline I.B.5: "Signs and symptoms that are associated routinely
// with a disease process should not be assigned as additional codes, unless otherwise instructed by
// the classification"; I.B.6: symptoms not routinely associated are coded). Reviewed rows only; a
// pair already forbidden by an Excludes1 note is left to icd.excludes1. Columns: symptom code prefix
// <TAB> definitive diagnosis prefixes (comma list) <TAB> source.
import { parseTable, prefixOf } from './table';
import { SYMPTOM_RELATIONS } from './symptomRelations';

const TABLE = `
R50.9	A40,A41,J09,J10,J11,J12,J13,J14,J15,J16,J17,J18,N10,U07.1	ICD-10-CM Guidelines FY2026 I.B.5; fever (unspecified; not R50.81 'fever presenting with conditions classified elsewhere', which the classification asks for, nor drug, postprocedural or transfusion fever) is a defining sign of sepsis (I.C.1.d), pneumonia, influenza, pyelonephritis and COVID-19 (I.C.1.g.1)
R68.83	A40,A41	ICD-10-CM Guidelines FY2026 I.B.5; chills as part of sepsis
R00.0	A40,A41,I47,I48	ICD-10-CM Guidelines FY2026 I.B.5; tachycardia is a SIRS criterion of sepsis and the defining sign of tachyarrhythmias
R06.0	I50,I11.0,I13.0,I13.2,J44.1,J45.21,J45.31,J45.41,J45.51,J45.901,J81,J96.0,J96.2,I26	ICD-10-CM Guidelines FY2026 I.B.5; dyspnea is integral to heart failure, COPD or asthma exacerbation, pulmonary edema, acute respiratory failure and pulmonary embolism
R06.82	J96.0,J96.2	ICD-10-CM Guidelines FY2026 I.B.5; tachypnea is a criterion of acute respiratory failure
R05	J09,J10,J11,J12,J13,J14,J15,J16,J17,J18,J20,J21,J40,J41,J44,U07.1	ICD-10-CM Guidelines FY2026 I.B.5; cough is integral to pneumonia, influenza, bronchitis, COPD and COVID-19 (I.C.1.g.1)
R07	I20,I21,I22,I24	ICD-10-CM Guidelines FY2026 I.B.5; chest pain is integral to angina and acute myocardial infarction
R10	K35,K81,K80.0,K80.1,K80.4,K85,K57.0,K57.12,K57.13,K57.2,K57.32,K57.33,K57.4,K57.52,K57.53,K57.8,K57.92,K57.93	ICD-10-CM Guidelines FY2026 I.B.5; abdominal pain is integral to appendicitis, cholecystitis, pancreatitis and diverticulitis
R11	A08,A09,K52	ICD-10-CM Guidelines FY2026 I.B.5; nausea and vomiting are integral to gastroenteritis
R19.7	A04.7,A08,A09,K52	ICD-10-CM Guidelines FY2026 I.B.5; diarrhea is integral to gastroenteritis and C. difficile colitis
R30.0	N30,N39.0	ICD-10-CM Guidelines FY2026 I.B.5; dysuria is integral to cystitis and urinary tract infection
R31	N30.01,N30.11,N30.21,N30.31,N30.41,N30.81,N30.91	ICD-10-CM Guidelines FY2026 I.B.5; hematuria is part of cystitis "with hematuria" (tabular title)
R18	K70.11,K70.31,K71.51	ICD-10-CM Guidelines FY2026 I.B.5; ascites is part of liver disease "with ascites" (tabular title)
R60	I50	ICD-10-CM Guidelines FY2026 I.B.5; edema is integral to heart failure
R41.0	F05,G92,G93.4	ICD-10-CM Guidelines FY2026 I.B.5; disorientation is integral to delirium and encephalopathy
R41.82	F05,G92,G93.4	ICD-10-CM Guidelines FY2026 I.B.5; altered mental status is integral to delirium and encephalopathy
R40.4	F05,G92,G93.4	ICD-10-CM Guidelines FY2026 I.B.5; transient alteration of awareness is integral to delirium and encephalopathy
R52	S00,S01,S02,S03,S04,S05,S06,S07,S08,S09,S1,S2,S3,S4,S5,S6,S7,S8,S9	ICD-10-CM Guidelines FY2026 I.B.5; pain is integral to an acute injury
`;

export const INTEGRAL_SYMPTOMS = parseTable('integralSymptoms.ts', TABLE, 3).map(([symptom, definitive, source]) => ({
  symptom: prefixOf(symptom),
  definitive: definitive.split(',').map(prefixOf),
  source,
}));

// The one predicate "is this sign or symptom integral to a reported definitive diagnosis"
// (guideline I.B.5: signs and symptoms routinely associated with a disease process are not coded
// additionally), read from the reviewed relations of ./symptomRelations.ts — only the rows that
// cite I.B.5. Rows cited for another reason (R65.2- severe sepsis, which is coded with the
// systemic infection; Excludes1 pairs) are not "integral" and stay out. Shared by the rules that
// must agree on it (doc.not-in-abstract stays silent on such a symptom).

// Both reviewed sources: the I.B.5 rows of the symptom relations and the table above (the rows
// doc.integral-symptom reports), so the rules agree on which symptoms are integral.
const INTEGRAL = [
  ...SYMPTOM_RELATIONS.filter((r) => /\bI\.B\.5\b/.test(r.source)),
  ...INTEGRAL_SYMPTOMS.map((r) => ({ symptom: r.symptom, related: r.definitive, source: r.source })),
];

/** The relation that makes `symptom` integral to one of `reported` (normalised codes), or null. */
export function integralTo(symptom: string, reported: Iterable<string>): { symptom: string; diagnosis: string; source: string } | null {
  const rows = INTEGRAL.filter((r) => symptom.startsWith(r.symptom));
  if (!rows.length) return null;
  for (const code of reported) {
    for (const r of rows) if (r.related.some((p) => code.startsWith(p))) return { symptom, diagnosis: code, source: r.source };
  }
  return null;
}
