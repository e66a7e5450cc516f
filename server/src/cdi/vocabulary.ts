// The measurements CDI rules read: canonical names, the names clinicians write for them (in prose
// and in ```results blocks), their units and the conversions to one canonical unit, and the range
// of values a living adult patient can have (outside it a number is not that measurement).
//
// Sources of the conversion factors (per block below):
//   [SI]    Young DS, "Implementation of SI units for clinical laboratory data", Ann Intern Med
//           1987;106:114-129, and the AMA Manual of Style SI conversion table (11th ed., 2020):
//           creatinine 88.4 µmol/L per mg/dL, urea nitrogen 0.357 mmol/L per mg/dL (urea ×2.8 → BUN
//           mg/dL), glucose 0.0555 mmol/L per mg/dL, bilirubin 17.1 µmol/L per mg/dL, hemoglobin
//           10 g/L per g/dL (0.6206 mmol/L per g/dL), lactate 0.111 mmol/L per mg/dL, albumin 10 g/L
//           per g/dL, ammonia 0.587 µmol/L per µg/dL; Na, K in mmol/L = mEq/L (monovalent).
//   [GAS]   1 kPa = 7.50062 mmHg (ISO 80000-4; ABG reports in kPa outside the US).
//   [CELLS] 10^9/L = 10^3/µL = K/µL (ICSH; WBC and platelets written "12,500" are cells/µL).
//   [BODY]  °F → °C (F − 32) × 5/9; 1 lb = 0.45359237 kg; 1 in = 2.54 cm (NIST SP 811).
// Plausible ranges: the limits of values compatible with life reported in the clinical chemistry
// literature (Kost GJ, "Critical limits for urgent clinician notification", JAMA 1990;263:704 gives
// the critical limits; the ranges below are wider on purpose: they only reject numbers that cannot
// be the measurement, e.g. "sodium checks every 4 hours" → 4).

export type MeasureName =
  | 'creatinine'
  | 'bun'
  | 'sodium'
  | 'potassium'
  | 'glucose'
  | 'hemoglobin'
  | 'hematocrit'
  | 'platelets'
  | 'wbc'
  | 'bands'
  | 'lactate'
  | 'bnp'
  | 'ntprobnp'
  | 'troponin'
  | 'albumin'
  | 'prealbumin'
  | 'inr'
  | 'bilirubin'
  | 'ammonia'
  | 'ph'
  | 'pao2'
  | 'paco2'
  | 'fio2'
  | 'spo2'
  | 'rr'
  | 'hr'
  | 'temp'
  | 'sbp'
  | 'dbp'
  | 'map'
  | 'gcs'
  | 'weight'
  | 'height'
  | 'bmi'
  | 'urine-output'
  | 'ef';

export interface UnitDef {
  /** Matches the unit as written right after the value (anchored at its start, case-insensitive unless noted). */
  re: RegExp;
  /** Value in this unit → value in the canonical unit. */
  toCanonical: (v: number) => number;
}

export interface MeasureDef {
  name: MeasureName;
  /** How reports and queries name it. */
  label: string;
  /** Canonical unit ('' for unitless scores and ratios). */
  unit: string;
  /** Names written in prose (regex sources, matched as whole words; case-insensitive unless in `caseSensitive`). */
  aliases: string[];
  /** Short names that are only names in this exact case ("Na", "K", "RR", "pH", "T"). */
  caseSensitive?: string[];
  units: UnitDef[];
  /** Canonical values outside [min, max] are not this measurement. */
  plausible: [number, number];
  /** A unitless value read in another unit when it cannot be canonical (e.g. temp 101.3 → °F). */
  unitlessGuess?: (v: number) => number | null;
}

const id = (v: number) => v;
const u = (re: RegExp, toCanonical: (v: number) => number = id): UnitDef => ({ re, toCanonical });

const MGDL = /^mg\s*\/\s*d[lL]\b/;
const MMOL = /^(?:mmol|mEq)\s*\/\s*L\b/i;
const UMOL = /^(?:µ|u|micro)mol\s*\/\s*L\b/i;
const GDL = /^g\s*\/\s*d[lL]\b/;
const GL = /^g\s*\/\s*L\b/;
const PERCENT = /^%/;
const PERUL = /^(?:(?:K|k|thou|x\s*10\^?3|×\s*10\^?3|x\s*10³|×\s*10³)\s*\/\s*(?:µ|u|mc|m)[lL]|(?:x|×)\s*10\^?9\s*\/\s*L|(?:x|×)\s*10⁹\s*\/\s*L|K\b|k\b)/;
const CELLS_PER_UL = /^(?:\/\s*(?:µ|u|mc)[lL]|cells\s*\/\s*(?:µ|u|mc)[lL]|\/\s*mm3|\/\s*mm³)/;
const MMHG = /^mm\s*Hg\b/i;
const KPA = /^kPa\b/i;
const PGML = /^(?:pg\s*\/\s*m[lL]|ng\s*\/\s*L)\b/;
const PER_MIN = /^(?:\/\s*min\b|breaths?\s*\/\s*min\b|bpm\b|beats?\s*\/\s*min\b|per\s+min(?:ute)?\b)/i;

/** Every measurement, canonical unit first. */
export const MEASURES: MeasureDef[] = [
  // [SI]
  {
    name: 'creatinine',
    label: 'creatinine',
    unit: 'mg/dL',
    aliases: ['serum creatinine', 'creatinine', 'creat', 'scr', 'cr'],
    units: [u(MGDL), u(UMOL, (v) => v / 88.4)],
    plausible: [0.1, 25],
    // Above 25 a bare creatinine is µmol/L (no patient has 25 mg/dL and a value like 168 is SI).
    unitlessGuess: (v) => (v >= 25 && v <= 2200 ? v / 88.4 : null),
  },
  {
    name: 'bun',
    label: 'BUN',
    unit: 'mg/dL',
    aliases: ['blood urea nitrogen', 'bun', 'urea nitrogen'],
    units: [u(MGDL), u(MMOL, (v) => v * 2.8)],
    plausible: [1, 300],
  },
  {
    name: 'sodium',
    label: 'sodium',
    unit: 'mmol/L',
    aliases: ['serum sodium', 'sodium'],
    caseSensitive: ['Na\\+?', 'NA'],
    units: [u(MMOL)],
    plausible: [95, 190],
  },
  {
    name: 'potassium',
    label: 'potassium',
    unit: 'mmol/L',
    aliases: ['potassium'],
    caseSensitive: ['K\\+?'],
    units: [u(MMOL)],
    plausible: [1, 10],
  },
  {
    name: 'glucose',
    label: 'glucose',
    unit: 'mg/dL',
    aliases: ['fingerstick glucose', 'blood glucose', 'serum glucose', 'glucose', 'blood sugar', 'fsbg', 'bg', 'fingerstick', 'accucheck'],
    units: [u(MGDL), u(MMOL, (v) => v * 18.016)],
    plausible: [5, 2500],
  },
  {
    name: 'hemoglobin',
    label: 'hemoglobin',
    unit: 'g/dL',
    aliases: ['hemoglobin', 'haemoglobin', 'hgb', 'hb', 'h\\/h', 'h&h', 'h & h'],
    units: [u(GDL), u(GL, (v) => v / 10), u(MMOL, (v) => v / 0.6206)],
    plausible: [2, 25],
    unitlessGuess: (v) => (v >= 30 && v <= 250 ? v / 10 : null), // g/L (e.g. "Hb 118")
  },
  {
    name: 'hematocrit',
    label: 'hematocrit',
    unit: '%',
    aliases: ['hematocrit', 'haematocrit', 'hct'],
    units: [u(PERCENT)],
    plausible: [5, 75],
  },
  // [CELLS]
  {
    name: 'platelets',
    label: 'platelets',
    unit: 'K/µL',
    aliases: ['platelet count', 'platelets', 'platelet', 'plts', 'plt'],
    units: [u(PERUL), u(CELLS_PER_UL, (v) => v / 1000)],
    plausible: [1, 2000],
    unitlessGuess: (v) => (v >= 2000 && v <= 2_000_000 ? v / 1000 : null), // "85,000"
  },
  {
    name: 'wbc',
    label: 'WBC',
    unit: 'K/µL',
    aliases: ['white blood cell count', 'white blood cells', 'white cell count', 'white count', 'wbc count', 'wbcs?', 'leukocyte count'],
    units: [u(PERUL), u(CELLS_PER_UL, (v) => v / 1000)],
    plausible: [0.1, 300],
    unitlessGuess: (v) => (v >= 300 && v <= 300_000 ? v / 1000 : null), // "12,500"
  },
  {
    name: 'bands',
    label: 'bands',
    unit: '%',
    aliases: ['band forms', 'band neutrophils', 'bands', 'bandemia'],
    units: [u(PERCENT)],
    plausible: [0, 100],
  },
  {
    name: 'lactate',
    label: 'lactate',
    unit: 'mmol/L',
    aliases: ['serum lactate', 'lactic acid', 'lactate', 'lactic'],
    units: [u(MMOL), u(MGDL, (v) => v * 0.111)],
    plausible: [0.1, 30],
  },
  {
    name: 'bnp',
    label: 'BNP',
    unit: 'pg/mL',
    aliases: ['b-type natriuretic peptide', 'brain natriuretic peptide', 'bnp'],
    units: [u(PGML)],
    plausible: [1, 50_000],
  },
  {
    name: 'ntprobnp',
    label: 'NT-proBNP',
    unit: 'pg/mL',
    aliases: ['nt-?\\s?pro-?\\s?bnp', 'n-terminal pro-?\\s?bnp', 'pro-?bnp'],
    units: [u(PGML)],
    plausible: [1, 100_000],
  },
  {
    name: 'troponin',
    label: 'troponin',
    unit: 'ng/L',
    aliases: ['hs-?troponin', 'troponin [it]', 'troponins?', 'trop', 'tni', 'tnt'],
    units: [u(/^ng\s*\/\s*L\b/), u(/^ng\s*\/\s*m[lL]\b/, (v) => v * 1000)],
    plausible: [0, 1_000_000],
  },
  {
    name: 'albumin',
    label: 'albumin',
    unit: 'g/dL',
    aliases: ['serum albumin', 'albumin', 'alb'],
    units: [u(GDL), u(GL, (v) => v / 10)],
    plausible: [0.5, 6.5],
    unitlessGuess: (v) => (v >= 10 && v <= 60 ? v / 10 : null),
  },
  {
    name: 'prealbumin',
    label: 'prealbumin',
    unit: 'mg/dL',
    aliases: ['prealbumin', 'transthyretin'],
    units: [u(MGDL), u(/^mg\s*\/\s*L\b/, (v) => v / 10)],
    plausible: [1, 60],
  },
  { name: 'inr', label: 'INR', unit: '', aliases: ['inr'], units: [], plausible: [0.5, 20] },
  {
    name: 'bilirubin',
    label: 'total bilirubin',
    unit: 'mg/dL',
    aliases: ['total bilirubin', 't\\.?\\s?bili(?:rubin)?', 'tbili', 'bilirubin', 'bili'],
    units: [u(MGDL), u(UMOL, (v) => v / 17.1)],
    plausible: [0.1, 60],
  },
  {
    name: 'ammonia',
    label: 'ammonia',
    unit: 'µmol/L',
    aliases: ['ammonia', 'nh3'],
    units: [u(UMOL), u(/^(?:µ|u|mc)g\s*\/\s*d[lL]\b/, (v) => v * 0.587)],
    plausible: [5, 1000],
  },
  // Blood gases [GAS]: "ABG 7.29/62/54" is read as pH/PaCO2/PaO2 by the extractor.
  { name: 'ph', label: 'pH', unit: '', aliases: ['arterial ph'], caseSensitive: ['pH', 'PH'], units: [], plausible: [6.5, 7.9] },
  {
    name: 'pao2',
    label: 'PaO2',
    unit: 'mmHg',
    aliases: ['pa\\s?o2', 'p\\s?o2', 'pao₂', 'po₂', 'arterial oxygen tension'],
    units: [u(MMHG), u(KPA, (v) => v * 7.50062)],
    plausible: [15, 700],
  },
  {
    name: 'paco2',
    label: 'PaCO2',
    unit: 'mmHg',
    aliases: ['pa\\s?co2', 'p\\s?co2', 'paco₂', 'pco₂'],
    units: [u(MMHG), u(KPA, (v) => v * 7.50062)],
    plausible: [8, 200],
  },
  {
    name: 'fio2',
    label: 'FiO2',
    unit: '',
    aliases: ['fio2', 'fio₂', 'fraction of inspired oxygen'],
    units: [u(PERCENT, (v) => v / 100)],
    plausible: [0.21, 1],
    unitlessGuess: (v) => (v >= 21 && v <= 100 ? v / 100 : null),
  },
  {
    name: 'spo2',
    label: 'SpO2',
    unit: '%',
    aliases: [
      'spo2',
      'spo₂',
      'o2 sats?',
      'o2 saturation',
      'oxygen saturations?',
      'pulse ox(?:imetry)?',
      'sats?',
      'saturations?',
      'saturating',
      'satting',
      "sat'ing",
      'desaturat(?:ed|ing|ion) to',
      'desatting to',
    ],
    units: [u(PERCENT)],
    plausible: [30, 100],
  },
  // Vital signs
  {
    name: 'rr',
    label: 'respiratory rate',
    unit: '/min',
    aliases: ['respiratory rate', 'resp rate', 'respirations', 'tachypneic to', 'tachypnea to', 'tachypnoeic to'],
    caseSensitive: ['RR', 'Resp', 'resp'],
    units: [u(PER_MIN)],
    plausible: [4, 70],
  },
  {
    name: 'hr',
    label: 'heart rate',
    unit: '/min',
    aliases: ['heart rate', 'pulse rate', 'pulse', 'tachycardic to', 'tachycardia to', 'tachycardic in the', 'heart rates?'],
    caseSensitive: ['HR'],
    units: [u(PER_MIN)],
    plausible: [20, 250],
  },
  {
    name: 'temp',
    label: 'temperature',
    unit: '°C',
    aliases: ['temperature', 'temp', 'tmax', 't max', 'febrile to', 'fever (?:of|to)'],
    caseSensitive: ['T'],
    units: [u(/^(?:°|º|deg(?:rees)?\s*)?\s*C\b/), u(/^(?:°|º|deg(?:rees)?\s*)?\s*F\b/, (v) => ((v - 32) * 5) / 9)],
    plausible: [25, 45],
    unitlessGuess: (v) => (v >= 80 && v <= 113 ? ((v - 32) * 5) / 9 : null), // °F written without a unit
  },
  {
    name: 'sbp',
    label: 'systolic blood pressure',
    unit: 'mmHg',
    aliases: ['systolic blood pressure', 'systolic bp', 'systolic', 'sbp', 'sbps'],
    units: [u(MMHG)],
    plausible: [30, 300],
  },
  {
    name: 'dbp',
    label: 'diastolic blood pressure',
    unit: 'mmHg',
    aliases: ['diastolic blood pressure', 'diastolic', 'dbp'],
    units: [u(MMHG)],
    plausible: [10, 200],
  },
  { name: 'map', label: 'MAP', unit: 'mmHg', aliases: ['mean arterial pressure', 'maps?'], caseSensitive: ['MAPs?'], units: [u(MMHG)], plausible: [20, 200] },
  { name: 'gcs', label: 'GCS', unit: '', aliases: ['glasgow coma scale', 'glasgow coma score', 'gcs'], units: [], plausible: [3, 15] },
  // [BODY]
  {
    name: 'weight',
    label: 'weight',
    unit: 'kg',
    aliases: ['body weight', 'current weight', 'admission weight', 'weight', 'wt', 'weighs', 'weighed'],
    units: [u(/^kgs?\b|^kilo(?:gram)?s?\b/i), u(/^(?:lbs?|pounds?|#)(?![\w])/i, (v) => v * 0.45359237)],
    plausible: [1, 400],
  },
  {
    name: 'height',
    label: 'height',
    unit: 'cm',
    aliases: ['height', 'ht'],
    units: [u(/^cm\b/i), u(/^m\b/, (v) => v * 100), u(/^(?:in|inches|")(?![\w])/i, (v) => v * 2.54)],
    plausible: [40, 250],
  },
  { name: 'bmi', label: 'BMI', unit: 'kg/m²', aliases: ['body mass index', 'bmi'], units: [u(/^kg\s*\/\s*m(?:2|²|\^2)/i)], plausible: [8, 120] },
  {
    name: 'urine-output',
    label: 'urine output',
    unit: 'mL/h',
    aliases: ['urine output', 'urinary output', 'uop', 'uo'],
    units: [u(/^m[lL]\s*\/\s*(?:h|hr|hour)\b/), u(/^cc\s*\/\s*(?:h|hr|hour)\b/)],
    plausible: [0, 2000],
  },
  {
    name: 'ef',
    label: 'ejection fraction',
    unit: '%',
    aliases: ['lv ejection fraction', 'left ventricular ejection fraction', 'ejection fraction', 'lvef', 'ef'],
    units: [u(PERCENT)],
    plausible: [5, 85],
  },
];

export const MEASURE_BY_NAME = new Map(MEASURES.map((m) => [m.name, m]));

/** The canonical name of a written measurement name (results blocks and prose), or null. */
export function canonicalMeasure(written: string): MeasureName | null {
  const w = written.trim();
  const hit = RESULT_NAMES.get(w.toLowerCase());
  if (hit) return hit;
  const known = NAME_CACHE.get(w);
  if (known !== undefined) return known;
  let found: MeasureName | null = null;
  for (const m of WHOLE_NAMES)
    if (m.sensitive?.test(w) || m.insensitive.test(w)) {
      found = m.name;
      break;
    }
  if (NAME_CACHE.size < 2000) NAME_CACHE.set(w, found);
  return found;
}

const WHOLE_NAMES = MEASURES.map((m) => ({
  name: m.name,
  insensitive: new RegExp(`^(?:${m.aliases.join('|')})$`, 'i'),
  sensitive: m.caseSensitive ? new RegExp(`^(?:${m.caseSensitive.join('|')})$`) : null,
}));
const NAME_CACHE = new Map<string, MeasureName | null>();

/** Extra names seen in EHR extracts (the spec's list and common interface names), lower case. */
const RESULT_NAMES = new Map<string, MeasureName>([
  ['respiratory rate', 'rr'],
  ['rr', 'rr'],
  ['heart rate', 'hr'],
  ['hr', 'hr'],
  ['pulse', 'hr'],
  ['temperature', 'temp'],
  ['temp', 'temp'],
  ['systolic', 'sbp'],
  ['sbp', 'sbp'],
  ['mean arterial pressure', 'map'],
  ['map', 'map'],
  ['urine output', 'urine-output'],
  ['nt-probnp', 'ntprobnp'],
  ['ntprobnp', 'ntprobnp'],
  ['na', 'sodium'],
  ['k', 'potassium'],
  ['cr', 'creatinine'],
  ['hgb', 'hemoglobin'],
  ['hb', 'hemoglobin'],
  ['plt', 'platelets'],
  ['o2 sat', 'spo2'],
  ['sao2', 'spo2'],
  ['ejection fraction', 'ef'],
  ['lvef', 'ef'],
]);

/** Converts a value with its written unit (or none) to the canonical unit; null when the unit is not one of the measurement's. */
export function toCanonical(def: MeasureDef, value: number, unit: string | undefined): { value: number; unitKnown: boolean } | null {
  const written = (unit ?? '').trim();
  if (written) {
    for (const x of def.units) if (x.re.test(written)) return { value: x.toCanonical(value), unitKnown: true };
    return null;
  }
  if (value >= def.plausible[0] && value <= def.plausible[1]) return { value, unitKnown: false };
  const guess = def.unitlessGuess?.(value);
  return guess !== null && guess !== undefined ? { value: guess, unitKnown: false } : { value, unitKnown: false };
}

export function isPlausible(def: MeasureDef, canonical: number): boolean {
  return canonical >= def.plausible[0] && canonical <= def.plausible[1];
}

/** Any unit the extractor knows (so a number followed by a unit of another measurement is not this one's). */
export const ANY_UNIT =
  /^(?:mg\s*\/\s*d[lL]|mmol\s*\/\s*L|mEq\s*\/\s*L|(?:µ|u)mol\s*\/\s*L|g\s*\/\s*d[lL]|g\s*\/\s*L|pg\s*\/\s*m[lL]|ng\s*\/\s*[mL]L?|%|mm\s*Hg|kPa|K\s*\/\s*(?:µ|u)L|°\s*[CF]|kg\/m2|kgs?|lbs?|cm|m[lL](?:\s*\/\s*(?:h|hr|kg(?:\s*\/\s*h)?|min))?|cc(?:\s*\/\s*h(?:r)?)?|L(?:\s*\/\s*(?:min|day|d))?|mg|mcg|g|units?|u|mEq|mmol|hours?|hrs?|h|minutes?|mins?|days?|d|weeks?|wks?|months?|mos?|years?|yrs?|y\/o|yo)(?![A-Za-z])/;
