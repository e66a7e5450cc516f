// cdi.opportunity.hyponatremia — a low serum sodium that was treated or monitored, not documented.
// A laboratory value is reported as a diagnosis only when a provider documents its clinical
// significance; CDI queries when the record shows the UHDDS "other diagnosis" elements — clinical
// evaluation, therapeutic treatment, or increased monitoring (ICD-10-CM Official Guidelines,
// Section III; Section III.B "abnormal findings"). Threshold: sodium < 135 mmol/L, the lower limit of
// the standard adult reference interval. A sodium measured with marked hyperglycemia is corrected
// first (+1.6 mmol/L per 100 mg/dL of glucose above 100: Katz MA, N Engl J Med 1973;289:843): a
// corrected value ≥ 135 is dilutional (translocational), not hyponatremia.
import type { Rule } from '../rule';
import type { Measurement } from '../../cdi/measurements';
import { present } from '../../cdi/concepts';
import { RangeBest, lowerBound } from '../../cdi/rangeBest';
import {
  documentationStatus,
  finding,
  indicatorOf,
  measurementEvidence,
  mentionEvidence,
  modelOf,
  num,
  poaFrom,
  type ConditionSpec,
  type EvidenceItem,
} from './common';
import { treatmentLines } from './clinical';

const SPEC: ConditionSpec = {
  key: 'hyponatremia',
  concept: 'cond.hyponatremia',
  queryTerms: /\b(?:hyponatr\w*|SIADH|hypo-?osmol\w*|inappropriate (?:secretion of )?(?:anti-?diuretic|ADH))\b/i,
};

const RESPONSE = ['tx.fluidRestriction', 'tx.hypertonicSaline', 'tx.sodiumDrug', 'tx.sodiumMedChange', 'tx.serialSodium', 'tx.normalSaline'];

export const hyponatremia: Rule = {
  id: 'cdi.opportunity.hyponatremia',
  summary: 'Serum sodium < 135 mmol/L with a treatment or monitoring response, and no hyponatremia documented.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    const sodium = model.of('sodium');
    const corrected = model.all.filter((m) => m.name === 'sodium' && m.kind === 'corrected');
    const glucose = model.of('glucose');
    // Indexes (first in list order), so each sodium finds its glucose without a scan of every glucose.
    const correctedByScope = new Map<string, Measurement>();
    for (const c of corrected) if (!correctedByScope.has(c.scope)) correctedByScope.set(c.scope, c);
    const firstBy = (key: (x: Measurement) => string) => {
      const map = new Map<string, number>();
      glucose.forEach((x, i) => map.has(key(x)) || map.set(key(x), i));
      return map;
    };
    const byWhen = firstBy((x) => `${x.date}|${x.time}`);
    const byLine = firstBy((x) => `${x.source}|${x.line}`);
    const byDate = new Map<string | null, { x: Measurement; i: number }[]>();
    glucose.forEach((x, i) => x.hours !== null && (byDate.get(x.date) ?? byDate.set(x.date, []).get(x.date)!).push({ x, i }));
    const nearBest = new Map<string | null, RangeBest<{ x: Measurement; i: number }>>();
    for (const [date, list] of byDate) {
      list.sort((a, b) => a.x.hours! - b.x.hours! || a.i - b.i);
      nearBest.set(date, new RangeBest(list, (a, b) => a.i < b.i));
    }
    const within2h = (na: Measurement): Measurement | undefined => {
      const list = byDate.get(na.date);
      if (!list || na.hours === null) return undefined;
      const h = na.hours;
      return nearBest.get(na.date)!.best(
        lowerBound(list.length, (k) => list[k].x.hours! >= h - 2),
        lowerBound(list.length, (k) => list[k].x.hours! > h + 2),
      )?.x;
    };
    const correctedOf = (na: Measurement): number => {
      const written = correctedByScope.get(na.scope);
      if (written) return written.value;
      const i = Math.min(byWhen.get(`${na.date}|${na.time}`) ?? Infinity, byLine.get(`${na.source}|${na.line}`) ?? Infinity);
      const g = (i < Infinity ? glucose[i] : undefined) ?? within2h(na);
      return g && g.value > 100 ? na.value + (1.6 * (g.value - 100)) / 100 : na.value;
    };
    const low = sodium.filter((na) => na.value < 135 && correctedOf(na) < 135 && !na.context.atBaseline);
    if (!low.length) return [];
    const lowest = low.reduce((a, b) => (b.value < a.value ? b : a));
    const first = low[0];
    // The response: a treatment or monitoring named in the note (not negated), or serial sodium values (≥ 2 within 24 h).
    const responses = RESPONSE.flatMap((c) => present(chart, c).filter((m) => !m.uncertain && !(m.date && first.date && m.date < first.date)));
    const serial = sodium.filter((na) => na.hours !== null && first.hours !== null && na.hours >= first.hours - 1 && na.hours <= first.hours + 24 && na.time);
    const criteria: string[] = [`sodium ${num(lowest.value)} mmol/L (< 135, the lower reference limit)${low.length > 1 ? `, ${low.length} low values` : ''}`];
    const evidence: EvidenceItem[] = [measurementEvidence(lowest, 'serum sodium < 135 mmol/L')];
    if (responses.length) {
      criteria.push(
        `treated or monitored: ${[...new Set(responses.map((r) => r.text.toLowerCase()))].slice(0, 4).join(', ')} (UHDDS other-diagnosis criteria)`,
      );
      for (const r of responses.slice(0, 4)) evidence.push(mentionEvidence(r, 'treatment or monitoring of the sodium'));
    } else if (serial.length >= 2) {
      criteria.push(`serial sodium checks: ${serial.length} values within 24 h (increased monitoring, UHDDS other-diagnosis criteria)`);
      for (const s of serial.slice(0, 3)) if (s !== lowest) evidence.push(measurementEvidence(s, 'serial sodium monitoring'));
    } else return [];
    return [
      finding(ctx, {
        key: 'hyponatremia',
        range: lowest.range,
        headline: 'Possible hyponatremia, not documented',
        criteria,
        evidence,
        candidates: ['E87.1'],
        poa: poaFrom(model, [first.date]),
        query: {
          topic: 'serum sodium',
          indicators: low.slice(0, 5).map(indicatorOf),
          treatment: treatmentLines(chart, RESPONSE),
          options: [
            'hyponatremia (please specify the cause, if known)',
            'syndrome of inappropriate antidiuretic hormone (SIADH)',
            'laboratory finding without clinical significance',
          ],
        },
      }),
    ];
  },
};
