// Code patterns in tabular notes: "(N18.1-N18.6)", "(I50.-)", "(B95-B97)". Used by the guideline
// rules (Excludes1, code first, use additional code) and by search (the additional code a
// condition asks for ranks first among the codes for its cause).
import { normalizeCode } from '../base/codes';

/** A code pattern from a note: a single code or category, a "category.-" family, or a range. */
export interface CodePattern {
  from: string; // normalised
  to: string; // normalised, inclusive (same as from for a single code/family)
  family: boolean; // "E08.-": every code starting with `from`
  text: string; // as written in the note
}

// A "-" right before another code is a range ("B95-B97", "N18.1-N18.6"), not a family mark ("E08.-").
const PATTERN = /\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(\.?-(?![A-Z][0-9]))?(?:\s*-\s*([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(\.?-)?)?/g;

/** The code patterns inside the parentheses of a note ("… (N18.1-N18.6)", "(I50.-)"). */
const patternCache = new Map<string, readonly CodePattern[]>();

/** The code patterns a note names; the array is shared by a cache and frozen: copy it to change it. */
export function notePatterns(text: string): readonly CodePattern[] {
  const hit = patternCache.get(text);
  if (hit) return hit;
  const out: readonly CodePattern[] = Object.freeze(parsePatterns(text));
  if (patternCache.size > 20000) patternCache.clear();
  patternCache.set(text, out);
  return out;
}

function parsePatterns(text: string): CodePattern[] {
  const out: CodePattern[] = [];
  for (const group of text.matchAll(/\(([^()]*)\)/g)) {
    for (const m of group[1].matchAll(PATTERN)) {
      const from = normalizeCode(m[1]);
      const to = m[3] ? normalizeCode(m[3]) : from;
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
