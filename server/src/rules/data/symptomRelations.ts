// Symptoms and signs (ICD-10-CM chapter 18) and the definitive diagnoses they are routinely
// associated with (guideline I.B.4-5 and Section II.A: a symptom is not the principal diagnosis
// when a related definitive diagnosis is established). Reviewable: only pairs stated in the
// guidelines, the tabular or Coding Clinic examples. Columns: symptom prefix <TAB> related
// diagnosis prefixes (comma list) <TAB> source.
import { parseTable, prefixOf } from './table';

const TABLE = `
R07	I20,I21,I22,I24,I25.1,I26,K21,J18,J93,I30	ICD-10-CM Guidelines FY2026 I.B.5, II.A; chest pain integral to angina/MI/PE/GERD/pneumonia/pneumothorax/pericarditis
R06.0	I50,J44,J45,J18,J81,J96,I26	ICD-10-CM Guidelines FY2026 I.B.5, II.A; dyspnea integral to heart failure, COPD, asthma, pneumonia, respiratory failure, PE
R05	J18,J20,J40,J44,J45,U07.1	ICD-10-CM Guidelines FY2026 I.B.5, II.A; cough integral to pneumonia, bronchitis, COPD, asthma, COVID-19
R50	A40,A41,J18,N39.0,N10,U07.1	ICD-10-CM Guidelines FY2026 I.B.5, II.A; fever integral to sepsis, pneumonia, UTI, pyelonephritis
R10	K35,K80,K81,K85,K57,K56,N20	ICD-10-CM Guidelines FY2026 I.B.5, II.A; abdominal pain integral to appendicitis, gallbladder disease, pancreatitis, diverticulitis, obstruction, calculus
R11	K29,K52,A08,A09,K56	ICD-10-CM Guidelines FY2026 I.B.5, II.A; nausea/vomiting integral to gastritis, gastroenteritis, obstruction
R55	I44,I45,I47,I48,I49,I95	ICD-10-CM Guidelines FY2026 I.B.5, II.A; syncope due to arrhythmia or hypotension
R56	G40,G41	ICD-10-CM Guidelines FY2026 I.B.5, II.A; tabular R56 Excludes1 epilepsy (G40-G41)
R41.82	F01,F02,F03,G30	ICD-10-CM Guidelines FY2026 I.B.5, II.A; altered mental status integral to dementia
R41.0	F05,G93.4,G92	ICD-10-CM Guidelines FY2026 I.B.5, II.A; disorientation integral to delirium/encephalopathy
R31	N39.0,N20,N30,C67	ICD-10-CM Guidelines FY2026 I.B.5, II.A; hematuria integral to UTI, calculus, cystitis, bladder cancer
R60	I50	ICD-10-CM Guidelines FY2026 I.B.5, II.A; edema integral to heart failure
R09.02	J96,J44,J18,I50	ICD-10-CM Guidelines FY2026 I.B.5, II.A; hypoxemia integral to respiratory failure
R65.1	A40,A41	ICD-10-CM tabular FY2026 R65.1 code-first note; Guidelines I.C.18.g
R65.2	A40,A41	ICD-10-CM Guidelines FY2026 I.C.1.d.4 (severe sepsis never principal)
R78.81	A40,A41	ICD-10-CM Guidelines FY2026 I.C.1.d.1.a.ii; tabular R78.81 Excludes1 sepsis
R73	E11,E10,E13	ICD-10-CM tabular FY2026 R73 Excludes1 diabetes mellitus (E08-E13)
`;

export const SYMPTOM_RELATIONS = parseTable('symptomRelations.ts', TABLE, 3).map(([symptom, related, source]) => ({
  symptom: prefixOf(symptom),
  related: related.split(',').map(prefixOf),
  source,
}));
