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
    const pairs: [Measurement, Measurement][] = [];
    for (let i = 0; i < values.length; i++)
      for (let j = i + 1; j < values.length; j++) {
        const [a, b] = [values[i], values[j]];
        if (a.hours !== null && b.hours !== null && b.hours < a.hours) continue;
        if (a.hours === null && b.hours === null && !(a.context.preop && !b.context.preop)) continue; // undated: order unknown
        pairs.push(b.context.preop && !a.context.preop ? [b, a] : [a, b]);
      }
    for (const t of model.trends('hemoglobin')) pairs.push([t.earlier, t.later]);
    const stayPairs = pairs.length;
    for (const base of model.baselineOf('hemoglobin')) for (const v of values) pairs.push([base, v]);
    let drop: { a: Measurement; b: Measurement; why: string } | null = null;
    for (const [i, [a, b]] of pairs.entries()) {
      // A drop within the stay is the better evidence; a documented baseline or prior value only when the stay shows none.
      if (i >= stayPairs && drop) break;
      const d = a.value - b.value;
      const big = d >= 2 - 1e-9;
      const below = b.value < 10 && a.value >= 10 && d >= 1 - 1e-9;
      if (!big && !below) continue;
      if (b.context.atBaseline) continue;
      if (!drop || d > drop.a.value - drop.b.value) drop = { a, b, why: big ? 'hemoglobin drop ≥ 2 g/dL' : 'hemoglobin fall to < 10 g/dL from a higher value' };
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
