// doc.integral-symptom: a sign or symptom reported as a secondary diagnosis while it is routinely
// part of a reported definitive diagnosis (guideline I.B.5). The pairs come only from the reviewed
// table data/integralSymptoms.ts, each row with its source; pairs not in it are never guessed.
// A symptom as principal diagnosis is seq.symptom-pdx's finding; a pair an Excludes1 note forbids
// is icd.excludes1's (the table leaves those out).
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, matchesPattern, notePatterns, notesOf, reportedDx } from './facts';
import { INTEGRAL_SYMPTOMS } from './data/integralSymptoms';

export const integralSymptom: Rule = {
  id: 'doc.integral-symptom',
  summary: 'A sign or symptom reported as a secondary diagnosis while integral to a reported definitive diagnosis.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    for (const r of dx) {
      if (r.kind !== 'SDX' || !r.code.startsWith('R')) continue;
      const row = INTEGRAL_SYMPTOMS.find((s) => r.code.startsWith(s.symptom));
      if (!row) continue;
      const definitive = dx.find((o) => o !== r && row.definitive.some((p) => o.code.startsWith(p)));
      if (!definitive) continue;
      // An Excludes1 note of the symptom that names the diagnosis makes it icd.excludes1's finding (one problem, one finding).
      const excluded = notesOf(cmDetails(ctx, r.code), 'excludes1').some((n) => notePatterns(n.text).some((p) => matchesPattern(definitive.code, p)));
      if (excluded) continue;
      out.push({
        range: r.line.code!.range,
        message: `${display(r.code)} is a sign or symptom routinely part of ${display(definitive.code)}, which is reported: do not code it in addition (guideline I.B.5: ${row.source.replace(/^[^;]*;\s*/, '')}).`,
        data: { fix: 'delete-line', title: `Remove ${display(r.code)} (integral to ${display(definitive.code)})` },
      });
    }
    return out;
  },
};
