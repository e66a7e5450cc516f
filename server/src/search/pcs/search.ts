// ICD-10-PCS search: the code builder for code prefixes, and for words a procedure search that
// works like a PCS coder — find the table (from a named procedure, or a root operation word),
// then let the query's words pick each character's value from its meaning in that table:
//
//   "tavr"                       → procedures.tsv: 02R, body part F, approach 3, device 8
//   "right above knee amputation" → words.tsv: amputation = Detachment (0Y6 …); "right", "above
//                                   knee" (= upper leg) choose body part C; qualifiers High/Mid/Low
//   "lap chole"                  → procedures.tsv: 0FT 4=4 (gallbladder); "lap" = Percutaneous Endoscopic
//   "nephrectomy"                → words.tsv: nephr (kidney) + ectomy (Resection | Excision)
//
// A code scores by how much of the query its characters' meanings explain (every query word
// should be met) less what its meanings add that the query never said (a device, a qualifier, a
// longer body part: "No Device" and "No Qualifier" add nothing), plus the concept's defaults.
import type { SearchSource } from '../../tables/types';
import { words } from '../searchIndex';
import { PcsBuilder, isPcsPrefix, type BuilderStep } from './builder';
import { PcsStructure, type PcsTable } from './structure';
import { loadPcsVocabulary, type Concept, type PcsVocabulary, type WordRow } from './vocabulary';

export interface PcsSearchOptions {
  releaseId: string;
  limit: number;
  /** The search is for ICD-10-PCS only (a PROC line, {pcs=}, --system icd10pcs). */
  pcsOnly: boolean;
}

export interface PcsHit {
  code: string;
  title: string;
  /** A whole valid code (false for a builder step's partial code). */
  complete: boolean;
  score: number;
  /** How much of the query the code's meanings explain (1: every word). */
  coverage?: number;
  /** For a builder option: the position it fills, its axis and meaning. */
  builder?: { position: number; axis: string; meaning: string | null; codes: number };
}

export interface PcsAnswer {
  /** builder: options for the next character; concept: the query named a procedure or a root operation; none: leave it to the word search. */
  kind: 'builder' | 'concept' | 'none';
  hits: PcsHit[];
  /** A procedure of the vocabulary was named (not only a root operation word). */
  named?: boolean;
  /** The query is nothing but procedure names: its codes are all a search of every system needs. */
  only?: boolean;
  /** How the query was read (for the CLI and tests). */
  reading?: string;
}

/** Query words that neither narrow nor describe (they are met by anything). */
const STOP = new Set([
  'of',
  'the',
  'and',
  'a',
  'an',
  'for',
  'in',
  'on',
  'at',
  'by',
  'with',
  'w',
  'to',
  'from',
  'into',
  'via',
  'using',
  'procedure',
  'surgery',
  'surgical',
  'status',
  'post',
  's',
  'p',
  'patient',
  'pt',
]);
/** Words that make a named procedure a past one (a status or history code may be meant). */
const HISTORY = /\b(history|hx|h\/o|s\/p|status|presence|prior|previous)\b/i;
/** Words that deny what follows ("without contrast", "no device"). */
const NEGATION = new Set(['without', 'wo', 'no', 'non']);
/** Words of meanings that say nothing the query must have said. */
const NEUTRAL = new Set(['of', 'and', 'or', 'the', 'with', 'to', 'from', 'into', 'in', 'no', 'device', 'qualifier', 'approach', 'using', 'other']);

interface Target {
  text: string;
  /** Word sequences that satisfy it (the typed words first). */
  alternatives: string[][];
  weight: number;
}

interface Reading {
  concepts: { term: string; concepts: Concept[] }[];
  /** Root operation names, each with its rank in the word's list (0 = the usual sense). */
  ops: string[];
  opRank: Map<string, number>;
  /** Operations only a generic verb named ("placement", "insertion"): a procedure named beside them knows better. */
  weakOps: Set<string>;
  /** Words the query denies ("without contrast"): meanings with them score less. */
  negated: string[];
  targets: Target[];
  /** Every word the query said, typed or expanded (explains a meaning's words). */
  said: Set<string>;
  hours: number | null;
  partial: boolean;
}

interface RankedConcept {
  concept: Concept;
  /** Its place among the senses of its phrase (0 = the usual sense). */
  rank: number;
}

interface Candidate {
  table: string;
  /** Per procedure phrase, its senses on this table (null: chosen by a root operation word only). */
  phrases: RankedConcept[][] | null;
  /** Hold the concepts as defaults only (the table is another root operation's). */
  soft: boolean;
  /** 0 for the usual sense of the words; more for the less usual ones. */
  rank: number;
}

/** Per table of a release: the words of its names and template, and of each value's meaning. */
interface TableWords {
  table: PcsTable;
  fixed: string[];
  values: Map<string, string[]>[]; // index 0–3 = characters 4–7
  /** Every word of the table (an upper bound of what any of its codes can meet). */
  all: string[];
}

export class PcsSearch {
  private structureCache: PcsStructure | null = null;
  readonly builder: PcsBuilder;
  private readonly procedures = new Map<string, PcsVocabulary['procedures']>();
  private readonly wordRows = new Map<string, WordRow[]>();
  private readonly forms: { form: string; mapping: string[][] }[] = [];
  private readonly suffixes: { suffix: string; mapping: string[][] }[] = [];
  private readonly longest: number;
  private readonly tableWords = new Map<string, TableWords>();

  constructor(
    private readonly tables: SearchSource,
    vocabulary: PcsVocabulary = loadPcsVocabulary(),
  ) {
    this.builder = new PcsBuilder(tables, () => this.structure());
    for (const p of vocabulary.procedures) {
      const k = p.term.join(' ');
      this.procedures.set(k, [...(this.procedures.get(k) ?? []), p]);
    }
    for (const w of vocabulary.words) {
      if (w.kind === 'form') this.forms.push({ form: w.term[0], mapping: w.mapping });
      else if (w.kind === 'suffix') this.suffixes.push({ suffix: w.term[0], mapping: w.mapping });
      else {
        const k = w.term.join(' ');
        this.wordRows.set(k, [...(this.wordRows.get(k) ?? []), w]);
      }
    }
    // Longest forms first: "cholecyst" before "chole" before "col".
    this.forms.sort((a, b) => b.form.length - a.form.length);
    this.suffixes.sort((a, b) => b.suffix.length - a.suffix.length);
    this.longest = Math.max(1, ...[...this.procedures.keys(), ...this.wordRows.keys()].map((k) => k.split(' ').length));
  }

  /** The PCS tables (read on first use). */
  structure(): PcsStructure {
    return (this.structureCache ??= PcsStructure.load(this.tables));
  }

  /** The builder step after a code prefix (null when no valid code begins with it). */
  builderStep(prefix: string, releaseId: string): BuilderStep | null {
    return this.builder.next(prefix, releaseId);
  }

  search(query: string, options: PcsSearchOptions): PcsAnswer {
    const q = query.trim();
    if (!q) return { kind: 'none', hits: [] };
    if (isPcsPrefix(q, options.pcsOnly)) {
      const step = this.builder.next(q, options.releaseId);
      if (step && step.options.length) return { kind: 'builder', hits: builderHits(step) };
    }
    const reading = this.read(q);
    const candidates = this.candidateTables(reading, options.releaseId);
    if (candidates.length === 0) return { kind: 'none', hits: [] };
    const hits = this.score(reading, candidates, options);
    // "history of CABG", "s/p appendectomy" are diagnoses (status codes) as much as procedures.
    // A procedure named leads a search of every system when its codes explain the whole query
    // ("insulin 5 units" is a supply's dose as much as an administration).
    const named = reading.concepts.length > 0 && !HISTORY.test(q) && (hits[0]?.coverage ?? 0) >= 0.99;
    // Nothing but a procedure's name ("tavr", "picc line"): the procedure is all the query means —
    // unless it names a substance given (Administration: "insulin", "alteplase", "prbc"), which is
    // also a drug or blood product with its own HCPCS code.
    const only =
      named && reading.targets.length === 0 && reading.hours === null && !reading.concepts.some((c) => c.concepts.some((k) => k.table.startsWith('3')));
    return { kind: hits.length ? 'concept' : 'none', hits: hits.slice(0, options.limit), named, only, reading: describe(reading) };
  }

  // ── reading the query ───────────────────────────────────────────────────

  /** Procedure phrases (longest first), then root operation, approach and clinical words, then word building (chole + ectomy). */
  read(query: string): Reading {
    const text = query
      .toLowerCase()
      .replace(/\bw\/o\b/g, ' without ')
      .replace(/\bw\//g, ' with ')
      .replace(/&/g, ' and ');
    const tokens = words(text);
    const r: Reading = {
      concepts: [],
      ops: [],
      opRank: new Map(),
      weakOps: new Set(),
      negated: [],
      targets: [],
      said: new Set(),
      hours: parseHours(text),
      partial: false,
    };
    const addOps = (names: string[]) =>
      names.forEach((o, k) => {
        r.ops.push(o);
        r.opRank.set(o, Math.min(r.opRank.get(o) ?? k, k));
      });
    const say = (ws: string[]) => ws.forEach((w) => r.said.add(w));
    for (let i = 0; i < tokens.length;) {
      let matched = 0;
      for (let n = Math.min(this.longest, tokens.length - i); n >= 1 && !matched; n--) {
        const phrase = tokens.slice(i, i + n).join(' ');
        const procs = this.procedures.get(phrase);
        if (procs) {
          for (const p of procs) r.concepts.push({ term: phrase, concepts: p.concepts });
          say(tokens.slice(i, i + n));
          matched = n;
          break;
        }
        const rows = this.wordRows.get(phrase);
        if (rows) {
          const typed = tokens.slice(i, i + n);
          const meaning = rows.filter((row) => row.kind === 'word' || row.kind === 'approach');
          for (const row of rows) if (row.kind === 'op' || row.kind === 'verb') addOps(row.mapping.map((m) => m.join(' ')));
          if (rows.every((row) => row.kind === 'verb')) for (const row of rows) for (const m of row.mapping) r.weakOps.add(m.join(' '));
          if (rows.some((row) => row.kind === 'partial')) r.partial = true;
          // The words a code's meanings must show: the clinical word's expansions; for a bare root
          // operation word, the operation's name (met by the table), weighing less.
          const ops = rows.filter((row) => row.kind === 'op' || row.kind === 'verb');
          const alternatives = [typed, ...(meaning.length ? meaning : ops).flatMap((row) => row.mapping)];
          say(alternatives.flat());
          if (meaning.length || ops.length) r.targets.push({ text: phrase, alternatives, weight: meaning.length ? 1 : 0.5 });
          matched = n;
        }
      }
      if (matched) {
        i += matched;
        continue;
      }
      const w = tokens[i++];
      if (NEGATION.has(w)) {
        // "without contrast", "no device": the next word is denied, not asked for.
        if (i < tokens.length && !STOP.has(tokens[i])) r.negated.push(tokens[i++]);
        r.said.add(w);
        continue;
      }
      if (STOP.has(w) || (r.hours !== null && /^(\d+|>\d*|<\d*|hours?|hrs?|days?|h|d)$/.test(w))) {
        r.said.add(w);
        continue;
      }
      const built = this.wordBuilding(w);
      if (built) {
        addOps(built.ops);
        if (built.body.length) r.targets.push({ text: w, alternatives: built.body, weight: 1 });
        say([w, ...built.body.flat(), ...built.ops.flatMap((o) => o.split(' '))]);
        continue;
      }
      r.targets.push({ text: w, alternatives: [[w]], weight: 1 });
      r.said.add(w);
    }
    // "partial" makes an -ectomy an Excision (removal of part), not a Resection (of all).
    if (r.partial && r.ops.includes('resection')) {
      r.ops = r.ops.filter((o) => o !== 'resection');
      if (!r.ops.includes('excision')) r.ops.push('excision');
      r.opRank.set('excision', 0);
    }
    return r;
  }

  /** Medical word building: a combining form and a suffix ("nephr" + "ectomy"). */
  private wordBuilding(w: string): { body: string[][]; ops: string[] } | null {
    for (const s of this.suffixes) {
      if (!w.endsWith(s.suffix) || w.length <= s.suffix.length + 1) continue;
      const stem = w.slice(0, w.length - s.suffix.length);
      const ops = s.mapping.map((m) => m.join(' '));
      const f = this.forms.find((x) => stem === x.form || stem === `${x.form}o` || stem.endsWith(x.form) || stem.endsWith(`${x.form}o`));
      return { body: f ? f.mapping : [], ops };
    }
    return null;
  }

  // ── candidate tables ────────────────────────────────────────────────────

  /**
   * The tables to score: those of the procedures named; narrowed to the root operations named too
   * ("egd with biopsy": the EGD tables of Excision). When the operation is none of the procedure's
   * tables ("egd control of bleeding"), the operation's tables, holding the procedure's
   * constraints as defaults. Without a procedure, the tables of the root operations named.
   */
  private candidateTables(r: Reading, releaseId: string): Candidate[] {
    const all = this.structure().tablesOf(releaseId);
    // Per procedure phrase, its tables (a code must then meet one sense of every phrase on its table).
    const phrases = r.concepts
      .map((c) => {
        const tables = new Map<string, RankedConcept[]>();
        c.concepts.forEach((concept, rank) => {
          for (const t of this.tablesMatching(concept.table, releaseId, all)) tables.set(t, [...(tables.get(t) ?? []), { concept, rank }]);
        });
        return tables;
      })
      .filter((m) => m.size > 0);
    const fromConcepts = new Map<string, RankedConcept[][]>();
    if (phrases.length) {
      const shared = [...phrases[0].keys()].filter((t) => phrases.every((m) => m.has(t)));
      for (const t of shared.length ? shared : [...new Set(phrases.flatMap((m) => [...m.keys()]))])
        fromConcepts.set(
          t,
          phrases.filter((m) => m.has(t)).map((m) => m.get(t)!),
        );
    }
    const fromOps = new Map<string, number>();
    for (const op of r.ops) {
      if (fromConcepts.size && r.weakOps.has(op)) continue;
      const want = words(op).join(' ');
      for (const [t, table] of all) {
        const name = words(table.names[2]).join(' ');
        if (name === want || name.startsWith(`${want} `)) fromOps.set(t, Math.min(fromOps.get(t) ?? 9, r.opRank.get(op) ?? 0));
      }
    }
    const out: Candidate[] = [];
    if (fromConcepts.size) {
      const both = [...fromConcepts].filter(([t]) => fromOps.has(t));
      if (fromOps.size === 0 || both.length) {
        for (const [t, e] of fromOps.size ? both : fromConcepts) out.push({ table: t, phrases: e, soft: false, rank: fromOps.get(t) ?? 0 });
        return out;
      }
      const every = [...fromConcepts.values()].flat();
      for (const [t, rank] of fromOps) out.push({ table: t, phrases: every, soft: true, rank });
      return out;
    }
    for (const [t, rank] of fromOps) out.push({ table: t, phrases: null, soft: false, rank });
    return out;
  }

  private readonly patternCache = new Map<string, string[]>();
  /** The tables of a release a concept's pattern names ("0.B", "0[PQ]S"). */
  private tablesMatching(pattern: string, releaseId: string, all: Map<string, PcsTable>): string[] {
    const key = `${releaseId}|${pattern}`;
    let list = this.patternCache.get(key);
    if (!list) {
      const rx = new RegExp(`^${pattern}$`);
      list = [...all.keys()].filter((t) => rx.test(t));
      this.patternCache.set(key, list);
    }
    return list;
  }

  // ── scoring ─────────────────────────────────────────────────────────────

  private score(r: Reading, candidates: Candidate[], options: PcsSearchOptions): PcsHit[] {
    const rows = this.tables.searchRows('icd10pcs');
    const bit = this.tables.releaseBit(options.releaseId);
    const weightSum = r.targets.reduce((a, t) => a + t.weight, 0);
    const scored: { row: number; score: number; coverage: number }[] = [];
    // Most tables of a root operation cannot meet the query's words at all: what the whole table
    // could meet bounds what its codes can, and only tables near the best bound are scored.
    const bounded = candidates
      .map((c) => ({ c, tw: this.wordsOf(options.releaseId, c.table) }))
      .filter((x): x is { c: Candidate; tw: TableWords } => x.tw !== null)
      .map((x) => ({
        ...x,
        bound:
          weightSum > 0 ? r.targets.reduce((a, t) => a + Math.max(...altQualities(t, x.tw.all).map((alt) => Math.min(...alt))) * t.weight, 0) / weightSum : 1,
      }));
    const top = Math.max(0, ...bounded.map((x) => x.bound));
    for (const {
      c: { table, phrases, soft, rank },
      tw,
    } of bounded.filter((x) => x.bound >= top - 0.36)) {
      // What each component (the table's own words, each value's meaning) contributes, once per query.
      const fixedMatch = r.targets.map((t) => altQualities(t, tw.fixed));
      const valueMatch = tw.values.map((m) => new Map([...m].map(([v, ws]) => [v, r.targets.map((t) => altQualities(t, ws))])));
      // A value whose meaning the titles do not tell (a code added without a title) counts as two unsaid words.
      const valueExtra = tw.values.map(
        (m, p) =>
          new Map([...m].map(([v, ws]) => [v, tw.table.axes[p + 4]?.[v] === null ? 2 : ws.filter((w) => !NEUTRAL.has(w) && !saidWord(w, r.said)).length])),
      );
      const resolved = phrases?.map((senses) => senses.map((c) => ({ ...resolve(c.concept, tw.table), rank: c.rank })));
      let lo = 0;
      let hi = rows.codes.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (rows.codes[mid] < table) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < rows.codes.length && rows.codes[i].startsWith(table); i++) {
        if (!(rows.valid[i] & bit)) continue;
        const code = rows.codes[i];
        // The procedures named: a code must meet a sense of each (its hard constraints); a sense's
        // defaults score, and the positions it settles count as said.
        let conceptScore = 0;
        let settled = 0;
        if (resolved && !soft) {
          // A code of the procedure's table that the procedure does not describe (another approach,
          // another device) still follows, as a neighbour — the fewer characters it differs in, the nearer.
          let violations = 0;
          for (const senses of resolved) {
            let best = -Infinity;
            let bestSettled = 0;
            let bestViolated = 0;
            for (const c of senses) {
              const violated = c.hard.filter(([p, vs]) => !vs.has(code[p - 1])).length;
              const met = c.soft.filter(([p, vs]) => vs.has(code[p - 1]));
              const s = 1 + met.length - c.rank * 0.5 - violated * 3;
              if (s > best) {
                best = s;
                bestViolated = violated;
                bestSettled = [...c.hard.filter(([p, vs]) => vs.has(code[p - 1])), ...met].reduce((m, [p]) => m | (1 << p), 0);
              }
            }
            conceptScore += best / resolved.length;
            settled |= bestSettled;
            violations += bestViolated;
          }
          conceptScore += violations ? -6 : 2;
        } else if (resolved) {
          // Another operation's table: the procedure's constraints, where the table has them, as defaults.
          for (const senses of resolved)
            for (const c of senses) conceptScore = Math.max(conceptScore, [...c.hard, ...c.soft].filter(([p, vs]) => vs.has(code[p - 1])).length * 0.6);
        }
        conceptScore -= rank * 0.5;
        let covered = 0;
        r.targets.forEach((t, k) => {
          const alts = t.alternatives.length;
          let best = 0;
          for (let a = 0; a < alts; a++) {
            // An alternative is met when each of its words is met somewhere in the code's meanings.
            const f = fixedMatch[k][a];
            let q = 1;
            for (let w = 0; w < f.length && q > 0; w++) {
              let m = f[w];
              for (let p = 0; p < 4; p++) m = Math.max(m, valueMatch[p].get(code[p + 3])?.[k][a][w] ?? 0);
              q = Math.min(q, m);
            }
            if (q > best) best = q;
          }
          covered += best * t.weight;
        });
        const coverage = weightSum > 0 ? covered / weightSum : 1;
        // What the code's meanings add that the query never said (fixed by the concept: said).
        let extra = 0;
        const weights = [1, 0.15, 0.6, 0.6];
        for (let p = 0; p < 4; p++) if (!(settled & (1 << (p + 4)))) extra += (valueExtra[p].get(code[p + 3]) ?? 0) * weights[p];
        const hours = r.hours === null ? 0 : durationFit(r.hours, tw, code);
        let denied = 0;
        for (let p = 0; p < 4 && r.negated.length; p++)
          for (const w of tw.values[p].get(code[p + 3]) ?? []) if (r.negated.some((n) => wordMatch(n, w) > 0)) denied++;
        scored.push({ row: i, score: coverage * 10 + conceptScore - extra * 0.35 + hours - denied * 3, coverage });
      }
    }
    scored.sort((a, b) => b.score - a.score || (rows.codes[a.row] < rows.codes[b.row] ? -1 : 1));
    return scored.slice(0, Math.max(options.limit, 1)).map((s) => ({
      code: rows.codes[s.row],
      title: this.tables.searchTitle('icd10pcs', s.row),
      complete: true,
      score: Math.round(s.score * 1000) / 1000,
      coverage: s.coverage,
    }));
  }

  /** The words of a table's names and template, and of each value's meaning (cached per release). */
  private wordsOf(releaseId: string, table: string): TableWords | null {
    const key = `${releaseId}|${table}`;
    let tw = this.tableWords.get(key);
    if (!tw) {
      const t = this.structure().table(releaseId, table);
      if (!t) return null;
      const template = (t.template ?? '').replace(/\{[4-7]\}/g, ' ');
      const fixed = [...new Set([...words(t.names[2]), ...words(t.names[1]), ...words(template)])];
      const values = [4, 5, 6, 7].map(
        (p) => new Map(Object.entries(t.axes[p] ?? {}).map(([v, label]) => [v, label && !/^No (Device|Qualifier)$|^None$/.test(label) ? words(label) : []])),
      );
      tw = { table: t, fixed, values, all: [...new Set([...fixed, ...values.flatMap((m) => [...m.values()].flat())])] };
      if (this.tableWords.size > 5000) this.tableWords.clear();
      this.tableWords.set(key, tw);
    }
    return tw;
  }
}

/** For each alternative of a target, how well each of its words is met by `ws` (0–1). */
function altQualities(t: Target, ws: string[]): number[][] {
  return t.alternatives.map((alt) =>
    alt.map((w) => {
      let best = 0;
      for (const x of ws) {
        const m = wordMatch(w, x);
        if (m > best) best = m;
      }
      return best;
    }),
  );
}

/** A query word against a meaning's word: same word 1, same stem (plural, -al/-ic forms) 0.9, a typed prefix of it 0.8. */
function wordMatch(q: string, w: string): number {
  if (q === w) return 1;
  if (stem(q) === stem(w)) return 0.9;
  if (q.length >= 3 && w.startsWith(q)) return 0.8;
  return 0;
}

const stems = new Map<string, string>();
function stem(w: string): string {
  if (w.length <= 4) return w;
  let s = stems.get(w);
  if (s === undefined) {
    s = w
      .replace(/(ies)$/, 'y')
      .replace(/(es|s)$/, '')
      .replace(/(al|ic|ous|ar)$/, '');
    if (stems.size > 50_000) stems.clear();
    stems.set(w, s);
  }
  return s;
}

function saidWord(w: string, said: Set<string>): boolean {
  if (said.has(w)) return true;
  for (const s of said) if (wordMatch(s, w) > 0) return true;
  return false;
}

/** A concept's constraints against a table: letters, and labels resolved by the table's meanings. */
function resolve(c: Concept, t: PcsTable): { hard: [number, Set<string>][]; soft: [number, Set<string>][] } {
  const hard: [number, Set<string>][] = [];
  const soft: [number, Set<string>][] = [];
  for (const k of c.constraints) {
    const vs = new Set(k.values);
    for (const label of k.labels) for (const [v, l] of Object.entries(t.axes[k.position] ?? {})) if (l && l.toLowerCase() === label) vs.add(v);
    (k.soft ? soft : hard).push([k.position, vs]);
  }
  return { hard, soft };
}

/** Hours (of ventilation, of dialysis a day …) said in the query: "> 96 hrs", "5 days", "36 hours". */
function parseHours(text: string): number | null {
  let m = /([<>])\s*(\d+)\s*(?:hours?|hrs?|h\b)?/.exec(text);
  if (m) return m[1] === '>' ? Number(m[2]) + 1 : Math.max(0, Number(m[2]) - 1);
  m = /(\d+)\s*(hours?|hrs?|h|days?|d)\b/.exec(text);
  if (m) return /^d/.test(m[2]) ? Number(m[1]) * 24 : Number(m[1]);
  return null;
}

/** A meaning that states a range of hours ("Less than 24 Consecutive Hours", "24-96 …", "Greater than 96 …") against the hours said. */
function durationFit(hours: number, tw: TableWords, code: string): number {
  let score = 0;
  for (let p = 4; p <= 7; p++) {
    const label = tw.table.axes[p]?.[code[p - 1]];
    if (!label) continue;
    const range = rangeOf(label);
    if (range) score += hours >= range[0] && hours <= range[1] ? 2 : -2;
  }
  return score;
}

function rangeOf(label: string): [number, number] | null {
  let m = /less than (\d+)/i.exec(label);
  if (m) return [0, Number(m[1]) - 0.5];
  m = /greater than (\d+)/i.exec(label);
  if (m) return [Number(m[1]) + 0.5, Infinity];
  m = /(\d+)\s*-\s*(\d+)\s*(?:consecutive\s+)?hours/i.exec(label);
  if (m) return [Number(m[1]), Number(m[2])];
  return null;
}

function builderHits(step: BuilderStep): PcsHit[] {
  return step.options.map((o) => ({
    code: o.code,
    title: o.complete ? (o.title ?? '') : `${step.axis}: ${o.meaning ?? '(not named in the titles)'}`,
    complete: o.complete,
    score: 1,
    builder: { position: step.position, axis: step.axis, meaning: o.meaning, codes: o.codes },
  }));
}

function describe(r: Reading): string {
  const parts = [];
  if (r.concepts.length)
    parts.push(
      `procedures: ${r.concepts.map((c) => `${c.term} → ${c.concepts.map((k) => [k.table, ...k.constraints.map((x) => `${x.soft ? '~' : ''}${x.position}=${[...x.values, ...x.labels.map((l) => `"${l}"`)].join(',')}`)].join(' ')).join(' | ')}`).join('; ')}`,
    );
  if (r.ops.length) parts.push(`root operations: ${[...new Set(r.ops)].join(', ')}`);
  if (r.targets.length)
    parts.push(
      `words: ${r.targets
        .map((t) =>
          t.alternatives.length > 1
            ? `${t.text} (${t.alternatives
                .slice(1)
                .map((a) => a.join(' '))
                .join(' | ')})`
            : t.text,
        )
        .join(', ')}`,
    );
  if (r.hours !== null) parts.push(`${r.hours} hours`);
  return parts.join('; ');
}
