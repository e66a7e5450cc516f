// seq.symptom-pdx: a symptom or sign (chapter 18, R00-R99) as principal diagnosis when a related
// definitive diagnosis is reported (guideline Section II.A, I.B.4-5). "Related" comes only from
// the reviewable table data/symptomRelations.ts; pairs not in it are never guessed.
// R65.2- as principal is seq.sepsis's finding (one problem, one finding).
import type { Rule } from './rule';
import { display, reportedDx } from './facts';
import { SYMPTOM_RELATIONS } from './data/symptomRelations';

export const symptomPdx: Rule = {
  id: 'seq.symptom-pdx',
  summary: 'A symptom code as principal diagnosis when a related definitive diagnosis is reported.',
  defaultSeverity: 'warning',
  check({ chart }) {
    const dx = reportedDx(chart);
    const pdx = dx.find((r) => r.kind === 'PDX');
    if (!pdx || !pdx.code.startsWith('R') || pdx.code.startsWith('R652')) return [];
    const row = SYMPTOM_RELATIONS.find((s) => pdx.code.startsWith(s.symptom));
    if (!row) return [];
    const related = dx.filter((o) => o !== pdx && row.related.some((p) => o.code.startsWith(p)));
    if (!related.length) return [];
    return [
      {
        range: pdx.line.code!.range,
        message: `${display(pdx.code)} is a symptom and ${related.map((o) => display(o.code)).join(', ')} (a related definitive diagnosis) is reported: the definitive diagnosis is the principal (guideline II.A; ${row.source}).`,
      },
    ];
  },
};
