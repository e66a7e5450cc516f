// Shared reading of the chart and the tables for the guideline rules: the reported codes in
// abstract order, the details the tables know about a code on the chart's date, and the code
// patterns named in tabular-note text ("(E08.-)", "(N18.1-N18.6)", "(Z79.4)").
import type { AbstractLine, Annotation, ChartDocument, CodeRef } from '../service/chart/model';
import type { RuleContext } from './rule';
import type { CodeDetails, TabularNote } from '../tables/load';
import { dottedCm } from '../tables/types';

/** A diagnosis or procedure line of the abstract with its code (lines without a code are skipped). */
export interface Reported {
  line: AbstractLine;
  code: string; // normalised
  index: number; // order in the abstract (0 = first line)
  kind: AbstractLine['kind']['value'];
}

/** Abstract lines with a code, in order. */
export function reportedLines(chart: ChartDocument): Reported[] {
  const out: Reported[] = [];
  chart.abstract?.lines.forEach((line, index) => {
    if (line.code && line.code.value) out.push({ line, code: line.code.value, index, kind: line.kind.value });
  });
  return out;
}

/** Diagnosis lines (PDX, SDX; ADX is the admitting diagnosis, not a reported one for these rules). */
export function reportedDx(chart: ChartDocument): Reported[] {
  return reportedLines(chart).filter((r) => r.kind === 'PDX' || r.kind === 'SDX');
}

/** The table details of an ICD-10-CM code on the chart's date; null when unknown or not on date. */
export function cmDetails(ctx: RuleContext, code: string): CodeDetails | null {
  if (!ctx.tables || !ctx.release?.release) return null;
  const r = ctx.tables.lookup(code, ctx.release.date, 'icd10cm');
  return r.kind === 'valid' ? (r.entry as CodeDetails) : null;
}

export function pcsDetails(ctx: RuleContext, code: string): CodeDetails | null {
  if (!ctx.tables || !ctx.release?.release) return null;
  const r = ctx.tables.lookup(code, ctx.release.date, 'icd10pcs');
  return r.kind === 'valid' ? (r.entry as CodeDetails) : null;
}

/** "I50.33 \"Acute on chronic diastolic …\"" for messages. */
export function named(ctx: RuleContext, code: string): string {
  const d = cmDetails(ctx, code);
  return d?.title ? `${dottedCm(code)} "${d.title}"` : dottedCm(code);
}

/** A code pattern from a note: a single code or category, a "category.-" family, or a range. */
export interface CodePattern {
  from: string; // normalised
  to: string; // normalised, inclusive (same as from for a single code/family)
  family: boolean; // "E08.-": every code starting with `from`
  text: string; // as written in the note
}

const PATTERN = /\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(\.?-)?(?:\s*-\s*([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(\.?-)?)?/g;

/** The code patterns inside the parentheses of a note ("… (N18.1-N18.6)", "(I50.-)"). */
const patternCache = new Map<string, CodePattern[]>();

export function notePatterns(text: string): CodePattern[] {
  const hit = patternCache.get(text);
  if (hit) return hit;
  const out = parsePatterns(text);
  if (patternCache.size > 20000) patternCache.clear();
  patternCache.set(text, out);
  return out;
}

function parsePatterns(text: string): CodePattern[] {
  const out: CodePattern[] = [];
  for (const group of text.matchAll(/\(([^()]*)\)/g)) {
    for (const m of group[1].matchAll(PATTERN)) {
      const from = m[1].replace('.', '');
      const to = m[3] ? m[3].replace('.', '') : from;
      out.push({ from, to, family: !m[3] && !!m[2], text: m[0] });
    }
  }
  return out;
}

/**
 * Does a code fall under a pattern? A category or a code named without "-" covers its
 * subcodes too: a note that points at a code later split into subcodes applies to its children.
 */
export function matchesPattern(code: string, p: CodePattern): boolean {
  if (p.from === p.to) return code.startsWith(p.from);
  const len = Math.max(p.from.length, p.to.length);
  const c = code.slice(0, len);
  return c >= p.from.slice(0, Math.min(p.from.length, c.length)) && code.slice(0, p.to.length) <= p.to;
}

export function notesOf(d: CodeDetails | null, kind: TabularNote['kind']): TabularNote[] {
  return (d?.notes ?? []).filter((n) => n.kind === kind);
}

/**
 * Notes grouped into instructions: a note ending in ":" introduces the lines after it from the
 * same tabular node ("code to identify control using:" + "insulin (Z79.4)" + …) — one instruction.
 */
export function instructions(d: CodeDetails | null, kind: TabularNote['kind']): { head: TabularNote; items: TabularNote[]; patterns: CodePattern[] }[] {
  const out: { head: TabularNote; items: TabularNote[]; patterns: CodePattern[] }[] = [];
  let open: (typeof out)[number] | null = null;
  for (const n of notesOf(d, kind)) {
    if (open && open.head.from === n.from && open.head.text.trim().endsWith(':')) {
      open.items.push(n);
      open.patterns.push(...notePatterns(n.text));
      continue;
    }
    open = { head: n, items: [n], patterns: notePatterns(n.text) };
    out.push(open);
  }
  return out;
}

/** Every code annotation (dx/pcs; not ind) with its code ref. */
export function codeAnnotations(chart: ChartDocument): { ann: Annotation; ref: CodeRef }[] {
  const out: { ann: Annotation; ref: CodeRef }[] = [];
  for (const ann of chart.annotations) for (const ref of ann.codes) if (ref.key !== 'ind') out.push({ ann, ref });
  return out;
}

/** Is the code a manifestation ("in diseases classified elsewhere", MCE manifestation flag)? */
export function isManifestation(d: CodeDetails | null, date: string): boolean {
  if (!d) return false;
  if (d.mce.some((f) => f.flag === 'manifestation' && f.start <= date && (!f.end || f.end >= date))) return true;
  return /in diseases classified elsewhere/i.test(d.title ?? '');
}

export const display = dottedCm;
