// cdi.opportunity.hf-specificity — heart failure documented without its type or acuity (I50.9, or
// I50.20/I50.30/I50.40 without acuity) while the record reports what a provider needs to specify
// it: an ejection fraction (type), an elevated BNP / NT-proBNP and IV diuretics (acuity).
// ICD-10-CM tabular I50 (type and acuity axes) and AHA Coding Clinic guidance on heart failure:
// HFrEF / reduced EF → systolic, HFpEF / preserved EF → diastolic (Coding Clinic 1Q 2016 p.10),
// "decompensated" or "exacerbation" → acute (Coding Clinic 1Q 2017 p.40 on "acute on chronic").
// Type from the EF: ≤ 40 % reduced, ≥ 50 % preserved (ACC/AHA/HFSA 2022 guideline, table 3).
// Elevated: BNP > 100 pg/mL, NT-proBNP > 300 pg/mL (the rule-out cut-offs for acute heart failure,
// ESC 2021 heart failure guideline, section 4.1). Without a type, two of the three indicators are
// required (one alone is a screening value, not a picture); without only the acuity, one of BNP/IV
// diuretics; without only the type, the EF.
import type { Rule } from '../rule';
import { present, type Mention } from '../../cdi/concepts';
import { finding, indicatorOf, measurementEvidence, mentionEvidence, mentionIndicator, modelOf, poaFrom, queryIsAbout, type EvidenceItem } from './common';
import { documentedCodes, treatmentLines } from './clinical';
import { HF_CODES } from './data';
import { dottedCm } from '../../base/codes';

const TYPE_WORDS =
  /\b(?:systolic|diastolic|combined|HFrEF|HFpEF|HFmrEF|HFimpEF|HFrecEF|reduced (?:ejection fraction|EF)|preserved (?:ejection fraction|EF)|mid-?range|right[- ](?:sided|heart)|biventricular|high[- ]output|left ventricular)\b/i;
const ACUITY_WORDS = /\b(?:acute|chronic|decompensated|exacerbation|acutely|compensated)\b/i;
const QUERY_TERMS = /\b(?:heart failure|HFrEF|HFpEF|CHF|systolic|diastolic)\b/i;

function hfCode(code: string) {
  return HF_CODES.filter((h) => code.startsWith(h.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0] ?? null;
}

export const hfSpecificity: Rule = {
  id: 'cdi.opportunity.hf-specificity',
  summary: 'Heart failure documented without type or acuity while EF, BNP or IV diuretics are reported.',
  defaultSeverity: 'info',
  check(ctx) {
    const { chart } = ctx;
    if (chart.queries.some((q) => q.status?.value !== 'withdrawn' && queryIsAbout(q, QUERY_TERMS))) return [];
    // What the provider documented: codes (abstract, provider annotations) and prose.
    const codes = documentedCodes(chart).filter((c) => c.code.startsWith('I50'));
    const mentions = present(chart, 'cond.hf').filter((m) => m.role === 'provider');
    if (!codes.length && !mentions.length) return [];
    const specificCode = codes.find((c) => {
      const h = hfCode(c.code);
      return h && h.type !== 'unspecified' && h.type !== 'left' && h.acuity !== 'unspecified';
    });
    if (specificCode) return [];
    const window = (m: Mention) => m.prose.text.slice(Math.max(0, m.from - 40), Math.min(m.prose.text.length, m.to + 25));
    if (mentions.some((m) => TYPE_WORDS.test(window(m)) && ACUITY_WORDS.test(window(m)) && !/\bcompensated\b/i.test(window(m)))) return [];
    const typed =
      codes.some((c) => {
        const h = hfCode(c.code);
        return h && h.type !== 'unspecified' && h.type !== 'left';
      }) || mentions.some((m) => TYPE_WORDS.test(window(m)));
    const acuityKnown = mentions.some((m) => /\b(?:acute|chronic|decompensated|exacerbation)\b/i.test(window(m)));
    const model = modelOf(ctx);
    const ef = model.of('ef')[0] ?? model.all.find((m) => m.name === 'ef' && (m.kind === 'prior' || m.kind === 'baseline')) ?? null;
    const bnp = model.of('bnp').find((b) => b.value > 100) ?? model.of('ntprobnp').find((b) => b.value > 300) ?? null;
    const iv = present(chart, 'tx.ivDiuretic').find((m) => !m.uncertain) ?? null;
    const needType = !typed;
    const needAcuity = !acuityKnown;
    const indicators = [ef, bnp, iv].filter(Boolean).length;
    const fires = needType && needAcuity ? indicators >= 2 : needAcuity ? !!(bnp || iv) : needType ? !!ef : false;
    if (!fires) return [];
    const efValue = ef ? (ef.context.upper !== undefined ? (ef.value + ef.context.upper) / 2 : ef.value) : null;
    const types: ('2' | '3' | '4')[] = typed
      ? [
          codes.map((c) => hfCode(c.code)).find((h) => h && h.type !== 'unspecified')?.type === 'diastolic'
            ? '3'
            : codes.some((c) => hfCode(c.code)?.type === 'combined')
              ? '4'
              : '2',
        ]
      : efValue === null
        ? ['2', '3']
        : efValue <= 40
          ? ['2']
          : efValue >= 50
            ? ['3']
            : ['2', '3'];
    const chronicHistory = /\b(?:history of|known|chronic|home (?:furosemide|lasix|torsemide|bumetanide)|on (?:furosemide|lasix|torsemide))\b/i.test(
      model.prose.map((p) => p.text).join(' '),
    );
    const acuity = bnp || iv ? (chronicHistory ? ['3', '1'] : ['1', '3']) : ['2'];
    const candidates = types.flatMap((t) => acuity.map((a) => `I50.${t}${a}`));
    const unspecified = codes.map((c) => c.code).filter((c) => hfCode(c) && !specificCode);
    const at = codes.find((c) => c.source === 'annotation') ?? codes[0];
    const anchor = at
      ? (chart.annotations.find((a) => a.range.start.line === at.line && a.codes.some((c) => c.code === at.code))?.codes.find((c) => c.code === at.code)
          ?.range ?? chart.abstract?.lines.find((l) => l.range.start.line === at.line)?.code?.range)
      : mentions[0].range;
    const evidence: EvidenceItem[] = [];
    const criteria: string[] = [];
    const documentedAs = at ? dottedCm(at.code) : `"${mentions[0].text}"`;
    criteria.push(
      `heart failure documented as ${documentedAs}${needType && needAcuity ? ' without type or acuity' : needType ? ' without type' : ' without acuity'}`,
    );
    if (ef) {
      criteria.push(`ejection fraction ${ef.context.upper !== undefined ? `${ef.value}–${ef.context.upper}` : ef.value}% reported (type)`);
      evidence.push(measurementEvidence(ef, 'ejection fraction reported'));
    }
    if (bnp) {
      criteria.push(`${bnp.name === 'bnp' ? 'BNP' : 'NT-proBNP'} ${bnp.value} pg/mL elevated (acuity)`);
      evidence.push(measurementEvidence(bnp, `${bnp.name === 'bnp' ? 'BNP > 100' : 'NT-proBNP > 300'} pg/mL`));
    }
    if (iv) {
      criteria.push(`IV diuretics: ${iv.text} (acuity)`);
      evidence.push(mentionEvidence(iv, 'IV diuretics'));
    }
    const typeName = (t: string) => (t === '2' ? 'systolic (HFrEF)' : t === '3' ? 'diastolic (HFpEF)' : 'combined systolic and diastolic');
    const options = [
      ...types.flatMap((t) =>
        bnp || iv ? [`acute on chronic ${typeName(t)} heart failure`, `acute ${typeName(t)} heart failure`] : [`chronic ${typeName(t)} heart failure`],
      ),
      ...(bnp || iv ? [`chronic ${typeName(types[0])} heart failure`] : []),
      ...(types.length === 1 && !typed ? [`${types[0] === '2' ? 'diastolic (HFpEF)' : 'systolic (HFrEF)'} heart failure`] : []),
      'heart failure with mildly reduced ejection fraction (HFmrEF)',
    ];
    return [
      finding(ctx, {
        key: 'hf-specificity',
        range: anchor ?? mentions[0].range,
        headline: `Heart failure ${needType && needAcuity ? 'type and acuity' : needType ? 'type' : 'acuity'} not documented`,
        criteria: [...criteria.slice(0, 1), `${criteria.slice(1).join(', ')} (ICD-10-CM I50; Coding Clinic)`],
        evidence,
        candidates,
        impactCodes: candidates.slice(0, 1),
        replaceCodes: unspecified,
        poa: poaFrom(model, [bnp?.date, iv?.date]),
        query: {
          topic: 'heart failure',
          indicators: [...(ef ? [indicatorOf(ef)] : []), ...(bnp ? [indicatorOf(bnp)] : []), ...(iv ? [mentionIndicator(iv)] : [])],
          treatment: treatmentLines(chart, ['tx.ivDiuretic', 'tx.fluidRestriction'], 3),
          options,
          question:
            'Based on your clinical judgment, can the type and acuity of the heart failure be further specified? Please document your response in the medical record.',
        },
      }),
    ];
  },
};
