// doc.no-evidence / doc.ruled-out / doc.non-provider / doc.not-in-abstract: does the note
// support each reported code, and does the abstract carry each documented one?
// Evidence is a `dx`/`pcs`/`hcpcs`/`cpt` annotation of the code; `ind=` marks a clinical
// indicator, which supports a diagnosis but does not document it.
import type { Annotation, ChartDocument } from '../chart/model';
import type { Rule, RuleFinding } from './rule';
import { codeAnnotations, display, reportedLines } from './facts';
import { NEEDS_PROVIDER_CONDITION, NON_PROVIDER_ALLOWED } from './data/nonProviderAllowed';
import { integralTo } from './data/integralSymptoms';

/** Authors whose documentation is provider documentation (spec: Sections). */
const PROVIDERS = new Set(['MD', 'DO', 'NP', 'PA']);

/** The author of the section an annotation sits in (inherited from enclosing sections), or null for provider text. */
export function authorOf(chart: ChartDocument, ann: Annotation): string | null {
  const line = ann.range.start.line;
  let best: { level: number; author: string } | null = null;
  for (const s of chart.sections) {
    if (!s.author || s.range.start.line > line || s.range.end.line < line) continue;
    if (!best || s.level > best.level) best = { level: s.level, author: s.author.value };
  }
  return best && !PROVIDERS.has(best.author.toUpperCase()) ? best.author : null;
}

/** True when a provider's annotation documents a code of `prefix` (any stage or depth). */
function providerDocuments(chart: ChartDocument, prefix: string): boolean {
  return codeAnnotations(chart).some(({ ann, ref }) => ref.code.startsWith(prefix) && ann.status !== 'ruled-out' && !authorOf(chart, ann));
}

/** Annotations documenting each code (normalised), in document order. */
export function evidenceByCode(chart: ChartDocument): Map<string, Annotation[]> {
  const map = new Map<string, Annotation[]>();
  for (const { ann, ref } of codeAnnotations(chart)) {
    const list = map.get(ref.code) ?? [];
    if (!list.includes(ann)) list.push(ann);
    map.set(ref.code, list);
  }
  return map;
}

export const docRules: Rule = {
  id: 'doc.*',
  summary: 'Documentation support for the reported codes.',
  defaultSeverity: 'warning',
  ids: [
    { id: 'doc.no-evidence', defaultSeverity: 'warning', summary: 'A code in the abstract with no annotation of it in the note.' },
    { id: 'doc.ruled-out', defaultSeverity: 'error', summary: 'A reported code whose only evidence is ruled out.' },
    { id: 'doc.non-provider', defaultSeverity: 'warning', summary: 'A diagnosis supported only by non-provider documentation where a provider is required.' },
    { id: 'doc.not-in-abstract', defaultSeverity: 'info', summary: 'An annotated code the abstract does not carry (a possibly missed code).' },
  ],
  check({ chart }) {
    const abs = chart.abstract;
    if (!abs) return [];
    const out: RuleFinding[] = [];
    const evidence = evidenceByCode(chart);
    const reported = reportedLines(chart);
    for (const r of reported) {
      if (r.kind === 'ADX') continue; // the admitting diagnosis is the reason for admission, not a documented condition
      const shown = r.kind === 'PROC' ? r.code : display(r.code);
      const anns = evidence.get(r.code) ?? [];
      if (!anns.length) {
        out.push({
          rule: 'doc.no-evidence',
          range: r.line.code!.range,
          message: `${shown} is reported but no annotation in the note documents it: annotate the supporting text with \`${r.kind === 'PROC' ? 'pcs' : 'dx'}=${shown}\`, or remove the code.`,
        });
        continue;
      }
      const live = anns.filter((a) => a.status !== 'ruled-out');
      if (!live.length) {
        out.push({
          rule: 'doc.ruled-out',
          range: r.line.code!.range,
          message: `${shown} is reported but its only documentation is ruled out (line ${anns[0].range.start.line + 1}): a ruled-out condition is not coded.`,
        });
        continue;
      }
      if (r.kind !== 'PROC' && live.every((a) => authorOf(chart, a))) {
        const allowed = NON_PROVIDER_ALLOWED.find((x) => r.code.startsWith(x.prefix));
        const condition = NEEDS_PROVIDER_CONDITION.find((x) => r.code.startsWith(x.prefix));
        if (allowed && condition && !providerDocuments(chart, condition.prefix)) {
          const who = authorOf(chart, live[0]);
          out.push({
            rule: 'doc.non-provider',
            range: r.line.code!.range,
            message: `Query the provider: ${shown} (${condition.what}) is documented only in ${who} documentation (line ${live[0].range.start.line + 1}); ${who} may document the stage or depth, but the ${condition.what} itself needs the provider's documentation (${condition.source}).`,
          });
        } else if (!allowed) {
          const who = authorOf(chart, live[0]);
          out.push({
            rule: 'doc.non-provider',
            range: r.line.code!.range,
            message: `${shown} is documented only in ${who} documentation (line ${live[0].range.start.line + 1}); guideline I.B.14 lets non-provider documentation support only BMI, ulcer depth and stage, coma and NIH stroke scales, SDOH, blood alcohol level and underimmunization: the diagnosis needs the provider's documentation (query the provider).`,
          });
        }
      }
    }
    const inAbstract = new Set(reported.map((r) => r.code));
    const reportedDiagnoses = reported.filter((r) => r.kind === 'PDX' || r.kind === 'SDX').map((r) => r.code);
    const seen = new Set<string>();
    const inpatient = chart.header?.type !== 'outpatient';
    for (const { ann, ref } of codeAnnotations(chart)) {
      if (inAbstract.has(ref.code) || seen.has(ref.code) || !ref.code) continue;
      if (ref.key !== 'dx' && ref.key !== 'pcs') continue;
      if (ann.status === 'ruled-out' || ann.status === 'history') continue;
      if (ann.status === 'uncertain' && !inpatient) continue; // Section IV.H: outpatients code what is certain
      if (authorOf(chart, ann) && !NON_PROVIDER_ALLOWED.some((x) => ref.code.startsWith(x.prefix))) continue;
      if (authorOf(chart, ann) && NEEDS_PROVIDER_CONDITION.some((x) => ref.code.startsWith(x.prefix) && !providerDocuments(chart, x.prefix))) continue; // the condition needs the provider first
      if (ref.key === 'dx' && integralTo(ref.code, reportedDiagnoses)) continue; // I.B.5: a symptom integral to a reported diagnosis is not coded
      seen.add(ref.code);
      const shown = ref.key === 'pcs' ? ref.code : display(ref.code);
      const why = ann.status === 'uncertain' ? ' (documented as uncertain; inpatient guideline II.H codes it as if established)' : '';
      out.push({
        rule: 'doc.not-in-abstract',
        range: ref.range,
        message: `${shown} is documented here${why} but not reported in the abstract: a possibly missed code.`,
        data: {
          fix: 'add-to-abstract',
          code: ref.code,
          display: shown,
          kind: ref.key === 'pcs' ? 'PROC' : 'SDX',
          poa: ann.poa?.value ?? null,
          date: ann.date?.value ?? null,
        },
      });
    }
    return out;
  },
};
