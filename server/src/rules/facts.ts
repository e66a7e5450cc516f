// Shared reading of the chart and the tables for the guideline rules: the reported codes in
// abstract order, the details the tables know about a code on the chart's date, and the code
// patterns named in tabular-note text ("(E08.-)", "(N18.1-N18.6)", "(Z79.4)").
import type { AbstractLine, Annotation, ChartDocument, CodeRef } from '../chart/model';
import type { RuleContext } from './rule';
import type { CodeDetails, TabularNote } from '../tables/types';
import { dottedCm } from '../base/codes';
import { notePatterns, type CodePattern } from '../tables/codePatterns';

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
  return r.kind === 'valid' ? r.entry : null;
}

export function pcsDetails(ctx: RuleContext, code: string): CodeDetails | null {
  if (!ctx.tables || !ctx.release?.release) return null;
  const r = ctx.tables.lookup(code, ctx.release.date, 'icd10pcs');
  return r.kind === 'valid' ? r.entry : null;
}

/** "I50.33 \"Acute on chronic diastolic …\"" for messages. */
export function named(ctx: RuleContext, code: string): string {
  const d = cmDetails(ctx, code);
  return d?.title ? `${dottedCm(code)} "${d.title}"` : dottedCm(code);
}

export { matchesPattern, notePatterns, type CodePattern } from '../tables/codePatterns';

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
    // A copy: notePatterns' arrays are shared by its cache, and the next items are pushed onto this one.
    open = { head: n, items: [n], patterns: [...notePatterns(n.text)] };
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
