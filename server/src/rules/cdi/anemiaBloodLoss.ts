// cdi.opportunity.anemia-blood-loss — a hemoglobin drop with bleeding, surgery or transfusion, and
// no acute blood loss anemia documented.
// Criteria (spec; common CDI practice, ACDIS; UHDDS "other diagnosis"): a drop of ≥ 2 g/dL, or a fall
// to < 10 g/dL from a higher value, together with bleeding, surgery or a transfusion. A fall below
// 10 g/dL must exceed the hemoglobin's reference change value (about 1 g/dL: analytical plus
// within-subject biological variation, Ricós et al., Scand J Clin Lab Invest 1999;59:491) — a
// 10.2 → 9.9 wobble is noise, not a drop.
import type { Rule } from '../rule';
import type { Measurement } from '../../cdi/measurements';
import { present } from '../../cdi/concepts';
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
  key: 'anemia-blood-loss',
  concept: 'cond.abla',
  queryTerms: /\b(?:blood loss anemia|posthemorrhagic|post-hemorrhagic|ABLA|acute blood loss)\b/i,
};

/**
 * For each value, the highest value before it (each pair once, the earlier value first), in
 * O(n log n) instead of every pair: dated values in time order (a running maximum over the
 * time-sorted values, per pre-operative or not), undated ones in document order; a value marked
 * pre-operative counts as before one that is not. Undated values pair with each other only across
 * that pre-operative mark (their order is otherwise unknown).
 */
export function highestBefore(values: Measurement[]): [Measurement, Measurement][] {
  interface Item {
    m: Measurement;
    i: number;
    pos: number;
  }
  const items: Item[] = values.map((m, i) => ({ m, i, pos: -1 }));
  const higher = (x: Item | null, y: Item | null): Item | null => (!x ? y : !y ? x : y.m.value > x.m.value || (y.m.value === x.m.value && y.i < x.i) ? y : x);
  const dated = items.filter((x) => x.m.hours !== null).sort((x, y) => x.m.hours! - y.m.hours! || x.i - y.i);
  dated.forEach((x, k) => (x.pos = k));
  const preop = (x: Item) => (x.m.context.preop ? 1 : 0);
  const hasHours = (x: Item) => (x.m.hours !== null ? 1 : 0);
  // Running maxima: over dated values in time order (by pre-operative mark), over values in document order (by hours known, mark).
  const timePrefix: (Item | null)[][] = [[null], [null]];
  for (const x of dated) for (const p of [0, 1]) timePrefix[p].push(higher(timePrefix[p].at(-1)!, preop(x) === p ? x : null));
  const timeSuffixPreop: (Item | null)[] = new Array(dated.length + 1).fill(null);
  for (let k = dated.length - 1; k >= 0; k--) timeSuffixPreop[k] = higher(timeSuffixPreop[k + 1], preop(dated[k]) ? dated[k] : null);
  const docPrefix = [0, 1].map(() => [0, 1].map(() => [null] as (Item | null)[]));
  for (const x of items)
    for (const h of [0, 1]) for (const p of [0, 1]) docPrefix[h][p].push(higher(docPrefix[h][p].at(-1)!, hasHours(x) === h && preop(x) === p ? x : null));
  const docSuffixPreop = [0, 1].map(() => new Array(items.length + 1).fill(null) as (Item | null)[]);
  for (let k = items.length - 1; k >= 0; k--)
    for (const h of [0, 1]) docSuffixPreop[h][k] = higher(docSuffixPreop[h][k + 1], hasHours(items[k]) === h && preop(items[k]) ? items[k] : null);
  const out: [Measurement, Measurement][] = [];
  for (const b of items) {
    const h = hasHours(b);
    const p = preop(b);
    // Earlier in document order and not a pre-operative value after a later one (`classes`: which marks may precede b).
    const classes = p ? [1] : [0, 1];
    let a: Item | null = null;
    for (const c of classes) {
      if (h) a = higher(a, timePrefix[c][b.pos]);
      a = higher(a, docPrefix[1 - h][c][b.i]);
    }
    if (!h && !p) a = higher(a, docPrefix[0][1][b.i]);
    // A pre-operative value written after b still comes before it.
    if (!p) {
      if (h) a = higher(a, timeSuffixPreop[b.pos + 1]);
      a = higher(a, docSuffixPreop[1 - h][b.i + 1]);
    }
    if (a) out.push([a.m, b.m]);
  }
  return out;
}

export const anemiaBloodLoss: Rule = {
  id: 'cdi.opportunity.anemia-blood-loss',
  summary: 'A hemoglobin drop (≥ 2 g/dL, or to < 10 g/dL) with bleeding, surgery or transfusion, and no acute blood loss anemia documented.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    const values = model.of('hemoglobin');
    // Earlier values: the stay's (in time order), written trends, and documented baseline/prior values.
    let drop = null as { a: Measurement; b: Measurement; why: string } | null;
    const consider = (a: Measurement, b: Measurement) => {
      const d = a.value - b.value;
      const big = d >= 2 - 1e-9;
      const below = b.value < 10 && a.value >= 10 && d >= 1 - 1e-9;
      if (!big && !below) return;
      if (b.context.atBaseline) return;
      if (!drop || d > drop.a.value - drop.b.value) drop = { a, b, why: big ? 'hemoglobin drop ≥ 2 g/dL' : 'hemoglobin fall to < 10 g/dL from a higher value' };
    };
    for (const [a, b] of highestBefore(values)) consider(a, b);
    for (const t of model.trends('hemoglobin')) consider(t.earlier, t.later);
    // A drop within the stay is the better evidence; a documented baseline or prior value only when the stay shows none.
    const baselines = model.baselineOf('hemoglobin');
    if (!drop && baselines.length) {
      const base = baselines.reduce((a, b) => (b.value > a.value ? b : a));
      for (const v of values) consider(base, v);
    }
    if (!drop) return [];
    const bleeding = present(chart, 'find.bleeding').filter((m) => !m.uncertain);
    // This stay's surgery: not one in the history ("s/p appendectomy 2010", "prior CABG").
    const surgery = present(chart, 'find.surgery').filter(
      (m) =>
        (m.role === 'provider' || m.role === 'report') &&
        !m.chronic &&
        !/\b(?:history|h\/o|hx|prior|remote|previous|in (?:19|20)\d\d|years? ago|PSH|past surgical)\b/i.test(m.clause),
    );
    const transfusion = present(chart, 'tx.transfusion').filter((m) => !m.uncertain && !/\b(?:if|threshold|below|<|consent)\b/i.test(m.before));
    const transfusionCode = chart.abstract?.lines.find((l) => l.kind.value === 'PROC' && l.code && /^302[34]/.test(l.code.value));
    const operative = !!model.stay.surgery;
    const context: EvidenceItem[] = [];
    if (bleeding[0]) context.push(mentionEvidence(bleeding[0], 'bleeding'));
    if (transfusion[0]) context.push(mentionEvidence(transfusion[0], 'transfusion'));
    else if (transfusionCode)
      context.push({
        line: transfusionCode.range.start.line + 1,
        range: transfusionCode.code!.range,
        text: `PROC ${transfusionCode.written}`,
        criterion: 'transfusion (procedure in the abstract)',
      });
    if (operative || surgery[0])
      context.push(
        surgery[0]
          ? mentionEvidence(surgery[0], 'surgery')
          : {
              line: 1,
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              text: `operating-room procedure on ${model.stay.surgery}`,
              criterion: 'surgery',
            },
      );
    if (!context.length) return [];
    const d = Math.round((drop.a.value - drop.b.value) * 10) / 10;
    const criteria = [
      `hemoglobin ${num(drop.a.value)} → ${num(drop.b.value)} g/dL (−${d}; ${drop.why})`,
      `with ${context.map((c) => c.criterion.replace(/ \(.*\)$/, '')).join(', ')} (common CDI practice, ACDIS; UHDDS other-diagnosis criteria)`,
    ];
    const evidence: EvidenceItem[] = [measurementEvidence(drop.a, 'hemoglobin before the drop'), measurementEvidence(drop.b, drop.why), ...context];
    return [
      finding(ctx, {
        key: 'anemia-blood-loss',
        range: drop.b.range,
        headline: 'Possible acute blood loss anemia, not documented',
        criteria,
        evidence,
        candidates: ['D62'],
        poa: poaFrom(model, [drop.b.date]),
        query: {
          topic: 'hemoglobin',
          indicators: [
            indicatorOf(drop.a),
            indicatorOf(drop.b),
            ...values
              .filter((v) => v !== drop!.a && v !== drop!.b)
              .slice(0, 3)
              .map(indicatorOf),
          ],
          treatment: treatmentLines(chart, ['tx.transfusion', 'find.bleeding', 'find.surgery'], 4),
          options: [
            'acute blood loss anemia',
            'acute on chronic blood loss anemia',
            'expected or dilutional drop in hemoglobin without anemia',
            'anemia of another type (please specify)',
          ],
        },
      }),
    ];
  },
};
