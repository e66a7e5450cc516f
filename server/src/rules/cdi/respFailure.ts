// cdi.opportunity.resp-failure — two or more indicators of acute respiratory failure, treated, and
// no respiratory failure documented.
// Criteria (spec; common CDI practice and the ACDIS/AHIMA query examples): ≥ 2 of SpO2 < 91 % on
// room air, PaO2 < 60 mmHg, PaCO2 > 50 mmHg with pH < 7.35, respiratory rate > 28, accessory-muscle
// use or increased work of breathing; and a treatment above the patient's baseline
// (supplemental oxygen, high-flow, BiPAP/CPAP, intubation). A patient on home oxygen is judged at
// the GOLD target saturation of 88–92 % (GOLD 2024 report, chapter 5): on the home flow an SpO2
// counts below 88 %, and oxygen counts as treatment only above the home flow.
import type { Rule } from '../rule';
import type { Measurement } from '../../cdi/measurements';
import { present, type Mention } from '../../cdi/concepts';
import { lowerBound } from '../../cdi/rangeBest';
import {
  documentationStatus,
  finding,
  indicatorOf,
  measurementEvidence,
  mentionEvidence,
  mentionIndicator,
  modelOf,
  poaFrom,
  type ConditionSpec,
  type EvidenceItem,
} from './common';
import { hasCode } from './clinical';

const SPEC: ConditionSpec = {
  key: 'resp-failure',
  concept: 'cond.respfailure',
  queryTerms: /\b(?:respiratory failure|ventilatory failure|respiratory insufficiency)\b/i,
  // "chronic respiratory failure" alone documents the chronic condition, not an acute one.
  notDocumenting: (m) => /\bchronic\b/i.test(m.before) && !/\bacute\b/i.test(m.before),
};

export const respFailure: Rule = {
  id: 'cdi.opportunity.resp-failure',
  summary: '≥ 2 indicators of acute respiratory failure with treatment above baseline, and no respiratory failure documented.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    const homeO2 = present(chart, 'tx.homeO2');
    const chronic =
      homeO2.some((m) => /\b(?:O2|oxygen|\d\s?L)\b/i.test(m.text)) || hasCode(chart, ['J961', 'Z9981']) || present(chart, 'cond.chronicRespFailure').length > 0;
    const found: { kind: string; evidence: EvidenceItem; indicator: string; date: string | null; type: 'hypoxic' | 'hypercapnic' | null }[] = [];
    const add = (kind: string, evidence: EvidenceItem, indicator: string, date: string | null, type: 'hypoxic' | 'hypercapnic' | null) => {
      if (!found.some((f) => f.kind === kind)) found.push({ kind, evidence, indicator, date, type });
    };
    const spo2 = model.of('spo2').filter((s) => !s.context.approx || s.value < 88);
    const lowSat = spo2.find((s) => (s.context.oxygen === 'home' ? s.value < 88 : s.value < 91));
    if (lowSat)
      add(
        'SpO2 < 91 % on room air',
        measurementEvidence(lowSat, lowSat.context.oxygen === 'home' ? 'SpO2 < 88 % on home oxygen' : 'SpO2 < 91 %'),
        indicatorOf(lowSat),
        lowSat.date,
        'hypoxic',
      );
    const pao2 = model.of('pao2').find((p) => p.value < 60 && !p.context.venous && p.context.oxygen !== 'supplemental');
    if (pao2) add('PaO2 < 60 mmHg', measurementEvidence(pao2, 'PaO2 < 60 mmHg'), indicatorOf(pao2), pao2.date, 'hypoxic');
    const acidotic = model.of('ph').filter((p) => p.value < 7.35);
    // pH values by date: their lines, sources and hours (sorted), so each PaCO2 is matched without a scan of every pH.
    const byDate = new Map<string | null, { lines: Set<number>; sources: Set<string>; hours: number[] }>();
    for (const p of acidotic) {
      let d = byDate.get(p.date);
      if (!d) byDate.set(p.date, (d = { lines: new Set(), sources: new Set(), hours: [] }));
      d.lines.add(p.line);
      d.sources.add(p.source);
      d.hours.push(p.hours ?? 0);
    }
    for (const d of byDate.values()) d.hours.sort((a, b) => a - b);
    const withPh = (c: Measurement) => {
      const d = byDate.get(c.date);
      if (!d) return false;
      if (d.lines.has(c.line) || d.sources.has(c.source)) return true;
      const h = c.hours ?? 0;
      const k = lowerBound(d.hours.length, (i) => d.hours[i] >= h - 2);
      return k < d.hours.length && Math.abs(d.hours[k] - h) <= 2;
    };
    const hypercapnia = model.of('paco2').find((c) => c.value > 50 && !c.context.venous && withPh(c));
    if (hypercapnia) {
      const ph = acidotic.find((p) => p.date === hypercapnia.date)!;
      add(
        'PaCO2 > 50 mmHg with pH < 7.35',
        measurementEvidence(hypercapnia, `PaCO2 > 50 mmHg with pH ${ph.value}`),
        `${indicatorOf(hypercapnia)}, pH ${ph.value}`,
        hypercapnia.date,
        'hypercapnic',
      );
    }
    const rr = model.of('rr').find((r) => r.value > 28);
    if (rr) add('respiratory rate > 28', measurementEvidence(rr, 'respiratory rate > 28/min'), indicatorOf(rr), rr.date, null);
    const wob = present(chart, 'find.wob').find((m) => !m.uncertain);
    if (wob)
      add(
        'accessory-muscle use / increased work of breathing',
        mentionEvidence(wob, 'accessory-muscle use or increased work of breathing'),
        mentionIndicator(wob),
        wob.date,
        null,
      );
    if (found.length < 2) return [];
    // Treatment above the baseline.
    const homeFlow = Math.max(0, ...homeO2.map((m) => Number(/(?<!\d)(\d+(?:\.\d+)?)\s?L/i.exec(m.sentence)?.[1] ?? 0)));
    const baselineDevice = (m: Mention) => /\b(?:home|at night|nightly|nocturnal|for (?:his |her )?OSA|qhs|sleep apnea)\b/i.test(m.sentence);
    const treatments: Mention[] = [
      ...present(chart, 'tx.highFlow'),
      ...present(chart, 'tx.niv').filter((m) => !baselineDevice(m)),
      ...present(chart, 'tx.intubation').filter(
        (m) => m.prose.context?.kind !== 'operative' && !/\bfor (?:the )?(?:surgery|procedure|OR|operation)\b/i.test(m.sentence),
      ),
      ...present(chart, 'tx.o2').filter((m) => {
        const flow = Number(/(\d+(?:\.\d+)?)\s?(?:L|liters?|lpm)/i.exec(m.text)?.[1] ?? NaN);
        return !baselineDevice(m) && (!chronic || (Number.isFinite(flow) ? flow > homeFlow : /non-?rebreather|NRB|face ?mask|venti/i.test(m.text)));
      }),
    ].filter((m) => !m.uncertain);
    const onOxygen = model.all.find(
      (m: Measurement) => m.kind === 'patient' && m.context.oxygen === 'supplemental' && (!chronic || (m.context.flow ?? 99) > homeFlow),
    );
    if (!treatments.length && !onOxygen) return [];
    const treatment = treatments[0] ? mentionEvidence(treatments[0], 'treatment above baseline') : measurementEvidence(onOxygen!, 'on supplemental oxygen');
    const hypoxic = found.some((f) => f.type === 'hypoxic');
    const hypercapnic = found.some((f) => f.type === 'hypercapnic');
    const digit = hypoxic && hypercapnic ? ['1', '2'] : hypercapnic ? ['2'] : hypoxic ? ['1'] : ['0'];
    const stem = chronic ? 'J96.2' : 'J96.0';
    const candidates = [...digit.map((d) => stem + d), ...(digit[0] === '0' ? [] : [stem + '0'])];
    const kindWords = hypoxic && hypercapnic ? 'with hypoxia and hypercapnia' : hypercapnic ? 'with hypercapnia' : hypoxic ? 'with hypoxia' : '';
    return [
      finding(ctx, {
        key: 'resp-failure',
        range: found[0].evidence.range,
        headline: `Possible acute ${chronic ? 'on chronic ' : ''}respiratory failure, not documented`,
        criteria: [
          `${found.length} indicators: ${found.map((f) => f.kind).join(', ')}`,
          `treated with ${treatments[0]?.text ?? 'supplemental oxygen'}${chronic ? ' above the home baseline' : ''} (common CDI practice; ACDIS/AHIMA query examples)`,
        ],
        evidence: [...found.map((f) => f.evidence), treatment],
        candidates,
        poa: poaFrom(
          model,
          found.map((f) => f.date),
        ),
        query: {
          topic: 'respiratory status',
          indicators: found.map((f) => f.indicator),
          treatment: [...new Set(treatments.slice(0, 3).map((m) => mentionIndicator(m)))],
          options: [
            `acute ${chronic ? 'on chronic ' : ''}respiratory failure ${kindWords}`.trim(),
            hypoxic && !hypercapnic ? `acute ${chronic ? 'on chronic ' : ''}respiratory failure with hypercapnia` : '',
            'hypoxemia without respiratory failure',
            chronic ? 'chronic respiratory failure only, at baseline' : 'respiratory distress without respiratory failure',
          ],
        },
      }),
    ];
  },
};
