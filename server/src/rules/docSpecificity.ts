// doc.specificity: a code less specific than the annotated text — an unspecified code where the
// text names more (I50.9 on "acute on chronic diastolic heart failure"), a code whose sibling
// says all it says and more, all documented (I50.32 chronic on "acute on chronic diastolic"), or
// a phrase the tabular lists as an inclusion term of a code in another category ("toxic metabolic
// encephalopathy" → G92.8, not G93.41). Numerals count: "class 2" is E66.812, not class 1 or 3.
// Suggests the codes that cover the most documented words — never changes anything by itself.
import type { Rule, RuleContext, RuleFinding } from './rule';
import type { CodeDetails } from '../tables/types';
import { cmDetails, display, reportedDx } from './facts';
import { evidenceByCode } from './doc';
import { inclusionTermIndex, significantWords as words } from './data/inclusionTerms';

const UNSPECIFIED = /\bunspecified\b/i;
const VAGUE = /\bunspecified\b|^other\b/i;

interface Suggestion {
  code: CodeDetails;
  /** How many documented words it accounts for. */
  covers: number;
  /** The inclusion term that names it, when found through one. */
  term?: { text: string; from: string };
}

/** Billable codes of the category whose title says everything `own` says and more, every word documented. */
function siblingsSayingMore(ctx: RuleContext, code: string, own: string[], have: Set<string>): Suggestion[] {
  const out: Suggestion[] = [];
  const queue = [code.slice(0, 3)];
  for (let n = 0; queue.length && n < 200; n++) {
    const c = cmDetails(ctx, queue.shift()!);
    if (!c) continue;
    if (!c.billable) queue.push(...(c.children ?? []));
    else if (c.code !== code && c.title && !VAGUE.test(c.title)) {
      const need = words(c.title);
      if (need.length > own.length && need.every((w) => have.has(w)) && own.every((w) => need.includes(w))) out.push({ code: c, covers: need.length });
    }
  }
  return out;
}

/** Billable codes named by an inclusion term every word of which is documented (any category); a term on a header names its billable code whose title the term bears out. */
function namedByInclusionTerms(ctx: RuleContext, code: string, have: Set<string>): Suggestion[] {
  if (!ctx.tables) return [];
  const out: Suggestion[] = [];
  for (const t of inclusionTermIndex(ctx.tables).termsWithin(have)) {
    const node = cmDetails(ctx, t.code);
    if (!node) continue;
    const targets = node.billable
      ? [node]
      : (node.children ?? [])
          .map((c) => cmDetails(ctx, c))
          .filter((c): c is CodeDetails => !!c?.billable && !!c.title && !/\bunspecified\b/i.test(c.title) && words(c.title).every((w) => t.words.includes(w)));
    for (const c of targets) if (c.code !== code) out.push({ code: c, covers: t.words.length, term: { text: t.text, from: t.code } });
  }
  return out;
}

export const docSpecificity: Rule = {
  id: 'doc.specificity',
  summary: 'A code less specific than the documentation (unspecified, a sibling that says more, an inclusion term of another code).',
  defaultSeverity: 'hint',
  check(ctx) {
    const out: RuleFinding[] = [];
    const evidence = evidenceByCode(ctx.chart);
    const reported = reportedDx(ctx.chart);
    const reportedCodes = new Set(reported.map((r) => r.code));
    for (const r of reported) {
      const d = cmDetails(ctx, r.code);
      if (!d?.title) continue;
      const live = (evidence.get(r.code) ?? []).filter((a) => a.status !== 'ruled-out' && a.status !== 'history');
      const text = live.map((a) => a.span.value).join(' ');
      if (!text) continue;
      const have = new Set(words(text));
      const unspecified = UNSPECIFIED.test(d.title);
      const own = words(d.title).filter((w) => w !== 'unspecified');
      const ownCovers = own.filter((w) => have.has(w)).length;
      const found = [...siblingsSayingMore(ctx, r.code, own, have), ...(unspecified ? namedByInclusionTerms(ctx, r.code, have) : [])].filter(
        (s) => s.covers > ownCovers,
      );
      // Nothing to say when none is found, or when one of them is reported already (the coder chose it).
      if (!found.length || found.some((s) => reportedCodes.has(s.code.code))) continue;
      // The most specific suggestions: those that account for the most documented words.
      const max = Math.max(...found.map((s) => s.covers));
      const best: Suggestion[] = [];
      for (const s of found) if (s.covers === max && !best.some((b) => b.code.code === s.code.code)) best.push(s);
      const shown = best.slice(0, 4);
      const named = shown
        .map((s) => `${s.code.display} "${s.code.title}"${s.term ? ` (inclusion term "${s.term.text}" at ${display(s.term.from)})` : ''}`)
        .join(' or ');
      out.push({
        range: r.line.code!.range,
        message: `Consider ${named}: the documentation ("${text.slice(0, 80)}") says more than ${display(r.code)} "${d.title}".`,
        data: { fix: 'replace-code', candidates: shown.map((s) => ({ code: s.code.code, display: s.code.display, title: s.code.title })) },
      });
    }
    return out;
  },
};
