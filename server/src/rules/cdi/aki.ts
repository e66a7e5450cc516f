// cdi.opportunity.aki — acute kidney injury the creatinine or urine output supports, not documented.
// KDIGO Clinical Practice Guideline for Acute Kidney Injury (2012), section 2.1.1: an increase in
// serum creatinine by ≥ 0.3 mg/dL within 48 hours; or to ≥ 1.5 times baseline, known or presumed
// to have occurred within the prior 7 days; or urine volume < 0.5 mL/kg/h for 6 hours.
// Baseline: a documented baseline (or a value before the stay), else the lowest value of the stay.
// Silent on dialysis-dependent end-stage kidney disease (KDIGO's criteria do not apply to it).
import type { Rule } from '../rule';
import type { Measurement } from '../../cdi/measurements';
import { present } from '../../cdi/concepts';
import { dayNumber, daysBetween } from '../../cdi/prose';
import { RangeBest, lowerBound } from '../../cdi/rangeBest';
import { documentationStatus, finding, indicatorOf, measurementEvidence, modelOf, num, poaFrom, type ConditionSpec, type EvidenceItem } from './common';
import { hasCode, treatmentLines } from './clinical';

const SPEC: ConditionSpec = {
  key: 'aki',
  concept: 'cond.aki',
  queryTerms: /\b(?:acute kidney|AKI|acute renal|renal failure|kidney failure|kidney injury|tubular necrosis|ATN)\b/i,
};

/** Within `hours` hours: exact when both have times, by calendar days (≤ hours/24) when dates only, and accepted when undated. */
export function within(a: Measurement, b: Measurement, hours: number): { ok: boolean; timing: 'exact' | 'days' | 'undated' } {
  if (a.time && b.time && a.hours !== null && b.hours !== null) return { ok: Math.abs(b.hours - a.hours) <= hours, timing: 'exact' };
  if (a.date && b.date) return { ok: Math.abs(daysBetween(a.date, b.date)) <= hours / 24, timing: 'days' };
  return { ok: true, timing: 'undated' };
}

interface Indexed {
  m: Measurement;
  i: number;
  /** Hours from admission; without an admission date, the day at noon (dated values only). */
  at: number;
  day: number;
}

const lower = (x: Indexed, y: Indexed) => x.m.value < y.m.value || (x.m.value === y.m.value && x.i < y.i);

/**
 * The largest rise from an earlier to a later value within 48 hours (`within`), the later value
 * `eligible`, in O(n log n): for each later value, the lowest earlier value in its window (a range
 * minimum over the time-sorted dated values, a running minimum over the undated ones). Ties: the
 * earliest pair in value order (earlier value first), as an enumeration of every pair would give.
 */
export function largestRise(values: Measurement[], eligible: (b: Measurement) => boolean): { a: Measurement; b: Measurement } | null {
  const all: Indexed[] = values.map((m, i) => {
    const day = m.date ? dayNumber(m.date) : 0;
    return { m, i, day, at: m.hours ?? day * 24 + 12 };
  });
  const byTime = (x: Indexed, y: Indexed) => x.at - y.at || x.i - y.i;
  const isTimed = (m: Measurement) => !!m.time && m.hours !== null;
  const timed = all.filter((x) => isTimed(x.m)).sort(byTime);
  const untimed = all.filter((x) => x.m.date && !isTimed(x.m)).sort(byTime);
  const timedBest = new RangeBest(timed, lower);
  const untimedBest = new RangeBest(untimed, lower);
  const before = (list: Indexed[], b: Indexed) => lowerBound(list.length, (k) => byTime(list[k], b) >= 0);
  let best: { a: Indexed; b: Indexed; delta: number } | null = null;
  let anyBefore: Indexed | null = null; // lowest value so far in value order
  let undatedBefore: Indexed | null = null; // lowest undated value so far
  for (const b of all) {
    if (eligible(b.m)) {
      const candidates: (Indexed | null)[] = [];
      if (!b.m.date) candidates.push(anyBefore);
      else {
        candidates.push(undatedBefore);
        const fromTimed = isTimed(b.m) ? lowerBound(timed.length, (k) => timed[k].at >= b.at - 48) : lowerBound(timed.length, (k) => timed[k].day >= b.day - 2);
        candidates.push(timedBest.best(fromTimed, before(timed, b)));
        candidates.push(
          untimedBest.best(
            lowerBound(untimed.length, (k) => untimed[k].day >= b.day - 2),
            before(untimed, b),
          ),
        );
      }
      let a: Indexed | null = null;
      for (const c of candidates) if (c && (!a || lower(c, a))) a = c;
      if (a) {
        const delta = b.m.value - a.m.value;
        if (!best || delta > best.delta || (delta === best.delta && (a.i < best.a.i || (a.i === best.a.i && b.i < best.b.i)))) best = { a, b, delta };
      }
    }
    if (!anyBefore || lower(b, anyBefore)) anyBefore = b;
    if (!b.m.date && (!undatedBefore || lower(b, undatedBefore))) undatedBefore = b;
  }
  return best && { a: best.a.m, b: best.b.m };
}

export const aki: Rule = {
  id: 'cdi.opportunity.aki',
  summary: 'Creatinine or urine output meets KDIGO criteria for acute kidney injury, and no AKI is documented.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    // Dialysis-dependent end-stage kidney disease: creatinine swings with dialysis, KDIGO does not apply.
    if (hasCode(chart, ['N186', 'Z992']) || present(chart, 'cond.esrd').some((m) => m.role === 'provider')) return [];
    const model = modelOf(ctx);
    const values = model.of('creatinine');
    const baselines = model.baselineOf('creatinine');
    const criteria: string[] = [];
    const evidence: EvidenceItem[] = [];
    let at: Measurement | null = null;
    const documentedBaseline = baselines.length ? baselines.reduce((a, b) => (b.kind === 'baseline' && a.kind !== 'baseline' ? b : a)) : null;
    // 1. A rise of ≥ 0.3 mg/dL within 48 h (and above a documented baseline: a return to baseline is not a rise).
    const eligible = (b: Measurement) => !b.context.atBaseline && !(documentedBaseline && b.value < documentedBaseline.value + 0.3 - 1e-9);
    const found = largestRise(values, eligible);
    let rise: { a: Measurement; b: Measurement; timing: string } | null =
      found && found.b.value - found.a.value >= 0.3 - 1e-9 ? { ...found, timing: within(found.a, found.b, 48).timing } : null;
    // Rises written in the prose ("Cr 2.4, up from 1.1"): taken when larger than any from the values.
    for (const { earlier: a, later: b } of model.trends('creatinine')) {
      if (b.hours !== null && a.hours !== null && b.hours < a.hours) continue;
      if (b.value - a.value < 0.3 - 1e-9) continue;
      if (!eligible(b)) continue;
      const w = within(a, b, 48);
      if (!w.ok) continue;
      if (!rise || b.value - a.value > rise.b.value - rise.a.value) rise = { a, b, timing: w.timing };
    }
    if (rise) {
      const delta = Math.round((rise.b.value - rise.a.value) * 100) / 100;
      criteria.push(
        `creatinine rose ${num(rise.a.value)} → ${num(rise.b.value)} mg/dL (+${delta}) ${rise.timing === 'undated' ? '(timing not documented; presumed within 48 h)' : 'within 48 h'} (KDIGO 2012 §2.1.1)`,
      );
      evidence.push(
        measurementEvidence(rise.a, 'creatinine before the rise'),
        measurementEvidence(rise.b, 'creatinine rise ≥ 0.3 mg/dL within 48 h (KDIGO 2012 §2.1.1)'),
      );
      at = rise.b;
    }
    // 2. ≥ 1.5 × baseline within 7 days.
    if (values.length) {
      const peak = values.reduce((a, b) => (b.value > a.value ? b : a));
      let base: Measurement | null = documentedBaseline;
      let baseFrom = 'documented baseline';
      if (!base && values.length >= 2) {
        base = values.reduce((a, b) => (b.value < a.value ? b : a));
        baseFrom = 'lowest value of the stay';
      }
      const sevenDays = base && base.kind === 'patient' ? within(base, peak, 7 * 24).ok : true;
      if (base && base !== peak && peak.value >= 1.5 * base.value - 1e-9 && sevenDays && !peak.context.atBaseline) {
        const ratio = Math.round((peak.value / base.value) * 100) / 100;
        criteria.push(`creatinine ${num(peak.value)} mg/dL is ${ratio} × the ${baseFrom} ${num(base.value)} mg/dL (≥ 1.5 × within 7 days, KDIGO 2012 §2.1.1)`);
        if (!evidence.some((e) => e.line === base!.line + 1 && e.text === base!.written)) evidence.push(measurementEvidence(base, baseFrom));
        if (!evidence.some((e) => e.line === peak.line + 1 && e.text === peak.written))
          evidence.push(measurementEvidence(peak, 'creatinine ≥ 1.5 × baseline within 7 days (KDIGO 2012 §2.1.1)'));
        at ??= peak;
      }
    }
    // 3. Urine output < 0.5 mL/kg/h for ≥ 6 h (without a weight: below 20 mL/h, i.e. < 0.5 mL/kg/h for any adult of 40 kg or more).
    const weight = model.of('weight').at(-1)?.value ?? null;
    const limit = weight ? 0.5 * weight : 20;
    const oliguria = model.of('urine-output').find((u) => (u.context.hours ?? 0) >= 6 && u.value < limit);
    if (oliguria) {
      criteria.push(
        `urine output ${num(oliguria.value)} mL/h for ${oliguria.context.hours} h (< 0.5 mL/kg/h${weight ? ` at ${weight} kg` : ' for any adult ≥ 40 kg'} for ≥ 6 h, KDIGO 2012 §2.1.1)`,
      );
      evidence.push(measurementEvidence(oliguria, 'urine output < 0.5 mL/kg/h for ≥ 6 h (KDIGO 2012 §2.1.1)'));
      at ??= oliguria;
    }
    if (!criteria.length || !at) return [];
    const atn = present(chart, 'cond.atn').some((m) => m.role === 'provider' && !m.uncertain);
    const ckd = present(chart, 'cond.ckd').length > 0 || hasCode(chart, ['N18']);
    const shown = [...new Set([...(documentedBaseline ? [documentedBaseline] : []), ...values])].slice(0, 6);
    return [
      finding(ctx, {
        key: 'aki',
        range: at.range,
        headline: 'Possible acute kidney injury, not documented',
        criteria,
        evidence,
        candidates: atn ? ['N17.0', 'N17.9'] : ['N17.9', 'N17.0'],
        poa: poaFrom(model, [values.find((v) => v.value >= (documentedBaseline ? 1.5 * documentedBaseline.value : Infinity))?.date ?? at.date]),
        query: {
          topic: 'kidney function',
          indicators: [...shown.map(indicatorOf), ...(oliguria && !shown.includes(oliguria) ? [indicatorOf(oliguria)] : [])],
          treatment: treatmentLines(chart, ['tx.normalSaline', 'tx.fluidBolus', 'tx.renalMedHold', 'tx.dialysis']),
          options: [
            'acute kidney injury',
            'acute tubular necrosis',
            ckd ? 'chronic kidney disease without an acute kidney injury' : '',
            'creatinine change without acute kidney injury (please specify the cause)',
          ],
        },
      }),
    ];
  },
};
