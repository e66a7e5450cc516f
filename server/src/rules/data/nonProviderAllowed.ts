// Codes that may be assigned from documentation by clinicians other than the patient's provider
// (guideline I.B.14). Columns: code prefix <TAB> what <TAB> source.
import { parseTable, prefixOf } from './table';

const TABLE = `
Z68	body mass index (BMI)	ICD-10-CM Guidelines FY2026 I.B.14
L89	pressure ulcer stage	ICD-10-CM Guidelines FY2026 I.B.14
L97	depth of non-pressure chronic ulcers	ICD-10-CM Guidelines FY2026 I.B.14
L98.4	depth of non-pressure chronic ulcers	ICD-10-CM Guidelines FY2026 I.B.14
R40.2	coma scale	ICD-10-CM Guidelines FY2026 I.B.14
R29.7	NIH stroke scale (NIHSS)	ICD-10-CM Guidelines FY2026 I.B.14
Z55	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z56	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z57	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z58	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z59	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z60	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z62	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z63	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z64	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Z65	social determinants of health	ICD-10-CM Guidelines FY2026 I.B.14 and I.C.21.c.17
Y90	blood alcohol level	ICD-10-CM Guidelines FY2026 I.B.14
Z28.3	underimmunization status	ICD-10-CM Guidelines FY2026 I.B.14
`;

export const NON_PROVIDER_ALLOWED = parseTable('nonProviderAllowed.ts', TABLE, 3).map(([prefix, what, source]) => ({ prefix: prefixOf(prefix), what, source }));

// Of those, the ones where only the detail may come from other clinicians: the condition itself
// (the pressure ulcer, the non-pressure chronic ulcer) must be documented by the patient's provider
// (I.B.14: "the associated diagnosis … must be documented by the patient's provider").
const CONDITION_BY_PROVIDER = `
L89	pressure ulcer	ICD-10-CM Guidelines FY2026 I.B.14 (pressure ulcer stage from other clinicians; the ulcer by the provider)
L97	non-pressure chronic ulcer	ICD-10-CM Guidelines FY2026 I.B.14 (ulcer depth from other clinicians; the ulcer by the provider)
L98.4	non-pressure chronic ulcer	ICD-10-CM Guidelines FY2026 I.B.14 (ulcer depth from other clinicians; the ulcer by the provider)
`;

export const NEEDS_PROVIDER_CONDITION = parseTable('nonProviderAllowed.ts', CONDITION_BY_PROVIDER, 3).map(([prefix, what, source]) => ({
  prefix: prefixOf(prefix),
  what,
  source,
}));
