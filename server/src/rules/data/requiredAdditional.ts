// Use-additional-code instructions whose target the guidelines require (not "if applicable"): when
// a reported code's tabular note names codes of one of these families and no code of the family is
// reported or documented, icd.use-additional asks to add it or to query. The instruction itself is
// read from the tabular of the chart's release; this table only says which targets are mandatory.
// Columns: target family prefix <TAB> what it identifies <TAB> source.
import { parseTable, prefixOf } from './table';

const TABLE = `
N18	stage of chronic kidney disease	ICD-10-CM Guidelines FY2026 I.C.9.a.2-3 (I12, I13: use additional code from N18 to identify the stage); tabular E08-E13 .22 "use additional code to identify stage of chronic kidney disease"
I50	type of heart failure	ICD-10-CM Guidelines FY2026 I.C.9.a.1 and I.C.9.a.3 (I11.0, I13.0, I13.2: use additional code from I50 to identify the type of heart failure)
`;

export const REQUIRED_ADDITIONAL = parseTable('requiredAdditional.ts', TABLE, 3).map(([prefix, what, source]) => ({ prefix: prefixOf(prefix), what, source }));
