// cdi.opportunity.malnutrition — malnutrition supported by a dietitian's assessment or by ≥ 2
// consensus characteristics, and no provider diagnosis of it.
// ASPEN/Academy consensus characteristics (White JV et al., "Consensus statement: Academy of
// Nutrition and Dietetics and American Society for Parenteral and Enteral Nutrition:
// characteristics recommended for the identification and documentation of adult malnutrition",
// JPEN 2012;36:275-283): energy intake ≤ 75 % of need for ≥ 7 days (≤ 50 % for ≥ 5 days severe),
// weight loss (≥ 2 % in 1 week, ≥ 5 % in 1 month, ≥ 7.5 % in 3 months, ≥ 10 % in 6 months, ≥ 20 % in
// 1 year), loss of muscle mass, loss of subcutaneous fat, fluid accumulation, reduced grip
// strength; two or more characteristics support the diagnosis. GLIM (Cederholm et al., Clin Nutr
// 2019;38:1-9) uses the same phenotypic criteria. The diagnosis itself must come from a provider.
import type { Rule } from '../rule';
import { mentions, present, type Mention } from '../../cdi/concepts';
import type { ChartMeasurements, Measurement } from '../../cdi/measurements';
import { rangeOf, type ProseLine } from '../../cdi/prose';
import {
  documentationStatus,
  finding,
  indicatorOf,
  measurementEvidence,
  mentionEvidence,
  mentionIndicator,
  modelOf,
  type ConditionSpec,
  type EvidenceItem,
} from './common';
import { treatmentLines } from './clinical';
import { WORD_NUMBERS } from '../../cdi/extract';

const SPEC: ConditionSpec = {
  key: 'malnutrition',
  concept: 'cond.malnutrition',
  queryTerms: /\b(?:malnutrition|malnourish\w*|protein[- ](?:calorie|energy)|undernutrition|cachexia)\b/i,
};

type Severity = 'severe' | 'moderate' | 'mild' | null;

interface Characteristic {
  name: string;
  severity: Severity;
  evidence: EvidenceItem;
  indicator: string;
}

const WORDS: Readonly<Record<string, number>> = { ...WORD_NUMBERS, 'a few': 3 };
const DURATION =
  /\b(?:for|x|×|over|in|during|since|past|last)\s+(?:the\s+)?(?:past|last|prior|previous)?\s*(?:about|around|nearly|almost|more than|over|>|at least)?\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few|a)\s*(days?|d\b|weeks?|wks?|months?|mos?\b|mo\b|years?)\b|(?:>|more than|over)\s*(\d+|one|two|three)\s*(days?|weeks?|wks?|months?|mos?\b)|\bfor (weeks|months)\b|\bsince admission\b/i;

function days(n: string, unit: string): number {
  const k = WORDS[n.toLowerCase()] ?? Number(n);
  const u = unit.toLowerCase();
  return k * (u.startsWith('d') ? 1 : u.startsWith('w') ? 7 : u.startsWith('y') ? 365 : 30);
}

function durationIn(text: string, stayDays: number): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  if (/since admission/i.test(m[0])) return stayDays;
  if (m[5]) return m[5].toLowerCase() === 'weeks' ? 14 : 60;
  return m[1] ? days(m[1], m[2]) : days(m[3], m[4]);
}

/** Weight-loss threshold for a time frame (ASPEN/Academy 2012). */
function lossThreshold(d: number): number | null {
  return d <= 7 ? 2 : d <= 31 ? 5 : d <= 93 ? 7.5 : d <= 186 ? 10 : d <= 366 ? 20 : null;
}

const INTAKE_PCT = /\b(?:intake|eating|eats|ate|consum\w*|taking|meals?)\b[^.;]{0,50}?(?:(<|≤|less than|under|below)\s*)?(\d{1,3})\s?%/i;
const INTAKE_LOW =
  /\b(?:less than|<|under|below)\s+(?:half|50\s?%)\s+of\b|\bonly (?:sips|a few bites|bites)\b|\ba few bites\b|\bminimal (?:oral |PO |po )?intake\b|\bnot eating\b|\bbarely eating\b|\bunable to (?:eat|keep (?:food|anything) down)\b|\bnothing by mouth\b/i;

function intakeOf(p: ProseLine, sentence: string, stayDays: number): { pct: number; days: number } | null {
  if (/\b(?:goal|recommend|target|estimated needs? (?:is|are)|kcal\/day)\b/i.test(sentence) && !/\bintake\b/i.test(sentence)) return null;
  const d = durationIn(sentence, stayDays);
  const pct = INTAKE_PCT.exec(sentence);
  let value: number | null = null;
  if (pct && /\b(?:intake|eating|eats|ate|consum|taking|meals?)\b/i.test(sentence)) value = Number(pct[2]);
  if (INTAKE_LOW.test(sentence)) value = Math.min(value ?? 100, 40);
  if (value === null || value > 75 || d === null) return null;
  return { pct: value, days: d };
}

function weightLossOf(sentence: string, current: number | null): { pct: number; days: number } | null {
  const explicit =
    /(?<!\d)(\d+(?:\.\d+)?)\s?%\s*(?:(?:body\s+)?weight\s+|wt\s+)?(?:loss|decrease|decline|reduction|weight loss|wt loss)\b[^.;]{0,30}?\b(?:over|in|within|x|during)\s+(?:the\s+)?(?:past|last|prior)?\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a)\s*(weeks?|wks?|months?|mos?\b|mo\b|days?|years?)/i.exec(
      sentence,
    );
  if (explicit) return { pct: Number(explicit[1]), days: days(explicit[2], explicit[3]) };
  const lost =
    /\b(?:lost|loss of|down)\s+(\d+(?:\.\d+)?)\s*(kg|kilograms?|lbs?|pounds?)\b[^.;]{0,30}?\b(?:over|in|within|during)\s+(?:the\s+)?(?:past|last|prior)?\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a)\s*(weeks?|wks?|months?|mos?\b|days?|years?)/i.exec(
      sentence,
    );
  if (lost) {
    const kg = /^k/i.test(lost[2]) ? Number(lost[1]) : Number(lost[1]) * 0.45359237;
    const fromTo = /\bfrom\s+(\d+(?:\.\d+)?)\s*(kg|lbs?|pounds?)\s+to\s+(\d+(?:\.\d+)?)\s*(?:kg|lbs?|pounds?)/i.exec(sentence);
    const before = fromTo ? (/^k/i.test(fromTo[2]) ? Number(fromTo[1]) : Number(fromTo[1]) * 0.45359237) : current !== null ? current + kg : null;
    if (before) return { pct: (kg / before) * 100, days: days(lost[3], lost[4]) };
  }
  return null;
}

/** Weight loss from the model's weights: the current weight against a prior or usual one. */
function weightLossFromValues(model: ChartMeasurements): { pct: number; days: number | null; now: Measurement; before: Measurement } | null {
  const now = model.of('weight').at(-1);
  if (!now) return null;
  let best: { pct: number; days: number | null; now: Measurement; before: Measurement } | null = null;
  for (const b of model.baselineOf('weight')) {
    if (b.value <= now.value) continue;
    const pct = ((b.value - now.value) / b.value) * 100;
    const d = b.context.agoDays ?? null;
    if (!best || pct > best.pct) best = { pct, days: d, now, before: b };
  }
  return best;
}

const NUTRITION_WORDS = /\b(?:intake|eat\w*|ate|meals?|sips|bites|lost|loss|NPO|nothing by mouth|consum\w*)\b/i;

function severityIn(text: string): Severity {
  const m = /\b(severe|moderate|mild)\b/i.exec(text);
  return m ? (m[1].toLowerCase() as Severity) : null;
}

export const malnutrition: Rule = {
  id: 'cdi.opportunity.malnutrition',
  summary: 'A dietitian assessment or ≥ 2 ASPEN/Academy characteristics support malnutrition, and no provider documents it.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    // The dietitian's own conclusion: a diagnosis, or that the criteria are not met.
    const rd = mentions(chart, 'cond.malnutrition').filter(
      (m) => m.role === 'dietitian' && !/\b(?:risk|at risk|screen(?:ing)?|rule out|prevent)\b/i.test(m.before),
    );
    if (rd.some((m) => m.negated) && !rd.some((m) => !m.negated)) return [];
    const rdDx = rd.find((m) => !m.negated) ?? null;
    const stayDays =
      model.stay.admitted && model.stay.discharged ? Math.max(1, (Date.parse(model.stay.discharged) - Date.parse(model.stay.admitted)) / 86_400_000) : 3;
    const found: Characteristic[] = [];
    const add = (c: Characteristic) => {
      if (!found.some((f) => f.name === c.name)) found.push(c);
    };
    const current = model.of('weight').at(-1)?.value ?? null;
    for (const p of model.prose) {
      // Only paragraphs that talk about eating or weight are read sentence by sentence.
      if (p.heading || !NUTRITION_WORDS.test(p.text)) continue;
      for (const sentence of p.text.split(/(?<=[.;])\s+/)) {
        if (/\b(?:diures\w*|net negative|fluid removal|net -)\b/i.test(sentence)) continue;
        const intake = intakeOf(p, sentence, stayDays);
        if (intake && intake.days >= 5) {
          const range = rangeOf(p, Math.max(0, p.text.indexOf(sentence)), Math.max(0, p.text.indexOf(sentence)) + sentence.length);
          add({
            name: 'reduced energy intake',
            severity: intake.pct <= 50 ? 'severe' : 'moderate',
            evidence: {
              line: range.start.line + 1,
              range,
              text: sentence.trim(),
              criterion: `energy intake ≤ ${intake.pct <= 50 ? 50 : 75} % of need for ≥ ${intake.days >= 7 ? 7 : 5} days (ASPEN/Academy 2012)`,
              documentedBy: p.context?.author ?? p.context?.role,
            },
            indicator: `intake: "${sentence.trim()}" (line ${range.start.line + 1})`,
          });
        }
        const loss = weightLossOf(sentence, current);
        const limit = loss ? lossThreshold(loss.days) : null;
        if (loss && limit !== null && loss.pct >= limit - 1e-9) {
          const from = Math.max(0, p.text.indexOf(sentence));
          const range = rangeOf(p, from, from + sentence.length);
          add({
            name: 'weight loss',
            severity: loss.pct >= 1.5 * limit ? 'severe' : 'moderate',
            evidence: {
              line: range.start.line + 1,
              range,
              text: sentence.trim(),
              value: `${Math.round(loss.pct * 10) / 10}% in ${loss.days} days`,
              criterion: `weight loss ≥ ${limit} % in ${loss.days} days (ASPEN/Academy 2012)`,
              documentedBy: p.context?.author ?? p.context?.role,
            },
            indicator: `weight loss ${Math.round(loss.pct * 10) / 10}% over ${loss.days} days (line ${range.start.line + 1})`,
          });
        }
      }
    }
    const byValues = weightLossFromValues(model);
    if (byValues) {
      const limit = lossThreshold(byValues.days ?? 186);
      if (limit !== null && byValues.pct >= limit - 1e-9)
        add({
          name: 'weight loss',
          severity: byValues.pct >= 1.5 * limit ? 'severe' : 'moderate',
          evidence: measurementEvidence(
            byValues.now,
            `weight loss ${Math.round(byValues.pct * 10) / 10}% from ${byValues.before.value} kg${byValues.days ? ` over ${byValues.days} days` : ''} (≥ ${limit} %, ASPEN/Academy 2012)`,
          ),
          indicator: `${indicatorOf(byValues.now)}; previously ${indicatorOf(byValues.before)}`,
        });
    }
    const finding1 = (concept: string, name: string, criterion: string, onlyRole?: string) => {
      const m = present(chart, concept).find((x) => !x.uncertain && (!onlyRole || x.role === onlyRole) && !/\b(?:no|without|absent)\b/i.test(x.before));
      if (m) add({ name, severity: severityIn(m.clause), evidence: mentionEvidence(m, criterion), indicator: mentionIndicator(m) });
    };
    finding1('find.muscleLoss', 'loss of muscle mass', 'loss of muscle mass (ASPEN/Academy 2012)');
    finding1('find.fatLoss', 'loss of subcutaneous fat', 'loss of subcutaneous fat (ASPEN/Academy 2012)');
    finding1('find.gripLoss', 'reduced grip strength', 'reduced grip strength (ASPEN/Academy 2012)');
    // Fluid accumulation is a characteristic as the dietitian's physical exam assesses it (edema from heart failure is not).
    finding1('find.edema', 'fluid accumulation', 'fluid accumulation on the nutrition-focused physical exam (ASPEN/Academy 2012)', 'dietitian');
    if (!rdDx && found.length < 2) return [];
    const severity: Severity =
      (rdDx ? severityIn(rdDx.clause) : null) ??
      (found.some((f) => f.severity === 'severe') ? 'severe' : found.some((f) => f.severity === 'moderate') ? 'moderate' : null);
    const order =
      severity === 'severe'
        ? ['E43', 'E44.0', 'E44.1', 'E46']
        : severity === 'moderate'
          ? ['E44.0', 'E43', 'E44.1', 'E46']
          : severity === 'mild'
            ? ['E44.1', 'E44.0', 'E43', 'E46']
            : ['E46', 'E43', 'E44.0', 'E44.1'];
    const criteria: string[] = [];
    const evidence: EvidenceItem[] = [];
    if (rdDx) {
      criteria.push(`the dietitian's assessment documents ${severity ? severity + ' ' : ''}malnutrition (line ${rdDx.line + 1})`);
      evidence.push(mentionEvidence(rdDx, 'dietitian (RD) assessment of malnutrition'));
    }
    if (found.length) criteria.push(`${found.length} ASPEN/Academy characteristic${found.length > 1 ? 's' : ''}: ${found.map((f) => f.name).join(', ')}`);
    evidence.push(...found.map((f) => f.evidence));
    const anchor: Mention | null = rdDx;
    return [
      finding(ctx, {
        key: 'malnutrition',
        range: anchor?.range ?? found[0].evidence.range,
        headline: `Possible ${severity ? severity + ' ' : ''}malnutrition, not documented by a provider`,
        criteria,
        evidence,
        candidates: order,
        poa: 'Y',
        query: {
          topic: 'nutritional status',
          indicators: [...(rdDx ? [mentionIndicator(rdDx, 'dietitian assessment')] : []), ...found.map((f) => f.indicator)],
          treatment: treatmentLines(chart, ['tx.nutritionSupport']),
          options: [
            'severe protein-calorie malnutrition',
            'moderate protein-calorie malnutrition',
            'mild protein-calorie malnutrition',
            'findings do not represent malnutrition',
          ],
        },
      }),
    ];
  },
};
