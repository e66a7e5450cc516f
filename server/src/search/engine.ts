// Code search: by code prefix (dotted or not, any case) and by words — in any order, word
// prefixes, clinical abbreviations and lay words (synonyms.tsv), and typos (fuse.js over the
// vocabulary words that share the typed word's first letter). Our own inverted index
// (searchIndex.ts, prebuilt by `npm run tables`) narrows the candidates first; fuse.js never sees
// the 186,000 titles. One engine serves completion, the Search Codes command and the CLI.
import Fuse from 'fuse.js';
import type { CodeSystem, SearchSource } from '../tables/types';
import { TABLE_FILES } from '../tables/format';
import { matchesPattern, notePatterns, type CodePattern } from '../tables/codePatterns';
import { loadDefaults, loadSynonyms, type Synonyms, type Term } from './synonyms';
import { INDEXED_SYSTEMS, readSearchIndex, words, type SearchIndex } from './searchIndex';
import { displayCode } from '../base/codes';
import { lowerBound, lowerBoundOf } from '../base/binarySearch';


export interface SearchOptions {
  system?: CodeSystem;
  /** Only codes valid on this discharge date (YYYY-MM-DD); default: the newest release. */
  date?: string;
  limit?: number;
}

export interface SearchResult {
  code: string;
  display: string;
  title: string;
  billable: boolean;
  system: CodeSystem;
  score: number;
}

const SYSTEMS = INDEXED_SYSTEMS;
const SYSTEM_INDEX: Record<string, number> = Object.fromEntries(INDEXED_SYSTEMS.map((s, i) => [s, i]));
/** Words too common to narrow anything. */
const STOP = new Set(['of', 'the', 'and', 'or', 'in', 'on', 'to', 'by', 'for', 'a', 'an', 'as', 'at', 'due', 'type', 'than', 'with', 'from', 'into', 'using', 'via']);
/** Query words that describe intent but need not be in the title (they still score when they are). */
const SOFT = new Set(['therapeutic', 'diagnostic', 'procedure', 'surgery', 'encounter', 'with', 'without']);
/**
 * Title words that make a code the default rather than a different condition: they are not
 * counted against a title that the query does not mention ("Pneumonia, unspecified organism" is
 * what a coder means by "pneumonia").
 */
const NEUTRAL = new Set(['unspecified', 'organism', 'site', 'without', 'complications', 'complication', 'elsewhere', 'classified', 'not', 'nos', 'of', 'the', 'and', 'or', 'in', 'with', 'to', 'by', 'for', 'as', 'part', 'approach', 'initial', 'encounter', 'per', 'mg', 'ml', 'mcg', 'gm', 'unit', 'units', 'injection']);

/** How many times each letter and digit occurs in a word (a-z, 0-9), into `counts`. */
function letterCounts(word: string, counts: Uint8Array): Uint8Array {
  counts.fill(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) counts[c - 97]++;
    else if (c >= 48 && c <= 57) counts[26 + c - 48]++;
  }
  return counts;
}

/** Where a word search looks: codes usable on the date (and in the system), their release bit, how many results, the system's doc range. */
interface Scope {
  usable: (d: number) => boolean;
  bit: number;
  /** The date whose release is searched (for the notes of a result). */
  date: string;
  limit: number;
  range: [number, number];
}

/** At most this many codes missing one term are scored when hardly any meets them all. */
const NEAR_MISS_LIMIT = 2000;

/** How much an unexplained word after the title's first comma weighs, against 1 in its head. */
const QUALIFIER_WEIGHT = 0.6;
/** A title whose head the query names is the thing itself, not an accessory or a part of it ("cane" → E0100 before "Replacement, tip, cane…"). */
const HEAD_BONUS = 0.3;

/** Titles for newborns, pregnancy and childbirth are meant only when the query says so. */
const CONTEXT_WORDS = /\b(newborn|neonatal|perinatal|fetus|fetal|pregnancy|childbirth|puerperium|postpartum|obstetric|maternal|antepartum|intrapartum)\b/i;
/** HCPCS temporary codes for non-Medicare payers (S) and OPPS pass-through (C) rank after permanent codes. */
const TEMPORARY_HCPCS = /^[CS]/;

export class SearchEngine {
  /** Per doc (see searchIndex.ts: the systems' rows one after another): code, system, validity and billable masks. */
  private readonly codes: string[] = [];
  private readonly system: Uint8Array;
  private readonly valid: Uint32Array;
  private readonly billable: Uint32Array;
  private readonly vocabulary: string[];
  private readonly wordId = new Map<string, number>();
  /** Per word: is it one of CONTEXT_WORDS; and the ids of "with" and "without" (-1 when absent). */
  private readonly contextWord: Uint8Array;
  private readonly withId: number;
  private readonly withoutId: number;
  private readonly defaults = loadDefaults();

  /** The engine over `tables`, with the word index prebuilt by `npm run tables` (or given). */
  constructor(
    private readonly tables: SearchSource,
    private readonly index: SearchIndex = readSearchIndex(tables),
    private readonly synonyms: Synonyms = loadSynonyms(),
  ) {
    const docs = index.docStart.length - 1;
    this.system = new Uint8Array(docs);
    this.valid = new Uint32Array(docs);
    this.billable = new Uint32Array(docs);
    INDEXED_SYSTEMS.forEach((name, s) => {
      const rows = tables.searchRows(name);
      const from = index.systemStart[s];
      if (index.systemStart[s + 1] - from !== rows.codes.length) {
        throw new Error(`${TABLE_FILES.searchIndex}: ${index.systemStart[s + 1] - from} ${name} codes in the search index, ${rows.codes.length} in the tables; rebuild the tables (npm run tables)`);
      }
      for (let i = 0; i < rows.codes.length; i++) this.codes.push(rows.codes[i]);
      this.system.fill(s, from, from + rows.codes.length);
      this.valid.set(rows.valid, from);
      this.billable.set(rows.billable, from);
    });
    this.vocabulary = index.vocabulary;
    this.vocabulary.forEach((w, id) => this.wordId.set(w, id));
    this.contextWord = Uint8Array.from(this.vocabulary, (w) => (CONTEXT_WORDS.test(w) ? 1 : 0));
    this.withId = this.wordId.get('with') ?? -1;
    this.withoutId = this.wordId.get('without') ?? -1;
  }

  get size(): number {
    return this.codes.length;
  }

  private releaseBit(date: string | undefined): number {
    const choice = date ? this.tables.releaseFor(date) : null;
    const id = choice && choice.kind !== 'none' ? choice.release.id : this.tables.releases[this.tables.releases.length - 1].id;
    return this.tables.releaseBit(id);
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = options.limit ?? 20;
    const bit = this.releaseBit(options.date);
    const sys = options.system && options.system !== 'cpt' ? SYSTEM_INDEX[options.system] : -1;
    if (options.system === 'cpt') return this.searchCpt(query, limit);
    const usable = (d: number) => (this.valid[d] & bit) !== 0 && (sys < 0 || this.system[d] === sys);
    const q = query.trim();
    if (!q) return [];
    const codeHits = this.byCodePrefix(q, usable, bit, limit);
    if (codeHits) return codeHits.map((id) => this.result(id, bit, 1));
    const { systemStart } = this.index;
    const range: [number, number] = sys < 0 ? [0, this.codes.length] : [systemStart[sys], systemStart[sys + 1]];
    const date = options.date ?? this.tables.releases[this.tables.releases.length - 1].start;
    return this.byCondition(q, { usable, bit, date, limit, range });
  }

  /** CPT (the user's table, when installed): by code prefix or title words. */
  private searchCpt(query: string, limit: number): SearchResult[] {
    const q = query.trim().toLowerCase();
    const out: SearchResult[] = [];
    const ws = words(q);
    for (const e of this.tables.codes('cpt', '')) {
      const t = (e.title ?? '').toLowerCase();
      const hit = e.code.toLowerCase().startsWith(q) || (ws.length > 0 && ws.every((w) => t.includes(w)));
      if (hit) out.push({ code: e.code, display: e.code, title: e.title ?? '', billable: true, system: 'cpt', score: 1 });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** A query shaped like a code (I50.2, e1122, 0FT4, j18): the codes under that prefix. */
  private byCodePrefix(q: string, usable: (d: number) => boolean, bit: number, limit: number): number[] | null {
    const c = q.replace(/[.\s]/g, '').toUpperCase();
    const codeLike = /^[A-Z]\d[0-9A-Z]{0,5}$/.test(c) || /^\d[0-9A-Z]{1,6}$/.test(c);
    if (!codeLike) return null;
    const lo = lowerBound(0, this.index.codeOrder.length, (i) => this.codes[this.index.codeOrder[i]] < c);
    const hits: number[] = [];
    for (let i = lo; i < this.index.codeOrder.length && this.codes[this.index.codeOrder[i]].startsWith(c); i++) if (usable(this.index.codeOrder[i])) hits.push(this.index.codeOrder[i]);
    // Billable codes before headers (headers stay reachable for drilling down); the exact code
    // first among its kind; then shorter codes, in code order.
    const rank = (id: number) => (this.billable[id] & bit ? 0 : 100) + (this.codes[id] === c ? 0 : 1 + this.codes[id].length);
    return hits.sort((a, b) => rank(a) - rank(b) || (this.codes[a] < this.codes[b] ? -1 : 1)).slice(0, limit);
  }

  /**
   * "X due to Y" (secondary to, caused by, d/t): one code for both when the classification has a
   * combination code (every word met: "pneumonia due to e coli" → J15.5); otherwise the codes for
   * X and for Y, alternately, X first ("uti due to e coli" → N39.0, then the E. coli codes), as
   * the coder will code both.
   */
  private byCondition(q: string, scope: Scope): SearchResult[] {
    q = q.replace(/\bd\/t\b/gi, ' due to ');
    const whole = this.byWords(q, scope);
    const split = /^(.+?)\s+(?:due\s+to|secondary\s+to|caused\s+by)\s+(.+)$/i.exec(q);
    if (!split || whole.complete) return whole.results;
    const condition = this.byWords(split[1], scope).results;
    // A wider net for the cause, so the codes the condition's note asks for are among them.
    let cause = this.byWords(split[2], { ...scope, limit: Math.max(scope.limit, 100) }).results;
    if (condition.length === 0 || cause.length === 0) return whole.results;
    // The condition's own "use additional code" note names the codes meant for the cause (N39.0:
    // "Use additional code (B95-B97), to identify infectious agent"): those come first.
    const wanted = this.additionalCodes(condition[0], scope.date);
    if (wanted.length) {
      const asked = (r: SearchResult) => wanted.some((p) => matchesPattern(r.code, p));
      cause = [...cause.filter(asked), ...cause.filter((r) => !asked(r))];
    }
    const out: SearchResult[] = [];
    const seen = new Set<string>();
    for (let i = 0; out.length < scope.limit && (i < condition.length || i < cause.length); i++) {
      for (const r of [condition[i], cause[i]]) {
        if (r && !seen.has(r.code) && out.length < scope.limit) {
          seen.add(r.code);
          out.push(r);
        }
      }
    }
    return out;
  }

  /** The code patterns of an ICD-10-CM result's "use additional code" notes (its own and inherited). */
  private additionalCodes(result: SearchResult, date: string): CodePattern[] {
    if (result.system !== 'icd10cm') return [];
    const r = this.tables.lookup(result.code, date, 'icd10cm');
    if (r.kind !== 'valid') return [];
    return (r.entry.notes ?? []).filter((n) => n.kind === 'useAdditionalCode').flatMap((n) => notePatterns(n.text));
  }

  /** Docs meeting the most query terms, best first; `complete` when they meet every term. */
  private byWords(q: string, { usable, bit, limit, range }: Scope): { results: SearchResult[]; complete: boolean } {
    const terms = this.synonyms.expand(words(q.replace(/\bw\/o\b/gi, ' without ').replace(/\bw\//gi, ' with ')));
    const narrowing = terms.filter((t) => !SOFT.has(t.text) && !t.alternatives.every((alt) => alt.every((w) => STOP.has(w))));
    if (narrowing.length === 0) return { results: [], complete: false };
    // Count, per doc, the terms it meets (typed arrays: no per-query allocation of big sets).
    const touched: number[] = [];
    narrowing.forEach((t, i) => {
      let found = this.markTerm(t.alternatives, i, touched, range);
      // Typo tolerance: a term that matches nothing gets its nearest vocabulary words (fuse.js).
      if (!found && t.text.length >= 4 && !/\d/.test(t.text)) {
        t.fuzzy = this.nearWords(t.text);
        found = this.markTerm(t.fuzzy.map((w) => [w.word]), i, touched, range);
      }
    });
    let best = 0;
    for (const d of touched) if (this.termHits[d] > best && usable(d)) best = this.termHits[d];
    const candidates: number[] = [];
    const nearMisses: number[] = [];
    for (const d of touched) {
      if (this.termHits[d] === best && best > 0 && usable(d)) candidates.push(d);
      else if (best > 1 && this.termHits[d] === best - 1 && usable(d)) nearMisses.push(d);
      this.termHits[d] = 0;
      this.termStamp[d] = 0;
    }
    if (best === 0) return { results: [], complete: false };
    // Hardly any code meets every term: the codes that miss one fill the list after them, so the
    // coder still sees the neighbours (bounded: scoring thousands would cost the keystroke budget).
    if (candidates.length < 5 && nearMisses.length <= NEAR_MISS_LIMIT) candidates.push(...nearMisses);
    const scoringTerms = terms.filter((t) => !t.alternatives.every((alt) => alt.every((w) => STOP.has(w))));
    const qualities = new Map<string, Map<number, number>>();
    const scored = candidates.map((id) => ({ id, score: this.score(id, scoringTerms, bit, qualities) }));
    scored.sort((a, b) => b.score - a.score || (this.codes[a.id] < this.codes[b.id] ? -1 : 1));
    return { results: scored.slice(0, limit).map((s) => this.result(s.id, bit, s.score)), complete: best === narrowing.length };
  }

  /** Per-doc scratch space for one query: terms met, and the last term that counted. */
  private termHits = new Uint8Array(0);
  private termStamp = new Int32Array(0);
  private altCount = new Int32Array(0);
  private altStamp = new Int32Array(0);
  private altSerial = 0;

  /** Marks the docs meeting term `i` (any alternative: all its words, as word prefixes); returns whether any did. */
  private markTerm(alternatives: string[][], i: number, touched: number[], range: [number, number]): boolean {
    if (this.termHits.length !== this.codes.length) {
      this.termHits = new Uint8Array(this.codes.length);
      this.termStamp = new Int32Array(this.codes.length);
      this.altCount = new Int32Array(this.codes.length);
      this.altStamp = new Int32Array(this.codes.length);
    }
    const { altStamp, altCount, termStamp, termHits } = this;
    let any = false;
    for (const alt of alternatives) {
      const content = alt.filter((w) => !STOP.has(w));
      if (content.length === 0) continue;
      // Each word's docs, cut to the searched system's doc range (docs are numbered system by system).
      const lists = content.map((w) => this.matchingWordIds(w).map((id) => this.postingsIn(id, range)));
      const sizes = lists.map((docLists) => docLists.reduce((a, p) => a + p.length, 0));
      const order = lists.map((_, j) => j).sort((x, y) => sizes[x] - sizes[y]);
      const serial = ++this.altSerial;
      const first: number[] = [];
      // The rarest word's docs are the candidates; each further word keeps those that have it too.
      for (const list of lists[order[0]]) {
        for (let k = 0; k < list.length; k++) {
          const d = list[k];
          if (altStamp[d] !== serial) {
            altStamp[d] = serial;
            altCount[d] = 1;
            first.push(d);
          }
        }
      }
      for (let j = 1; j < order.length; j++) {
        for (const list of lists[order[j]]) {
          for (let k = 0; k < list.length; k++) {
            const d = list[k];
            if (altStamp[d] === serial && altCount[d] === j) altCount[d] = j + 1;
          }
        }
      }
      for (const d of first) {
        if (altCount[d] !== lists.length) continue;
        any = true;
        if (termStamp[d] === i + 1) continue;
        if (termHits[d] === 0) touched.push(d);
        termStamp[d] = i + 1;
        termHits[d]++;
      }
    }
    return any;
  }

  /** The docs of word `id` within [from, to) (postings are ascending: two binary searches). */
  private postingsIn(id: number, [from, to]: [number, number]): Int32Array {
    const { postings, postingStart } = this.index;
    return postings.subarray(lowerBoundOf(postings, from, postingStart[id], postingStart[id + 1]), lowerBoundOf(postings, to, postingStart[id], postingStart[id + 1]));
  }

  /**
   * Typo tolerance: fuse.js over the vocabulary words with the same first letter, a length within
   * 2, and letters close enough to be within fuse's threshold (a letter-count comparison prunes
   * the rest cheaply). Remembered per word: the same misspelling is searched at every keystroke.
   */
  private nearWords(word: string): { word: string; quality: number }[] {
    const known = this.nearCache.get(word);
    if (known) return known;
    const counts = letterCounts(word, new Uint8Array(36));
    const c = new Uint8Array(36);
    // A substitution changes two letter counts, an insertion or deletion one; fuse's threshold
    // (0.34) allows about a third of the word's letters to be wrong.
    const budget = 2 * Math.ceil(0.34 * word.length) + 1;
    const survivors: string[] = [];
    for (const w of this.wordsByLetter(word[0])) {
      if (Math.abs(w.length - word.length) > 2 || w.length < 4) continue;
      let diff = 0;
      letterCounts(w, c);
      for (let i = 0; i < 36 && diff <= budget; i++) diff += Math.abs(c[i] - counts[i]);
      if (diff <= budget) survivors.push(w);
    }
    const fuse = new Fuse(survivors, { threshold: 0.34, ignoreLocation: true, includeScore: true });
    const out = fuse
      .search(word, { limit: 25 })
      .map((r) => ({ word: r.item, quality: 1 - (r.score ?? 0) }))
      .sort((a, b) => b.quality - a.quality)
      .slice(0, 5);
    if (this.nearCache.size > 2000) this.nearCache.clear();
    this.nearCache.set(word, out);
    return out;
  }

  private readonly nearCache = new Map<string, { word: string; quality: number }[]>();
  private readonly byLetter = new Map<string, string[]>();

  /** Vocabulary words (without digits) that begin with `letter`. */
  private wordsByLetter(letter: string): string[] {
    let list = this.byLetter.get(letter);
    if (!list) {
      list = this.vocabulary.filter((w) => w[0] === letter && !/\d/.test(w));
      this.byLetter.set(letter, list);
    }
    return list;
  }

  /** Word ids matching `w`: the word itself, and (3+ letters) every word it begins, and its stem's family. */
  private matchingWordIds(w: string): number[] {
    if (w.length < 3 || /^\d+$/.test(w)) {
      const id = this.wordId.get(w);
      return id === undefined ? [] : [id];
    }
    const stem = w.length >= 8 ? w.slice(0, w.length - 3) : w; // hypertension ~ hypertensive
    const lo = lowerBound(0, this.index.sortedWords.length, (i) => this.vocabulary[this.index.sortedWords[i]] < stem);
    const out: number[] = [];
    for (let i = lo; i < this.index.sortedWords.length && this.vocabulary[this.index.sortedWords[i]].startsWith(stem); i++) {
      const v = this.vocabulary[this.index.sortedWords[i]];
      if (stem === w || v.startsWith(w) || v.length <= w.length + 2) out.push(this.index.sortedWords[i]);
    }
    return out;
  }

  /** How well a doc word matches a query word: exact 1, the query word begins it 0.8, same stem 0.7. */
  private static match(docWord: string, w: string): number {
    if (docWord === w) return 1;
    if (w.length >= 3 && docWord.startsWith(w)) return 0.8;
    if (w.length >= 8 && docWord.startsWith(w.slice(0, w.length - 3)) && Math.abs(docWord.length - w.length) <= 2) return 0.7;
    return 0;
  }

  /**
   * Relevance: how well each query term is met (exact word > word prefix > expansion > typo), how
   * much of the title the query leaves unexplained (default titles first), billable before
   * headers, terms in the order typed.
   */
  /** For a query word: the quality of each vocabulary word that matches it (computed once per query). */
  private qualityOf(w: string, cache: Map<string, Map<number, number>>): Map<number, number> {
    let m = cache.get(w);
    if (!m) {
      m = new Map();
      for (const id of this.matchingWordIds(w)) {
        const q = SearchEngine.match(this.vocabulary[id], w);
        if (q > 0) m.set(id, q);
      }
      cache.set(w, m);
    }
    return m;
  }

  private score(doc: number, terms: Term[], bit: number, cache: Map<string, Map<number, number>> = new Map()): number {
    const ids = this.index.docWords.subarray(this.index.docStart[doc], this.index.docStart[doc + 1]);
    const extraFrom = this.index.extraStart[doc];
    const headEnd = this.index.headEnd[doc];
    const used = new Set<number>();
    let total = 0;
    let weightSum = 0;
    let lastPos = -1;
    let inOrder = 0;
    for (const t of terms) {
      const weight = SOFT.has(t.text) ? 0.25 : 1;
      weightSum += weight;
      let bestQ = 0;
      let bestPos = -1;
      let bestHits: number[] = [];
      const alts = t.fuzzy ? t.fuzzy.map((f) => ({ words: [f.word], factor: 0.75 * f.quality })) : t.alternatives.map((a, i) => ({ words: a, factor: i === 0 ? 1 : 0.95 }));
      for (const alt of alts) {
        const content = alt.words.filter((w) => !STOP.has(w));
        if (content.length === 0) continue;
        let q = 0;
        const hits: number[] = [];
        for (const w of content) {
          let wq = 0;
          let wp = -1;
          const quality = this.qualityOf(w, cache);
          for (let k = 0; k < ids.length; k++) {
            const id = ids[k] < 0 ? ~ids[k] : ids[k];
            const m = (quality.get(id) ?? 0) * (k >= extraFrom ? 0.85 : 1);
            if (m > wq) {
              wq = m;
              wp = k;
            }
          }
          q += wq;
          if (wp >= 0) hits.push(wp);
        }
        q = (q / content.length) * alt.factor;
        if (q > bestQ) {
          bestQ = q;
          bestPos = hits.length ? Math.min(...hits) : -1;
          bestHits = hits;
        }
      }
      for (const h of bestHits) used.add(h);
      total += bestQ * weight;
      if (bestPos >= 0) {
        if (bestPos > lastPos) inOrder++;
        lastPos = bestPos;
      }
    }
    const coverage = total / Math.max(weightSum, 1e-9);
    // Title words the query leaves unexplained count against the title, except neutral words,
    // nonessential (parenthesised) ones, and what follows "unspecified as to" (more non-specificity).
    let unexplained = 0;
    let negated = 0;
    let afterUnspecifiedAsTo = false;
    let titleSaysWith = false;
    let titleSaysWithout = false;
    let titleHasContext = false;
    const saysWith = terms.some((t) => t.text === 'with');
    const saysWithout = terms.some((t) => t.text === 'without');
    const wordAt = (k: number) => (ids[k] < 0 ? ~ids[k] : ids[k]);
    for (let k = 0; k < extraFrom; k++) {
      const id = wordAt(k);
      if (id === this.withId) titleSaysWith = true;
      else if (id === this.withoutId) titleSaysWithout = true;
      if (this.contextWord[id]) titleHasContext = true;
      // What a title says is absent ("without acute cor pulmonale", "without complications") is
      // the default, not a detail the query failed to name.
      if (ids[k] < 0 || (titleSaysWithout && id !== this.withoutId && !used.has(k))) continue;
      const w = this.vocabulary[id];
      if (w === 'to' && k >= 2 && this.vocabulary[wordAt(k - 2)] === 'unspecified' && this.vocabulary[wordAt(k - 1)] === 'as') afterUnspecifiedAsTo = true;
      // A query word matched right after "without" is contradicted by the title (unless the query says without too).
      if (!saysWithout && used.has(k) && k > 0 && (wordAt(k - 1) === this.withoutId || (k > 1 && wordAt(k - 2) === this.withoutId))) negated++;
      if (used.has(k) || NEUTRAL.has(w) || afterUnspecifiedAsTo) continue;
      // A word the query leaves out weighs more in the title's head (what the code is) than in the
      // qualifiers after its first comma.
      unexplained += (w === 'other' || w === 'specified' ? 1.5 : 1) * (k < headEnd ? 1 : QUALIFIER_WEIGHT);
    }
    let namesHead = false;
    for (const k of used) if (k < headEnd) namesHead = true;

    let contradiction = 0;
    if (saysWith && !saysWithout && titleSaysWithout && !titleSaysWith) contradiction++;
    if (saysWithout && !titleSaysWithout && titleSaysWith) contradiction++;
    const context = titleHasContext && !terms.some((t) => CONTEXT_WORDS.test(t.text)) ? 1 : 0;
    const temporary = this.system[doc] === 2 && TEMPORARY_HCPCS.test(this.codes[doc]) ? 1 : 0;
    const billable = (this.billable[doc] & bit) !== 0;
    return coverage * 10 + (namesHead ? HEAD_BONUS : 0) - unexplained * 0.4 - negated * 0.8 - contradiction * 0.8 - context * 0.8 - temporary * 0.4 + (billable ? 1 : 0) + (inOrder / terms.length) * 0.3 + this.defaultBonus(doc, terms) + (this.system[doc] === 0 ? 0.05 : 0);
  }

  /** Guideline defaults (defaults.tsv): a query that names the condition but not the kind gets the default kind first. */
  private defaultBonus(doc: number, terms: Term[]): number {
    for (const d of this.defaults) {
      if (!terms.some((t) => t.alternatives.some((alt) => alt.some((w) => w.startsWith(d.word))))) continue;
      if (terms.some((t) => d.unless.test(t.text))) continue;
      if (this.codes[doc].startsWith(d.prefix)) return 0.5;
    }
    return 0;
  }

  private result(id: number, bit: number, score: number): SearchResult {
    const code = this.codes[id];
    const system = SYSTEMS[this.system[id]];
    return {
      code,
      display: displayCode(code, system),
      title: this.tables.searchTitle(SYSTEMS[this.system[id]], id - this.index.systemStart[this.system[id]]),
      billable: (this.billable[id] & bit) !== 0,
      system,
      score: Math.round(score * 1000) / 1000,
    };
  }
}

/** The search engine over every code of the tables, reading the index `npm run tables` built (a few ms). */
export function createSearchEngine(tables: SearchSource, synonyms?: Synonyms): SearchEngine {
  return new SearchEngine(tables, undefined, synonyms);
}
