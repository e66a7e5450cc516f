// Curated rows the CDI opportunity rules read, one table each, a source on every row (see
// ../data/table.ts for the format).
import { parseTable, prefixOf } from '../data/table';

// Codes that document each condition, or a more specific form of it: when one is coded in the
// abstract or annotated by a provider (not ruled out), the opportunity is not raised.
// Columns: rule <TAB> code prefix <TAB> what <TAB> source.
const DOCUMENTED = `
aki	N17	acute kidney failure (any)	ICD-10-CM tabular FY2026 N17
aki	N99.0	postprocedural (acute) kidney failure	ICD-10-CM tabular FY2026 N99.0
aki	O90.49	postpartum acute kidney failure	ICD-10-CM tabular FY2026 O90.49
sepsis	A40	streptococcal sepsis	ICD-10-CM tabular FY2026 A40
sepsis	A41	other sepsis	ICD-10-CM tabular FY2026 A41
sepsis	R65.2	severe sepsis	ICD-10-CM tabular FY2026 R65.2
sepsis	R65.1	SIRS of non-infectious origin (a documented alternative)	ICD-10-CM tabular FY2026 R65.1
sepsis	A02.1	Salmonella sepsis	ICD-10-CM tabular FY2026 A02.1
sepsis	A22.7	anthrax sepsis	ICD-10-CM tabular FY2026 A22.7
sepsis	A26.7	Erysipelothrix sepsis	ICD-10-CM tabular FY2026 A26.7
sepsis	A32.7	listerial sepsis	ICD-10-CM tabular FY2026 A32.7
sepsis	A39.2	acute meningococcemia	ICD-10-CM tabular FY2026 A39.2
sepsis	A39.4	meningococcemia	ICD-10-CM tabular FY2026 A39.4
sepsis	A42.7	actinomycotic sepsis	ICD-10-CM tabular FY2026 A42.7
sepsis	A54.86	gonococcal sepsis	ICD-10-CM tabular FY2026 A54.86
sepsis	B37.7	candidal sepsis	ICD-10-CM tabular FY2026 B37.7
sepsis	T81.44	sepsis following a procedure	ICD-10-CM tabular FY2026 T81.44
sepsis	O85	puerperal sepsis	ICD-10-CM tabular FY2026 O85
sepsis	P36	bacterial sepsis of newborn	ICD-10-CM tabular FY2026 P36
malnutrition	E40	kwashiorkor	ICD-10-CM tabular FY2026 E40
malnutrition	E41	nutritional marasmus	ICD-10-CM tabular FY2026 E41
malnutrition	E42	marasmic kwashiorkor	ICD-10-CM tabular FY2026 E42
malnutrition	E43	unspecified severe protein-calorie malnutrition	ICD-10-CM tabular FY2026 E43
malnutrition	E44	protein-calorie malnutrition of moderate and mild degree	ICD-10-CM tabular FY2026 E44
malnutrition	E45	retarded development following protein-calorie malnutrition	ICD-10-CM tabular FY2026 E45
malnutrition	E46	unspecified protein-calorie malnutrition	ICD-10-CM tabular FY2026 E46
hyponatremia	E87.1	hypo-osmolality and hyponatremia	ICD-10-CM tabular FY2026 E87.1
hyponatremia	E22.2	SIADH (E87.1 Excludes1: a more specific form)	ICD-10-CM tabular FY2026 E87.1 Excludes1
anemia-blood-loss	D62	acute posthemorrhagic anemia	ICD-10-CM tabular FY2026 D62
anemia-blood-loss	O90.81	anemia of the puerperium	ICD-10-CM tabular FY2026 O90.81
resp-failure	J96.0	acute respiratory failure	ICD-10-CM tabular FY2026 J96.0
resp-failure	J96.2	acute and chronic respiratory failure	ICD-10-CM tabular FY2026 J96.2
resp-failure	J96.9	respiratory failure, unspecified (documented; its acuity is a separate query)	ICD-10-CM tabular FY2026 J96.9
resp-failure	J80	acute respiratory distress syndrome	ICD-10-CM tabular FY2026 J80
resp-failure	J95.82	postprocedural respiratory failure	ICD-10-CM tabular FY2026 J95.82
resp-failure	R09.2	respiratory arrest	ICD-10-CM tabular FY2026 R09.2
encephalopathy	G93.4	other and unspecified encephalopathy	ICD-10-CM tabular FY2026 G93.4
encephalopathy	G92	toxic encephalopathy	ICD-10-CM tabular FY2026 G92
encephalopathy	K76.82	hepatic encephalopathy	ICD-10-CM tabular FY2026 K76.82
encephalopathy	E51.2	Wernicke's encephalopathy	ICD-10-CM tabular FY2026 E51.2
encephalopathy	I67.4	hypertensive encephalopathy	ICD-10-CM tabular FY2026 I67.4
encephalopathy	F05	delirium due to known physiological condition (a diagnosis, not a symptom)	ICD-10-CM tabular FY2026 F05
encephalopathy	G04	encephalitis and encephalomyelitis	ICD-10-CM tabular FY2026 G04
obesity	E66	overweight and obesity	ICD-10-CM tabular FY2026 E66
pressure-injury	L89	pressure ulcer	ICD-10-CM tabular FY2026 L89
`;

export const DOCUMENTING_CODES = parseTable('cdi/data.ts (documented)', DOCUMENTED, 4).map(([rule, prefix, what, source]) => ({
  rule,
  prefix: prefixOf(prefix),
  what,
  source,
}));

export function documentingPrefixes(rule: string): string[] {
  return DOCUMENTING_CODES.filter((r) => r.rule === rule).map((r) => r.prefix);
}

// Heart failure codes by what they specify (type and acuity). Columns: prefix <TAB> type <TAB> acuity <TAB> source.
const HEART_FAILURE = `
I50.1	left	unspecified	ICD-10-CM tabular FY2026 I50.1
I50.20	systolic	unspecified	ICD-10-CM tabular FY2026 I50.20
I50.21	systolic	acute	ICD-10-CM tabular FY2026 I50.21
I50.22	systolic	chronic	ICD-10-CM tabular FY2026 I50.22
I50.23	systolic	acute on chronic	ICD-10-CM tabular FY2026 I50.23
I50.30	diastolic	unspecified	ICD-10-CM tabular FY2026 I50.30
I50.31	diastolic	acute	ICD-10-CM tabular FY2026 I50.31
I50.32	diastolic	chronic	ICD-10-CM tabular FY2026 I50.32
I50.33	diastolic	acute on chronic	ICD-10-CM tabular FY2026 I50.33
I50.40	combined	unspecified	ICD-10-CM tabular FY2026 I50.40
I50.41	combined	acute	ICD-10-CM tabular FY2026 I50.41
I50.42	combined	chronic	ICD-10-CM tabular FY2026 I50.42
I50.43	combined	acute on chronic	ICD-10-CM tabular FY2026 I50.43
I50.810	right	unspecified	ICD-10-CM tabular FY2026 I50.810
I50.811	right	acute	ICD-10-CM tabular FY2026 I50.811
I50.812	right	chronic	ICD-10-CM tabular FY2026 I50.812
I50.813	right	acute on chronic	ICD-10-CM tabular FY2026 I50.813
I50.814	right	secondary	ICD-10-CM tabular FY2026 I50.814
I50.82	biventricular	specified	ICD-10-CM tabular FY2026 I50.82
I50.83	high output	specified	ICD-10-CM tabular FY2026 I50.83
I50.84	end stage	specified	ICD-10-CM tabular FY2026 I50.84
I50.89	other	specified	ICD-10-CM tabular FY2026 I50.89
I50.9	unspecified	unspecified	ICD-10-CM tabular FY2026 I50.9
I11.0	unspecified	unspecified	ICD-10-CM tabular FY2026 I11.0 use-additional note (I50.-)
I13.0	unspecified	unspecified	ICD-10-CM tabular FY2026 I13.0 use-additional note (I50.-)
I13.2	unspecified	unspecified	ICD-10-CM tabular FY2026 I13.2 use-additional note (I50.-)
`;
export const HF_CODES = parseTable('cdi/data.ts (heart failure)', HEART_FAILURE, 4).map(([prefix, type, acuity, source]) => ({
  prefix: prefixOf(prefix),
  type,
  acuity,
  source,
}));

// Codes of documented infections (a documented infection for the sepsis screen). Columns: prefix <TAB> what <TAB> source.
const INFECTIONS = `
A0	intestinal infectious diseases	ICD-10-CM tabular FY2026 chapter 1 (A00-A09)
A1	tuberculosis	ICD-10-CM tabular FY2026 chapter 1 (A15-A19)
A2	zoonotic bacterial diseases	ICD-10-CM tabular FY2026 chapter 1 (A20-A28)
A3	other bacterial diseases	ICD-10-CM tabular FY2026 chapter 1 (A30-A49)
A4	other bacterial diseases	ICD-10-CM tabular FY2026 chapter 1 (A30-A49)
A5	infections with a predominantly sexual mode of transmission	ICD-10-CM tabular FY2026 chapter 1 (A50-A64)
B0	viral infections	ICD-10-CM tabular FY2026 chapter 1 (B00-B09)
B1	viral hepatitis	ICD-10-CM tabular FY2026 chapter 1 (B15-B19)
B2	HIV and other viral diseases	ICD-10-CM tabular FY2026 chapter 1 (B20-B34)
B3	mycoses and other viral diseases	ICD-10-CM tabular FY2026 chapter 1 (B25-B49)
B4	mycoses	ICD-10-CM tabular FY2026 chapter 1 (B35-B49)
B95	streptococcus, staphylococcus as the cause	ICD-10-CM tabular FY2026 B95
B96	other bacterial agents as the cause	ICD-10-CM tabular FY2026 B96
B97	viral agents as the cause	ICD-10-CM tabular FY2026 B97
U07.1	COVID-19	ICD-10-CM tabular FY2026 U07.1
J09	influenza	ICD-10-CM tabular FY2026 J09-J18
J10	influenza	ICD-10-CM tabular FY2026 J09-J18
J11	influenza	ICD-10-CM tabular FY2026 J09-J18
J12	viral pneumonia	ICD-10-CM tabular FY2026 J09-J18
J13	pneumococcal pneumonia	ICD-10-CM tabular FY2026 J09-J18
J14	Haemophilus influenzae pneumonia	ICD-10-CM tabular FY2026 J09-J18
J15	bacterial pneumonia	ICD-10-CM tabular FY2026 J09-J18
J16	pneumonia due to other organisms	ICD-10-CM tabular FY2026 J09-J18
J18	pneumonia, unspecified organism	ICD-10-CM tabular FY2026 J09-J18
J69.0	aspiration pneumonia	ICD-10-CM tabular FY2026 J69.0
J85	abscess of lung	ICD-10-CM tabular FY2026 J85
J86	pyothorax	ICD-10-CM tabular FY2026 J86
N10	acute pyelonephritis	ICD-10-CM tabular FY2026 N10
N30.0	acute cystitis	ICD-10-CM tabular FY2026 N30.0
N39.0	urinary tract infection	ICD-10-CM tabular FY2026 N39.0
L02	cutaneous abscess, furuncle and carbuncle	ICD-10-CM tabular FY2026 L02
L03	cellulitis	ICD-10-CM tabular FY2026 L03
M00	pyogenic arthritis	ICD-10-CM tabular FY2026 M00
M86	osteomyelitis	ICD-10-CM tabular FY2026 M86
K35	acute appendicitis	ICD-10-CM tabular FY2026 K35
K57.0	diverticulitis of small intestine with perforation and abscess	ICD-10-CM tabular FY2026 K57
K57.2	diverticulitis of large intestine with perforation and abscess	ICD-10-CM tabular FY2026 K57
K65	peritonitis	ICD-10-CM tabular FY2026 K65
K81.0	acute cholecystitis	ICD-10-CM tabular FY2026 K81.0
K83.0	cholangitis	ICD-10-CM tabular FY2026 K83.0
I33	acute and subacute endocarditis	ICD-10-CM tabular FY2026 I33
G00	bacterial meningitis	ICD-10-CM tabular FY2026 G00
T81.4	infection following a procedure	ICD-10-CM tabular FY2026 T81.4
T82.7	infection due to cardiac and vascular devices	ICD-10-CM tabular FY2026 T82.7
T83.5	infection due to genitourinary devices	ICD-10-CM tabular FY2026 T83.5
T84.5	infection due to joint prosthesis	ICD-10-CM tabular FY2026 T84.5
`;
export const INFECTION_CODES = parseTable('cdi/data.ts (infections)', INFECTIONS, 3).map(([prefix, what, source]) => ({
  prefix: prefixOf(prefix),
  what,
  source,
}));

// Organisms named in the chart → the organism-specific sepsis code. Columns: pattern <TAB> code <TAB> source.
const SEPSIS_ORGANISMS = `
\\b(?:MRSA|methicillin[- ]resistant staph\\w*)\\b	A41.02	ICD-10-CM tabular FY2026 A41.02
\\b(?:MSSA|staph(?:ylococcus)? aureus|S\\.? aureus)\\b	A41.01	ICD-10-CM tabular FY2026 A41.01
\\b(?:E\\.? ?coli|Escherichia coli)\\b	A41.51	ICD-10-CM tabular FY2026 A41.51
\\b(?:pseudomonas|P\\.? aeruginosa)\\b	A41.52	ICD-10-CM tabular FY2026 A41.52
\\bserratia\\b	A41.53	ICD-10-CM tabular FY2026 A41.53
\\b(?:acinetobacter baumannii)\\b	A41.54	ICD-10-CM tabular FY2026 A41.54 (FY2024+)
\\b(?:klebsiella|proteus|enterobacter|citrobacter|gram[- ]negative)\\b	A41.59	ICD-10-CM tabular FY2026 A41.59 (other Gram-negative sepsis)
\\b(?:enterococc\\w*|E\\.? faecalis|E\\.? faecium)\\b	A41.81	ICD-10-CM tabular FY2026 A41.81
\\b(?:strep(?:tococcus)? pneumoniae|pneumococc\\w*)\\b	A40.3	ICD-10-CM tabular FY2026 A40.3
\\b(?:group A strep\\w*|GAS|S\\.? pyogenes)\\b	A40.0	ICD-10-CM tabular FY2026 A40.0
\\b(?:group B strep\\w*|GBS|S\\.? agalactiae)\\b	A40.1	ICD-10-CM tabular FY2026 A40.1
\\b(?:H\\.? influenzae|haemophilus influenzae)\\b	A41.3	ICD-10-CM tabular FY2026 A41.3
\\b(?:bacteroides|anaerob\\w*)\\b	A41.4	ICD-10-CM tabular FY2026 A41.4
`;
export const SEPSIS_ORGANISMS_TABLE = parseTable('cdi/data.ts (sepsis organisms)', SEPSIS_ORGANISMS, 3).map(([pattern, code, source]) => ({
  re: new RegExp(pattern, 'i'),
  code: prefixOf(code),
  source,
}));

// Pressure ulcer sites (ICD-10-CM Index: Ulcer, pressure, by site) → the L89 stem by side
// (right, left, unspecified; one stem when the site has no side). Columns: pattern <TAB> right <TAB> left <TAB> unspecified <TAB> source.
const PRESSURE_SITES = `
\\b(?:sacr(?:um|al)|coccyx|coccygeal|tailbone|sacrococcygeal)\\b	L89.15	L89.15	L89.15	ICD-10-CM Index: Ulcer, pressure, sacral region / coccyx (L89.15-)
\\b(?:heels?|calcaneus)\\b	L89.61	L89.62	L89.60	ICD-10-CM tabular FY2026 L89.6-
\\b(?:hip|greater trochanter|trochanter(?:ic)?)\\b	L89.21	L89.22	L89.20	ICD-10-CM tabular FY2026 L89.2-
\\b(?:buttocks?|gluteal|ischi(?:al|um)|ischial tuberosity)\\b	L89.31	L89.32	L89.30	ICD-10-CM tabular FY2026 L89.3-; Index: Ulcer, pressure, buttock
\\b(?:ankle|malleol(?:us|ar))\\b	L89.51	L89.52	L89.50	ICD-10-CM tabular FY2026 L89.5-
\\belbows?\\b	L89.01	L89.02	L89.00	ICD-10-CM tabular FY2026 L89.0-
\\b(?:scapula|shoulder blade|upper back)\\b	L89.11	L89.12	L89.10	ICD-10-CM tabular FY2026 L89.1-
\\blower back\\b	L89.13	L89.14	L89.10	ICD-10-CM tabular FY2026 L89.1-
\\b(?:occiput|occipital|head|back of (?:the )?head)\\b	L89.81	L89.81	L89.81	ICD-10-CM tabular FY2026 L89.81-
\\b(?:ear|nose|nares|foot|toe|knee|shoulder|spine|chin|lip)\\b	L89.89	L89.89	L89.89	ICD-10-CM tabular FY2026 L89.89- (other site)
`;
export const PRESSURE_SITES_TABLE = parseTable('cdi/data.ts (pressure sites)', PRESSURE_SITES, 5).map(([pattern, right, left, unspecified, source]) => ({
  re: new RegExp(pattern, 'i'),
  right: prefixOf(right),
  left: prefixOf(left),
  unspecified: prefixOf(unspecified),
  source,
}));

/** The last character of an L89 code by stage (ICD-10-CM tabular FY2026 L89, FY2020+ for deep tissue damage). */
export const PRESSURE_STAGE_CHAR: Record<string, string> = { unstageable: '0', '1': '1', '2': '2', '3': '3', '4': '4', dti: '6', unspecified: '9' };

/** Does a (normalised) code start with one of the prefixes? */
export function matchesAny(code: string, prefixes: string[]): boolean {
  return prefixes.some((p) => code.startsWith(p));
}
