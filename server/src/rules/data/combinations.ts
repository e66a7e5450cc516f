// Combination codes the classification requires instead of separate codes.
// Columns: code to replace (prefix) <TAB> codes that must also be reported (groups joined by
// " + ", alternatives in a group by ",", each a prefix) <TAB> the combination code <TAB> source.
// The partner codes stay reported (the combination's "use additional code" notes ask for them).
// Rows with more partners come first: the most specific combination wins.
import { parseTable, prefixOf } from './table';

const TABLE = `
I10	I50 + N18.1,N18.2,N18.3,N18.4,N18.9	I13.0	ICD-10-CM Guidelines FY2026 I.C.9.a.3; tabular I13.0
I10	I50 + N18.5,N18.6	I13.2	ICD-10-CM Guidelines FY2026 I.C.9.a.3; tabular I13.2
I10	I50	I11.0	ICD-10-CM Guidelines FY2026 I.C.9.a.1; tabular I11.0
I10	N18.1,N18.2,N18.3,N18.4,N18.9	I12.9	ICD-10-CM Guidelines FY2026 I.C.9.a.2; tabular I12.9
I10	N18.5,N18.6	I12.0	ICD-10-CM Guidelines FY2026 I.C.9.a.2; tabular I12.0
I11.9	N18.1,N18.2,N18.3,N18.4,N18.9	I13.10	ICD-10-CM Guidelines FY2026 I.C.9.a.3; tabular I13.10
I11.9	N18.5,N18.6	I13.11	ICD-10-CM Guidelines FY2026 I.C.9.a.3; tabular I13.11
I11.9	I50	I11.0	ICD-10-CM Guidelines FY2026 I.C.9.a.1; tabular I11.0 (heart disease with heart failure)
I11.0	N18.1,N18.2,N18.3,N18.4,N18.9	I13.0	ICD-10-CM Guidelines FY2026 I.C.9.a.3 (heart disease and CKD both present: I13); tabular I13.0
I11.0	N18.5,N18.6	I13.2	ICD-10-CM Guidelines FY2026 I.C.9.a.3 (heart disease and CKD both present: I13); tabular I13.2
I12.9	I50	I13.0	ICD-10-CM Guidelines FY2026 I.C.9.a.3; tabular I13.0
I12.0	I50	I13.2	ICD-10-CM Guidelines FY2026 I.C.9.a.3; tabular I13.2
E11.9	N18	E11.22	ICD-10-CM Guidelines FY2026 I.A.15 ("with" presumes the link); tabular E11.22
E10.9	N18	E10.22	ICD-10-CM Guidelines FY2026 I.A.15 ("with" presumes the link); tabular E10.22
E11.9	E11.0,E11.1,E11.2,E11.3,E11.4,E11.5,E11.6,E11.8	(drop)	ICD-10-CM tabular FY2026 E11.9 "without complications" cannot accompany a complication code of E11
E10.9	E10.1,E10.2,E10.3,E10.4,E10.5,E10.6,E10.8	(drop)	ICD-10-CM tabular FY2026 E10.9 "without complications" cannot accompany a complication code of E10
E11.9	G62.9,G63	E11.42	ICD-10-CM Guidelines FY2026 I.A.15 ("with" presumes the link); tabular E11.42 (diabetic polyneuropathy)
E11.9	I73.9	E11.51	ICD-10-CM Guidelines FY2026 I.A.15 ("with" presumes the link); tabular E11.51 (diabetic peripheral angiopathy)
`;

export interface Combination {
  replace: string;
  partners: string[][]; // every group must be matched by some reported code
  combination: string | null; // null: the code to replace is simply dropped
  source: string;
}

export const COMBINATIONS: Combination[] = parseTable('combinations.ts', TABLE, 4).map(([replace, partners, combination, source]) => ({
  replace: prefixOf(replace),
  partners: partners.split('+').map((g) => g.split(',').map((p) => prefixOf(p))),
  combination: combination === '(drop)' ? null : prefixOf(combination),
  source,
}));
