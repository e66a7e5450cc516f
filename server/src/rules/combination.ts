// seq.combination: separate codes where a combination code is required (hypertension with heart
// disease and/or CKD, diabetes "without complications" next to a complication …). The pairs are
// in data/combinations.ts with their citations; a combination is only proposed when the tables
// say it is a billable code on the chart's date. The finding sits on the later line of the group.
import type { Rule, RuleFinding } from './rule';
import type { RuleContext } from './rule';
import type { CodePattern } from './facts';
import { cmDetails, display, instructions, matchesPattern, reportedDx } from './facts';
import { COMBINATIONS } from './data/combinations';

/** Diabetes "without complications" (E08.9, E09.9, E10.9, E11.9, E13.9): the category's complication codes are derived from the tabular. */
const DIABETES_WITHOUT = /^E(08|09|10|11|13)9$/;

/** How narrow a note's pattern is (a longer shared prefix is narrower: L97.4- beats L97.1-L97.9). */
function narrowness(p: CodePattern): number {
  if (p.family || p.from === p.to) return p.from.length;
  let n = 0;
  while (n < p.from.length && p.from[n] === p.to[n]) n++;
  return n;
}

/**
 * The "with" combination code of a diabetes category for a reported complication (guideline
 * I.A.15), derived from the tabular of the chart's release: the complication's own "code first"
 * note naming a code of the category (K31.84 gastroparesis → E11.43), or the category code whose
 * "use additional code" note names the complication most narrowly (L97.4- → E11.621).
 */
function diabetesCombination(ctx: RuleContext, category: string, partner: string): { code: string; source: string } | null {
  // The complication's code-first note may name one code of the category (K31.84: E11.43) or several (L97: E11.621, E11.622).
  const named: { code: string; from: string }[] = [];
  for (const ins of instructions(cmDetails(ctx, partner), 'codeFirst'))
    for (const p of ins.patterns)
      if (p.from.startsWith(category) && p.from.length > 3 && cmDetails(ctx, p.from)?.billable) named.push({ code: p.from, from: ins.head.from });
  if (named.length === 1)
    return {
      code: named[0].code,
      source: `ICD-10-CM Guidelines I.A.15 ("with" presumes the link); tabular ${display(partner)} code-first note (${named[0].from})`,
    };
  let best: { code: string; source: string; score: number } | null = null;
  const queue = [category];
  for (let n = 0; queue.length && n < 300; n++) {
    const c = cmDetails(ctx, queue.shift()!);
    if (!c) continue;
    if (!c.billable) {
      queue.push(...(c.children ?? []));
      continue;
    }
    for (const ins of instructions(c, 'useAdditionalCode')) {
      if (ins.head.from.replace('.', '').length <= 3) continue; // the category's own notes (control, insulin) name no complication
      for (const p of ins.patterns) {
        if (!matchesPattern(partner, p)) continue;
        const score = narrowness(p);
        if (!best || score > best.score)
          best = {
            code: c.code,
            score,
            source: `ICD-10-CM Guidelines I.A.15 ("with" presumes the link); tabular ${c.display} use-additional note (${ins.head.from})`,
          };
      }
    }
  }
  // Several named: the one whose use-additional note names the complication most narrowly.
  if (named.length && (!best || !named.some((n) => n.code === best!.code)))
    return {
      code: named[0].code,
      source: `ICD-10-CM Guidelines I.A.15 ("with" presumes the link); tabular ${display(partner)} code-first note (${named[0].from})`,
    };
  return best;
}

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
        const partnerText = group
          .slice(1)
          .map((p) => display(p.code))
          .join(' and ');
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
      if (done.has(r.code) || !DIABETES_WITHOUT.test(r.code)) continue;
      // Diabetes without complications next to a complication the tabular links to the category.
      for (const o of dx) {
        if (o === r || o.code.startsWith(r.code.slice(0, 3))) continue;
        const derived = diabetesCombination(ctx, r.code.slice(0, 3), o.code);
        if (!derived || dx.some((x) => x.code === derived.code)) continue;
        const target = cmDetails(ctx, derived.code)!;
        const later = o.index > r.index ? o : r;
        done.add(r.code);
        out.push({
          range: later.line.code!.range,
          message: `Combination code: ${display(r.code)} with ${display(o.code)} is coded ${target.display} "${target.title}" — replace ${display(r.code)} (${derived.source}).`,
          data: { fix: 'combination', line: r.line.range.start.line, range: r.line.code!.range, from: r.code, to: target.display },
        });
        break;
      }
    }
    return out;
  },
};
