// What the prose says besides numbers: treatments and interventions (fluid restriction, hypertonic
// saline, IV diuretics, transfusion, oxygen and ventilation, antibiotics, pressors …), findings
// (confusion, accessory-muscle use, bleeding …) and conditions a provider documents, rules out,
// suspects or calls chronic/at baseline. Cue words follow NegEx (Chapman et al., "A simple
// algorithm for identifying negated findings and diseases in discharge summaries", J Biomed Inform
// 2001;34:301-310): a trigger before the term in its clause ("no", "denies", "without", "ruled
// out", "negative for") or after it ("… was ruled out", "… unlikely"), with pseudo-triggers that do
// not negate ("no further", "no longer", "not only", "no change in").
import type { ChartDocument, Range } from '../chart/model';
import { chartMeasurements } from './measurements';
import { rangeOf, type ProseLine, type Role } from './prose';
import { paragraphFacts } from './paragraphCache';
import { whenOf } from './extract';

export interface Mention {
  concept: string;
  text: string;
  line: number;
  range: Range;
  /** Offsets in the prose line's text. */
  from: number;
  to: number;
  negated: boolean;
  uncertain: boolean;
  /** Described as chronic, usual, at baseline, or history. */
  chronic: boolean;
  /** "no further", "no longer", "resolved": it happened and has stopped. */
  resolved: boolean;
  /** The sentence the mention is in (for cues the rules read themselves). */
  sentence: string;
  /** The clause (the part of the sentence between punctuation and contrast words). */
  clause: string;
  /** The clause's words before the mention. */
  before: string;
  role: Role;
  author: string | null;
  /** The section's date, or the date a phrase in the sentence gives. */
  date: string | null;
  sectionTitle: string;
  prose: ProseLine;
}

/** Concept vocabulary: id → pattern (case-insensitive, whole words). Sources per block. */
export const CONCEPTS: Record<string, RegExp> = {
  // ── conditions (ICD-10-CM Index to Diseases main terms and common clinical synonyms) ──
  'cond.aki':
    /\b(?:acute kidney injury|acute kidney failure|acute renal failure|acute renal injury|AKI|acute tubular necrosis|ATN|acute on chronic (?:kidney|renal) (?:injury|failure))\b/,
  'cond.atn': /\b(?:acute tubular necrosis|ATN)\b/,
  'cond.esrd':
    /\b(?:ESRD|ESKD|end[- ]stage (?:renal|kidney) disease|(?:on|dependent on|requires?) (?:chronic )?(?:hemo)?dialysis|hemodialysis (?:dependent|MWF|TTS|M\/W\/F|T\/Th\/S)|peritoneal dialysis|dialysis[- ]dependent|CKD (?:stage )?5D?|HD (?:MWF|TTS|M\/W\/F))\b/,
  'cond.ckd': /\b(?:CKD|chronic kidney disease|chronic renal (?:disease|insufficiency|failure))\b/,
  'cond.sepsis': /\b(?<!uro)(?:sepsis|septic shock|septicemia|severe sepsis|septic encephalopathy)\b/,
  'cond.sirs': /\bSIRS\b/,
  'cond.infection':
    /\b(?:pneumonia|PNA|CAP|HCAP|UTI|urinary tract infection|pyelonephritis|pyelo|cystitis|cellulitis|abscess|osteomyelitis|bacteremia|fungemia|endocarditis|meningitis|encephalitis|cholangitis|cholecystitis|appendicitis|diverticulitis|peritonitis|empyema|C\.? ?diff(?:icile)?(?: colitis| infection)?|colitis due to|infected|infection|infectious|septic arthritis|necrotizing fasciitis|influenza|COVID(?:-19)?|prostatitis|epididymitis|mastoiditis|pharyngitis|sinusitis|bronchitis|wound infection|surgical site infection|gangrene|discitis|tracheitis|bacteriuria)\b/,
  'cond.malnutrition': /\b(?:malnutrition|malnourished|undernutrition|undernourished|protein[- ](?:calorie|energy) malnutrition|kwashiorkor|marasmus)\b/,
  'cond.cachexia': /\b(?:cachexia|cachectic)\b/,
  'cond.hyponatremia':
    /\b(?:hyponatr(?:a)?emi[ac]|hypo-?osmolality|hypo-?osmolar|SIADH|syndrome of inappropriate (?:secretion of )?(?:anti-?diuretic hormone|ADH)|beer potomania|water intoxication)\b/,
  'cond.abla':
    /\b(?:acute (?:on chronic )?(?:blood loss|posthemorrhagic|post-hemorrhagic|hemorrhagic) anemia|ABLA|anemia (?:due to|secondary to|from|of) acute (?:blood loss|hemorrhage|bleeding)|acute blood loss with anemia)\b/,
  'cond.anemia': /\b(?:anemia|anaemia|anemic)\b/,
  'cond.respfailure':
    /\b(?:respiratory failure|resp(?:iratory)? fail(?:ure)?|ventilatory failure|hypoxic respiratory failure|hypercapnic respiratory failure|AHRF|AHRF)\b/,
  'cond.chronicRespFailure': /\bchronic (?:hypoxic |hypoxemic |hypercapnic |hypercarbic )?respiratory failure\b/,
  'cond.hypoxemia': /\b(?:hypoxemia|hypoxemic|hypoxia|hypoxic|desaturation|desaturating)\b/,
  'cond.copd': /\b(?:COPD|chronic obstructive pulmonary disease|emphysema|chronic bronchitis)\b/,
  'cond.encephalopathy':
    /\b(?:encephalopathy|encephalopathic|toxic[- ]metabolic encephalopathy|TME|delirium(?! precautions| prevention| protocol| risk| screen| bundle))\b/,
  'cond.dementia': /\b(?:dementia|alzheimer'?s?|cognitive impairment|neurocognitive disorder)\b/,
  'cond.hf': /\b(?:heart failure|CHF|HF|cardiac failure|congestive heart failure|HFrEF|HFpEF|HFmrEF|HFimpEF|HFrecEF|cor pulmonale)\b/,
  'cond.obesity': /\b(?:obesity|obese|overweight|morbid(?:ly)? obes(?:e|ity)|severe obesity|super[- ]?obes(?:e|ity))\b/,
  'cond.pressure':
    /\b(?:pressure (?:ulcers?|injur(?:y|ies)|sores?|wounds?)|decubitus(?: ulcers?)?|decubiti|bed ?sores?|deep tissue (?:pressure )?injury|DTPI)\b/,
  'cond.cirrhosis': /\b(?:cirrhosis|cirrhotic|end[- ]stage liver disease|ESLD)\b/,
  'cond.dehydration': /\b(?:dehydration|dehydrated|volume depletion|hypovolemia|hypovolemic)\b/,

  // ── findings (ACDIS/AHIMA query examples; ASPEN/Academy consensus characteristics, White et al. 2012) ──
  'find.ams':
    /\b(?:confus(?:ion|ed)|disorient(?:ed|ation)|altered mental status|altered mentation|AMS|mental status changes?|lethargic|lethargy|obtunded|obtundation|somnolen(?:t|ce)|stuporous|stupor|difficult to arouse|hard to arouse|unresponsive|inattentive|day[- ]night reversal|not following commands|oriented (?:to (?:self|person|name)(?: only)?|x\s?[12]\b|times (?:one|two))|delirious|encephalopathic|agitated and confused|less responsive)\b/,
  'find.mentalNormal':
    /\b(?:alert and oriented|A\s?&\s?O\s?x?\s?3|A\s?&\s?Ox3|AOx3|oriented x\s?3|oriented times three|fully oriented|mentation (?:clear|normal|at baseline)|mental status (?:back to|at|returned to|normal(?:ized)?)|back to (?:his|her|their)? ?baseline|conversing appropriately|neurologically at baseline|more alert|awake and alert)\b/,
  'find.mentalResolved':
    /\b(?:(?:confusion|lethargy|somnolence|mentation|mental status|encephalopathy|delirium|asterixis|AMS)\s+(?:has\s+|had\s+)?(?:resolved|cleared|improved|normalized|returned to baseline|back to baseline|better)|(?:mental status|mentation)\s+(?:back to|returned to|at)\s+(?:his |her |their )?baseline|back to (?:his |her |their )?baseline|now (?:alert and )?oriented|A\s?&\s?O\s?x\s?3|alert and oriented|fully oriented|more alert|awake,? alert|prompt improvement|asterixis resolved)\b/,
  'find.wob':
    /\b(?:accessory (?:muscle|muscles)(?: use)?|using accessory muscles|increased work of breathing|labored breathing|laboured breathing|respiratory distress|retractions|tripod(?:ing)?|(?:speaking|speaks|talking) (?:in )?(?:short phrases|(?:one|two|1|2|1-2|one-to-two)[- ](?:word|words)(?: sentences)?)|unable to (?:speak|complete) (?:in )?full sentences|nasal flaring|paradoxical breathing|air hunger)\b/,
  'find.bleeding':
    /\b(?:bleed(?:ing)?|hemorrhag(?:e|ic)|melena|hematochezia|hematemesis|BRBPR|blood per rectum|bright red blood|coffee[- ]ground|hemoptysis|GI bleed|blood loss|EBL|estimated blood loss|hematoma|hemoperitoneum|hemarthrosis|hemothorax|chest tube output)\b/,
  'find.surgery':
    /\b(?:surgery|surgical|operative|post-?op(?:erative(?:ly)?)?|POD\s*\d|s\/p \w+(?:ectomy|plasty|otomy|ostomy|pexy)|\w+(?:ectomy|plasty|otomy|ostomy|pexy)|arthroplasty|ORIF|CABG|laparotomy|nailing|internal fixation|hemiarthroplasty|resection|amputation|craniotomy|thoracotomy|sternotomy)\b/,
  'find.muscleLoss':
    /\b(?:muscle (?:wasting|loss|atrophy|mass loss)|(?:temporal|bitemporal|temporalis|clavicular|deltoid|interosseous|quadriceps|scapular|calf|thigh|pectoral) (?:muscle )?(?:wasting|hollowing|loss|atrophy|depletion)|loss of (?:lean )?muscle mass|sarcopeni\w*|prominent clavicles|(?:interosseous|temporal) (?:muscle )?hollowing|wasting)\b/,
  'find.fatLoss':
    /\b(?:(?:loss of|depleted|decreased|diminished) subcutaneous fat|subcutaneous fat (?:loss|depletion)|fat loss|(?:orbital|triceps|buccal|rib) fat (?:loss|pads? (?:depleted|loss|depletion))|loose skin over (?:the )?triceps|fat pad depletion|loss of (?:orbital|buccal|triceps) fat)\b/,
  'find.edema': /\b(?:edema|oedema|anasarca|ascites|fluid accumulation)\b/,
  'find.gripLoss':
    /\b(?:(?:hand[- ]?)?grip strength (?:is )?(?:reduced|decreased|diminished|weak|below|low)|(?:reduced|decreased|weak|diminished) (?:hand[- ]?)?grip(?: strength)?|grip strength[^.]{0,25}below)\b/,
  'find.asterixis': /\basterixis\b/,
  'find.pinpointPupils': /\bpinpoint pupils\b/,

  // ── treatments and interventions ──
  'tx.fluidRestriction': /\b(?:fluid[- ]restrict(?:ion|ed)?|restrict(?:ed|ing)? (?:free water|fluids?)|free water restriction|FWR)\b/,
  'tx.hypertonicSaline': /(?:\b3\s?%\s?(?:saline|NaCl|sodium chloride|NS)\b|\bhypertonic saline\b)/,
  'tx.normalSaline': /(?:\bnormal saline\b|\bNS\b(?! bolus)|\bNS bolus\b|\b0\.9\s?%\s?(?:saline|NaCl|sodium chloride)\b|\bisotonic saline\b)/,
  'tx.sodiumDrug':
    /\b(?:salt tab(?:let)?s?|sodium chloride tab(?:let)?s?|NaCl tab(?:let)?s?|tolvaptan|conivaptan|demeclocycline|ure-?Na|urea (?:tablets?|powder|packets?))\b/,
  'tx.serialSodium':
    /\b(?:(?:sodium|Na|BMP|BMPs|lytes|electrolytes|chem ?7)\s*(?:checks?|levels?|draws?)?\s*(?:q\s?\d+\s?(?:h|hr|hrs|hours)|every \d+ (?:hours|hrs|h))|serial (?:sodium|Na|BMPs?|electrolytes?|lytes)|(?:trend|trending|monitor|monitoring|recheck|repeat) (?:the )?(?:serum )?(?:sodium|Na\b))/,
  'tx.sodiumMedChange':
    /\b(?:(?:hold|held|holding|stop|stopped|stopping|discontinu\w*|d\/c'?d?)\s+(?:the\s+|his\s+|her\s+)?(?:HCTZ|hydrochlorothiazide|thiazides?|chlorthalidone|indapamide|metolazone|sertraline|fluoxetine|citalopram|escitalopram|paroxetine|SSRIs?|carbamazepine|oxcarbazepine|desmopressin|DDAVP)|(?:HCTZ|hydrochlorothiazide|thiazides?|chlorthalidone|indapamide|metolazone|sertraline|fluoxetine|citalopram|escitalopram|paroxetine|SSRIs?|carbamazepine|oxcarbazepine|desmopressin|DDAVP)\s+(?:was\s+|were\s+)?(?:held|stopped|discontinued|on hold))\b/,
  'tx.ivDiuretic':
    /\b(?:IV\s+(?:furosemide|lasix|bumetanide|bumex|torsemide|diuretics?|diuresis|chlorothiazide)|(?:furosemide|lasix|bumetanide|bumex|torsemide|chlorothiazide)\s+\d+(?:\.\d+)?\s*mg\s+(?:IV|intravenous(?:ly)?)|(?:furosemide|lasix|bumetanide|bumex)\s+(?:drip|gtt|infusion)|IV diures(?:is|ed|ing)|intravenous (?:furosemide|diuretics?|diuresis))\b/,
  'tx.transfusion':
    /\b(?:transfus(?:e|ed|ion|ions|ing)|PRBCs?|pRBCs?|packed red (?:blood )?cells|units? (?:of )?(?:blood|PRBC|pRBC|packed)|red cell transfusion)\b/,
  'tx.o2':
    /(?:\b\d+(?:\.\d+)?\s?(?:L|liters?|lpm)(?:\/min)?\s*(?:via\s+|by\s+)?(?:NC|nasal cannula|O2|oxygen|NRB|non-?rebreather|face ?mask|FM|venti?mask)\b|\b(?:nasal cannula|NC) at \d|\b(?:non-?rebreather|NRB|face ?mask|venti?mask|venturi mask)\b|\bsupplemental (?:O2|oxygen)\b|\b(?:placed|started|put) on (?:O2|oxygen|\d+\s?L)\b|\bO2 via\b|\boxygen via\b)/,
  'tx.highFlow': /\b(?:high[- ]flow(?: nasal cannula)?|HFNC|heated high[- ]flow|Optiflow|Airvo|HHFNC)\b/,
  'tx.niv': /\b(?:BiPAP|BIPAP|bilevel|Bi-?level|CPAP|NIPPV|NIV|non-?invasive (?:positive pressure )?ventilation)\b/,
  'tx.intubation': /\b(?:intubat(?:ed|ion)|mechanical(?:ly)? ventilat(?:ed|ion)|ventilator|on the vent|endotracheal tube|ETT)\b/,
  'tx.homeO2':
    /\b(?:home (?:O2|oxygen)|on home oxygen|(?:O2|oxygen) at home|home \d+(?:\.\d+)?\s?L|(?:his|her|their) usual \d+(?:\.\d+)?\s?L|chronic(?:ally)? on \d+\s?L|\d+\s?L (?:NC )?continuous(?:ly)?|home CPAP|home BiPAP|CPAP at night|nocturnal (?:CPAP|BiPAP|oxygen)|CPAP (?:nightly|qhs))\b/,
  'tx.pressor':
    /\b(?:norepinephrine|levophed|vasopressin|phenylephrine|neo-?synephrine|epinephrine (?:drip|infusion|gtt)|dopamine|dobutamine|pressors?|vasopressors?|inotropes?)\b/,
  'tx.antibiotic':
    /\b(?:antibiotics?|abx|ceftriaxone|cefazolin|cefepime|ceftazidime|cefpodoxime|cephalexin|cefuroxime|ceftaroline|cefoxitin|cefdinir|vancomycin|vanc|piperacillin(?:-tazobactam)?|pip-?tazo|zosyn|meropenem|ertapenem|imipenem|levofloxacin|ciprofloxacin|moxifloxacin|azithromycin|azithro|doxycycline|clindamycin|metronidazole|flagyl|linezolid|daptomycin|ampicillin(?:-sulbactam)?|unasyn|amoxicillin(?:-clavulanate)?|augmentin|nafcillin|oxacillin|penicillin|gentamicin|tobramycin|amikacin|trimethoprim-sulfamethoxazole|TMP-SMX|bactrim|nitrofurantoin|fosfomycin|aztreonam|tigecycline|micafungin|fluconazole|caspofungin|oseltamivir)\b/,
  'tx.renalMedHold':
    /\b(?:(?:hold|held|holding|stop|stopped|discontinu\w*|avoid)\s+(?:the\s+|his\s+|her\s+)?(?:lisinopril|losartan|valsartan|enalapril|ACE ?inhibitors?|ARBs?|metformin|NSAIDs?|ibuprofen|naproxen|ketorolac|nephrotoxins?|nephrotoxic (?:agents|medications)|diuretics?|furosemide|HCTZ|spironolactone)|(?:lisinopril|losartan|metformin|NSAIDs?|diuretics?|furosemide)\s+(?:was\s+|were\s+)?(?:held|stopped|discontinued)|renally dos\w+|renal ultrasound|IVF|IV fluids|IV hydration|intravenous fluids|hydration)\b/,
  'tx.fluidBolus': /\b(?:\d+\s?(?:mL|ml|cc)\/kg|fluid bolus|IVF bolus|bolus(?:ed)?|crystalloid|lactated ringer'?s?|LR bolus|resuscitation)\b/,
  'tx.dextrose': /\b(?:D50|D10|dextrose|glucagon|amp of D50|glucose gel|oral glucose)\b/,
  'tx.insulinDrip': /\b(?:insulin (?:drip|gtt|infusion)|DKA protocol)\b/,
  'tx.lactulose': /\b(?:lactulose|rifaximin)\b/,
  'tx.naloxone': /\b(?:naloxone|narcan|flumazenil)\b/,
  'tx.thiamine': /\b(?:thiamine|banana bag)\b/,
  'tx.dialysis': /\b(?:dialysis|hemodialysis|CRRT|CVVH(?:D|DF)?|HD(?!\s*#?\d))\b/,
  'tx.stopSedating':
    /\b(?:(?:stop|stopped|held|hold|holding|discontinu\w*|d\/c'?d?|reduced?|decreased?|lowered)\s+(?:the\s+)?(?:opioids?|oxycodone|morphine|hydromorphone|dilaudid|fentanyl|tramadol|methadone|gabapentin|pregabalin|benzodiazepines?|lorazepam|alprazolam|diazepam|clonazepam|zolpidem|diphenhydramine|benadryl|anticholinergics?|sedatives?|sedating (?:meds|medications)|baclofen|lithium|quetiapine|haloperidol|cyclobenzaprine|oxybutynin|hydroxyzine|meperidine)|(?:opioids?|oxycodone|morphine|hydromorphone|dilaudid|fentanyl|tramadol|gabapentin|pregabalin|benzodiazepines?|lorazepam|zolpidem|diphenhydramine|baclofen|lithium)\s+(?:was\s+|were\s+)?(?:stopped|held|discontinued|reduced|decreased))\b/,
  'tx.nutritionSupport':
    /\b(?:tube feed(?:s|ing)?|enteral (?:nutrition|feeding)|TPN|parenteral nutrition|PEG|supplements?|Ensure|Boost|Jevity|calorie counts?|megestrol|mirtazapine for appetite|dronabinol)\b/,

  // ── causes of an acute encephalopathy (common CDI practice) ──
  'cause.drug':
    /\b(?:opioid|opiate|oxycodone|morphine|hydromorphone|fentanyl|benzodiazepine|gabapentin|pregabalin|sedative|anticholinergic|lithium|polypharmacy|medication)s?\b[^.]{0,40}\b(?:toxicity|accumulation|overdose|intoxication|induced|related|effect|side effect)|\b(?:toxicity|overdose|intoxication)\b|\bdue to (?:oxycodone|opioids?|gabapentin|medications?)\b/,
  'cause.hepatic': /\b(?:hepatic|ammonia|hyperammonemia|cirrho(?:sis|tic))\b/,
  'cause.uremia': /\b(?:uremia|uremic)\b/,
  'cause.hypoglycemia': /\b(?:hypoglycemi[ac]|low (?:blood )?(?:sugar|glucose))\b/,
  'cause.hyperglycemia': /\b(?:DKA|diabetic ketoacidosis|HHS|hyperosmolar|hyperglycemi[ac])\b/,
};

const CLAUSE_BREAK = /[.;:!?]\s|[.;:!?]$|\s(?:but|however|although|though|except|whereas|yet)\s|\s[-—–]\s/gi;
const PRE_NEGATION =
  /\b(?:no|not|denies|denied|denying|without|negative for|free of|absence of|ruled out|rules out|excluded|never|nor|does not (?:have|meet|represent)|did not (?:have|meet|develop)|doesn't|didn't|not consistent with|inconsistent with|no evidence of|no signs? of|no sign of|no clinical evidence of|not clinically|not meet(?:ing)?|did not require)\b/i;
const PSEUDO_NEGATION =
  /\b(?:no further|no longer|no more|no new|no recurren\w*|not only|no change in|no increase in|without further|no additional|not improved|no significant change)\b/i;
const POST_NEGATION =
  /^[\s,]*(?:(?:was|is|has been|were|are|been|thought to be|felt to be)\s+)?(?:(?:considered|evaluated)\s+(?:and\s+)?)?(?:ruled out|excluded|not (?:present|seen|found|supported|clinically supported|the case|felt to be present)|unlikely|negative|absent|not suspected)\b/i;
const UNCERTAIN =
  /\b(?:possible|possibly|probable|probably|likely|suspected|suspect|suspicion|concern(?:ing)? for|questionable|rule out|r\/o|cannot (?:be )?(?:ruled|rule) out|consistent with|compatible with|presumed|presumptive|versus|vs\.?|differential|may (?:have|be)|might)\b/i;
const CHRONIC =
  /\b(?:baseline|chronic(?:ally)?|usual|as usual|at (?:his|her|their) baseline|history of|h\/o|hx of|PMH|past medical history|known|longstanding|long-standing|prior|previous)\b/i;
const RESOLVED = /\b(?:no further|no longer|resolved|resolving|cleared|improved|off)\b/i;

const mentionCache = new WeakMap<ChartDocument, Map<string, Mention[]>>();

/** What a concept's match says in its paragraph: depends on the paragraph's text only (cached by it). */
interface LocalMatch {
  from: number;
  to: number;
  negated: boolean;
  uncertain: boolean;
  chronic: boolean;
  resolved: boolean;
  sentence: string;
  clause: string;
  before: string;
}

const GLOBAL = new Map<string, RegExp>();
const NONE: LocalMatch[] = [];

/** A concept's matches in a paragraph, cached with the paragraph's text (cdi/paragraphCache.ts). */
function localMatches(concept: string, p: ProseLine): LocalMatch[] {
  const text = p.text;
  let re = GLOBAL.get(concept);
  if (!re) {
    const src = CONCEPTS[concept];
    if (!src) throw new Error(`unknown concept ${concept}`);
    GLOBAL.set(concept, (re = new RegExp(src.source, 'gi')));
  }
  const byConcept = (p.facts ??= paragraphFacts(text)).concepts as Map<string, LocalMatch[]>;
  const hit = byConcept.get(concept);
  if (hit) return hit;
  re.lastIndex = 0;
  let out: LocalMatch[] = NONE;
  for (const m of text.matchAll(re)) {
    if (out === NONE) out = [];
    out.push(analyse(text, m.index!, m.index! + m[0].length));
  }
  byConcept.set(concept, out);
  return out;
}

/** Every mention of a concept in the chart's prose, in document order. */
export function mentions(chart: ChartDocument, concept: string): Mention[] {
  let byConcept = mentionCache.get(chart);
  if (!byConcept) mentionCache.set(chart, (byConcept = new Map()));
  const hit = byConcept.get(concept);
  if (hit) return hit;
  const model = chartMeasurements(chart);
  const out: Mention[] = [];
  for (const p of model.prose) {
    if (p.heading) continue;
    for (const local of localMatches(concept, p)) out.push(mentionOf(concept, p, local, model.stay));
  }
  byConcept.set(concept, out);
  return out;
}

function analyse(text: string, from: number, to: number): LocalMatch {
  // The sentence: from the previous ". " to the next.
  let sStart = 0;
  const head = text.slice(Math.max(0, from - 400), from);
  const offset = Math.max(0, from - 400);
  for (const m of head.matchAll(/[.!?](?=\s)(?<!\d\.(?=\d))/g)) sStart = offset + m.index! + 1;
  const next = /[.!?](?=\s|$)(?<!\d\.(?=\d))/g;
  next.lastIndex = to;
  const nm = next.exec(text);
  const sEnd = nm ? nm.index + 1 : text.length;
  const sentence = text.slice(sStart, sEnd);
  // The clause around the term.
  let cStart = sStart;
  for (const m of text.slice(sStart, from).matchAll(CLAUSE_BREAK)) if (sStart + m.index! + m[0].length > cStart) cStart = sStart + m.index! + m[0].length;
  const after = text.slice(to, sEnd + 1);
  CLAUSE_BREAK.lastIndex = 0;
  const cb = CLAUSE_BREAK.exec(after);
  CLAUSE_BREAK.lastIndex = 0;
  const cEnd = cb ? to + cb.index : Math.min(text.length, sEnd);
  const before = text.slice(cStart, from);
  const beforeWords = before.split(/\s+/).slice(-8).join(' ');
  const afterClause = text.slice(to, Math.min(cEnd + 1, text.length));
  const negated = (!PSEUDO_NEGATION.test(beforeWords) && PRE_NEGATION.test(beforeWords)) || POST_NEGATION.test(afterClause);
  const clause = text.slice(cStart, cEnd);
  return {
    from,
    to,
    negated,
    uncertain: UNCERTAIN.test(beforeWords) || /^\s*\?/.test(after),
    chronic: CHRONIC.test(clause),
    resolved: RESOLVED.test(beforeWords) || /^[\s,]*(?:has |had )?(?:resolved|cleared)\b/i.test(afterClause),
    sentence,
    clause,
    before,
  };
}

/** A mention: the cached match plus where it is in this parse; its date is read only when a rule asks for it. */
class MentionAt implements Mention {
  readonly text: string;
  readonly line: number;
  readonly range: Range;
  private dated: string | null | undefined;
  constructor(
    readonly concept: string,
    readonly prose: ProseLine,
    private readonly l: LocalMatch,
    private readonly stay: ReturnType<typeof chartMeasurements>['stay'],
  ) {
    this.range = rangeOf(prose, l.from, l.to);
    this.line = this.range.start.line;
    this.text = prose.text.slice(l.from, l.to);
  }
  get from() {
    return this.l.from;
  }
  get to() {
    return this.l.to;
  }
  get negated() {
    return this.l.negated;
  }
  get uncertain() {
    return this.l.uncertain;
  }
  get chronic() {
    return this.l.chronic;
  }
  get resolved() {
    return this.l.resolved;
  }
  get sentence() {
    return this.l.sentence;
  }
  get clause() {
    return this.l.clause;
  }
  get before() {
    return this.l.before;
  }
  get role(): Role {
    return this.prose.context?.role ?? 'provider';
  }
  get author() {
    return this.prose.context?.author ?? null;
  }
  get sectionTitle() {
    return this.prose.context?.title ?? '';
  }
  get date(): string | null {
    if (this.dated === undefined) {
      const phrase = whenOf(this.l.sentence, { stay: this.stay, sectionDate: this.prose.context?.date ?? null });
      this.dated = phrase?.date && !phrase.prior ? phrase.date : (this.prose.context?.date ?? null);
    }
    return this.dated;
  }
}

function mentionOf(concept: string, p: ProseLine, l: LocalMatch, stay: ReturnType<typeof chartMeasurements>['stay']): Mention {
  return new MentionAt(concept, p, l, stay);
}

/** Mentions that assert the concept (not negated). */
export function present(chart: ChartDocument, concept: string): Mention[] {
  return mentions(chart, concept).filter((m) => !m.negated);
}
