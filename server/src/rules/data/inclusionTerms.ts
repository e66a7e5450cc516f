// The ICD-10-CM tabular's inclusion terms as a word index, for rules that find the code a
// documented phrase names in another category ("toxic metabolic encephalopathy" is an inclusion
// term of G92, not of G93.4-). Read from the tables (searchDocuments: each code's own terms, as
// the tabular lists them), once per tables object and only when a rule first asks: building it
// reads every code once (a few hundred ms on the built tables), every lookup after is a few µs.
import type { SearchSource } from '../../tables/types';

/** Significant words of clinical text or a title: lower case, nonessential "(…)" modifiers and stop words dropped, numerals kept ("class 2"). */
const STOP = new Set([
  'of',
  'the',
  'and',
  'or',
  'with',
  'without',
  'in',
  'on',
  'to',
  'a',
  'an',
  'due',
  'not',
  'elsewhere',
  'classified',
  'other',
  'type',
  'by',
  'for',
  'as',
  'nos',
  'is',
  'at',
]);

export function significantWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter((w) => (w.length > 1 || /^\d$/.test(w)) && !STOP.has(w));
}

export interface InclusionTerm {
  /** The tabular node that lists the term (normalised; may be a header such as G92). */
  code: string;
  text: string;
  words: readonly string[];
}

export class InclusionTermIndex {
  /** Terms by each of their words (a term is found through any word of it, then checked whole). */
  private readonly byWord = new Map<string, InclusionTerm[]>();

  constructor(tables: SearchSource) {
    for (const doc of tables.searchDocuments('icd10cm')) {
      for (const text of doc.extra) {
        const words = [...new Set(significantWords(text))];
        if (!words.length) continue;
        const term: InclusionTerm = { code: doc.code, text, words };
        // Filed under its rarest-looking word (the longest): one list per term keeps the index small.
        const key = words.reduce((a, b) => (b.length > a.length ? b : a));
        (this.byWord.get(key) ?? this.byWord.set(key, []).get(key)!).push(term);
      }
    }
  }

  /** The terms whose every significant word is among `words` (the documented text's). */
  termsWithin(words: ReadonlySet<string>): InclusionTerm[] {
    const out: InclusionTerm[] = [];
    for (const w of words) for (const t of this.byWord.get(w) ?? []) if (t.words.every((x) => words.has(x))) out.push(t);
    return out;
  }
}

const INDEXES = new WeakMap<SearchSource, InclusionTermIndex>();

export function inclusionTermIndex(tables: SearchSource): InclusionTermIndex {
  let index = INDEXES.get(tables);
  if (!index) INDEXES.set(tables, (index = new InclusionTermIndex(tables)));
  return index;
}
