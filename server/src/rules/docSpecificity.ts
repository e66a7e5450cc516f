// doc.specificity: an unspecified code where the annotated text names something more specific
// (I50.9 on "acute on chronic diastolic heart failure"). Suggests the codes of the same category
// whose title words all appear in the documentation — never changes anything by itself.
import type { Rule, RuleFinding } from './rule';
import type { CodeDetails } from '../tables/types';
import { cmDetails, display, reportedDx } from './facts';
import { evidenceByCode } from './doc';

const STOP = new Set(['of', 'the', 'and', 'or', 'with', 'without', 'in', 'on', 'to', 'a', 'an', 'due', 'not', 'elsewhere', 'classified', 'other', 'type', 'by', 'for', 'as']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ') // "(congestive)" is a nonessential modifier
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

export const docSpecificity: Rule = {
  id: 'doc.specificity',
  summary: 'An unspecified code where the documentation names something more specific.',
  defaultSeverity: 'hint',
  check(ctx) {
    const out: RuleFinding[] = [];
    const evidence = evidenceByCode(ctx.chart);
    for (const r of reportedDx(ctx.chart)) {
      const d = cmDetails(ctx, r.code);
      if (!d?.title || !/\bunspecified\b/i.test(d.title)) continue;
      const text = (evidence.get(r.code) ?? []).map((a) => a.span.value).join(' ');
      if (!text) continue;
      const have = new Set(words(text));
      const own = words(d.title).filter((w) => w !== 'unspecified');
      const better: CodeDetails[] = [];
      const queue = [r.code.slice(0, 3)];
      for (let n = 0; queue.length && n < 200; n++) {
        const c = cmDetails(ctx, queue.shift()!);
        if (!c) continue;
        if (!c.billable) queue.push(...(c.children ?? []));
        else if (c.code !== r.code && c.title && !/\bunspecified\b|^other\b/i.test(c.title)) {
          // More specific: every word of the unspecified title and at least one more, all documented.
          const need = words(c.title);
          if (need.length > own.length && need.every((w) => have.has(w)) && own.every((w) => need.includes(w))) better.push(c);
        }
      }
      if (!better.length) continue;
      // The most specific suggestions: the titles with the most matched words.
      const max = Math.max(...better.map((b) => words(b.title!).length));
      const best = better.filter((b) => words(b.title!).length === max).slice(0, 4);
      out.push({ range: r.line.code!.range, message: `${display(r.code)} "${d.title}" is unspecified, but the documentation ("${text.slice(0, 80)}") names more: consider ${best.map((b) => `${b.display} "${b.title}"`).join(', ')}.`, data: { fix: 'replace-code', candidates: best.map((b) => ({ code: b.code, display: b.display, title: b.title })) } });
    }
    return out;
  },
};
