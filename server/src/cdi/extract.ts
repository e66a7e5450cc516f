// Measurements in clinical prose, as clinicians write them: "Cr 2.4 this morning, 1.1 on
// admission", "Na+ 127", "sats 87% on RA", "Hgb fell from 11.8 to 8.6 after surgery", "BP 84/50",
// "ABG 7.29/62/54", "T 102.4 °F", "Creat 168 µmol/L", "WBC 12,500", "BMI 43.2".
//
// One line at a time (pure: text in, values out). A measurement name opens a scope that runs to the
// next measurement name or the end of the sentence; the numbers in it are that measurement's values
// when their unit is one of its units (or they have none and are plausible). A number with another
// unit ("2 L", "81 mg", "30 mL/kg") ends the scope; a duration ("every 4 hours", "3 days") is skipped.
// The words around each value say what it is: a reference range ("ref 0.6–1.2", "normal 135–145"),
// a target ("goal MAP > 65", "keep sats > 92%"), a baseline or prior value ("baseline 1.0",
// "usual weight", "was 138 in November", "6 months ago"), a corrected value, and when it was taken
// ("this morning", "on admission", "on day 3", "POD 1", "3/4", "at discharge", "preop").
import { ANY_UNIT, MEASURES, MEASURE_BY_NAME, isPlausible, toCanonical, type MeasureDef, type MeasureName } from './vocabulary';
import { MONTHS, addDays, daysBetween, hospitalDay, postopDay, writtenDate, type Stay } from './prose';

export type ValueKind = 'patient' | 'baseline' | 'prior' | 'reference' | 'target' | 'corrected';

export interface ValueContext {
  roomAir?: boolean;
  /** Oxygen in use when the value was taken: the patient's home oxygen, or supplemental oxygen above it. */
  oxygen?: 'home' | 'supplemental';
  /** Litres per minute when written ("on 4 L"). */
  flow?: number;
  /** FiO2 given with the value ("PaO2 68 on HFNC 60%"), as a fraction. */
  fio2?: number;
  venous?: boolean;
  approx?: boolean;
  comparator?: '<' | '>' | '<=' | '>=';
  /** "at her baseline", "stable", "chronic": the value is described as the patient's usual one. */
  atBaseline?: boolean;
  preop?: boolean;
  postop?: boolean;
  /** Urine output: hours the rate lasted ("for six hours", "over 6 h"). */
  hours?: number;
  /** A written range ("EF 35-40%", "8-10"): its upper end (canonical). */
  upper?: number;
  /** How far before the value's date a prior value was taken ("3 months ago"), in days. */
  agoDays?: number;
  /** Derived from other values (MAP from a blood pressure). */
  derived?: boolean;
}

export interface Extracted {
  name: MeasureName;
  value: number;
  /** The text of the measurement as written: name through value and unit. */
  written: string;
  /** Offsets in the line text: the value (with its unit) and the name. */
  from: number;
  to: number;
  nameFrom: number;
  unitKnown: boolean;
  kind: ValueKind;
  /** ISO date when the words or the section date say it; null when unknown. */
  date: string | null;
  /** Which words gave the date ("on admission", "this morning", "section", …). */
  dateFrom: string | null;
  context: ValueContext;
  /** Scope id: values of one name in one phrase ("Hgb fell from 11.8 to 8.6"). */
  scope: number;
  /** The value is said to come before (−1) or after (+1) the previous value of its scope. */
  order: -1 | 0 | 1;
}

export interface LineContext {
  stay: Stay;
  /** The date of the section the line is in (or null). */
  sectionDate: string | null;
}

// ── names ────────────────────────────────────────────────────────────────────

interface NameHit {
  from: number;
  to: number;
  name: MeasureName | 'bp' | 'abg' | 'stop';
  text: string;
  /** Short names must be followed by their value: one letter ("K", "T") at once, two or three ("Cr", "Hgb") after a verb at most. */
  tight: 0 | 1 | 2;
}

const BP_ALIASES = ['blood pressures?', 'b\\/p', 'bps?', 'hypotensive to', 'hypotension to', 'hypertensive to'];
const ABG_ALIASES = ['arterial blood gas', 'abg', 'vbg', 'venous blood gas', 'blood gas'];

function aliasSource(list: string[]): string {
  return [...list].sort((a, b) => b.length - a.length).join('|');
}
// One scan per paragraph for every name (one case-insensitive and one case-sensitive alternation,
// longest alternatives first), then the name of each hit from anchored per-measure patterns.
const INSENSITIVE_LISTS: { name: NameHit['name']; aliases: string[] }[] = [
  ...MEASURES.map((m) => ({ name: m.name as NameHit['name'], aliases: m.aliases })),
  { name: 'bp', aliases: BP_ALIASES },
  { name: 'abg', aliases: ABG_ALIASES },
  { name: 'weight', aliases: ['usual body weight', 'usual weight', 'ubw', 'dry weight'] },
];
const ALL_INSENSITIVE = new RegExp(`\\b(?:${aliasSource(INSENSITIVE_LISTS.flatMap((l) => l.aliases))})(?![A-Za-z0-9])`, 'gi');
const ANCHORED_INSENSITIVE = INSENSITIVE_LISTS.map((l) => ({ name: l.name, re: new RegExp(`^(?:${l.aliases.join('|')})$`, 'i') }));
const SENSITIVE_LISTS = MEASURES.filter((m) => m.caseSensitive?.length).map((m) => ({ name: m.name as NameHit['name'], aliases: m.caseSensitive! }));
const ALL_SENSITIVE = new RegExp(`\\b(?:${aliasSource(SENSITIVE_LISTS.flatMap((l) => l.aliases))})(?![A-Za-z0-9])`, 'g');
const ANCHORED_SENSITIVE = SENSITIVE_LISTS.map((l) => ({ name: l.name, re: new RegExp(`^(?:${l.aliases.join('|')})$`) }));
const nameCache = new Map<string, NameHit['name'] | null>();
function nameOf(written: string, sensitive: boolean): NameHit['name'] | null {
  const key = (sensitive ? 's:' : 'i:') + (sensitive ? written : written.toLowerCase());
  const hit = nameCache.get(key);
  if (hit !== undefined) return hit;
  const found = (sensitive ? ANCHORED_SENSITIVE : ANCHORED_INSENSITIVE).find((x) => x.re.test(written))?.name ?? null;
  if (nameCache.size < 5000) nameCache.set(key, found);
  return found;
}

/** A specimen word before a name makes it another test ("urine sodium", "CSF protein", "stool WBC"). */
/** Words allowed between a short name and its first value ("Hgb fell from 11.8", "Cr up to 1.4"). */
const TIGHT_GAP =
  /^(?:\s|:|=|\b(?:of|is|was|were|now|has|had|have|been|rose|rising|risen|increased|increasing|decreased|decreasing|fell|fallen|falling|dropped|dropping|drifted|trended|trending|went|came|bumped|up|down|from|to|at|only|still|peaked|peak|nadir|today|this|morning|am|yesterday|on|admission|improved|improving|worsened|worsening|stable|repeat|initial)\b)*(?:(?:<|>|≤|≥|~)\s*)?$/i;
/** Names of tests and quantities the rules do not read: they end the scope of the name before them. */
const OTHER_NAMES =
  /\b(?:bicarbonate|bicarb|hco3|chloride|anion gap|calcium|ionized calcium|magnesium|phosphorus|phos|alk(?:aline)? phos(?:phatase)?|lipase|amylase|a1c|hba1c|fibrinogen|d-dimer|ferritin|iron|tibc|b12|folate|uric acid|osm(?:olality)?|serum osm|beta-hydroxybutyrate|ketones|procalcitonin|haptoglobin|retic(?:ulocytes?|ulocyte count)?|neutrophils|lymphocytes|a-a gradient|cystatin c|peak flow|fev1|braden|pain score|cardiac index|triglycerides|vitamin d|ammonia level|units?|doses?|bolus|boluses|kcal|ast|alt|ck|crp|esr|ldh|mcv|rdw|anc|psa|cea|ldl|hdl|ggt|cpk|tsh|ptt|bhb|cvp|pcwp|svr|qtc|e?gfr)(?![A-Za-z0-9])|\b(?:CO2|Cl|AG|Ca|Mg|PT|CI|CrCl|ALP|GAP)(?![A-Za-z0-9])/gi;
const SPECIMEN_BEFORE = /(?:\b(?:urine|urinary|csf|stool|fecal|pleural|ascitic|peritoneal|synovial|fluid|sweat|spot)\s+)$/i;
/** After "weight": a change or an activity, not a weight. */
const WEIGHT_NOT = /^\s*(?:gain|loss|change|up|down|bearing|-bearing|trend|fluctuat)/i;

export function findNames(text: string): NameHit[] {
  const hits: NameHit[] = [];
  const add = (re: RegExp, sensitive: boolean) => {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const name = nameOf(m[0], sensitive);
      if (!name) continue;
      const from = m.index!;
      const to = from + m[0].length;
      if (SPECIMEN_BEFORE.test(text.slice(Math.max(0, from - 14), from))) continue;
      // "corrected for glucose", "adjusted for albumin": the name qualifies the value before it.
      if (/\b(?:corrected|adjusted|correct|accounting)\s+for\s+$/i.test(text.slice(Math.max(0, from - 24), from))) continue;
      if (/^\s*\/\s*hpf/i.test(text.slice(to, to + 8))) continue;
      if (name === 'weight' && WEIGHT_NOT.test(text.slice(to, to + 20))) continue;
      const letters = m[0].replace(/[^A-Za-z]/g, '').length;
      hits.push({ from, to, name, text: m[0], tight: letters <= 1 ? 2 : letters <= 3 ? 1 : 0 });
    }
  };
  add(ALL_INSENSITIVE, false);
  add(ALL_SENSITIVE, true);
  OTHER_NAMES.lastIndex = 0;
  for (const m of text.matchAll(OTHER_NAMES)) {
    // Short names ("Ca", "Cl", "PT", "Mg") only as written in capitals ("Ca 8.9", not "the pt", "ca" of "ca-125").
    if (/^(?:co2|cl|ag|ca|mg|pt|ci|crcl|alp|gap)$/i.test(m[0]) && !/^(?:CO2|Cl|AG|Ca|Mg|PT|CI|CrCl|ALP|GAP)$/.test(m[0])) continue;
    if (/^mg$/i.test(m[0]) || /^units?$|^doses?$/i.test(m[0])) {
      // Only as a stop when it is not a unit right after a number ("81 mg" is read as a unit).
      if (/\d\s*$/.test(text.slice(0, m.index!))) continue;
    }
    hits.push({ from: m.index!, to: m.index! + m[0].length, name: 'stop', text: m[0], tight: 0 });
  }
  // Longest first at a position; drop hits inside another.
  hits.sort((a, b) => a.from - b.from || b.to - b.from - (a.to - a.from));
  const out: NameHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.from < last.to) continue;
    out.push(h);
  }
  return out;
}

// ── numbers ──────────────────────────────────────────────────────────────────

/** A number, with an optional comparator, approximation sign, range end, or `/` pair (BP, H/H, ABG triple). */
// Blanks inside a number are bounded (\s{0,8}): an unbounded \s* before the digits is tried from
// every blank of a long run of spaces (quadratic time; dates and times are masked with spaces).
const NUMBER =
  /(?<![\w.#'’-])(<=|>=|≤|≥|<|>)?\s{0,8}(~|≈|approx\.?\s{0,8}|about\s{1,8}|approximately\s{1,8})?(\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?|\.\d+)(?:\s{0,8}(?:-|–|—)\s{0,8}(\d+(?:\.\d+)?))?(?:\s{0,8}\/\s{0,8}(\d+(?:\.\d+)?))?(?:\s{0,8}\/\s{0,8}(\d+(?:\.\d+)?))?/g;
const DECADE = /^(?:in the\s+)?(low|mid|high|upper)?[- ]?(\d{2,3})['’]?s\b/i;
const FEET_INCHES = /^(\d)\s*(?:'|’|ft|feet)\s*(\d{1,2})?\s*(?:"|”|''|in(?:ches)?)?/i;
const DURATION_UNIT = /^(?:hours?|hrs?|h\b|minutes?|mins?|days?|d\b|weeks?|wks?|months?|mos?\b|years?|yrs?|y\/o|yo\b|times|x\b)/i;
/** Numbers written as words in notes ("two days", "a few weeks"): shared by the extractor and the rules. */
export const WORD_NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  several: 3,
  few: 3,
  a: 1,
  an: 1,
};

/** Masks ISO dates and clock times with spaces so that their digits are not values (lengths kept). */
function mask(text: string): string {
  return text.replace(
    /\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2})?\b|\b\d{1,2}:\d{2}\b|\b(?:q|Q)\s?\d+\s?(?:h|hr|hrs|hours)\b|\bx\s?\d+\b|\bE\d\s*V\d\s*M\d\b|\b(?:POD|HD|day|Day|grade|Grade|stage|Stage|class|Class|type|Type)\s*#?\s*\d+\b/g,
    (m) => ' '.repeat(m.length),
  );
}

// ── the words around a value ─────────────────────────────────────────────────

const REFERENCE_WORDS = /\b(?:ref(?:erence)?(?:\s+range)?|normal(?:\s+range)?|nl|ULN|LLN|upper limit|lower limit|range)\b\s*:?\s*$/i;
const TARGET_WORDS =
  /\b(?:goal|target|keep|maintain|titrat\w*|threshold|trigger|if|unless|aim(?:ing)?|call\b[^.]*\bif|notify\b[^.]*\bif|hold\b[^.]*\bfor|transfuse\b[^.]*\b(?:for|if|below)|to keep|at least|no more than|should be|ideal)\b/i;
const BASELINE_WORDS =
  /\b(?:baseline|usual(?:ly)?|normally|typically|prior|previous(?:ly)?|pre-?admission|outpatient|at (?:his|her|their) pcp|pcp|clinic|last (?:year|month|week)|years? ago|months? ago|home|dry weight)\b/i;
const CORRECTED_WORDS = /\bcorrected\b/i;

const MONTH_NAME =
  /\b(?:in|since|from)\s+(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const AGO = /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few|a)\s+(days?|weeks?|wks?|months?|mos?|years?|yrs?)\s+ago\b/i;
const OVER_SPAN =
  /\bover\s+(?:the\s+)?(?:past|last|prior)?\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few)\s+(days?|weeks?|wks?|months?|mos?|years?)\b/i;

function spanDays(n: string, unit: string): number {
  const count = WORD_NUMBERS[n.toLowerCase().replace(/^a /, '')] ?? Number(n);
  const u = unit.toLowerCase();
  const per = u.startsWith('d') ? 1 : u.startsWith('w') ? 7 : u.startsWith('m') ? 30 : 365;
  return count * per;
}

interface When {
  date: string | null;
  from: string | null;
  prior?: boolean;
  preop?: boolean;
  postop?: boolean;
  agoDays?: number;
}

/** The date words in a phrase say (null date when the phrase has none or the stay cannot resolve it). */
/** Words any time phrase contains (a quick test before the phrase patterns). */
const TIME_CUE =
  /\d|admi|arriv|present|discharg|today|morning|\bam\b|a\.m\.|afternoon|evening|tonight|overnight|\bnow\b|current|yesterday|night|\bago\b|\blast\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|op\b|operat|after|surgery|procedure|initial|\bED\b|emergency|triage|outpatient|prior|before|day\b/i;

export function whenOf(phrase: string, ctx: LineContext): When | null {
  if (!TIME_CUE.test(phrase)) return null;
  const { stay, sectionDate } = ctx;
  const t = phrase;
  // US dates in prose only with a date word before them or a year ("on 3/4", "(3/4)", "3/4/2026"): "BiPAP 12/5" is a setting.
  const written =
    /\b\d{4}-\d{2}-\d{2}\b|(?=\d)(?<=\b(?:on|from|since|dated|at|by|until|of)\s+|\()\d{1,2}\/\d{1,2}(?:\/\d{2,4})?(?![\d/])|(?<![\d/.])\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d/])/.exec(
      t,
    );
  if (written) {
    const d = writtenDate(written[0], stay);
    if (d) return { date: d, from: written[0], prior: !!stay.admitted && d < stay.admitted };
  }
  const ago = AGO.exec(t);
  if (ago) {
    const days = spanDays(ago[1], ago[2]);
    const ref = sectionDate ?? stay.admitted;
    const d = ref ? addDays(ref, -days) : null;
    return { date: d, from: ago[0], prior: !stay.admitted || !d || d < stay.admitted, agoDays: days };
  }
  if (/\b(?:last (?:year|month|week)|a year ago|as an outpatient|prior to admission|before admission|pre-?admission)\b/i.test(t))
    return { date: null, from: 'before admission', prior: true };
  const month = MONTH_NAME.exec(t);
  if (month && stay.admitted) {
    const m = MONTHS.indexOf(month[1].slice(0, 3).toLowerCase()) + 1;
    const a = Number(stay.admitted.slice(5, 7));
    const dm = stay.discharged ? Number(stay.discharged.slice(5, 7)) : a;
    if (m !== a && m !== dm) return { date: null, from: month[0], prior: true };
  }
  if (/\b(?:pre-?op(?:erative(?:ly)?)?|before surgery|prior to surgery)\b/i.test(t)) return { date: stay.surgery, from: 'preop', preop: true };
  const pod = postopDay(t, stay);
  if (pod) return { date: pod, from: /\b(?:POD|post-?op(?:erative)? day)\s*#?\s*\d+/i.exec(t)![0] };
  const hd = /\b(?:on\s+)?(?:hospital day|HD|day)\s*#?\s*\d{1,2}\b/i.exec(t);
  if (hd) {
    const d = hospitalDay(hd[0], stay);
    if (d) return { date: d, from: hd[0] };
  }
  if (
    /\b(?:on|at|upon)\s+(?:admission|arrival|presentation|admit)\b|\b(?:admission|admit|initial(?:ly)?|in the ED|in ED|in triage|at triage|on presentation|in the emergency department)\b/i.test(
      t,
    )
  )
    return { date: stay.admitted, from: 'on admission' };
  if (/\b(?:at|on|upon|day of|morning of)\s+(?:the\s+)?(?:day of\s+)?discharge\b/i.test(t)) return { date: stay.discharged, from: 'at discharge' };
  if (/\b(?:post-?op(?:erative(?:ly)?)?|after (?:the\s+)?(?:surgery|operation|procedure)|after (?:the\s+)?(?:cath|ERCP|EGD|case))\b/i.test(t))
    return { date: sectionDate, from: 'after surgery', postop: true };
  if (/\b(?:yesterday|last night)\b/i.test(t)) return { date: sectionDate ? addDays(sectionDate, -1) : null, from: 'yesterday' };
  if (/\b(?:this (?:morning|am|a\.m\.|afternoon|evening)|today|tonight|overnight|now|currently)\b/i.test(t)) return { date: sectionDate, from: 'section' };
  return null;
}

/** A sentence's one time phrase for the values in it that have none of their own ("Temp 39.2, HR 122, BP 84/50 on arrival"). */
function sentenceWhen(sentence: string, ctx: LineContext): When | null {
  const w = whenOf(sentence, ctx);
  return w && w.from !== 'section' && !w.prior ? w : null;
}

function contextOf(after: string, sentence: string): ValueContext {
  const c: ValueContext = {};
  const near = after.slice(0, 60);
  if (/^\s*(?:on\s+)?(?:RA|room air)\b|\bon\s+(?:RA|room air)\b/i.test(near)) c.roomAir = true;
  const flow = /\bon\s+(?:(?:his|her|their)\s+)?(home|usual|baseline)?\s*(\d+(?:\.\d+)?)\s*(?:L|liters?|lpm)\b/i.exec(near);
  if (flow) {
    c.flow = Number(flow[2]);
    c.oxygen = flow[1] || /\b(?:home|usual|baseline)\b/i.test(near) ? 'home' : 'supplemental';
  } else if (/\bon\s+(?:(?:his|her)\s+)?(?:home|usual)\s+(?:O2|oxygen)\b/i.test(near)) c.oxygen = 'home';
  else if (
    /\bon\s+(?:NC|nasal cannula|O2|oxygen|BiPAP|CPAP|high[- ]flow|HFNC|NRB|non-?rebreather|face ?mask|venti?mask|the vent(?:ilator)?)\b|\bon\s+(?:HFNC|high flow)\b/i.test(
      near,
    )
  )
    c.oxygen = 'supplemental';
  if (!c.roomAir && !c.oxygen && /\b(?:on\s+)?(?:RA|room air)\b/.test(sentence)) c.roomAir = true;
  if (
    /\b(?:at (?:his|her|their) baseline|at baseline|which is (?:his|her|their) (?:chronic |usual )?baseline|(?:his|her|their) usual (?:value|level|number)|chronic(?:ally)? (?:elevated|low|stable)|stable at)\b/i.test(
      near,
    )
  )
    c.atBaseline = true;
  return c;
}

// ── the extractor ────────────────────────────────────────────────────────────

const PAIR_NAMES = new Set<NameHit['name']>(['bp', 'abg', 'hemoglobin']);

/** Every measurement written on one line of prose. */
export function extractLine(text: string, ctx: LineContext, scopeBase = 0): Extracted[] {
  if (!/\d/.test(text)) return []; // no number, no value
  const names = findNames(text);
  if (!names.length) return [];
  const masked = mask(text);
  const out: Extracted[] = [];
  // Sentence bounds: ". " (a decimal point has a digit after it), "!", "?"; not ";" (clinicians chain findings with it).
  const bounds: number[] = [0];
  for (const m of text.matchAll(/[.!?](?=\s|$)(?<!\d\.(?=\d))/g)) bounds.push(m.index! + 1);
  bounds.push(text.length);
  const sentenceOf = (pos: number) => {
    let s = 0;
    for (const b of bounds) if (b <= pos) s = b;
    const e = bounds.find((b) => b > pos) ?? text.length;
    return [s, e] as const;
  };
  names.forEach((hit, n) => {
    if (hit.name === 'stop') return;
    const [sStart, sEnd] = sentenceOf(hit.from);
    const end = Math.min(names[n + 1]?.from ?? text.length, sEnd);
    const preamble = text.slice(Math.max(sStart, n > 0 ? names[n - 1].to : 0), hit.from);
    const sentence = text.slice(sStart, sEnd);
    const scope = scopeBase + n;
    const def = hit.name === 'bp' || hit.name === 'abg' ? null : MEASURE_BY_NAME.get(hit.name)!;
    const venous =
      /\b(?:vbg|venous)\b/i.test(hit.text) ||
      /\b(?:VBG|venous)\b/i.test(preamble) ||
      (/\b(?:VBG|venous (?:blood )?gas)\b/i.test(sentence) && !/\b(?:ABG|arterial)\b/i.test(sentence));
    let pos = hit.to;
    let prevKind: ValueKind | null = null;
    let prevEnd = hit.to;
    let first = true;
    let unitCarry: string | undefined;
    while (pos < end) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(masked);
      if (!m || m.index >= end) break;
      // A short name ("K", "Cr", "T") is followed by its value at once (": " or a few spaces allowed).
      if (first && hit.tight === 2 && !/^\s*(?:[:=]\s*)?(?:[<>≤≥~]\s*)?$/.test(text.slice(hit.to, m.index))) break;
      if (first && hit.tight === 1 && !TIGHT_GAP.test(text.slice(hit.to, m.index))) break;
      const numStart = m.index + (m[0].length - m[0].trimStart().length);
      const head = text.slice(prevEnd, numStart);
      // A new measurement's words between values end this one's scope ("Cr 2.4 and his potassium…" is handled by names).
      if (!first && /\b(?:and|with|but|while|whereas)\b(?!\s*$)/i.test(head) && head.trim().split(/\s+/).length > 3) break;
      let valueText = m[3].replace(/,/g, '');
      let value = Number(valueText);
      let afterNum = m.index + m[0].length;
      const comparator = m[1] ? ((m[1] === '≤' ? '<=' : m[1] === '≥' ? '>=' : m[1]) as ValueContext['comparator']) : undefined;
      const approx = !!m[2];
      const rangeEnd = m[4] !== undefined ? Number(m[4]) : undefined;
      const pair = m[5] !== undefined ? Number(m[5]) : undefined;
      const triple = m[6] !== undefined ? Number(m[6]) : undefined;
      // "sats in the low 80s", "MAPs in the 50s".
      const lead = /(?:in the\s+)?(?:low|mid|high|upper)?[- ]?$/i.exec(text.slice(Math.max(0, numStart - 20), numStart))?.[0].length ?? 0;
      const decade = DECADE.exec(text.slice(numStart - lead, numStart + 12));
      let decadeApprox = false;
      if (decade && /['’]?s\b/.test(text.slice(afterNum, afterNum + 3))) {
        const base = Number(decade[2]);
        value = base + (decade[1] ? { low: 2, mid: 5, high: 8, upper: 8 }[decade[1].toLowerCase() as 'low']! : 5);
        valueText = String(value);
        afterNum = text.indexOf('s', afterNum) + 1;
        decadeApprox = true;
      }
      // A pair that is a date for names that take no pairs ("Progress 2/4") — skip it.
      if (
        pair !== undefined &&
        !PAIR_NAMES.has(hit.name) &&
        triple === undefined &&
        Number.isInteger(value) &&
        value >= 1 &&
        value <= 12 &&
        pair >= 1 &&
        pair <= 31 &&
        !/^\s*%/.test(text.slice(afterNum))
      ) {
        pos = afterNum;
        continue;
      }
      // The unit after the value.
      const rest = text.slice(afterNum);
      const unitMatch = /^\s*/.exec(rest)!;
      const unitText = rest.slice(unitMatch[0].length);
      let unit: string | undefined;
      let unitLen = 0;
      let hours: number | undefined;
      if (hit.name === 'height') {
        const fi = FEET_INCHES.exec(text.slice(numStart));
        if (fi && (fi[2] !== undefined || /'|’|ft|feet/.test(fi[0]))) {
          value = Number(fi[1]) * 12 + Number(fi[2] ?? 0);
          unit = 'in';
          afterNum = numStart + fi[0].length;
          unitLen = 0;
        }
      }
      if (unit === undefined && def) {
        const own = def.units.find((x) => x.re.test(unitText));
        if (own) {
          const mm = own.re.exec(unitText)!;
          unit = mm[0];
          unitLen = unitMatch[0].length + mm[0].length;
        }
      }
      if (unit === undefined && hit.name === 'urine-output') {
        // "90 mL over the first six hours", "1.5 L/day", "400 mL in 24 h".
        const over =
          /^(m[lL]|cc|L)\s*(?:\/\s*(?:day|d|24\s*h(?:ours?|rs?)?)|(?:over|in)\s+(?:the\s+)?(?:first\s+|last\s+|past\s+|prior\s+)?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four)\s*(?:hours?|hrs?|h)\b)/i.exec(
            unitText,
          );
        if (over) {
          const h = over[2] ? (WORD_NUMBERS[over[2].toLowerCase()] ?? (over[2].toLowerCase() === 'twenty-four' ? 24 : Number(over[2]))) : 24;
          const ml = over[1].toUpperCase() === 'L' ? value * 1000 : value;
          value = ml / h;
          hours = h;
          unit = 'mL/h';
          unitLen = unitMatch[0].length + over[0].length;
        } else if (/^m[lL]\s*\/\s*kg\s*\/\s*(?:h|hr|hour)\b/.test(unitText)) {
          // Per kilogram: kept as mL/h for a 70 kg adult would be a guess; skip it here (the rule reads the text).
          pos = afterNum;
          first = false;
          continue;
        }
      }
      if (unit === undefined) {
        const other = ANY_UNIT.exec(unitText);
        if (other && unitText.length) {
          if (DURATION_UNIT.test(unitText)) {
            pos = afterNum + unitMatch[0].length + other[0].length;
            first = false;
            continue;
          }
          break; // another quantity ("2 L", "81 mg", "30 mL/kg"): this measurement's values end here
        }
      }
      if (unit === undefined && unitCarry && !first) unit = unitCarry;
      // Restated in another unit right after ("54.4 kg (120 lb)") — the same value, skip it.
      if (!first && /^\s*\(\s*$/.test(head) && unit && out.length && out[out.length - 1].scope === scope && def) {
        const conv = toCanonical(def, value, def.units.some((x) => x.re.test(unit!)) ? unit : undefined);
        const prev = out[out.length - 1].value;
        if (conv && Math.abs(conv.value - prev) <= Math.max(0.03 * prev, 0.5)) {
          pos = afterNum + unitLen;
          prevEnd = pos;
          // "UBW 59 kg (130 lb) 6 months ago": the time words after the restatement belong to the value.
          const last = out[out.length - 1];
          const later = AGO.exec(text.slice(pos, Math.min(end, pos + 40)).split(/[,;]/)[0]);
          if (later && last.context.agoDays === undefined) {
            const w = whenOf(later[0], ctx);
            last.context.agoDays = w?.agoDays;
            if (last.kind === 'patient') last.kind = 'prior';
            last.date = w?.date ?? last.date;
          }
          continue;
        }
      }
      const valueEnd = afterNum + unitLen;
      // What the words before the value say it is.
      const headWords = first ? preamble + ' ' + hit.text + ' ' + head : head;
      let kind: ValueKind = 'patient';
      if (REFERENCE_WORDS.test(trimEndOf(head, '(:')) || /\((?:ref|nl|normal)\b[^)]*$/i.test(text.slice(prevEnd, numStart))) kind = 'reference';
      else if (TARGET_WORDS.test(headWords) && (comparator || /\b(?:goal|target|keep|maintain|titrat|to keep|aim|if|threshold)\b/i.test(headWords)))
        kind = 'target';
      else if (CORRECTED_WORDS.test(head) || (first && CORRECTED_WORDS.test(preamble))) kind = 'corrected';
      else if (BASELINE_WORDS.test(head) || (first && /\b(?:baseline|usual|ubw|dry weight|prior|previous|outpatient|home)\b/i.test(preamble + ' ' + hit.text)))
        kind = /\b(?:baseline|usual|ubw|dry weight)\b/i.test(first ? preamble + ' ' + hit.text + ' ' + head : head) ? 'baseline' : 'prior';
      else if (prevKind && (prevKind === 'baseline' || prevKind === 'prior' || prevKind === 'reference') && /^\s*(?:to|-|–|and|or)\s*$/i.test(head))
        kind = prevKind;
      // A range written after a value in parentheses with no other word is a reference range ("1.0 (0.6-1.2)").
      if (kind === 'patient' && rangeEnd !== undefined && /\(\s*$/.test(head) && !first) kind = 'reference';
      // Order: "from X", "was X" → before the previous value; "to Y", "→ Y", "now Y" → after it.
      let order: -1 | 0 | 1 = 0;
      if (!first && /\b(?:from|was|previously|down from|up from)\b/i.test(head)) order = -1;
      else if (!first && /(?:\bto\b|→|->|\bnow\b|\bthen\b|\bnext\b|\blater\b)/i.test(head)) order = 1;
      // When: the words right after the value (up to a comma or bracket), else those before it, else the name's own words.
      const tailEnd = (() => {
        NUMBER.lastIndex = valueEnd;
        const next = NUMBER.exec(masked);
        return Math.min(next && next.index < end ? next.index : end, end);
      })();
      const tail = text.slice(valueEnd, tailEnd);
      const tailOwn = tail.split(/[,(;]|\band\b/)[0];
      const headOwn = head.split(/[,)]/).pop() ?? '';
      const ownWhen = whenOf(tailOwn, ctx) ?? whenOf(headOwn, ctx) ?? (first ? whenOf(preamble + ' ' + hit.text, ctx) : null);
      const when = ownWhen ?? sentenceWhen(sentence, ctx);
      if (when?.prior && kind === 'patient') kind = 'prior';
      const context: ValueContext = { ...contextOf(text.slice(valueEnd, end), sentence) };
      if (venous) context.venous = true;
      if (approx || decadeApprox) context.approx = true;
      if (comparator) context.comparator = comparator;
      if (when?.preop) context.preop = true;
      if (when?.postop) context.postop = true;
      if (when?.agoDays) context.agoDays = when.agoDays;
      if (kind === 'prior' && !context.agoDays) {
        const over = OVER_SPAN.exec(tail);
        if (over) context.agoDays = spanDays(over[1], over[2]);
      }
      const durationAfter =
        /^\s*(?:for|over|x|×)\s+(?:the\s+)?(?:past\s+|last\s+)?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s*(?:hours?|hrs?|h)\b/i.exec(tail);
      if (hours) context.hours = hours;
      else if (durationAfter) context.hours = WORD_NUMBERS[durationAfter[1].toLowerCase()] ?? Number(durationAfter[1]);
      else if (hit.name === 'urine-output' && /^\s*overnight\b/i.test(tail)) context.hours = 8;
      const base: Omit<Extracted, 'name' | 'value'> = {
        written: text.slice(hit.from, valueEnd).trim(),
        from: numStart,
        to: valueEnd,
        nameFrom: hit.from,
        unitKnown: !!unit,
        kind,
        date: when?.date ?? (kind === 'patient' || kind === 'corrected' ? ctx.sectionDate : null),
        dateFrom: when
          ? ownWhen
            ? when.from
            : `sentence: ${when.from}`
          : kind === 'patient' || kind === 'corrected'
            ? ctx.sectionDate
              ? 'section'
              : null
            : null,
        context,
        scope,
        order,
      };
      const push = (name: MeasureName, raw: number, u?: string, extra?: Partial<Extracted>) => {
        const d = MEASURE_BY_NAME.get(name)!;
        const conv = toCanonical(d, raw, u);
        if (!conv || !isPlausible(d, conv.value)) return false;
        const item: Extracted = {
          ...base,
          name,
          value: round(conv.value),
          unitKnown: conv.unitKnown,
          ...extra,
          context: { ...base.context, ...extra?.context },
        };
        if (rangeEnd !== undefined && name === hit.name) {
          const up = toCanonical(d, rangeEnd, u);
          if (up && isPlausible(d, up.value)) item.context.upper = round(up.value);
        }
        out.push(item);
        return true;
      };
      let ok = false;
      if (hit.name === 'bp') {
        ok = push('sbp', value, 'mmHg');
        if (pair !== undefined) {
          push('dbp', pair, 'mmHg');
          if (ok) push('map', (value + 2 * pair) / 3, 'mmHg', { context: { derived: true } });
        }
      } else if (hit.name === 'abg') {
        if (pair !== undefined && triple !== undefined) {
          ok = push('ph', value);
          push('paco2', pair, 'mmHg', { context: venous ? { venous: true } : {} });
          if (!venous) push('pao2', triple, 'mmHg');
        }
      } else if (hit.name === 'hemoglobin' && pair !== undefined && /h\s*[/&]\s*h/i.test(hit.text)) {
        ok = push('hemoglobin', value, unit);
        push('hematocrit', pair, '%');
      } else if (def) {
        ok = push(def.name, value, unit && def.units.some((x) => x.re.test(unit!)) ? unit : unit === 'in' ? 'in' : undefined);
        if (!ok && unit === undefined && !first) {
          pos = valueEnd;
          continue;
        }
      }
      if (ok) {
        prevKind = out[out.length - 1].kind;
        if (unit) unitCarry = unit;
      }
      prevEnd = valueEnd;
      pos = valueEnd;
      first = false;
      if (!ok && !def) break;
    }
  });
  // A sentence's time phrase does not date the values of a written trend ("Hgb fell from 11.8 to 8.6 after
  // surgery": 11.8 is before it); those keep the section's date and their order.
  const scopeSize = new Map<number, number>();
  for (const e of out) scopeSize.set(e.scope, (scopeSize.get(e.scope) ?? 0) + 1);
  for (const e of out)
    if (e.dateFrom?.startsWith('sentence: ') && (scopeSize.get(e.scope) ?? 0) > 1) {
      e.date = e.kind === 'patient' || e.kind === 'corrected' ? ctx.sectionDate : null;
      e.dateFrom = e.date ? 'section' : null;
      delete e.context.postop;
      delete e.context.preop;
    }
  // "14% bands": the value before its name.
  for (const m of text.matchAll(/(?<![\w.])(\d{1,2}(?:\.\d+)?)\s*%\s*(?:bands|band forms)\b/gi)) {
    if (out.some((e) => e.name === 'bands' && e.from === m.index)) continue;
    out.push({
      name: 'bands',
      value: Number(m[1]),
      written: m[0],
      from: m.index!,
      to: m.index! + m[0].length,
      nameFrom: m.index!,
      unitKnown: true,
      kind: 'patient',
      date: ctx.sectionDate,
      dateFrom: ctx.sectionDate ? 'section' : null,
      context: {},
      scope: scopeBase + 500 + m.index!,
      order: 0,
    });
  }
  return out;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Days between two ISO dates, or null. */
export function dayGap(a: string | null, b: string | null): number | null {
  return a && b ? daysBetween(a, b) : null;
}

export type { MeasureDef };

/** `s` without trailing blanks and the characters of `chars`: /[(:\s]+$/ without its quadratic time on a long run of spaces. */
function trimEndOf(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && (chars.includes(s[end - 1]) || /\s/.test(s[end - 1]))) end--;
  return s.slice(0, end);
}
