// cdi.opportunity.sepsis — a documented or treated infection with acute organ dysfunction, and no
// sepsis documented.
// Sepsis-3 (Singer et al., "The Third International Consensus Definitions for Sepsis and Septic
// Shock", JAMA 2016;315:801-810): infection with an acute change in total SOFA score ≥ 2 points
// (the baseline assumed 0 unless chronic organ dysfunction is known). SOFA points per Vincent et
// al., Intensive Care Med 1996;22:707-710. The spec's "lactate > 2 mmol/L with hypotension" (the
// Sepsis-3 septic-shock criteria without vasopressors) also qualifies.
// Sepsis-2 (Levy et al., "2001 SCCM/ESICM/ACCP/ATS/SIS International Sepsis Definitions
// Conference", Crit Care Med 2003;31:1250-1256), for facilities that use it
// (`chartcoder.cdi.sepsisCriteria: "sepsis-2"`): infection with ≥ 2 SIRS criteria (temperature
// > 38 or < 36 °C, heart rate > 90, respiratory rate > 20 or PaCO2 < 32, WBC > 12 or < 4 K/µL or
// > 10 % bands). The finding names the definition that fired.
import type { Rule } from '../rule';
import type { ChartMeasurements, Measurement } from '../../cdi/measurements';
import { present } from '../../cdi/concepts';
import { lowerBound } from '../../cdi/rangeBest';
import { documentationStatus, finding, measurementEvidence, num, mentionEvidence, modelOf, poaFrom, type ConditionSpec, type EvidenceItem } from './common';
import { documentedCodes, hasCode, infectionFacts, treatmentLines } from './clinical';
import { INFECTION_CODES, SEPSIS_ORGANISMS_TABLE, matchesAny } from './data';

const SPEC: ConditionSpec = {
  key: 'sepsis',
  concept: 'cond.sepsis',
  queryTerms: /\b(?:sepsis|septic|septicemia|SIRS)\b/i,
};

interface Organ {
  system: string;
  points: number;
  baseline: number;
  value: Measurement | null;
  why: string;
}

const min = (list: Measurement[]) => (list.length ? list.reduce((a, b) => (b.value < a.value ? b : a)) : null);
const max = (list: Measurement[]) => (list.length ? list.reduce((a, b) => (b.value > a.value ? b : a)) : null);

/** SOFA points (Vincent 1996) by system from the stay's worst values, with the baseline points of known chronic disease. */
export function sofa(
  model: ChartMeasurements,
  chronic: { ckd: boolean; liver: boolean; lung: boolean },
  ventilated: boolean,
  pressor: 'strong' | 'weak' | null,
): Organ[] {
  const out: Organ[] = [];
  // Respiration: PaO2/FiO2 (arterial values; FiO2 0.21 on room air or when unknown, which gives the highest ratio).
  let worstPf: { ratio: number; m: Measurement } | null = null;
  for (const p of model.of('pao2')) {
    if (p.context.venous) continue;
    // FiO2: given with the value, room air, or (on oxygen) a FiO2 charted within an hour, else estimated from the
    // nasal-cannula flow (about 0.20 + 0.04 per L/min); a PaO2 with no oxygen context is read as on room air.
    const fio2 =
      p.context.fio2 ??
      (p.context.roomAir || !p.context.oxygen
        ? 0.21
        : (nearest(model.of('fio2'), p)?.value ?? (p.context.flow ? Math.min(0.2 + 0.04 * p.context.flow, 0.44) : null)));
    if (fio2 === null) continue;
    const ratio = p.value / fio2;
    if (!worstPf || ratio < worstPf.ratio) worstPf = { ratio, m: p };
  }
  if (worstPf) {
    const r = worstPf.ratio;
    const pts = r < 100 - 1e-9 && ventilated ? 4 : r < 200 - 1e-9 && ventilated ? 3 : r < 300 - 1e-9 ? 2 : r < 400 - 1e-9 ? 1 : 0;
    out.push({ system: 'respiration', points: pts, baseline: chronic.lung ? 2 : 0, value: worstPf.m, why: `PaO2/FiO2 ${Math.round(r)}` });
  }
  const plt = min(model.of('platelets'));
  if (plt) {
    const v = plt.value;
    const best = max(model.of('platelets'))!.value;
    const pts = v < 20 ? 4 : v < 50 ? 3 : v < 100 ? 2 : v < 150 ? 1 : 0;
    const base = chronic.liver ? (best < 20 ? 4 : best < 50 ? 3 : best < 100 ? 2 : best < 150 ? 1 : 0) : 0;
    out.push({ system: 'coagulation', points: pts, baseline: base, value: plt, why: `platelets ${num(v)} K/µL` });
  }
  const bili = max(model.of('bilirubin'));
  if (bili) {
    const points = (v: number) => (v >= 12 ? 4 : v >= 6 ? 3 : v >= 2 ? 2 : v >= 1.2 ? 1 : 0);
    out.push({
      system: 'liver',
      points: points(bili.value),
      baseline: chronic.liver ? points(min(model.of('bilirubin'))!.value) : 0,
      value: bili,
      why: `bilirubin ${num(bili.value)} mg/dL`,
    });
  }
  const map = min(model.of('map'));
  const cv = pressor === 'strong' ? 3 : pressor === 'weak' ? 2 : map && map.value < 70 ? 1 : 0;
  if (cv) out.push({ system: 'cardiovascular', points: cv, baseline: 0, value: map, why: pressor ? 'vasopressors' : `MAP ${num(map!.value)} mmHg` });
  const gcs = min(model.of('gcs'));
  if (gcs) {
    const points = (v: number) => (v < 6 ? 4 : v < 10 ? 3 : v < 13 ? 2 : v < 15 ? 1 : 0);
    const base = model.baselineOf('gcs')[0];
    out.push({ system: 'central nervous system', points: points(gcs.value), baseline: base ? points(base.value) : 0, value: gcs, why: `GCS ${gcs.value}` });
  }
  const cr = max(model.of('creatinine'));
  if (cr) {
    const points = (v: number) => (v >= 5 ? 4 : v >= 3.5 ? 3 : v >= 2 ? 2 : v >= 1.2 ? 1 : 0);
    const documented = model.baselineOf('creatinine').find((b) => b.kind === 'baseline') ?? model.baselineOf('creatinine')[0];
    const base = documented ? points(documented.value) : chronic.ckd ? points(min(model.of('creatinine'))!.value) : 0;
    out.push({ system: 'renal', points: points(cr.value), baseline: base, value: cr, why: `creatinine ${num(cr.value)} mg/dL` });
  }
  return out;
}

/** Timed values of a list sorted by hours (then list order), built once per list. */
const TIMED = new WeakMap<Measurement[], { m: Measurement; i: number }[]>();

/**
 * The value of `list` nearest in time to `to` (same date, both timed, within 1 h; ties: the first in
 * the list), by binary search over the list's timed values (was a scan per PaO2: quadratic).
 */
export function nearest(list: Measurement[], to: Measurement): Measurement | null {
  if (to.hours === null || !to.time) return null;
  let timed = TIMED.get(list);
  if (!timed) {
    timed = list.map((m, i) => ({ m, i })).filter((x) => x.m.time && x.m.hours !== null);
    timed.sort((a, b) => a.m.hours! - b.m.hours! || a.i - b.i);
    TIMED.set(list, timed);
  }
  const sorted = timed;
  const firstAt = (h: number) => lowerBound(sorted.length, (k) => sorted[k].m.hours! >= h);
  const k = firstAt(to.hours);
  const candidates = [sorted[k], k > 0 ? sorted[firstAt(sorted[k - 1].m.hours!)] : undefined];
  let best: { m: Measurement; i: number } | null = null;
  const gap = (m: Measurement) => Math.abs(m.hours! - to.hours!);
  for (const c of candidates) {
    if (!c || c.m.date !== to.date || gap(c.m) > 1) continue;
    if (!best || gap(c.m) < gap(best.m) || (gap(c.m) === gap(best.m) && c.i < best.i)) best = c;
  }
  return best?.m ?? null;
}

export const sepsis: Rule = {
  id: 'cdi.opportunity.sepsis',
  summary: 'An infection with acute organ dysfunction (Sepsis-3 SOFA ≥ 2, or SIRS under Sepsis-2), and no sepsis documented.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const infection = infectionFacts(chart);
    if (!infection.present) return [];
    const model = modelOf(ctx);
    const pressors = present(chart, 'tx.pressor').filter(
      (m) => !m.uncertain && !/\b(?:not needed|not required|no need|if needed|if MAP|prn)\b/i.test(m.sentence),
    );
    const pressor = pressors.some((m) => /norepinephrine|levophed|vasopressin|phenylephrine|neo-?synephrine|epinephrine|pressors?/i.test(m.text))
      ? 'strong'
      : pressors.length
        ? 'weak'
        : null;
    const ventilated = present(chart, 'tx.niv').length + present(chart, 'tx.intubation').length > 0;
    const chronic = {
      ckd: hasCode(chart, ['N18', 'I12', 'I13']) || present(chart, 'cond.ckd').length > 0 || present(chart, 'cond.esrd').length > 0,
      liver: hasCode(chart, ['K703', 'K74', 'K766', 'K7682']) || present(chart, 'cond.cirrhosis').length > 0,
      // Home oxygen (not a CPAP for sleep apnea) or chronic respiratory failure.
      lung:
        present(chart, 'cond.chronicRespFailure').length > 0 ||
        present(chart, 'tx.homeO2').some((m) => /\b(?:O2|oxygen|\d+(?:\.\d+)?\s?L)\b/i.test(m.text)) ||
        hasCode(chart, ['J961', 'Z9981']),
    };
    const organs = sofa(model, chronic, ventilated, pressor);
    const acute = organs.filter((o) => o.points > o.baseline);
    const delta = acute.reduce((s, o) => s + (o.points - o.baseline), 0);
    const lactate = max(model.of('lactate'));
    const hypotension = min(model.of('map').filter((m) => m.value < 65)) ?? min(model.of('sbp').filter((m) => m.value < 90));
    const shockLike = !!(lactate && lactate.value > 2 && hypotension);
    const criteria: string[] = [];
    const evidence: EvidenceItem[] = [];
    const doc = infection.documented;
    if (doc && 'concept' in doc) evidence.push(mentionEvidence(doc, 'documented infection'));
    else if (doc)
      evidence.push({
        line: doc.line + 1,
        range: { start: { line: doc.line, character: 0 }, end: { line: doc.line, character: 0 } },
        text: doc.code,
        criterion: 'infection coded or annotated',
      });
    else if (infection.antibiotics[0]) evidence.push(mentionEvidence(infection.antibiotics[0], 'infection treated with antibiotics'));
    let definition: 'Sepsis-3' | 'Sepsis-2' | null = null;
    if (delta >= 2 || shockLike) {
      definition = 'Sepsis-3';
      if (delta >= 2)
        criteria.push(
          `infection with an acute SOFA increase of ${delta} points (${acute.map((o) => `${o.system} +${o.points - o.baseline}: ${o.why}`).join(', ')}; Sepsis-3, Singer et al. 2016)`,
        );
      if (shockLike)
        criteria.push(
          `lactate ${num(lactate!.value)} mmol/L > 2 with hypotension (${hypotension!.name === 'map' ? 'MAP' : 'SBP'} ${Math.round(hypotension!.value)} mmHg) (Sepsis-3)`,
        );
      for (const o of acute)
        if (o.value)
          evidence.push(
            measurementEvidence(o.value, `SOFA ${o.system} ${o.points} point${o.points > 1 ? 's' : ''}${o.baseline ? ` (baseline ${o.baseline})` : ''}`),
          );
      if (shockLike) {
        if (!evidence.some((e) => e.range === lactate!.range)) evidence.push(measurementEvidence(lactate!, 'lactate > 2 mmol/L'));
        if (!evidence.some((e) => e.range === hypotension!.range)) evidence.push(measurementEvidence(hypotension!, 'hypotension'));
      }
    } else if (ctx.settings.sepsisCriteria === 'sepsis-2') {
      const sirs = sirsCriteria(model);
      if (sirs.length >= 2) {
        definition = 'Sepsis-2';
        criteria.push(`infection with ${sirs.length} SIRS criteria (${sirs.map((s) => s.why).join(', ')}; Sepsis-2, Levy et al. 2003)`);
        for (const s of sirs) evidence.push(measurementEvidence(s.m, `SIRS: ${s.why}`));
      }
    }
    if (!definition) return [];
    const organism = organismCode(model.prose.map((p) => p.text).join('\n'));
    const severe = acute.length > 0 || shockLike;
    const severeCode = pressor === 'strong' ? 'R65.21' : 'R65.20';
    const candidates = [organism ?? 'A41.9', ...(severe ? [severeCode] : [])];
    const firstDates = evidence.map((e) => (e.date && /^\d{4}/.test(e.date) ? e.date : null));
    const poa = poaFrom(model, firstDates);
    const pdxIsInfection =
      documentedCodes(chart).some(
        (c) =>
          c.source === 'abstract' &&
          matchesAny(
            c.code,
            INFECTION_CODES.map((r) => r.prefix),
          ),
      ) &&
      !!chart.abstract?.lines.find(
        (l) =>
          l.kind.value === 'PDX' &&
          l.code &&
          matchesAny(
            l.code.value,
            INFECTION_CODES.map((r) => r.prefix),
          ),
      );
    const infectionName = infection.name ?? 'the infection';
    const failing = acute.map((o) => o.system);
    const at = evidence.find((e) => e.value)?.range ?? evidence[0].range;
    return [
      finding(ctx, {
        key: 'sepsis',
        range: at,
        headline: `Possible sepsis (${definition}), not documented`,
        criteria,
        evidence,
        candidates,
        impactCodes: candidates,
        // Sepsis and the localized infection both present on admission: sepsis is sequenced first (guideline I.C.1.d.4).
        placement: poa === 'Y' && pdxIsInfection ? 'principal' : 'secondary',
        poa,
        query: {
          topic: `${infectionName} with abnormal vital signs and laboratory values`,
          indicators: [
            ...(doc && 'concept' in doc ? [`${doc.text} documented (line ${doc.line + 1})`] : []),
            ...evidence
              .filter((e) => e.value)
              .map((e) => `${e.text.replace(/\s+/g, ' ')}${e.date && /^\d{4}/.test(e.date) ? ` on ${e.date}` : ''} (line ${e.line})`),
          ],
          treatment: treatmentLines(chart, ['tx.antibiotic', 'tx.fluidBolus', 'tx.pressor']),
          options: [
            `sepsis due to ${infectionName}`,
            severe ? `severe sepsis with ${failing.length ? failing.join(', ') + ' dysfunction' : 'organ dysfunction'} due to ${infectionName}` : '',
            pressor === 'strong' ? 'septic shock' : '',
            `${infectionName} without sepsis (localized infection)`,
          ],
        },
        extra: { definition, sofa: organs.length ? Object.fromEntries(sofaSummary(sofa(model, chronic, ventilated, pressor))) : {} },
      }),
    ];
  },
};

function sofaSummary(organs: Organ[]): [string, { points: number; baseline: number }][] {
  return organs.map((o) => [o.system, { points: o.points, baseline: o.baseline }]);
}

function sirsCriteria(model: ChartMeasurements): { why: string; m: Measurement }[] {
  const out: { why: string; m: Measurement }[] = [];
  const t = model.of('temp').find((m) => m.value > 38 || m.value < 36);
  if (t) out.push({ why: `temperature ${Math.round(t.value * 10) / 10} °C`, m: t });
  const hr = model.of('hr').find((m) => m.value > 90);
  if (hr) out.push({ why: `heart rate ${hr.value}`, m: hr });
  const rr = model.of('rr').find((m) => m.value > 20) ?? model.of('paco2').find((m) => m.value < 32 && !m.context.venous);
  if (rr) out.push({ why: rr.name === 'rr' ? `respiratory rate ${rr.value}` : `PaCO2 ${rr.value}`, m: rr });
  const wbc = model.of('wbc').find((m) => m.value > 12 || m.value < 4) ?? model.of('bands').find((m) => m.value > 10);
  if (wbc) out.push({ why: wbc.name === 'wbc' ? `WBC ${wbc.value} K/µL` : `bands ${wbc.value}%`, m: wbc });
  return out;
}

function organismCode(text: string): string | null {
  for (const row of SEPSIS_ORGANISMS_TABLE) if (row.re.test(text)) return row.code.replace(/^(\w{3})(\w+)$/, '$1.$2');
  return null;
}
