// The ICD-10-PCS code builder: after any prefix of a PCS code (a table such as `02R`, or `02RF3`),
// the values the next character can take in the release — each with its meaning from the PCS
// tables ("F: Aortic Valve", "3: Percutaneous") — so a coder builds a code axis by axis. Only
// values that lead to a valid code of the release are offered, so only valid codes can be finished.
import type { SearchSource } from '../../tables/types';
import type { PcsStructure, PcsTable } from './structure';

/** The characters of ICD-10-PCS (digits and letters but I and O). */
export const PCS_PREFIX = /^[0-9A-HJ-NP-Z]{1,7}$/;

export interface BuilderOption {
  /** The next character. */
  value: string;
  /** The prefix with it — or, when it leaves a single valid code, that whole code. */
  code: string;
  /** What the value means in this table (null when the titles do not tell). */
  meaning: string | null;
  /** True when `code` is a whole valid code (the 7th character, or the only code the value leaves). */
  complete: boolean;
  /** Valid codes of the release below `code`. */
  codes: number;
  /** For a whole code: its title. */
  title?: string;
}

export interface BuilderStep {
  prefix: string;
  /** The position being chosen (1–7). */
  position: number;
  /** Its name in this section ("Body Part", "Approach" …). */
  axis: string;
  /** The characters already chosen, with their meanings. */
  chosen: { position: number; axis: string; value: string; meaning: string | null }[];
  table: PcsTable | null;
  options: BuilderOption[];
}

export class PcsBuilder {
  constructor(
    private readonly tables: SearchSource,
    private readonly structure: () => PcsStructure,
  ) {}

  /**
   * The next character's valid values after `prefix` (0–6 characters) in the release, or null when
   * no valid code of the release begins with it. A whole code (7 characters) gives a step with no
   * options (its `chosen` spells out every character).
   */
  next(prefix: string, releaseId: string): BuilderStep | null {
    const p = prefix.replace(/[.\s]/g, '').toUpperCase();
    if (p !== '' && !PCS_PREFIX.test(p)) return null;
    // A coder types a character at a time and comes back to the same prefixes: steps are remembered
    // (the short prefixes read tens of thousands of codes).
    const key = `${releaseId}|${p}`;
    if (this.steps.has(key)) return this.steps.get(key)!;
    const step = this.compute(p, releaseId);
    if (this.steps.size >= 500) this.steps.clear();
    this.steps.set(key, step);
    return step;
  }

  private readonly steps = new Map<string, BuilderStep | null>();

  private compute(p: string, releaseId: string): BuilderStep | null {
    const rows = this.tables.searchRows('icd10pcs');
    const bit = this.tables.releaseBit(releaseId);
    const codes = rows.codes;
    let lo = 0;
    let hi = codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (codes[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    const counts = new Map<string, { n: number; row: number }>();
    for (let i = lo; i < codes.length && codes[i].startsWith(p); i++) {
      if (!(rows.valid[i] & bit) || codes[i].length !== 7) continue;
      const v = codes[i][p.length] ?? '';
      const c = counts.get(v);
      if (c) c.n++;
      else counts.set(v, { n: 1, row: i });
    }
    if (counts.size === 0) return null;
    const s = this.structure();
    const position = p.length + 1;
    const section = p[0] ?? '';
    const axisNames = s.axisNames(section || '0');
    const chosen = [...p].map((value, i) => ({ position: i + 1, axis: s.axisNames(p[0])[i], value, meaning: s.meaning(releaseId, p.slice(0, i), value) }));
    if (p.length === 7) return { prefix: p, position: 7, axis: axisNames[6], chosen, table: s.table(releaseId, p.slice(0, 3)), options: [] };
    const options: BuilderOption[] = [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([value, { n, row }]) => {
        // A value that leaves one valid code is that code: the characters after it are forced.
        const complete = n === 1;
        const code = complete ? codes[row] : p + value;
        return {
          value,
          code,
          meaning: s.meaning(releaseId, p, value),
          complete,
          codes: n,
          title: complete ? this.tables.searchTitle('icd10pcs', row) : undefined,
        };
      });
    return {
      prefix: p,
      position,
      axis: position === 1 ? 'Section' : axisNames[position - 1],
      chosen,
      table: p.length >= 3 ? s.table(releaseId, p.slice(0, 3)) : null,
      options,
    };
  }
}

/**
 * Whether a typed query is a PCS code prefix to build on rather than words or an ICD-10-CM code.
 * A digit first always is (no other code system starts with one but CPT, searched apart). A PCS
 * section letter first (B, C, D, F, G, H, X) is when typed in capitals or with a digit in it —
 * "dm", "ct" and "bka" are words — and, outside a PCS-only context, not shaped like an ICD-10-CM
 * code (a letter, then a digit: "B20").
 */
export function isPcsPrefix(query: string, pcsOnly: boolean): boolean {
  const typed = query.replace(/[.\s]/g, '');
  const q = typed.toUpperCase();
  if (!PCS_PREFIX.test(q)) return false;
  if (/^\d/.test(q)) return true;
  if (!/^[BCDFGHX]/.test(q)) return false;
  if (typed !== q && !/\d/.test(q)) return false;
  return pcsOnly || !/^[A-Z]\d/.test(q);
}
