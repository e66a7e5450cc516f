// Writing a code into the abstract the way a coder would: the POA asked as the code goes in (a
// snippet choice, the likeliest value first) and the line's columns lined up with the lines above
// it. Shared by completion (on PDX/SDX lines and in `{dx=…}`) and the "Add to abstract" fix.
import type { ChartDocument } from '../../chart/model';
import type { CodeFacts } from '../../tables/types';
import { normalizeCode } from '../../base/codes';

/** The POA indicator values in the order they are offered when nothing points at one. */
export const POA_VALUES = ['Y', 'N', 'U', 'W', '1'] as const;

/**
 * The POA values in the order to offer them: the POA the note's annotation gives the code first,
 * else `1` (exempt) first for a code on the release's POA-exempt list, else Y, N, U, W, 1.
 */
export function poaChoices(annotated: string | null | undefined, exempt: boolean): string[] {
  const first = annotated && (POA_VALUES as readonly string[]).includes(annotated) ? annotated : exempt ? '1' : null;
  return first ? [first, ...POA_VALUES.filter((v) => v !== first)] : [...POA_VALUES];
}

/** A snippet choice placeholder, `${1|Y,N,U,W,1|}`. */
export function choiceSnippet(values: readonly string[], tabstop = 1): string {
  return `\${${tabstop}|${values.join(',')}|}`;
}

/** The POA the chart's annotations give `code` (the first annotation of it that has one), or null. */
export function annotatedPoa(chart: ChartDocument, code: string): string | null {
  const want = normalizeCode(code);
  for (const a of chart.annotations) {
    if (a.status === 'ruled-out' || !a.poa) continue;
    if (a.codes.some((r) => r.key === 'dx' && normalizeCode(r.code) === want)) return a.poa.value;
  }
  return null;
}

/** Whether the release of `date` lists `code` as exempt from POA reporting. */
export function isPoaExempt(tables: CodeFacts, code: string, date: string): boolean {
  const r = tables.lookup(code, date, 'icd10cm');
  return r.kind === 'valid' && !!r.entry.poaExempt;
}

/** The POA choices for `code` in this chart: its annotation's POA, then the exempt rule. */
export function poaChoicesFor(chart: ChartDocument, tables: CodeFacts, code: string, date: string): string[] {
  return poaChoices(annotatedPoa(chart, code), isPoaExempt(tables, code, date));
}

/**
 * The columns the coder's abstract uses: where its codes start and where its POA/date column
 * starts (the most common start on its lines), or null for a column no line has yet.
 */
export function abstractColumns(chart: ChartDocument): { code: number | null; third: number | null } {
  const mode = (xs: number[]) => {
    if (!xs.length) return null;
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
  };
  const lines = chart.abstract?.lines ?? [];
  return {
    code: mode(lines.flatMap((l) => (l.code ? [l.code.range.start.character] : []))),
    third: mode(lines.flatMap((l) => ((l.poa ?? l.date) ? [(l.poa ?? l.date)!.range.start.character] : []))),
  };
}

/** Spaces that take a text ending at column `end` to column `target` (at least one; two when no line sets the column). */
export function padTo(end: number, target: number | null): string {
  return ' '.repeat(target === null ? 2 : Math.max(1, target - end));
}
