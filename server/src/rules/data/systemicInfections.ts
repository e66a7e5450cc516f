// Codes that identify an underlying systemic infection for severe sepsis (R65.2-): guideline
// I.C.1.d.1.a and I.C.1.d.4 (code the systemic infection first), plus the "code first underlying
// infection" note at R65.2 read from the tables. Columns: code prefix <TAB> what <TAB> source.
import { parseTable, prefixOf } from './table';

const TABLE = `
A40	streptococcal sepsis	ICD-10-CM tabular FY2026 A40; Guidelines I.C.1.d.1.a
A41	other sepsis	ICD-10-CM tabular FY2026 A41; Guidelines I.C.1.d.1.a
A02.1	Salmonella sepsis	ICD-10-CM tabular FY2026 A02.1; Guidelines I.C.1.d.1.a
A22.7	anthrax sepsis	ICD-10-CM tabular FY2026 A22.7
A26.7	Erysipelothrix sepsis	ICD-10-CM tabular FY2026 A26.7
A32.7	listerial sepsis	ICD-10-CM tabular FY2026 A32.7
A42.7	actinomycotic sepsis	ICD-10-CM tabular FY2026 A42.7
A54.86	gonococcal sepsis	ICD-10-CM tabular FY2026 A54.86
B37.7	candidal sepsis	ICD-10-CM tabular FY2026 B37.7
B00.7	disseminated herpesviral disease	ICD-10-CM tabular FY2026 B00.7
A39.2	acute meningococcemia	ICD-10-CM tabular FY2026 A39.2
A39.4	meningococcemia, unspecified	ICD-10-CM tabular FY2026 A39.4
T81.44	sepsis following a procedure	ICD-10-CM Guidelines FY2026 I.C.1.d.5.b
T80.2	infections following infusion, transfusion and injection	ICD-10-CM tabular FY2026 R65.2 code-first note
T81.4	infection following a procedure	ICD-10-CM tabular FY2026 R65.2 code-first note
O85	puerperal sepsis	ICD-10-CM Guidelines FY2026 I.C.15.d
O86.04	sepsis following an obstetrical procedure	ICD-10-CM Guidelines FY2026 I.C.15.d
O03.37	sepsis following incomplete spontaneous abortion	ICD-10-CM Guidelines FY2026 I.C.1.d.5.a
O03.87	sepsis following complete spontaneous abortion	ICD-10-CM Guidelines FY2026 I.C.1.d.5.a
O04.87	sepsis following induced termination of pregnancy	ICD-10-CM Guidelines FY2026 I.C.1.d.5.a
O07.37	sepsis following failed attempted termination of pregnancy	ICD-10-CM Guidelines FY2026 I.C.1.d.5.a
O08.82	sepsis following ectopic and molar pregnancy	ICD-10-CM Guidelines FY2026 I.C.1.d.5.a
P36	bacterial sepsis of newborn	ICD-10-CM Guidelines FY2026 I.C.16.f
U07.1	COVID-19 (systemic viral infection)	ICD-10-CM Guidelines FY2026 I.C.1.g.1.c
B34	viral infection of unspecified site	ICD-10-CM Guidelines FY2026 I.C.1.d.1.a
B49	unspecified mycosis	ICD-10-CM Guidelines FY2026 I.C.1.d.1.a
`;

export const SYSTEMIC_INFECTIONS = parseTable('systemicInfections.ts', TABLE, 3).map(([prefix, what, source]) => ({ prefix: prefixOf(prefix), what, source }));
