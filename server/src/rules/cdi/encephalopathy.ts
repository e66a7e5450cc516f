// cdi.opportunity.encephalopathy — an acute change in mental status with a metabolic, septic,
// toxic or drug cause under treatment that resolves with treatment, documented only as a symptom
// (R41.0 disorientation, R41.82 altered mental status, R40.- somnolence) or not at all.
// Criteria: common CDI practice (ACDIS "Metabolic encephalopathy" query examples; the spec). An
// altered mental status the note calls the patient's baseline (dementia "as usual") is not acute.
import type { Rule } from '../rule';
import { present, type Mention } from '../../cdi/concepts';
import type { ChartMeasurements } from '../../cdi/measurements';
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
import { infectionFacts } from './clinical';

const SPEC: ConditionSpec = {
  key: 'encephalopathy',
  concept: 'cond.encephalopathy',
  queryTerms: /\b(?:encephalopath\w*|delirium|TME)\b/i,
};

interface Cause {
  kind: 'septic' | 'metabolic' | 'toxic' | 'hepatic';
  why: string;
  evidence: EvidenceItem[];
  indicators: string[];
}

const BASELINE =
  /\b(?:baseline|as usual|usual (?:self|state)|chronic(?:ally)?|at (?:his|her|their) baseline|unchanged|longstanding|since (?:his|her) stroke|dementia)\b/i;
const NOT_ACUTE =
  /\b(?:post-?ictal|sedated|sedation|under anesthesia|intubated and sedated|while asleep|sundowning|in the unfamiliar room|reoriented easily|easily reoriented|briefly)\b/i;

function causes(ctx: Parameters<Rule['check']>[0], model: ChartMeasurements): Cause[] {
  const { chart } = ctx;
  const out: Cause[] = [];
  const on = (concept: string) => present(chart, concept).filter((m) => !m.uncertain);
  const infection = infectionFacts(chart);
  if (infection.present && infection.antibiotics.length) {
    const doc = infection.documented;
    out.push({
      kind: 'septic',
      why: `${infection.name ?? 'infection'} treated with ${infection.antibiotics[0].text}`,
      evidence: [mentionEvidence(infection.antibiotics[0], 'infection under treatment')],
      indicators: [mentionIndicator(infection.antibiotics[0], `${doc && 'concept' in doc ? doc.text + ' treated with ' : ''}${infection.antibiotics[0].text}`)],
    });
  }
  const naLow = model.of('sodium').filter((n) => n.value < 130);
  const naTx = [...on('tx.fluidRestriction'), ...on('tx.hypertonicSaline'), ...on('tx.sodiumDrug'), ...on('tx.sodiumMedChange')];
  if (naLow.length && naTx.length)
    out.push({
      kind: 'metabolic',
      why: `sodium ${naLow[0].value} mmol/L treated`,
      evidence: [measurementEvidence(naLow[0], 'hyponatremia'), mentionEvidence(naTx[0], 'treatment of the sodium')],
      indicators: [indicatorOf(naLow[0]), mentionIndicator(naTx[0])],
    });
  const gluLow = model.of('glucose').find((g) => g.value < 70);
  const dextrose = on('tx.dextrose');
  if ((gluLow || on('cause.hypoglycemia').length) && dextrose.length)
    out.push({
      kind: 'metabolic',
      why: `hypoglycemia${gluLow ? ` (glucose ${gluLow.value} mg/dL)` : ''} treated with ${dextrose[0].text}`,
      evidence: [...(gluLow ? [measurementEvidence(gluLow, 'hypoglycemia')] : []), mentionEvidence(dextrose[0], 'dextrose')],
      indicators: [...(gluLow ? [indicatorOf(gluLow)] : []), mentionIndicator(dextrose[0])],
    });
  const gluHigh = model.of('glucose').find((g) => g.value > 400);
  if ((gluHigh || on('cause.hyperglycemia').length) && on('tx.insulinDrip').length)
    out.push({
      kind: 'metabolic',
      why: 'hyperglycemic crisis treated with an insulin infusion',
      evidence: [mentionEvidence(on('tx.insulinDrip')[0], 'insulin infusion')],
      indicators: [mentionIndicator(on('tx.insulinDrip')[0])],
    });
  const ammonia = model.of('ammonia').find((a) => a.value > 50);
  const lactulose = on('tx.lactulose');
  if ((ammonia || on('find.asterixis').length || on('cond.cirrhosis').length) && lactulose.length)
    out.push({
      kind: 'hepatic',
      why: `${ammonia ? `ammonia ${ammonia.value} µmol/L` : 'liver disease'} treated with ${lactulose[0].text}`,
      evidence: [...(ammonia ? [measurementEvidence(ammonia, 'elevated ammonia')] : []), mentionEvidence(lactulose[0], 'lactulose/rifaximin')],
      indicators: [...(ammonia ? [indicatorOf(ammonia)] : []), mentionIndicator(lactulose[0])],
    });
  const bun = model.of('bun').find((b) => b.value > 100);
  if ((bun || on('cause.uremia').length) && on('tx.dialysis').length)
    out.push({
      kind: 'metabolic',
      why: 'uremia treated with dialysis',
      evidence: [mentionEvidence(on('tx.dialysis')[0], 'dialysis')],
      indicators: [...(bun ? [indicatorOf(bun)] : []), mentionIndicator(on('tx.dialysis')[0])],
    });
  const acidoticDates = new Set(
    model
      .of('ph')
      .filter((p) => p.value < 7.35)
      .map((p) => p.date),
  );
  const co2 = model.of('paco2').find((c) => c.value > 50 && !c.context.venous && acidoticDates.has(c.date));
  if (co2 && on('tx.niv').length)
    out.push({
      kind: 'metabolic',
      why: `hypercapnia (PaCO2 ${co2.value}) treated with ${on('tx.niv')[0].text}`,
      evidence: [measurementEvidence(co2, 'hypercapnia')],
      indicators: [indicatorOf(co2), mentionIndicator(on('tx.niv')[0])],
    });
  const drugCause = [...on('cause.drug'), ...on('find.pinpointPupils')];
  const reversal = [...on('tx.naloxone'), ...on('tx.stopSedating')];
  if (reversal.length && (drugCause.length || on('tx.naloxone').length))
    out.push({
      kind: 'toxic',
      why: `drug effect treated (${reversal[0].text})`,
      evidence: [mentionEvidence(reversal[0], 'reversal or withdrawal of the drug')],
      indicators: [...(drugCause[0] ? [mentionIndicator(drugCause[0])] : []), mentionIndicator(reversal[0])],
    });
  return out;
}

export const encephalopathy: Rule = {
  id: 'cdi.opportunity.encephalopathy',
  summary:
    'Acute altered mental status with a metabolic, septic or toxic cause under treatment, resolving with it, documented only as a symptom or not at all.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    // Acute altered mental status: a mention not described as baseline, or a GCS below 15 (or below its baseline).
    const ams: Mention[] = present(chart, 'find.ams').filter(
      (m) =>
        !m.uncertain && !m.resolved && !BASELINE.test(m.clause) && !BASELINE.test(m.sentence.slice(m.sentence.indexOf(m.text))) && !NOT_ACUTE.test(m.sentence),
    );
    const gcsBase = model.baselineOf('gcs')[0]?.value ?? 15;
    const gcs = model.of('gcs').find((g) => g.value < gcsBase && g.value <= 14);
    if (!ams.length && !gcs) return [];
    const onset = [ams[0]?.date ?? null, gcs?.date ?? null].filter((d): d is string => !!d).sort()[0] ?? null;
    const firstLine = Math.min(ams[0]?.line ?? Infinity, gcs?.line ?? Infinity);
    const found = causes(ctx, model);
    if (!found.length) return [];
    // Resolving with treatment: a later note (or later in the note) says the mental status cleared.
    const resolution = [...present(chart, 'find.mentalResolved'), ...present(chart, 'find.mentalNormal')].find(
      (m) =>
        !m.uncertain &&
        !/\bat baseline per\b|\bindependent and\b/i.test(m.sentence) &&
        (m.date && onset
          ? m.date > onset ||
            (m.date === onset && m.line > firstLine && /\b(?:after|with|within|resolved|cleared|improved|normalized|back to)\b/i.test(m.sentence))
          : m.line > firstLine),
    );
    if (!resolution) return [];
    const kinds = new Set(found.map((c) => c.kind));
    const candidates = kinds.has('hepatic')
      ? ['K76.82', 'G93.41']
      : kinds.has('toxic') && (kinds.has('metabolic') || kinds.has('septic'))
        ? ['G93.41', 'G92.8']
        : kinds.has('toxic')
          ? ['G92.8', 'G93.41']
          : ['G93.41', 'G92.8'];
    const symptom = chart.abstract?.lines.find((l) => l.code && /^R41[08]|^R4182|^R40/.test(l.code.value));
    const evidence: EvidenceItem[] = [
      ...(ams[0] ? [mentionEvidence(ams[0], 'acute altered mental status')] : []),
      ...(gcs ? [measurementEvidence(gcs, `GCS ${gcs.value} (baseline ${gcsBase})`)] : []),
      ...found.flatMap((c) => c.evidence),
      mentionEvidence(resolution, 'resolved with treatment'),
    ];
    const cause = found.map((c) => c.why).join('; ');
    return [
      finding(ctx, {
        key: 'encephalopathy',
        range: ams[0]?.range ?? gcs!.range,
        headline: `Possible ${kinds.has('hepatic') ? 'hepatic' : kinds.has('toxic') && !kinds.has('metabolic') && !kinds.has('septic') ? 'toxic' : 'metabolic'} encephalopathy, ${symptom ? `documented only as a symptom (${symptom.written})` : 'not documented'}`,
        criteria: [
          `acute altered mental status (${ams[0] ? `"${ams[0].text}", line ${ams[0].line + 1}` : `GCS ${gcs!.value}`})`,
          `cause under treatment: ${cause}`,
          `resolving with treatment ("${resolution.text}", line ${resolution.line + 1}) (common CDI practice)`,
        ],
        evidence,
        candidates,
        poa: poaFrom(model, [onset]),
        query: {
          topic: 'mental status',
          indicators: [
            ...(ams[0] ? [mentionIndicator(ams[0])] : []),
            ...(gcs ? [indicatorOf(gcs)] : []),
            ...found.flatMap((c) => c.indicators),
            mentionIndicator(resolution),
          ],
          treatment: [],
          options: [
            kinds.has('metabolic') || kinds.has('septic') ? 'metabolic encephalopathy' : '',
            kinds.has('toxic') ? 'toxic encephalopathy' : '',
            kinds.has('hepatic') ? 'hepatic encephalopathy' : '',
            'delirium due to a known physiological condition, without encephalopathy',
            'altered mental status without a further diagnosis',
          ],
        },
      }),
    ];
  },
};
