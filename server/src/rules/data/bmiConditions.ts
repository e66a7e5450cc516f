// Conditions that make a BMI code (Z68.-) reportable, beyond the codes whose tabular entry asks for
// the BMI itself (E66, R63.6, Z71.3: "use additional code to identify body mass index (BMI), if
// known (Z68.-)", read from the tables by the rule). Guideline I.B.14: "BMI codes should only be
// assigned when there is an associated, reportable diagnosis (such as obesity or malnutrition)".
// Columns: code prefix <TAB> what <TAB> source.
import { parseTable, prefixOf } from './table';

const TABLE = `
E40	kwashiorkor	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E41	nutritional marasmus	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E42	marasmic kwashiorkor	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E43	severe protein-calorie malnutrition	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E44	moderate and mild protein-calorie malnutrition	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E45	retarded development following protein-calorie malnutrition	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E46	unspecified protein-calorie malnutrition	ICD-10-CM Guidelines FY2026 I.B.14 (malnutrition)
E88.82	obesity due to disruption of MC4R pathway	ICD-10-CM Guidelines FY2026 I.B.14 (obesity)
R64	cachexia	ICD-10-CM Guidelines FY2026 I.B.14 (an associated, reportable weight diagnosis)
R63.4	abnormal weight loss	ICD-10-CM Guidelines FY2026 I.B.14 (an associated, reportable weight diagnosis)
R63.5	abnormal weight gain	ICD-10-CM Guidelines FY2026 I.B.14 (an associated, reportable weight diagnosis)
F50.0	anorexia nervosa	ICD-10-CM Guidelines FY2026 I.B.14 (an associated, reportable weight diagnosis)
`;

export const BMI_CONDITIONS = parseTable('bmiConditions.ts', TABLE, 3).map(([prefix, what, source]) => ({ prefix: prefixOf(prefix), what, source }));
