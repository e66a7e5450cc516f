// seq.sepsis: severe sepsis / septic shock (R65.2-) is never the principal diagnosis, and the
// underlying systemic infection must be coded first (guideline I.C.1.d.1.a, I.C.1.d.4; the R65.2
// "code first underlying infection" note). This rule owns R65.2-: icd.code-first skips it.
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, instructions, matchesPattern, reportedDx } from './facts';
import { SYSTEMIC_INFECTIONS } from './data/systemicInfections';

export const sepsis: Rule = {
  id: 'seq.sepsis',
  summary: 'Severe sepsis or septic shock without the underlying infection sequenced first.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    for (const r of dx) {
      if (!r.code.startsWith('R652')) continue;
      if (r.kind === 'PDX') {
        out.push({ range: r.line.code!.range, message: `${display(r.code)} (severe sepsis) cannot be the principal diagnosis: sequence the underlying systemic infection (e.g. A41.9) first (guideline I.C.1.d.4).` });
        continue;
      }
      const notePatterns = instructions(cmDetails(ctx, r.code), 'codeFirst').flatMap((i) => i.patterns);
      const isInfection = (c: string) => SYSTEMIC_INFECTIONS.some((s) => c.startsWith(s.prefix)) || notePatterns.some((p) => matchesPattern(c, p));
      const infections = dx.filter((o) => isInfection(o.code));
      if (infections.some((o) => o.index < r.index)) continue;
      out.push({
        range: r.line.code!.range,
        message: infections.length
          ? `${display(r.code)} (severe sepsis) must follow the underlying infection: ${infections.map((o) => display(o.code)).join(', ')} is sequenced after it (guideline I.C.1.d.1.a).`
          : `${display(r.code)} (severe sepsis) is reported without a code for the underlying systemic infection before it (e.g. A41.9); code the infection first (guideline I.C.1.d.1.a).`,
      });
    }
    return out;
  },
};
