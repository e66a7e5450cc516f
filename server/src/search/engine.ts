// Code search: by code prefix (dotted or not, any case) and by words — in any order, word
// prefixes and inflections, the coder's vocabulary (synonyms.tsv and vocabulary/*.tsv:
// abbreviations, lay and eponym terms, drug brands; a term stands for title words or for a code
// or category), structured injury and obstetric axes (axes.ts), and typos (typos.ts). Our own
// inverted index (searchIndex.ts, prebuilt by `npm run tables`) narrows the candidates first.
// One engine serves completion, the Search Codes command and the CLI.
//
// A query word the tables and the vocabulary do not know is reported back ("no code matches
// 'xyz'") rather than silently dropped; the other words still search.
import type { CodeSystem, SearchSource } from '../tables/types';
import { matchesPattern, notePatterns, type CodePattern } from '../tables/codePatterns';
import { loadDefaults, loadSynonyms, type Synonyms, type Term } from './synonyms';
import { INDEXED_SYSTEMS, readSearchIndex, TERM_SEPARATOR, words, type SearchIndex } from './searchIndex';
import { displayCode } from '../base/codes';
import { lowerBound, lowerBoundOf } from '../base/binarySearch';
import { TABLE_FILES } from '../tables/format';
import { stem } from './stem';
import { axisScore, axisWords, defaultAxisWords, NO_AXES, packAxes, queryAxes, titleAxes, unpackAxes, type Axes, type QueryAxes } from './axes';
import { editDistance, TypoIndex, type Near } from './typos';
import { PcsSearch, type PcsHit } from './pcs/search';

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
  /** A step of the ICD-10-PCS code builder: `code` is a prefix; the character it adds, its axis and meaning. */
  builder?: { position: number; axis: string; meaning: string | null; codes: number };
}

/** Results, and what the list should tell the coder about the query (a word nothing matches; a code that does not exist). */
export interface SearchAnswer {
  results: SearchResult[];
  notices: string[];
}

const SYSTEMS = INDEXED_SYSTEMS;
const SYSTEM_INDEX: Record<string, number> = Object.fromEntries(INDEXED_SYSTEMS.map((s, i) => [s, i]));
/** Words too common to narrow anything. */
const STOP = new Set([
  'of',
  'the',
  'and',
  'or',
  'in',
  'on',
  'to',
  'by',
  'for',
  'a',
  'an',
  'as',
  'at',
  'due',
  'type',
  'than',
  'with',
  'from',
  'into',
  'using',
  'via',
  'is',
  'has',
  'had',
  'was',
  'pt',
  'patient',
  'pts',
]);
/** Query words that describe intent or route but need not be in the title (they still score when they are). */
const SOFT = new Set([
  'therapeutic',
  'diagnostic',
  'procedure',
  'surgery',
  'encounter',
  'with',
  'without',
  'iv',
  'im',
  'sq',
  'subq',
  'subcut',
  'sc',
  'po',
  'inj',
  'injection',
  'injectable',
  'infusion',
  'intravenous',
  'intramuscular',
  'shot',
  'vial',
  'dose',
  'pen',
  'drip',
  'push',
  'bolus',
]);
/** Units of a dose: with a number before them they are a dose, which ranks but never filters ("keytruda 200 mg"). */
const UNITS = new Set([
  'mg',
  'g',
  'gm',
  'gms',
  'gram',
  'grams',
  'mcg',
  'mcgs',
  'microgram',
  'micrograms',
  'ml',
  'cc',
  'l',
  'unit',
  'units',
  'u',
  'iu',
  'meq',
  'mmol',
  'mgs',
  'kg',
  'million',
  'mu',
]);
/**
 * Title words that make a code the default rather than a different condition: they are not
 * counted against a title that the query does not mention ("Pneumonia, unspecified organism" is
 * what a coder means by "pneumonia").
 */
const NEUTRAL = new Set([
  'unspecified',
  'organism',
  'site',
  'without',
  'complications',
  'complication',
  'elsewhere',
  'classified',
  'not',
  'nos',
  'of',
  'the',
  'and',
  'or',
  'in',
  'with',
  'to',
  'by',
  'for',
  'as',
  'part',
  'approach',
  'initial',
  'encounter',
  'per',
  'mg',
  'ml',
  'mcg',
  'gm',
  'unit',
  'units',
  'injection',
  'applicable',
]);

const AXES_KNOWN = 1 << 30;
const NEUTRAL_FLAG = 1;
const STOP_FLAG = 2;
const OTHER_FLAG = 4;
const SPECIFIED_FLAG = 8;
const NUMBER_FLAG = 16;

/** Where a word search looks: codes usable on the date (and in the system), their release bit, how many results, the system's doc range. */
interface Scope {
  usable: (d: number) => boolean;
  bit: number;
  /** The date whose release is searched (for the notes of a result). */
  date: string;
  limit: number;
  range: [number, number];
  /** Query words nothing matched (reported to the coder). */
  unknown: string[];
  /** Only hcpcs is searched: bare numbers are doses ("kenalog 40"). */
  hcpcsOnly: boolean;
}

/** At most this many candidates are scored (see bounded()). */
const MAX_SCORED = 3000;
/** Of the codes missing one term, at most this many (the shortest titles) are scored beside the few that meet them all. */
const NEAR_MISSES_SCORED = 400;
/** Codes missing one term are looked at only when there are at most this many. */
const NEAR_MISS_LIMIT = 2000;
/** How much an unexplained word after the title's first comma weighs, against 1 in its head. */
const QUALIFIER_WEIGHT = 0.6;
/** "Other …" in a title the query does not ask for: the catch-all for named kinds, not the default (that is "unspecified"). */
const OTHER_WEIGHT = 2;
/** A query word the title says is absent ("without heart failure" for "chf with …"). */
const NEGATED_WEIGHT = 1.5;
/** A title whose head the query names is the thing itself, not an accessory or a part of it ("cane" → E0100 before "Replacement, tip, cane…"). */
const HEAD_BONUS = 0.3;
/** The code a vocabulary term stands for (or its category) meets the term as well as an exact word. */
const CONCEPT_QUALITY = 1;
/** A listed phrase's own words, read literally, meet it a little less than what the phrase stands for ("kidney infection" means pyelonephritis, not "kidney transplant infection"). */
const LITERAL_FACTOR = 0.97;
/** Each further sense of an ambiguous term meets it a little less than the one before (senses are listed commonest first). */
const SENSE_STEP = 0.02;
/** A guideline default (defaults.tsv: diabetes without a type is E11): the default kind first. */
const GUIDELINE_DEFAULT_BONUS = 1;
/** "Unspecified" in a title the query does not qualify further: the default code of its category. */
const UNSPECIFIED_BONUS = 0.15;
/** A query term met by an inclusion term marked NOS ("Pyelonephritis NOS" under N12): the classification's default for the term. */
const NOS_BONUS = 1;
/** The query is an inclusion term of the code, word for word ("copd with acute bronchitis" under J44.0). */
const INCLUSION_BONUS = 0.6;

/** Titles for newborns (1), and for pregnancy and childbirth (2), are meant only when the query says so. */
const NEWBORN_WORDS = /^(newborn|neonatal|perinatal|neonate|infant)$/;
const MATERNAL_WORDS =
  /^(fetus|fetal|pregnancy|pregnant|childbirth|puerperium|puerperal|postpartum|obstetric|maternal|antepartum|intrapartum|gestational|gestation|trimester|delivery|labor)$/;
/**
 * Title words that put a code in another situation than the condition itself — its history, a
 * screening, a family member's, a carrier state, a remission, a child's growth-plate (physeal)
 * fracture: held against the title more than other unexplained words when the query does not say them.
 */
const SITUATION_WORDS =
  /^(history|personal|family|screening|carrier|contact|exposure|observation|aftercare|presence|status|examination|counseling|prophylactic|sequelae|follow|remission|relapse|physeal)$/;
/** HCPCS temporary codes for non-Medicare payers (S) and OPPS pass-through (C) rank after permanent codes. */
const TEMPORARY_HCPCS = /^[CS]/;

/** A query term as the engine uses it. */
interface QueryTerm extends Term {
  /** word: narrows and scores; soft: scores a little; dose: a drug's dose, scores a little; axis: a laterality, encounter … word (axes.ts scores it). */
  kind: 'word' | 'soft' | 'dose' | 'axis';
  /** The query says it is absent ("without mattress", "no coma"): a title should say so too. */
  absent?: boolean;
}

/** What a term matches: per alternative, per word, the posting lists of the vocabulary words meeting it; the doc ranges of its codes; a size estimate. */
interface TermMatch {
  alts: Int32Array[][][];
  ranges: [number, number][];
  size: number;
}

/** Per query: the word slots (term × alternative × word) a doc word can meet, and how well. */
interface Matcher {
  /** Stamps the engine's per-word hit arrays as this query's. */
  serial: number;
  terms: QueryTerm[];
  /** Per term: its alternatives as slot ranges, with their factors. */
  alts: { term: number; from: number; to: number; factor: number }[][];
  slots: number;
  /** The stems of the title words of each concept (code or category) a term stands for. */
  concepts: { term: number; prefix: string; factor: number; words: Set<string> | null }[];
  axes: QueryAxes;
  saysWith: boolean;
  saysWithout: boolean;
  /** Context groups the query names: bit 1 newborn, bit 2 maternal. */
  saysContext: number;
  saysSituation: Set<string>;
  qualifies: boolean;
  /** Code prefixes of the guideline defaults the query calls for. */
  defaults: string[];
}

export class SearchEngine {
  /** Per doc (see searchIndex.ts: the systems' rows one after another): code, system, validity and billable masks. */
  private readonly codes: string[];
  private readonly system: Uint8Array;
  private readonly valid: Uint32Array;
  private readonly billable: Uint32Array;
  private readonly vocabulary: string[];
  /** Word ids by word: a binary search in the index's alphabetical word order (no map to build at start). */
  private readonly wordId = {
    get: (w: string): number | undefined => {
      const i = this.firstWordFrom(w);
      const id = i < this.index.sortedWords.length ? this.index.sortedWords[i] : -1;
      return id >= 0 && this.vocabulary[id] === w ? id : undefined;
    },
    has: (w: string): boolean => this.wordId.get(w) !== undefined,
  };
  /** Per word: 1 a newborn word, 2 a maternal word (see NEWBORN_WORDS); is it one of SITUATION_WORDS; ids of a few structural words (-1 when absent). */
  private readonly contextWord: Uint8Array;
  private readonly situationWord: Uint8Array;
  /** Per word: NEUTRAL_FLAG, STOP_FLAG, OTHER_FLAG, SPECIFIED_FLAG. */
  private readonly wordFlags: Uint8Array;
  private readonly toId: number;
  private readonly withId: number;
  private readonly withoutId: number;
  private readonly nosId: number;
  private readonly notId: number;
  private readonly separatorId: number;
  private readonly inId: number;
  private readonly orId: number;
  private readonly unspecifiedId: number;
  private defaultsList: ReturnType<typeof loadDefaults> | null = null;
  private synonymsList: Synonyms | null;
  /** Per doc: its axes read from its title, packed, computed on first need (AXES_KNOWN marks computed). */
  private axesCache = new Int32Array(0);

  /** The engine over `tables`, with the word index prebuilt by `npm run tables` (or given). */
  constructor(
    private readonly tables: SearchSource,
    private readonly index: SearchIndex = readSearchIndex(tables),
    synonyms?: Synonyms,
  ) {
    this.synonymsList = synonyms ?? null;
    const docs = index.docStart.length - 1;
    this.system = new Uint8Array(docs);
    this.valid = new Uint32Array(docs);
    this.billable = new Uint32Array(docs);
    const lists: (readonly string[])[] = [];
    INDEXED_SYSTEMS.forEach((name, s) => {
      const rows = tables.searchRows(name);
      const from = index.systemStart[s];
      if (index.systemStart[s + 1] - from !== rows.codes.length) {
        throw new Error(
          `${TABLE_FILES.searchIndex}: ${index.systemStart[s + 1] - from} ${name} codes in the search index, ${rows.codes.length} in the tables; rebuild the tables (npm run tables)`,
        );
      }
      lists.push(rows.codes);
      this.system.fill(s, from, from + rows.codes.length);
      this.valid.set(rows.valid, from);
      this.billable.set(rows.billable, from);
    });
    this.codes = ([] as string[]).concat(...lists);
    this.vocabulary = index.vocabulary;
    this.contextWord = Uint8Array.from(this.vocabulary, (w) => (NEWBORN_WORDS.test(w) ? 1 : MATERNAL_WORDS.test(w) ? 2 : 0));
    this.wordFlags = Uint8Array.from(
      this.vocabulary,
      (w) =>
        (NEUTRAL.has(w) ? NEUTRAL_FLAG : 0) |
        (STOP.has(w) ? STOP_FLAG : 0) |
        (w === 'other' ? OTHER_FLAG : 0) |
        (w === 'specified' ? SPECIFIED_FLAG : 0) |
        (/^\d+$/.test(w) ? NUMBER_FLAG : 0),
    );
    this.toId = this.wordId.get('to') ?? -1;
    this.situationWord = Uint8Array.from(this.vocabulary, (w) => (SITUATION_WORDS.test(w) ? 1 : 0));
    this.withId = this.wordId.get('with') ?? -1;
    this.withoutId = this.wordId.get('without') ?? -1;
    this.notId = this.wordId.get('not') ?? -1;
    this.inId = this.wordId.get('in') ?? -1;
    this.orId = this.wordId.get('or') ?? -1;
    this.nosId = this.wordId.get('nos') ?? -1;
    this.separatorId = this.wordId.get(TERM_SEPARATOR) ?? -1;
    this.unspecifiedId = this.wordId.get('unspecified') ?? -1;
  }

  get size(): number {
    return this.codes.length;
  }

  /** The coder's vocabulary, read on first use (a few thousand rows: tens of ms, kept off the index read). */
  private synonyms(): Synonyms {
    return (this.synonymsList ??= loadSynonyms());
  }

  /**
   * Reads what the first word query would otherwise read: the vocabulary, the guideline
   * defaults and the typo index. The server runs it as a warm-up step after the handshake.
   */
  warmUp(): void {
    this.synonyms();
    this.defaultsList ??= loadDefaults();
    this.typos();
  }

  private releaseBit(date: string | undefined): number {
    const choice = date ? this.tables.releaseFor(date) : null;
    const id = choice && choice.kind !== 'none' ? choice.release.id : this.tables.releases[this.tables.releases.length - 1].id;
    return this.tables.releaseBit(id);
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    return this.find(query, options).results;
  }

  /** The results and, when some of the query matched nothing, a notice saying so ("no code matches 'xyz'"). */
  find(query: string, options: SearchOptions = {}): SearchAnswer {
    const limit = options.limit ?? 20;
    const q = query.trim();
    if (!q) return { results: [], notices: [] };
    if (options.system === 'cpt') {
      const results = this.searchCpt(q, limit);
      return { results, notices: results.length ? [] : [`no code matches '${q}'`] };
    }
    const bit = this.releaseBit(options.date);
    const sys = options.system ? SYSTEM_INDEX[options.system] : -1;
    const usable = (d: number) => (this.valid[d] & bit) !== 0 && (sys < 0 || this.system[d] === sys);
    const date = options.date ?? this.tables.releases[this.tables.releases.length - 1].start;
    // ICD-10-PCS (server/src/search/pcs): a code prefix gives the builder's next characters; a
    // procedure or root operation named gives the codes its words pick, ahead of the word search.
    const pcs =
      options.system === 'icd10pcs' || options.system === undefined
        ? this.pcsSearch()?.search(q, { releaseId: this.releaseId(options.date), limit, pcsOnly: options.system === 'icd10pcs' })
        : undefined;
    if (pcs?.kind === 'builder') return { results: pcs.hits.map((h) => this.pcsResult(h)), notices: [] };
    const byCode = this.byCodePrefix(q, usable, bit, limit, false);
    if (byCode) return byCode;
    const { systemStart } = this.index;
    const range: [number, number] = sys < 0 ? [0, this.codes.length] : [systemStart[sys], systemStart[sys + 1]];
    const scope: Scope = { usable, bit, date, limit, range, unknown: [], hcpcsOnly: options.system === 'hcpcs' };
    if (pcs?.kind === 'concept') {
      const procedures = pcs.hits.map((h) => this.pcsResult(h));
      // PCS only, or a query that is nothing but a procedure's name: the procedure's codes (and its
      // neighbours), the word search only to fill a short list.
      if (options.system === 'icd10pcs' || pcs.only) {
        if (procedures.length >= limit) return { results: procedures, notices: [] };
        const seen = new Set(procedures.map((r) => r.code));
        return { results: [...procedures, ...this.byCondition(q, scope).filter((r) => !seen.has(r.code))].slice(0, limit), notices: [] };
      }
      // All systems: the query may be a diagnosis or a supply after all ("insulin 5 units"), so the
      // two lists alternate — the procedure's codes first when a procedure was named.
      const other = this.byCondition(q, scope);
      const [a, b] = pcs.named ? [procedures, other] : [other, procedures];
      const out: SearchResult[] = [];
      const seen = new Set<string>();
      for (let i = 0; out.length < limit && (i < a.length || i < b.length); i++)
        for (const r of [a[i], b[i]])
          if (r && !seen.has(r.code) && out.length < limit) {
            out.push(r);
            seen.add(r.code);
          }
      return { results: out, notices: [] };
    }
    const results = this.byCondition(q, scope);
    // A code that does not exist ("I50.99", "B12" that no title word explains): its category.
    if (!results.length) {
      const category = this.byCodePrefix(q, usable, bit, limit, true);
      if (category) return category;
    }
    const unknown = [...new Set(scope.unknown)];
    return { results, notices: unknown.length ? [`no code matches '${unknown.join(' ')}'`] : [] };
  }

  /**
   * How many codes (in any release; of one system when given) a vocabulary target reaches: title
   * words (each as a word, word prefix or inflection; all of them) or a code or category
   * ("@N39.0", "@I61"). For checking the vocabulary: a target that reaches nothing is a mistake.
   */
  countTarget(target: string, system?: Exclude<CodeSystem, 'cpt'>): number {
    const sys = system ? SYSTEM_INDEX[system] : -1;
    const range: [number, number] = sys < 0 ? [0, this.codes.length] : [this.index.systemStart[sys], this.index.systemStart[sys + 1]];
    const touched: number[] = [];
    const t = target.trim();
    if (t.startsWith('@')) this.markCodes([t.slice(1).replace(/\./g, '').toUpperCase()], 0, touched, range);
    else this.markTerm([words(t)], 0, touched, range);
    for (const d of touched) {
      this.termHits[d] = 0;
      this.termStamp[d] = 0;
    }
    return touched.length;
  }

  private pcs: PcsSearch | null | undefined;
  /** Why the PCS tables could not be read (search then works without them). */
  pcsError: string | null = null;

  /** The PCS search (its vocabulary and tables read on first use); null when they cannot be read. */
  private pcsSearch(): PcsSearch | null {
    this.warmPcsPart('tables');
    return this.pcs ?? null;
  }

  private warmPcsPart(part: 'vocabulary' | 'tables'): void {
    if (this.pcs === null) return;
    try {
      this.pcs ??= new PcsSearch(this.tables);
      if (part === 'tables') this.pcs.structure();
    } catch (e) {
      this.pcs = null;
      this.pcsError = (e as Error).message;
    }
  }

  /**
   * Reads the PCS vocabulary, then (`tables`) the PCS tables now — two warm-up steps of tens of ms
   * each; throws why they could not be read.
   */
  warmPcs(part: 'vocabulary' | 'tables' = 'tables'): void {
    this.warmPcsPart(part);
    if (this.pcs === null && this.pcsError) throw new Error(this.pcsError);
  }

  /** The PCS builder step after a code prefix, in the release of `date` (null when no valid code begins with it). */
  pcsBuilder(prefix: string, date?: string): ReturnType<PcsSearch['builderStep']> {
    return this.pcsSearch()?.builderStep(prefix, this.releaseId(date)) ?? null;
  }

  private releaseId(date: string | undefined): string {
    const choice = date ? this.tables.releaseFor(date) : null;
    return choice && choice.kind !== 'none' ? choice.release.id : this.tables.releases[this.tables.releases.length - 1].id;
  }

  private pcsResult(h: PcsHit): SearchResult {
    const r: SearchResult = { code: h.code, display: h.code, title: h.title, billable: h.complete, system: 'icd10pcs', score: h.score };
    if (h.builder) r.builder = h.builder;
    return r;
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

  /**
   * A query shaped like a code (I50.2, e1122, 0FT4, j18): the codes under that prefix. A code
   * that does not exist falls back to its longest existing prefix — the category — and says so.
   */
  private byCodePrefix(q: string, usable: (d: number) => boolean, bit: number, limit: number, category: boolean): SearchAnswer | null {
    const c = q.replace(/[.\s]/g, '').toUpperCase();
    const codeLike = /^[A-Z]\d[0-9A-Z]{0,5}$/.test(c) || /^\d[0-9A-Z]{1,6}$/.test(c);
    if (!codeLike) return null;
    for (let prefix = c; prefix.length >= (category ? 3 : c.length); prefix = prefix.slice(0, -1)) {
      const hits: number[] = [];
      for (let i = this.firstInCodeOrder(prefix); i < this.index.codeOrder.length && this.codes[this.index.codeOrder[i]].startsWith(prefix); i++)
        if (usable(this.index.codeOrder[i])) hits.push(this.index.codeOrder[i]);
      if (!hits.length) continue;
      // Billable codes before headers (headers stay reachable for drilling down); the exact code
      // first among its kind; then shorter codes, in code order.
      const rank = (id: number) => (this.billable[id] & bit ? 0 : 100) + (this.codes[id] === prefix ? 0 : 1 + this.codes[id].length);
      const results = hits
        .sort((a, b) => rank(a) - rank(b) || (this.codes[a] < this.codes[b] ? -1 : 1))
        .slice(0, limit)
        .map((id) => this.result(id, bit, 1));
      const shown = results[0].system === 'icd10cm' && prefix.length > 3 ? `${prefix.slice(0, 3)}.${prefix.slice(3)}` : prefix;
      return { results, notices: prefix === c ? [] : [`no code ${q.trim().toUpperCase()}; codes under ${shown}`] };
    }
    return null;
  }

  /**
   * "X due to Y" (secondary to, caused by, d/t, 2/2): one code for both when the classification
   * has a combination code (every word met: "pneumonia due to e coli" → J15.5); otherwise the
   * codes for X and for Y, alternately, X first ("uti due to e coli" → N39.0, then the E. coli
   * codes), as the coder will code both.
   */
  private byCondition(q: string, scope: Scope): SearchResult[] {
    q = q.replace(/\bd\/t\b|\b2\/2\b/gi, ' due to ');
    const whole = this.byWords(q, scope);
    const split = splitAtCause(q);
    if (!split || whole.complete) return whole.results;
    const condition = this.byWords(split.condition, scope).results;
    // A wider net for the cause, so the codes the condition's note asks for are among them.
    let cause = this.byWords(split.cause, { ...scope, limit: Math.max(scope.limit, 100) }).results;
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

  /** The query's terms: vocabulary phrases, then axis words, doses and soft words told apart. */
  private queryTerms(q: string, hcpcsOnly: boolean): { terms: QueryTerm[]; axes: QueryAxes } {
    const qwords = words(q.replace(/\bw\/o\b/gi, ' without ').replace(/\bw\//gi, ' with '));
    // Spelling first, so a corrected word gets its vocabulary too ("diabeties" → diabetes → diabetes mellitus).
    const corrected = new Map<number, Near[]>();
    const typed = [...qwords];
    qwords.forEach((w, i) => {
      if (w.length < 4 || /\d/.test(w) || this.synonyms().knows(w)) return;
      // A word with an exact or inflected match is no typo; one with only prefix matches is
      // corrected when a word is a letter or two away ("pyelonephritus"; "hart" → heart).
      const matches = this.wordMatches(w);
      if ([...matches.values()].some((q) => q >= 0.9)) return;
      const near = this.typos().near(w);
      if (!near.length || (matches.size && near[0].quality < 0.75)) return;
      corrected.set(i, near);
      qwords[i] = near[0].word;
    });
    const expanded = this.synonyms().expand(qwords);
    for (const t of expanded) {
      if (t.length !== 1 || !corrected.has(t.start)) continue;
      t.fuzzy = corrected.get(t.start);
      // The word as typed still counts (a word being typed: its prefix matches).
      if (this.wordMatches(typed[t.start]).size) t.alternatives = [...t.alternatives, [typed[t.start]]];
    }
    // "non infectious" typed apart, where a title writes "noninfectious": one term, both spellings.
    for (let k = 0; k + 1 < expanded.length; k++) {
      const [a, b] = [expanded[k], expanded[k + 1]];
      if (a.listed || b.listed || a.length !== 1 || b.length !== 1 || !/^(non|un|semi|post|pre|anti|intra|extra|peri|sub|multi)$/.test(a.text)) continue;
      if (!this.wordId.has(a.text + b.text)) continue;
      expanded.splice(k, 2, { ...a, text: `${a.text} ${b.text}`, alternatives: [[a.text, b.text], [a.text + b.text]], length: 2 });
    }
    const blocked = new Set<number>();
    for (const t of expanded) if (t.length > 1) for (let k = t.start; k < t.start + t.length; k++) blocked.add(k);
    const axes = queryAxes(qwords, blocked);
    const terms = expanded.map((t): QueryTerm => {
      let kind: QueryTerm['kind'] = 'word';
      if (t.length === 1 && axes.consumed.has(t.start)) kind = 'axis';
      else if (SOFT.has(t.text) || (t.length === 1 && axes.gestation.has(t.start))) kind = 'soft';
      // "unsp", "nos": what a title says by default; it ranks ("…, unspecified") but never filters.
      else if (NEUTRAL.has(t.text) || (t.listed && t.codes.length === 0 && t.alternatives.slice(1).every((alt) => alt.every((w) => NEUTRAL.has(w)))))
        kind = 'soft';
      else if (/^\d+$/.test(t.text) && (UNITS.has(qwords[t.start + 1] ?? '') || hcpcsOnly || qwords[t.start - 1] === 'per')) kind = 'dose';
      else if (UNITS.has(t.text) && /^\d+$/.test(qwords[t.start - 1] ?? '')) kind = 'dose';
      const absent =
        /^(without|no|not|non)$/.test(qwords[t.start - 1] ?? '') || (t.start >= 2 && qwords[t.start - 2] === 'without' && qwords[t.start - 1] === 'or');
      return { ...t, kind, absent };
    });
    return { terms, axes };
  }

  /** Docs meeting the most query terms, best first; `complete` when they meet every term. */
  private byWords(q: string, scope: Scope): { results: SearchResult[]; complete: boolean } {
    const { usable, bit, limit, range } = scope;
    const { terms, axes } = this.queryTerms(q, scope.hcpcsOnly);
    const allStop = (t: QueryTerm) => t.codes.length === 0 && t.alternatives.every((alt) => alt.every((w) => STOP.has(w)));
    const narrowing = terms.filter((t) => t.kind === 'word' && !allStop(t));
    // A query of only axis, dose or soft words still searches by them.
    const searched = narrowing.length ? narrowing : terms.filter((t) => !allStop(t) && t.kind !== 'dose');
    if (searched.length === 0) return { results: [], complete: false };
    if (!narrowing.length) for (const t of searched) if (t.kind === 'axis') t.alternatives = [...t.alternatives, ...axisWords(axes.axes).map((w) => [w])];
    // What each term matches (posting lists, code ranges), with the fallbacks for a term that
    // matches nothing: the other spelling, a run-together word, the nearest words.
    const matches = searched.map((t) => {
      // A word written run together or hyphenated ("noninfectious" / "non-infectious"): both spellings.
      const spelling = this.otherSpelling(t);
      if (spelling) t.alternatives = [...t.alternatives, spelling];
      let m = this.termMatch(t.alternatives, t.codes, range);
      if (m.size > 0 || /\d/.test(t.text)) return m;
      // A word run together that the titles keep apart: two vocabulary words.
      const parts = t.length === 1 ? this.compound(t.text) : null;
      if (parts) {
        t.alternatives = [...t.alternatives, parts];
        m = this.termMatch(t.alternatives, t.codes, range);
      }
      // Typo tolerance: a term that matches nothing gets its nearest vocabulary words.
      if (m.size === 0 && t.text.length >= 4) {
        t.fuzzy = this.typos().near(t.text);
        m = this.termMatch([...t.alternatives, ...t.fuzzy.map((w) => [w.word])], t.codes, range);
      }
      if (m.size === 0 && t.kind === 'word') scope.unknown.push(t.text);
      return m;
    });
    const { candidates, best } = this.candidates(matches, usable, bit);
    if (best === 0) return { results: [], complete: false };
    const matcher = this.matcher(
      terms.filter((t) => (t.kind === 'axis' ? !narrowing.length : !allStop(t))),
      axes,
      terms,
    );
    const scored = this.bounded(candidates, bit).map((id) => ({ id, score: this.score(id, matcher, bit) }));
    scored.sort((a, b) => b.score - a.score || (this.codes[a.id] < this.codes[b.id] ? -1 : 1));
    this.ancestorNos(scored, matcher);
    this.headersAfterChildren(scored, bit, limit);
    return { results: scored.slice(0, limit).map((s) => this.result(s.id, bit, s.score)), complete: best === searched.length };
  }

  /**
   * The docs meeting the most terms (with, when hardly any meets them all, those missing one).
   * The common case is fast: the rarest term's docs are listed and each other term is tested by
   * binary search in its posting lists, so a common word ("fracture": 50,000 codes) is never
   * walked; only when fewer than five codes meet every term are the terms counted doc by doc.
   */
  private candidates(matches: TermMatch[], usable: (d: number) => boolean, bit: number): { candidates: number[]; best: number } {
    const n = matches.length;
    const order = matches.map((_, i) => i).sort((a, b) => matches[a].size - matches[b].size);
    if (matches[order[0]].size > 0) {
      const all: number[] = [];
      for (const d of this.listTerm(matches[order[0]])) {
        if (!usable(d)) continue;
        let ok = true;
        for (let j = 1; j < n && ok; j++) ok = this.meets(matches[order[j]], d);
        if (ok) all.push(d);
      }
      if (all.length >= 5 || n === 1) return { candidates: all, best: all.length ? n : 0 };
    }
    // Few or no codes meet every term: count the terms each code meets.
    const touched: number[] = [];
    this.ensureScratch();
    matches.forEach((m, i) => {
      for (const d of this.listTerm(m)) {
        if (this.termStamp[d] === i + 1) continue;
        if (this.termHits[d] === 0) touched.push(d);
        this.termStamp[d] = i + 1;
        this.termHits[d]++;
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
    // Hardly any code meets every term: the codes that miss one fill the list after them, so the
    // coder still sees the neighbours (bounded: scoring thousands would cost the keystroke budget).
    if (candidates.length < 5 && nearMisses.length <= NEAR_MISS_LIMIT) candidates.push(...this.bounded(nearMisses, bit, NEAR_MISSES_SCORED));
    return { candidates, best };
  }

  /**
   * At most MAX_SCORED candidates are scored: for a query as broad as one common word, the
   * billable codes with the shortest titles (the fewest words the query leaves unexplained, which
   * is what the score would prefer) are kept.
   */
  private bounded(candidates: number[], bit: number, max = MAX_SCORED): number[] {
    if (candidates.length <= max) return candidates;
    const { extraStart } = this.index;
    const key = (d: number) => (this.billable[d] & bit ? 0 : 64) + Math.min(63, extraStart[d]);
    const buckets: number[][] = Array.from({ length: 128 }, () => []);
    for (const d of candidates) buckets[key(d)].push(d);
    const out: number[] = [];
    for (const b of buckets) {
      for (const d of b) {
        if (out.length >= max) return out;
        out.push(d);
      }
    }
    return out;
  }

  private readonly matchLists = new Map<string, TermMatch>();

  /** What a term matches within `range`: per alternative, per word, the posting lists of the words meeting it; and the doc ranges of its codes. Remembered (typing repeats terms). */
  private termMatch(alternatives: string[][], codes: string[], range: [number, number]): TermMatch {
    const key = `${range[0]}:${JSON.stringify(alternatives)}:${codes.join(',')}`;
    const known = this.matchLists.get(key);
    if (known) return known;
    const alts: Int32Array[][][] = [];
    let size = 0;
    for (const alt of alternatives) {
      const content = alt.filter((w) => !STOP.has(w));
      if (!content.length) continue;
      const wordLists = content.map((w) =>
        this.matchingWordIds(w)
          .map((id) => this.postingsIn(id, range))
          .filter((l) => l.length > 0),
      );
      if (wordLists.some((l) => l.length === 0)) continue;
      // Listed by its rarest word.
      wordLists.sort((a, b) => a.reduce((x, l) => x + l.length, 0) - b.reduce((x, l) => x + l.length, 0));
      alts.push(wordLists);
      size += wordLists[0].reduce((x, l) => x + l.length, 0);
    }
    const ranges: [number, number][] = [];
    for (const prefix of codes) {
      // Within a system, docs are in code order: a code prefix is a run of doc ids.
      for (let s = 0; s < INDEXED_SYSTEMS.length; s++) {
        const from = Math.max(range[0], this.index.systemStart[s]);
        const to = Math.min(range[1], this.index.systemStart[s + 1]);
        if (from >= to) continue;
        const lo = this.lowerCode(prefix, from, to);
        const hi = this.lowerCode(prefix + '\uffff', lo, to);
        if (hi > lo) {
          ranges.push([lo, hi]);
          size += hi - lo;
        }
      }
    }
    const m: TermMatch = { alts, ranges, size };
    if (this.matchLists.size > 500) this.matchLists.clear();
    this.matchLists.set(key, m);
    return m;
  }

  /** The first doc in [from, to) whose code is ≥ `code` (docs of one system are in code order). */
  private lowerCode(code: string, from: number, to: number): number {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.codes[mid] < code) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Does doc `d` meet the term (any alternative: each word in one of its posting lists; or a code range)? */
  private meets(m: TermMatch, d: number): boolean {
    for (const [lo, hi] of m.ranges) if (d >= lo && d < hi) return true;
    for (const words of m.alts) {
      let all = true;
      for (const lists of words) {
        let found = false;
        for (const list of lists) {
          let lo = 0;
          let hi = list.length;
          while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (list[mid] < d) lo = mid + 1;
            else hi = mid;
          }
          if (lo < list.length && list[lo] === d) {
            found = true;
            break;
          }
        }
        if (!found) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }

  /** The docs meeting a term, each once (unsorted): each alternative's rarest word's docs that have its other words too, and the code ranges. */
  private listTerm(m: TermMatch): number[] {
    this.ensureScratch();
    const serial = ++this.altSerial;
    const out: number[] = [];
    const add = (d: number) => {
      if (this.altStamp[d] !== serial) {
        this.altStamp[d] = serial;
        out.push(d);
      }
    };
    for (const [lo, hi] of m.ranges) for (let d = lo; d < hi; d++) add(d);
    for (const words of m.alts) {
      const rest: TermMatch = { alts: [words.slice(1)], ranges: [], size: 0 };
      for (const list of words[0]) {
        for (let k = 0; k < list.length; k++) {
          const d = list[k];
          if (this.altStamp[d] === serial) continue;
          if (words.length === 1 || this.meets(rest, d)) add(d);
        }
      }
    }
    return out;
  }

  /**
   * The other spelling of a word with a prefix that titles write both run together and hyphenated
   * ("noninfectious" in H20.04-, "non-infectious" in R65.10): the split or the joined words.
   */
  private otherSpelling(t: QueryTerm): string[] | null {
    const m = /^(non|un|semi|post|pre|anti|intra|extra|peri|sub|multi)(.{4,})$/.exec(t.text);
    if (t.length === 1 && m && this.wordId.has(m[2])) return [m[1], m[2]];
    return null;
  }

  /**
   * A header that outranks its own billable codes goes right after the best of them: the coder
   * sees the code to pick first, its header (to drill down) next to it.
   */
  private headersAfterChildren(scored: { id: number; score: number }[], bit: number, limit: number): void {
    const top = Math.min(scored.length, limit + 20);
    let moved = false;
    for (let i = 0; i < top; i++) {
      const h = scored[i];
      if (this.billable[h.id] & bit) continue;
      const prefix = this.codes[h.id];
      const child = scored.find((x) => x.id !== h.id && this.billable[x.id] & bit && this.codes[x.id].startsWith(prefix));
      if (child && child.score < h.score && child.score >= h.score - 2) {
        h.score = child.score - 0.001;
        moved = true;
      }
    }
    if (moved) scored.sort((a, b) => b.score - a.score || (this.codes[a.id] < this.codes[b.id] ? -1 : 1));
  }

  /** Two vocabulary words a run-together query word is made of ("noninfectious" → non infectious), or null. */
  private compound(w: string): string[] | null {
    if (w.length < 6) return null;
    for (let i = 2; i <= w.length - 3; i++) {
      const a = w.slice(0, i);
      const b = w.slice(i);
      if (this.wordId.has(a) && this.wordId.has(b)) return [a, b];
    }
    return null;
  }

  private typoIndex: TypoIndex | null = null;

  /** The typo index over the vocabulary (built on the first misspelling: a few ms). */
  private typos(): TypoIndex {
    if (!this.typoIndex) {
      const { postingStart } = this.index;
      this.typoIndex = new TypoIndex(this.vocabulary, (id) => postingStart[id + 1] - postingStart[id]);
    }
    return this.typoIndex;
  }

  /** Per-doc scratch space for one query: terms met, and the last term that counted. */
  private termHits = new Uint8Array(0);
  private termStamp = new Int32Array(0);
  private altCount = new Int32Array(0);
  private altStamp = new Int32Array(0);
  private altSerial = 0;

  private ensureScratch(): void {
    if (this.termHits.length !== this.codes.length) {
      this.termHits = new Uint8Array(this.codes.length);
      this.termStamp = new Int32Array(this.codes.length);
      this.altCount = new Int32Array(this.codes.length);
      this.altStamp = new Int32Array(this.codes.length);
    }
  }

  /** Marks the docs meeting term `i` (any alternative: all its words, as words, prefixes or inflections); returns whether any did. */
  private markTerm(alternatives: string[][], i: number, touched: number[], range: [number, number]): boolean {
    this.ensureScratch();
    const { altStamp, altCount, termStamp, termHits } = this;
    let any = false;
    for (const alt of alternatives) {
      const content = alt.filter((w) => !STOP.has(w));
      if (content.length === 0) continue;
      // Each word's docs, cut to the searched system's doc range (docs are numbered system by system).
      const lists = content.map((w) => this.matchingWordIds(w).map((id) => this.postingsIn(id, range)));
      const sizes = lists.map((docLists) => docLists.reduce((a, p) => a + p.length, 0));
      if (sizes.some((n) => n === 0)) continue;
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

  /** Marks the docs under any of the code prefixes (a code or a category) as meeting term `i`; returns whether any did. */
  private markCodes(prefixes: string[], i: number, touched: number[], [from, to]: [number, number]): boolean {
    this.ensureScratch();
    const { termStamp, termHits } = this;
    let any = false;
    for (const prefix of prefixes) {
      for (let k = this.firstInCodeOrder(prefix); k < this.index.codeOrder.length; k++) {
        const d = this.index.codeOrder[k];
        if (!this.codes[d].startsWith(prefix)) break;
        if (d < from || d >= to) continue;
        any = true;
        if (termStamp[d] === i + 1) continue;
        if (termHits[d] === 0) touched.push(d);
        termStamp[d] = i + 1;
        termHits[d]++;
      }
    }
    return any;
  }

  /** The position in code order of the first code ≥ `code`. */
  private firstInCodeOrder(code: string): number {
    let lo = 0;
    let hi = this.index.codeOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.codes[this.index.codeOrder[mid]] < code) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The docs of word `id` within [from, to) (postings are ascending: two binary searches). */
  private postingsIn(id: number, [from, to]: [number, number]): Int32Array {
    const { postings, postingStart } = this.index;
    return postings.subarray(
      lowerBoundOf(postings, from, postingStart[id], postingStart[id + 1]),
      lowerBoundOf(postings, to, postingStart[id], postingStart[id + 1]),
    );
  }

  /** The first position in the sorted vocabulary of a word ≥ `prefix`. */
  private firstWordFrom(prefix: string): number {
    return lowerBound(0, this.index.sortedWords.length, (i) => this.vocabulary[this.index.sortedWords[i]] < prefix);
  }

  private readonly matchCache = new Map<string, Map<number, number>>();

  /**
   * Vocabulary words meeting the query word `w`, with how well: the word itself 1; the same stem
   * (an inflection: "wheels" ~ "wheeled") 0.9; a word it begins (3+ letters) 0.8; for long words,
   * a word sharing all but its last 3 letters and of about its length ("hypertension" ~
   * "hypertensive") 0.7. Remembered per word.
   */
  private wordMatches(w: string): Map<number, number> {
    let m = this.matchCache.get(w);
    if (m) return m;
    m = new Map();
    const exact = this.wordId.get(w);
    if (exact !== undefined) m.set(exact, 1);
    if (w.length >= 3 && !/^\d+$/.test(w)) {
      const sorted = this.index.sortedWords;
      for (let i = this.firstWordFrom(w); i < sorted.length && this.vocabulary[sorted[i]].startsWith(w); i++) if (!m.has(sorted[i])) m.set(sorted[i], 0.8);
      const s = stem(w);
      if (s.length >= 3 && s !== w) {
        for (let i = this.firstWordFrom(s); i < sorted.length && this.vocabulary[sorted[i]].startsWith(s); i++) {
          if (stem(this.vocabulary[sorted[i]]) === s && (m.get(sorted[i]) ?? 0) < 0.9) m.set(sorted[i], 0.9);
        }
      } else if (s.length >= 4) {
        // w is its own stem ("fracture" → "fractur"; "wheel"): its inflections begin with the stem.
        for (let i = this.firstWordFrom(s); i < sorted.length && this.vocabulary[sorted[i]].startsWith(s); i++) {
          if (stem(this.vocabulary[sorted[i]]) === stem(w) && (m.get(sorted[i]) ?? 0) < 0.9) m.set(sorted[i], 0.9);
        }
      }
      if (w.length >= 10) {
        // The same root with another ending ("hypertension" ~ "hypertensive", "diabetes" ~ "diabetic"): at most two letters differ.
        const root = w.slice(0, w.length - 3);
        for (let i = this.firstWordFrom(root); i < sorted.length && this.vocabulary[sorted[i]].startsWith(root); i++) {
          const v = this.vocabulary[sorted[i]];
          if (!m.has(sorted[i]) && Math.abs(v.length - w.length) <= 2 && editDistance(v.slice(root.length), w.slice(root.length), 2) <= 2)
            m.set(sorted[i], 0.7);
        }
      }
    }
    if (this.matchCache.size > 20000) this.matchCache.clear();
    this.matchCache.set(w, m);
    return m;
  }

  /** Word ids meeting `w` (see wordMatches). */
  private matchingWordIds(w: string): number[] {
    return [...this.wordMatches(w).keys()];
  }

  /** The stems of the title words of a code or category, as the concept a term stands for ("@I61": nontraumatic intracerebral hemorrhage); null when the tables have no such code. */
  private conceptWords(prefix: string): Set<string> | null {
    const known = this.conceptCache.get(prefix);
    if (known !== undefined) return known;
    const k = this.firstInCodeOrder(prefix);
    const doc = k < this.index.codeOrder.length ? this.index.codeOrder[k] : -1;
    let out: Set<string> | null = null;
    if (doc >= 0 && this.codes[doc] === prefix) {
      out = new Set();
      const { docStart, docWords, extraStart } = this.index;
      for (let p = docStart[doc]; p < docStart[doc] + extraStart[doc]; p++) out.add(this.stemOf(docWords[p] < 0 ? ~docWords[p] : docWords[p]));
    }
    this.conceptCache.set(prefix, out);
    return out;
  }

  private readonly conceptCache = new Map<string, Set<string> | null>();

  /** The per-query matcher: which doc words meet which term words, and how well. */
  private matcher(terms: QueryTerm[], axes: QueryAxes, allTerms: QueryTerm[] = terms): Matcher {
    const hits = new Map<number, { slot: number; q: number }[]>();
    const alts: Matcher['alts'] = [];
    const concepts: Matcher['concepts'] = [];
    let slots = 0;
    terms.forEach((t, ti) => {
      const list: Matcher['alts'][number] = [];
      const sources = t.fuzzy
        ? [
            ...t.alternatives.map((a, i) => ({ words: a, factor: i === 0 ? 1 : 1 - SENSE_STEP * (i - 1) })),
            ...t.fuzzy.map((f: Near, i: number) => ({ words: [f.word], factor: 0.75 * f.quality * (1 - 0.08 * i) })),
          ]
        : t.alternatives.map((a, i) => ({ words: a, factor: i === 0 ? (t.listed ? LITERAL_FACTOR : 1) : 1 - SENSE_STEP * (i - 1) }));
      for (const src of sources) {
        const content = src.words.filter((w) => !STOP.has(w));
        if (!content.length) continue;
        const from = slots;
        for (const w of content) {
          const slot = slots++;
          for (const [id, q] of this.wordMatches(w)) {
            let l = hits.get(id);
            if (!l) hits.set(id, (l = []));
            l.push({ slot, q });
          }
        }
        list.push({ term: ti, from, to: slots, factor: src.factor });
      }
      alts.push(list);
      const senses = Math.max(0, t.alternatives.length - 1);
      t.codes.forEach((prefix, i) =>
        concepts.push({ term: ti, prefix, factor: CONCEPT_QUALITY - SENSE_STEP * (senses + i), words: this.conceptWords(prefix) }),
      );
    });
    const toIds = (ws: Iterable<string>) => new Set([...ws].map((w) => this.wordId.get(w)).filter((x): x is number => x !== undefined));
    const texts = allTerms.flatMap((t) => t.alternatives.flat());
    // The hits by word id in typed arrays stamped with this query's serial: scoring a code reads
    // two arrays per title word instead of a map lookup.
    const serial = ++this.querySerial;
    if (this.hitStamp.length !== this.vocabulary.length) {
      this.hitStamp = new Int32Array(this.vocabulary.length);
      this.hitFirst = new Int32Array(this.vocabulary.length);
      this.hitCount = new Int32Array(this.vocabulary.length);
      this.flagStamp = new Int32Array(this.vocabulary.length);
      this.queryFlag = new Uint8Array(this.vocabulary.length);
    }
    let total = 0;
    for (const l of hits.values()) total += l.length;
    if (this.hitSlot.length < total) {
      this.hitSlot = new Int32Array(total * 2);
      this.hitQ = new Float32Array(total * 2);
    }
    let at = 0;
    for (const [id, l] of hits) {
      this.hitStamp[id] = serial;
      this.hitFirst[id] = at;
      this.hitCount[id] = l.length;
      for (const h of l) {
        this.hitSlot[at] = h.slot;
        this.hitQ[at++] = h.q;
      }
    }
    const axisWordIds = toIds([...axisWords(axes.axes), ...(axes.axes.side === 1 || axes.axes.side === 2 ? ['unilateral'] : [])]);
    const defaultWordIds = toIds(defaultAxisWords(axes.axes));
    for (const id of [...axisWordIds, ...defaultWordIds]) {
      this.flagStamp[id] = serial;
      this.queryFlag[id] = 1;
    }
    return {
      serial,
      terms,
      alts,
      slots,
      concepts,
      axes,
      saysWith: texts.includes('with'),
      saysWithout: texts.includes('without') || texts.includes('not') || texts.includes('no'),
      saysContext:
        (texts.some((w) => NEWBORN_WORDS.test(w)) ? 1 : 0) |
        (texts.some((w) => MATERNAL_WORDS.test(w)) || axes.axes.trimester !== 0 || axes.axes.fetus !== 0 ? 2 : 0),
      saysSituation: new Set(texts.filter((w) => SITUATION_WORDS.test(w))),
      qualifies: texts.some((w) => w === 'other' || w === 'specified'),
      defaults: this.activeDefaults(terms),
    };
  }

  /** A doc's axes, read from its title words (remembered, packed: 4 bytes a code). */
  private docAxes(doc: number): Axes {
    if (this.axesCache.length !== this.codes.length) this.axesCache = new Int32Array(this.codes.length);
    let v = this.axesCache[doc];
    if (!(v & AXES_KNOWN)) {
      const { docStart, docWords, extraStart } = this.index;
      const ws: string[] = [];
      for (let p = docStart[doc]; p < docStart[doc] + extraStart[doc]; p++) ws.push(this.vocabulary[docWords[p] < 0 ? ~docWords[p] : docWords[p]]);
      v = packAxes(titleAxes(ws)) | AXES_KNOWN;
      this.axesCache[doc] = v;
    }
    return unpackAxes(v, this.axesScratch);
  }

  private readonly axesScratch: Axes = { ...NO_AXES };

  /** Set by tests and tools: the parts of each scored code's score, by code. */
  explain: Map<string, Record<string, unknown>> | null = null;

  private querySerial = 0;
  private hitStamp = new Int32Array(0);
  private hitFirst = new Int32Array(0);
  private hitCount = new Int32Array(0);
  private hitSlot = new Int32Array(0);
  private hitQ = new Float32Array(0);
  private flagStamp = new Int32Array(0);
  private queryFlag = new Uint8Array(0);
  private usedAt = new Int32Array(256);
  private absentAt = new Int32Array(256);
  private termFirst = new Int32Array(64);
  private usedSerial = 0;
  private stems: string[] = [];

  /** The stem of vocabulary word `id` (remembered). */
  private stemOf(id: number): string {
    return (this.stems[id] ??= stem(this.vocabulary[id]));
  }

  private slotBest = new Float32Array(64);
  private slotPos = new Int32Array(64);

  /**
   * Relevance: how well each query term is met (exact word > inflection > word prefix > typo; a
   * vocabulary concept as well as an exact word), how much of the title the query leaves
   * unexplained (default titles first), the injury and obstetric axes, billable before headers,
   * terms in the order typed.
   */
  private score(doc: number, m: Matcher, bit: number): number {
    const { docStart, docWords, extraStart: extraStarts, headEnd: headEnds } = this.index;
    const start = docStart[doc];
    const end = docStart[doc + 1];
    const extraFrom = extraStarts[doc];
    const headEnd = headEnds[doc];
    if (this.slotBest.length < m.slots) {
      this.slotBest = new Float32Array(m.slots * 2);
      this.slotPos = new Int32Array(m.slots * 2);
    }
    const best = this.slotBest;
    const pos = this.slotPos;
    const code = this.codes[doc];
    best.fill(0, 0, m.slots);
    pos.fill(-1, 0, m.slots);
    const { hitStamp, hitFirst, hitCount, hitSlot, hitQ } = this;
    for (let p = start; p < end; p++) {
      const id = docWords[p] < 0 ? ~docWords[p] : docWords[p];
      if (hitStamp[id] !== m.serial) continue;
      const k = p - start;
      const factor = k >= extraFrom ? 0.85 : 1;
      for (let h = hitFirst[id], last = h + hitCount[id]; h < last; h++) {
        const q = hitQ[h] * factor;
        const slot = hitSlot[h];
        if (q > best[slot]) {
          best[slot] = q;
          pos[slot] = k;
        }
      }
    }
    const nos = this.nosTerm(doc, m, code);
    // The title positions a query term explains (a stamp per position: no allocation per doc).
    const n = end - start;
    if (this.usedAt.length < n) this.usedAt = new Int32Array(n * 2);
    if (this.absentAt.length < n) this.absentAt = new Int32Array(n * 2);
    if (this.termFirst.length < m.terms.length) this.termFirst = new Int32Array(m.terms.length * 2);
    const usedAt = this.usedAt;
    const absentAt = this.absentAt;
    const serial = ++this.usedSerial;
    let total = 0;
    let weightSum = 0;
    let lastPos = -1;
    let inOrder = 0;
    let counted = 0;
    let namesHead = false;
    for (let ti = 0; ti < m.terms.length; ti++) {
      const t = m.terms[ti];
      const weight = t.kind === 'soft' ? 0.25 : t.kind === 'dose' ? 0.3 : t.kind === 'axis' ? 0 : 1;
      let bestQ = 0;
      let from = -1;
      let to = -1;
      for (const alt of m.alts[ti]) {
        let q = 0;
        for (let sl = alt.from; sl < alt.to; sl++) q += best[sl];
        q = (q / (alt.to - alt.from)) * alt.factor;
        if (q > bestQ) {
          bestQ = q;
          from = alt.from;
          to = alt.to;
        }
      }
      let first = -1;
      let concept: Matcher['concepts'][number] | null = null;
      // A term standing for this code or its category (a vocabulary concept): the concept's own
      // title words (the category's title) are explained; what the code adds to them is not.
      for (const c of m.concepts)
        if (c.term === ti && c.factor > bestQ && code.startsWith(c.prefix)) {
          bestQ = c.factor;
          concept = c;
        }
      if (concept) {
        for (let k = 0; k < extraFrom; k++) {
          const id = docWords[start + k] < 0 ? ~docWords[start + k] : docWords[start + k];
          if (concept.words ? concept.words.has(this.stemOf(id)) : k < headEnd) {
            usedAt[k] = serial;
            if (first < 0) first = k;
          }
        }
        if (first < 0) first = 0;
      } else {
        for (let sl = from; sl >= 0 && sl < to; sl++) {
          const k = pos[sl];
          if (k < 0) continue;
          usedAt[k] = serial;
          if (first < 0 || k < first) first = k;
        }
      }
      if (first >= 0 && first < headEnd) namesHead = true;
      this.termFirst[ti] = first;
      if (weight === 0) continue;
      weightSum += weight;
      total += bestQ * weight;
      counted++;
      if (first >= 0) {
        if (first > lastPos) inOrder++;
        lastPos = first;
      }
    }
    const coverage = weightSum > 0 ? total / weightSum : 0;
    // Title words the query leaves unexplained count against a title, except neutral words,
    // nonessential (parenthesised) ones, what follows "unspecified as to" (more non-specificity),
    // what the title says is absent ("without …", up to a "with"), and the default value of an
    // axis the query is silent on ("displaced", "closed").
    let unexplained = 0;
    let negated = 0;
    let afterUnspecifiedAsTo = false;
    let titleSaysWith = false;
    let titleSaysWithout = false;
    let inWithout = false;
    let inWith = false;
    let afterOr = false;
    let titleContext = 0;
    let situation = 0;
    let unspecified = false;
    for (let k = 0; k < extraFrom; k++) {
      const raw = docWords[start + k];
      const id = raw < 0 ? ~raw : raw;
      // What follows "without" or "not" (up to a "with") is absent from the code: "without
      // perforation or abscess", "not having achieved remission", "not specified as primary or secondary".
      if (id === this.orId) afterOr = true;
      if (id === this.withId) {
        afterOr = false;
        titleSaysWith = true;
        inWithout = false;
        // ICD-10-CM "with …" clauses name what the code includes (PCS and HCPCS "with" names a device or part).
        inWith = this.system[doc] === 0;
      } else if (id === this.withoutId || id === this.notId) {
        afterOr = false;
        if (id === this.withoutId) titleSaysWithout = true;
        inWithout = true;
        inWith = false;
      } else if (id === this.inId && inWithout) {
        // "without complications in remission": the absence ends where a state begins.
        inWithout = false;
      }
      titleContext |= this.contextWord[id];
      const isUsed = usedAt[k] === serial;
      if (inWithout && id !== this.withoutId && id !== this.notId) {
        absentAt[k] = serial;
        // A query word met inside "without …" is contradicted by the title (unless the query says without too).
        if (isUsed && !m.saysWithout) negated++;
        continue;
      }
      // A word the query met elsewhere in the title ("… chronic kidney disease, or unspecified chronic kidney disease") is no new detail.
      if (raw < 0 || isUsed || this.hitStamp[id] === m.serial) continue;
      // "with unspecified complications" says there are some: there, neutral words are details.
      if (id === this.unspecifiedId && !inWith) {
        unspecified = true;
        continue;
      }
      const flags = this.wordFlags[id];
      // HCPCS doses ("per 250 mg", "1 cc, 200 mg") tell products apart only when the query names one.
      if (flags & NUMBER_FLAG && this.system[doc] === 2) continue;
      if (id === this.toId && k >= 2 && docWords[start + k - 2] === this.unspecifiedId) afterUnspecifiedAsTo = true;
      if (
        (flags & NEUTRAL_FLAG && !(inWith && !m.saysWith && !(flags & STOP_FLAG))) ||
        afterUnspecifiedAsTo ||
        (this.flagStamp[id] === m.serial && this.queryFlag[id])
      )
        continue;
      if (this.situationWord[id] && !m.saysSituation.has(this.vocabulary[id])) situation++;
      // A word the query leaves out weighs more in the title's head (what the code is) than in the
      // qualifiers after its first comma.
      // An alternative the title offers after "or" ("stage 5 chronic kidney disease or end stage renal disease") weighs half.
      unexplained += (flags & OTHER_FLAG ? OTHER_WEIGHT : flags & SPECIFIED_FLAG ? 1.5 : 1) * (k < headEnd ? 1 : QUALIFIER_WEIGHT) * (afterOr ? 0.5 : 1);
    }

    let contradiction = 0;
    // What the query says is absent ("without mattress") must be absent in the title too.
    for (let ti = 0; ti < m.terms.length; ti++) {
      const k = this.termFirst[ti];
      if (!m.terms[ti].absent || k < 0 || k >= extraFrom) continue;
      if (absentAt[k] === serial) unexplained -= 0.5;
      else contradiction++;
    }
    if (m.saysWith && !m.saysWithout && titleSaysWithout && !titleSaysWith) contradiction++;
    if (m.saysWithout && !titleSaysWithout && titleSaysWith) contradiction++;
    // A newborn's code for a query about the mother (or the reverse) is another patient's code.
    const context = titleContext & ~m.saysContext ? (m.saysContext ? 2.5 : 1) : 0;
    const temporary = this.system[doc] === 2 && TEMPORARY_HCPCS.test(code) ? 1 : 0;
    const billable = (this.billable[doc] & bit) !== 0;
    const axes = axisScore(m.axes, this.docAxes(doc));
    if (this.explain)
      this.explain.set(code, {
        coverage,
        namesHead,
        unexplained,
        situation,
        negated,
        contradiction,
        context,
        billable,
        inOrder,
        counted,
        unspecified,
        nos,
        axes,
        defaults: this.defaultBonus(doc, m),
      });
    return (
      coverage * 10 +
      (namesHead ? HEAD_BONUS : 0) -
      unexplained * 0.4 -
      situation * 0.6 -
      negated * NEGATED_WEIGHT -
      contradiction * 0.8 -
      context * 0.8 -
      temporary * 0.4 +
      (billable ? 1 : 0) +
      (counted ? (inOrder / counted) * 0.3 : 0) +
      (unspecified && !m.qualifies ? UNSPECIFIED_BONUS : 0) +
      (nos === 2 ? NOS_BONUS : nos === 1 ? INCLUSION_BONUS : 0) +
      axes +
      this.defaultBonus(doc, m) +
      (this.system[doc] === 0 ? 0.05 : 0)
    );
  }

  /**
   * The doc has an inclusion term made of the query's words and no others: 2 when it ends in NOS
   * ("Pyelonephritis NOS" under N12, "Fracture of wrist NOS" under S62.10: the classification's
   * default code for what the query says), 1 otherwise (the query is another name the tabular list
   * gives the code: "Chronic obstructive pulmonary disease with acute bronchitis" under J44.0);
   * 0 when none. `code` is the candidate (for concept terms).
   */
  private nosTerm(doc: number, m: Matcher, code: string): number {
    const { docStart, docWords, extraStart } = this.index;
    const start = docStart[doc];
    const extraFrom = extraStart[doc];
    const end = docStart[doc + 1] - start;
    let best = 0;
    // Each inclusion term runs from its separator to the next one (or the end).
    for (let from = extraFrom; from < end;) {
      if (docWords[start + from] === this.separatorId) from++;
      let to = from;
      while (to < end && docWords[start + to] !== this.separatorId) to++;
      const nos = to - 1 > from && docWords[start + to - 1] === this.nosId;
      const last = nos ? to - 1 : to;
      const slotsMet = new Set<number>();
      let whole = last > from;
      for (let k = from; k < last && whole; k++) {
        const id = docWords[start + k] < 0 ? ~docWords[start + k] : docWords[start + k];
        if (this.hitStamp[id] === m.serial) for (let h = this.hitFirst[id], l = h + this.hitCount[id]; h < l; h++) slotsMet.add(this.hitSlot[h]);
        else if (!(this.wordFlags[id] & STOP_FLAG) && docWords[start + k] >= 0) whole = false;
      }
      // The term as typed or in its first sense: a second sense ("pneumo" → pneumothorax) does not make a default.
      const all =
        whole &&
        m.terms.every(
          (t, ti) =>
            t.kind !== 'word' ||
            m.alts[ti].slice(0, 2).some((alt) => {
              for (let sl = alt.from; sl < alt.to; sl++) if (!slotsMet.has(sl)) return false;
              return true;
            }) ||
            m.concepts.some((c) => c.term === ti && code.startsWith(c.prefix)),
        );
      if (all) best = Math.max(best, nos ? 2 : 1);
      from = to;
    }
    return best;
  }

  /** The doc of a code, or -1. */
  private docOf(code: string): number {
    const k = this.firstInCodeOrder(code);
    const d = k < this.index.codeOrder.length ? this.index.codeOrder[k] : -1;
    return d >= 0 && this.codes[d] === code ? d : -1;
  }

  /**
   * Inclusion terms belong to the level of the tabular list that lists them ("Fracture of wrist
   * NOS" is under S62.10): the best candidates get the NOS default of their ancestors too.
   */
  private ancestorNos(scored: { id: number; score: number }[], m: Matcher): void {
    const top = Math.min(scored.length, 40);
    let moved = false;
    for (let i = 0; i < top; i++) {
      const code = this.codes[scored[i].id];
      if (this.system[scored[i].id] !== 0 || this.nosTerm(scored[i].id, m, code) === 2) continue;
      for (let len = code.length - 1; len >= 3; len--) {
        const d = this.docOf(code.slice(0, len));
        if (d >= 0 && this.nosTerm(d, m, code) === 2) {
          scored[i].score += NOS_BONUS;
          moved = true;
          break;
        }
      }
    }
    if (moved) scored.sort((a, b) => b.score - a.score || (this.codes[a.id] < this.codes[b.id] ? -1 : 1));
  }

  /** Guideline defaults (defaults.tsv): a query that names the condition but not the kind gets the default kind first. */
  private defaultBonus(doc: number, m: Matcher): number {
    let bonus = 0;
    for (const prefix of m.defaults) if (this.codes[doc].startsWith(prefix)) bonus += GUIDELINE_DEFAULT_BONUS;
    return bonus;
  }

  /** The code prefixes of the guideline defaults (defaults.tsv) a query's terms call for. */
  private activeDefaults(terms: Term[]): string[] {
    const out: string[] = [];
    for (const d of (this.defaultsList ??= loadDefaults())) {
      if (!terms.some((t) => t.alternatives.some((alt) => alt.some((w) => w.startsWith(d.word))))) continue;
      if (terms.some((t) => t.text.split(' ').some((w) => d.unless.test(w)))) continue;
      out.push(d.prefix);
    }
    return out;
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

/** "due to", "secondary to", "caused by" with a blank before and after (no `\s+` around it: that backtracks on long runs of spaces). */
const CAUSE_CONNECTIVE = /(?:due\s+to|secondary\s+to|caused\s+by)(?=\s)/gi;

/**
 * "X due to Y" → X and Y at the first connective with words on both sides; null when there is
 * none. Found by one left-to-right search, in time linear in the query's length.
 */
export function splitAtCause(q: string): { condition: string; cause: string } | null {
  CAUSE_CONNECTIVE.lastIndex = 0;
  for (let m = CAUSE_CONNECTIVE.exec(q); m; m = CAUSE_CONNECTIVE.exec(q)) {
    if (m.index === 0 || !/\s/.test(q[m.index - 1])) continue;
    const condition = q.slice(0, m.index).trim();
    const cause = q.slice(m.index + m[0].length).trim();
    if (condition !== '' && cause !== '') return { condition, cause };
  }
  return null;
}
