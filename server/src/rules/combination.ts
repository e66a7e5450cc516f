// seq.combination: separate codes where a combination code is required (hypertension with heart
// disease and/or CKD, diabetes "without complications" next to a complication …). The pairs are
// in data/combinations.ts with their citations; a combination is only proposed when the tables
// say it is a billable code on the chart's date. The finding sits on the later line of the group.
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, reportedDx } from './facts';
import { COMBINATIONS } from './data/combinations';

export const combination: Rule = {
  id: 'seq.combination',
  summary: 'Separate codes where a combination code is required.',
  defaultSeverity: 'warning',
  check(ctx) {
    const dx = reportedDx(ctx.chart);
    const out: RuleFinding[] = [];
    const done = new Set<string>();
    for (const r of dx) {
      if (done.has(r.code)) continue;
      for (const c of COMBINATIONS) {
        if (r.code !== c.replace) continue;
        const partners = c.partners.map((g) => dx.find((o) => o !== r && g.some((p) => o.code.startsWith(p))));
        if (partners.some((p) => !p)) continue;
        const target = c.combination ? cmDetails(ctx, c.combination) : null;
        if (c.combination && !target?.billable) continue;
        const group = [r, ...(partners as typeof dx)];
        const later = group.reduce((a, b) => (b.index > a.index ? b : a));
        const partnerText = group.slice(1).map((p) => display(p.code)).join(' and ');
        done.add(r.code);
        out.push({
          range: later.line.code!.range,
          message: c.combination
            ? `Combination code: ${display(r.code)} with ${partnerText} is coded ${target!.display} "${target!.title}" — replace ${display(r.code)} (${c.source}).`
            : `${display(r.code)} "without complications" cannot be reported with ${partnerText}: remove ${display(r.code)} (${c.source}).`,
          data: { fix: 'combination', line: r.line.range.start.line, range: r.line.code!.range, from: r.code, to: target?.display ?? null },
        });
        break;
      }
    }
    return out;
  },
};
