// icd.manifestation-pdx: a manifestation code ("in diseases classified elsewhere", italic in the
// tabular, MCE manifestation flag) as principal diagnosis (guideline I.A.13). The MCE's own
// "Manifestation code as principal diagnosis" edit is the same fact: mce.ts leaves it to this
// rule, so there is one finding.
import type { Rule } from './rule';
import { cmDetails, display, isManifestation, reportedDx } from './facts';

export const manifestationPdx: Rule = {
  id: 'icd.manifestation-pdx',
  summary: 'A manifestation code as principal diagnosis.',
  defaultSeverity: 'error',
  check(ctx) {
    const pdx = reportedDx(ctx.chart).find((r) => r.kind === 'PDX');
    if (!pdx) return [];
    const d = cmDetails(ctx, pdx.code);
    if (!isManifestation(d, ctx.release?.date ?? '')) return [];
    return [
      {
        range: pdx.line.code!.range,
        message: `${display(pdx.code)} "${d!.title}" is a manifestation code and cannot be the principal diagnosis (guideline I.A.13; MCE "Manifestation code as principal diagnosis"): sequence the underlying condition first.`,
      },
    ];
  },
};
