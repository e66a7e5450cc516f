// icd.use-additional: a "use additional code" instruction whose target is documented in the note
// (a dx annotation of a code it names) but not reported. One note = one instruction, satisfied by
// any code it names; "if applicable" / "if known" notes never fire on their own.
import type { Rule, RuleFinding } from './rule';
import { cmDetails, codeAnnotations, display, instructions, matchesPattern, reportedDx } from './facts';
import { REQUIRED_ADDITIONAL } from './data/requiredAdditional';

export const useAdditional: Rule = {
  id: 'icd.use-additional',
  summary: 'A use-additional-code instruction whose documented target is not reported.',
  defaultSeverity: 'hint',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const reported = new Set(dx.map((r) => r.code));
    const documented = codeAnnotations(ctx.chart).filter(({ ann, ref }) => ref.key === 'dx' && ann.status !== 'ruled-out' && ann.status !== 'history');
    const out: RuleFinding[] = [];
    for (const r of dx) {
      const d = cmDetails(ctx, r.code);
      for (const ins of instructions(d, 'useAdditionalCode')) {
        const text = ins.items.map((n) => n.text).join(' ');
        if (/if applicable|if known/i.test(text) || !ins.patterns.length) continue;
        if ([...reported].some((c) => ins.patterns.some((p) => matchesPattern(c, p)))) continue;
        const doc = documented.find(({ ref }) => ins.patterns.some((p) => matchesPattern(ref.code, p)));
        if (!doc) {
          // Missing altogether: a target the guidelines require (the CKD stage, the heart failure type) is neither reported nor documented.
          const required = REQUIRED_ADDITIONAL.find((q) => ins.patterns.some((p) => p.from.startsWith(q.prefix)));
          const anyOfFamily = (c: string) => !!required && c.startsWith(required.prefix);
          if (!required || [...reported].some(anyOfFamily) || documented.some(({ ref }) => anyOfFamily(ref.code))) continue;
          const targets = [...new Set(ins.patterns.map((p) => p.text))].join(', ');
          out.push({
            range: r.line.code!.range,
            severity: 'warning',
            message: `Add the ${required.what} (${targets}) or query the provider: ${display(r.code)} says "use additional ${text}" (${ins.head.from}), and no ${required.prefix} code is reported or documented (${required.source}).`,
          });
          continue;
        }
        out.push({
          range: r.line.code!.range,
          message: `Use additional code: ${display(r.code)} says "use additional ${text}" (${ins.head.from}); ${display(doc.ref.code)} is documented on line ${doc.ann.range.start.line + 1} but not reported.`,
          data: { fix: 'add-to-abstract', code: doc.ref.code, display: display(doc.ref.code), kind: 'SDX', poa: doc.ann.poa?.value ?? null, date: null },
        });
      }
    }
    return out;
  },
};
