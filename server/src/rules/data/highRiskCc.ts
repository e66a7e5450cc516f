// High-risk CC/MCC diagnoses that auditors and payers routinely clinically validate: reporting
// one without clinical indicators in the record invites a denial (ICD-10-CM Guidelines I.A.19 —
// code assignment is based on the provider's statement, but clinical validation is a separate
// review; ACDIS/AHIMA "Guidelines for Achieving a Compliant Query Practice" (2022 update);
// OIG audit reports on sepsis, malnutrition, respiratory failure and encephalopathy).
// Columns: code prefix <TAB> condition <TAB> source.
import { parseTable, prefixOf } from './table';

const TABLE = `
A40	sepsis (streptococcal)	OIG report A-01-17-00513 (2019) and A-03-23-00013 (2024) sepsis audits; ACDIS/AHIMA query practice brief 2022
A41	sepsis	OIG report A-01-17-00513 (2019) and A-03-23-00013 (2024) sepsis audits; ACDIS/AHIMA query practice brief 2022
R65.2	severe sepsis / septic shock	OIG report A-03-23-00013 (2024); Sepsis-3 (JAMA 2016;315(8):801-810)
J96.0	acute respiratory failure	OIG report A-04-18-04067 (2019) on acute respiratory failure MCC
J96.2	acute on chronic respiratory failure	OIG report A-04-18-04067 (2019) on acute respiratory failure MCC
D62	acute posthemorrhagic (blood loss) anemia	ACDIS CDI Strategies clinical validation of acute blood loss anemia; MS-DRG CC
E40	kwashiorkor (severe malnutrition)	OIG report A-03-17-00010 (2020) on severe malnutrition; ASPEN/AND 2012 consensus
E41	nutritional marasmus (severe malnutrition)	OIG report A-03-17-00010 (2020) on severe malnutrition; ASPEN/AND 2012 consensus
E43	unspecified severe protein-calorie malnutrition	OIG report A-03-17-00010 (2020) on severe malnutrition; ASPEN/AND 2012 consensus
G93.4	encephalopathy	OIG report A-01-20-00500 (2021) on encephalopathy MCC
G92	toxic encephalopathy	OIG report A-01-20-00500 (2021) on encephalopathy MCC
N17	acute kidney injury	KDIGO 2012 AKI guideline criteria; ACDIS clinical validation of AKI
E87.1	hyponatremia	ACDIS CDI Strategies clinical validation of electrolyte disorders
R57	shock	ACDIS CDI Strategies clinical validation of shock
J81.0	acute pulmonary edema	ACDIS CDI Strategies clinical validation of acute pulmonary edema
I50.21	acute systolic heart failure	ACDIS CDI Strategies clinical validation of acute heart failure
I50.23	acute on chronic systolic heart failure	ACDIS CDI Strategies clinical validation of acute heart failure
I50.31	acute diastolic heart failure	ACDIS CDI Strategies clinical validation of acute heart failure
I50.33	acute on chronic diastolic heart failure	ACDIS CDI Strategies clinical validation of acute heart failure
I50.41	acute combined heart failure	ACDIS CDI Strategies clinical validation of acute heart failure
I50.43	acute on chronic combined heart failure	ACDIS CDI Strategies clinical validation of acute heart failure
J69.0	aspiration pneumonia	OIG/RAC audits of aspiration pneumonia MCC; ACDIS clinical validation
`;

export const HIGH_RISK_CC = parseTable('highRiskCc.ts', TABLE, 3).map(([prefix, condition, source]) => ({ prefix: prefixOf(prefix), condition, source }));
