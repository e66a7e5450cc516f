// cdi.opportunity.pressure-injury — a pressure injury with a stage described by nursing or wound
// care, and no provider documentation of the pressure ulcer. ICD-10-CM Official Guidelines I.B.14:
// the depth or stage of a pressure ulcer may be taken from other clinicians' documentation, but
// the diagnosis itself must be documented by the provider. Codes: ICD-10-CM L89 by site, side and
// stage (I.C.12.a: unstageable → 0, deep tissue damage → 6 (FY2020+), unspecified stage → 9).
import type { Rule } from '../rule';
import { mentions, type Mention } from '../../cdi/concepts';
import { documentationStatus, finding, mentionEvidence, mentionIndicator, modelOf, type ConditionSpec, type EvidenceItem } from './common';
import { cmDetails } from '../facts';
import { PRESSURE_SITES_TABLE, PRESSURE_STAGE_CHAR } from './data';
import type { Poa } from '../../grouper/group';
import { addDays } from '../../cdi/prose';

const SPEC: ConditionSpec = {
  key: 'pressure-injury',
  concept: 'cond.pressure',
  queryTerms: /\b(?:pressure (?:ulcers?|injur\w*|sores?)|decubitus|bed ?sores?)\b/i,
};

const STAGE =
  /\b(?:stage\s*(1|2|3|4|I{1,3}|IV|one|two|three|four)\b|(unstageable|un-stageable)|(deep tissue (?:pressure )?injury|DTPI|DTI|deep tissue damage))/i;
const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', one: '1', two: '2', three: '3', four: '4' };

interface Injury {
  mention: Mention;
  stage: string; // key of PRESSURE_STAGE_CHAR
  site: string;
  code: string;
  poa: Poa;
}

export const pressureInjury: Rule = {
  id: 'cdi.opportunity.pressure-injury',
  summary: 'A staged pressure injury described by nursing or wound care, and no provider documentation of it.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    const status = documentationStatus(chart, SPEC);
    if (status.documented || status.ruledOut || status.query) return [];
    const model = modelOf(ctx);
    const injuries: Injury[] = [];
    const skinIntactOnAdmission = model.prose.some((p) =>
      /\bskin (?:was )?intact on admission\b|\bno (?:pressure injur\w*|wounds?|skin breakdown) on admission\b/i.test(p.text),
    );
    for (const m of mentions(chart, 'cond.pressure')) {
      if (m.role === 'provider' || m.negated || m.uncertain) continue;
      if (/\b(?:healed|resolved|risk|prevention|at risk|history of)\b/i.test(m.before)) continue;
      // The stage in the same sentence (before or after the term), and the site.
      const stage = STAGE.exec(m.sentence);
      if (!stage) continue;
      const key = stage[1] ? (ROMAN[stage[1].toLowerCase()] ?? stage[1]) : stage[2] ? 'unstageable' : 'dti';
      const head = m.sentence;
      const siteRow = PRESSURE_SITES_TABLE.map((r) => ({ r, i: head.search(r.re) }))
        .filter((x) => x.i >= 0)
        .sort((a, b) => a.i - b.i)[0]?.r;
      // The side written nearest before the site ("L hip", "right heel"), else anywhere in the sentence.
      const siteAt = siteRow ? head.search(siteRow.re) : head.length;
      const sideOf = (t: string) => {
        const sides = [...t.matchAll(/\b(right|rt|left|lt)\b|(?<![A-Za-z])([RL])(?![A-Za-z])/gi)].filter((m) => m[1] || m[2] === 'R' || m[2] === 'L');
        const last = sides[sides.length - 1];
        return last ? (/^r/i.test(last[0]) ? 'right' : 'left') : null;
      };
      const side: 'right' | 'left' | 'unspecified' = sideOf(head.slice(0, siteAt + 20)) ?? sideOf(head) ?? 'unspecified';
      const stem = siteRow ? siteRow[side] : 'L899';
      const siteName = siteRow ? (siteRow.re.exec(head)?.[0] ?? 'site') : 'unspecified site';
      let code = `${stem}${stem.length === 5 ? '' : ''}${PRESSURE_STAGE_CHAR[key]}`;
      if (stem === 'L899') code = `L89.9${PRESSURE_STAGE_CHAR[key]}`.replace('.', '');
      if (ctx.tables && ctx.release?.release && !cmDetails(ctx, code) && siteRow) code = `${siteRow.unspecified}${PRESSURE_STAGE_CHAR[key]}`;
      const text = `${m.sentence} ${m.prose.context?.title ?? ''}`;
      const poa: Poa =
        /\b(?:present on admission|POA|on admission|per (?:the )?(?:NH|nursing home|SNF|facility|transfer)|prior to admission|on arrival)\b/i.test(text)
          ? 'Y'
          : /\b(?:developed|new(?:ly)?|hospital[- ]acquired|acquired|not present on admission)\b/i.test(text) ||
              (skinIntactOnAdmission && m.date && model.stay.admitted && m.date > model.stay.admitted)
            ? 'N'
            : m.date && model.stay.admitted && m.date > addDays(model.stay.admitted, 1)
              ? 'N'
              : 'Y';
      if (!injuries.some((x) => x.code === code))
        injuries.push({ mention: m, stage: key, site: `${side === 'unspecified' ? '' : side + ' '}${siteName.toLowerCase()}`, code, poa });
    }
    if (!injuries.length) return [];
    const codes = injuries.map((i) => i.code.replace(/^(\w{3})(\w+)$/, '$1.$2'));
    const stageText = (s: string) => (s === 'unstageable' ? 'unstageable' : s === 'dti' ? 'deep tissue injury' : `stage ${s}`);
    const evidence: EvidenceItem[] = injuries.map((i) =>
      mentionEvidence(i.mention, `${stageText(i.stage)} pressure injury of the ${i.site} described by ${i.mention.author ?? i.mention.role}`),
    );
    const worst = injuries.find((i) => i.poa === 'Y') ?? injuries[0];
    return [
      finding(ctx, {
        key: 'pressure-injury',
        range: injuries[0].mention.range,
        headline: `Pressure injur${injuries.length > 1 ? 'ies' : 'y'} staged by ${injuries[0].mention.author ?? injuries[0].mention.role} without provider documentation`,
        criteria: [
          `${injuries.map((i) => `${stageText(i.stage)}, ${i.site} (POA ${i.poa})`).join('; ')} (guideline I.B.14: the stage may come from nursing or wound care, the diagnosis from the provider)`,
        ],
        evidence,
        candidates: codes,
        impactCodes: codes,
        poa: worst.poa,
        query: {
          topic: 'skin integrity',
          indicators: injuries.map((i) => mentionIndicator(i.mention)),
          treatment: [],
          options: [
            ...injuries.map((i) => `pressure ulcer of the ${i.site}, ${stageText(i.stage)} as assessed by wound care or nursing`),
            'non-pressure chronic ulcer (please specify)',
            'moisture-associated skin damage',
          ],
        },
      }),
    ];
  },
};
