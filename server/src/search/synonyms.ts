// The coder's vocabulary: the synonym list (synonyms.tsv beside this file) and the vocabulary
// files (vocabulary/*.tsv: abbreviations by specialty, lay and eponym terms, drug brands), shipped
// as dist/synonyms.tsv and dist/vocabulary/. A query's words are grouped into terms — the longest
// listed phrase first — and each term matches its own words or any of its targets: words to find
// in titles, or a code or category ("@I61": every code under it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { words } from './searchIndex';

export interface Term {
  text: string;
  /** Word sequences that satisfy the term: the typed words first, then the word expansions. */
  alternatives: string[][];
  /** Codes and categories the term stands for (undotted prefixes: "N390", "I61"). */
  codes: string[];
  /** Where the term's words are in the query: the first word's index and how many. */
  start: number;
  length: number;
  /** The term is a listed phrase (its alternatives after the first, or its codes, come from the vocabulary). */
  listed: boolean;
  /** Set by the engine when the term matched nothing and typo tolerance found near words. */
  fuzzy?: { word: string; quality: number }[];
}

/** What a vocabulary phrase stands for. */
export interface Concept {
  words: string[][];
  codes: string[];
}

export interface Synonyms {
  size: number;
  expand(queryWords: string[]): Term[];
  /** The concept a phrase (normalised words joined by spaces) stands for, if listed. */
  lookup(phrase: string): Concept | undefined;
  /** The word is a listed term or part of one (not a misspelling to correct). */
  knows(word: string): boolean;
  /** Every listed phrase with its concept and where it was read (for checks and docs). */
  entries(): { phrase: string; concept: Concept; where: string }[];
}

export function synonymsFile(): string {
  for (const p of [path.join(__dirname, 'synonyms.tsv'), path.join(__dirname, '..', 'server', 'src', 'search', 'synonyms.tsv')]) if (fs.existsSync(p)) return p;
  throw new Error(`synonyms.tsv not found beside ${__dirname}`);
}

/** The vocabulary folder beside synonyms.tsv. */
export function vocabularyDir(): string {
  return path.join(path.dirname(synonymsFile()), 'vocabulary');
}

/** A target: "@I61.9" / "@I61" (a code or a category) or title words. */
function parseTarget(target: string, concept: Concept): void {
  const t = target.trim();
  if (t.startsWith('@')) {
    const code = t.slice(1).replace(/\./g, '').toUpperCase();
    if (!/^[A-Z0-9]{1,7}$/.test(code)) throw new Error(`"${t}" is not a code or category`);
    concept.codes.push(code);
  } else {
    const w = words(t);
    if (w.length) concept.words.push(w);
  }
}

interface Row {
  phrase: string;
  concept: Concept;
  where: string;
}

/** synonyms.tsv: `term  expansion[|expansion…]  source or reasoning`. */
export function parseSynonyms(text: string, file = 'synonyms.tsv'): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  for (const row of synonymRows(text, file)) map.set(row.phrase, [...(map.get(row.phrase) ?? []), ...row.concept.words]);
  return map;
}

function synonymRows(text: string, file: string): Row[] {
  const rows: Row[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (cols.length !== 3 || !cols[0].trim() || !cols[1].trim() || !cols[2].trim())
      throw new Error(`${file}:${i + 1}: expected "term<TAB>expansion[|expansion…]<TAB>source or reasoning"`);
    const concept: Concept = { words: [], codes: [] };
    try {
      for (const t of cols[1].split('|')) parseTarget(t, concept);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
    }
    rows.push({ phrase: words(cols[0]).join(' ') || cols[0].trim().toLowerCase(), concept, where: `${file}:${i + 1}` });
  });
  return rows;
}

/**
 * A vocabulary file: `term  target[|target…]  group  source`, where a target is title words or
 * `@code` (a code or category), the group a specialty or body system, and the source one or more
 * keys (comma-separated) declared in the file's header as `#source key<TAB>citation`.
 */
export function parseVocabulary(text: string, file: string): Row[] {
  const sources = new Map<string, string>();
  const rows: Row[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const where = `${file}:${i + 1}`;
    const declared = /^#source\s+([a-z0-9-]+)\t(.+)$/.exec(line);
    if (declared) {
      sources.set(declared[1], declared[2].trim());
      return;
    }
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (cols.length !== 4 || cols.some((c) => !c.trim())) throw new Error(`${where}: expected "term<TAB>target[|target…]<TAB>group<TAB>source"`);
    for (const key of cols[3].split(',').map((k) => k.trim())) {
      if (!sources.has(key)) throw new Error(`${where}: source "${key}" is not declared (#source ${key}<TAB>citation)`);
    }
    const concept: Concept = { words: [], codes: [] };
    try {
      for (const t of cols[1].split('|')) parseTarget(t, concept);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    if (!concept.words.length && !concept.codes.length) throw new Error(`${where}: no target`);
    const phrase = words(cols[0]).join(' ');
    if (!phrase) throw new Error(`${where}: empty term`);
    rows.push({ phrase, concept, where });
  });
  return rows;
}

const ARTICLES = new Set(['the', 'a', 'an']);

/** Words that are also English function words: as a term they stand for their abbreviation only as a query's first word ("as severe", not "fracture as sequela"). */
const FUNCTION_WORDS = new Set([
  'as',
  'at',
  'in',
  'on',
  'or',
  'to',
  'by',
  'of',
  'an',
  'a',
  'is',
  'it',
  'no',
  'all',
  'be',
  'do',
  'he',
  'me',
  'so',
  'up',
  'us',
  'we',
  'am',
  'if',
  'for',
  'and',
  'the',
  'with',
  'was',
  'has',
  'had',
  'not',
]);

export function loadSynonyms(file = synonymsFile(), dir: string | null = path.join(path.dirname(file), 'vocabulary')): Synonyms {
  const rows = synonymRows(fs.readFileSync(file, 'utf8'), file);
  if (dir && fs.existsSync(dir)) {
    for (const f of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.tsv'))
      .sort())
      rows.push(...parseVocabulary(fs.readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)));
  }
  return synonymsOf(rows);
}

export function synonymsOf(rows: Row[]): Synonyms {
  const map = new Map<string, Concept>();
  const add = (phrase: string, c: Concept) => {
    const known = map.get(phrase);
    if (!known) map.set(phrase, { words: [...c.words], codes: [...c.codes] });
    else {
      for (const w of c.words) if (!known.words.some((k) => k.join(' ') === w.join(' '))) known.words.push(w);
      for (const code of c.codes) if (!known.codes.includes(code)) known.codes.push(code);
    }
  };
  for (const r of rows) add(r.phrase, r.concept);
  // A phrase written with spaces or hyphens is also typed run together ("c diff", "c-diff" →
  // "cdiff"; "solu medrol" → "solumedrol"), unless that spelling is a term of its own.
  const listed = new Set(rows.map((r) => r.phrase));
  for (const r of rows) {
    const joined = r.phrase.replace(/ /g, '');
    if (joined !== r.phrase && joined.length >= 3 && !listed.has(joined)) add(joined, r.concept);
    // Articles are often left out ("bleed in brain" for "bleed in the brain").
    const bare = r.phrase
      .split(' ')
      .filter((w) => !ARTICLES.has(w))
      .join(' ');
    if (bare && bare !== r.phrase && !listed.has(bare)) add(bare, r.concept);
  }
  const longest = Math.max(1, ...[...map.keys()].map((k) => k.split(' ').length));
  const known = new Set<string>();
  for (const k of map.keys()) for (const w of k.split(' ')) known.add(w);
  return {
    size: map.size,
    lookup: (phrase) => map.get(phrase),
    knows: (word) => known.has(word),
    entries: () => rows.map((r) => ({ phrase: r.phrase, concept: r.concept, where: r.where })),
    expand(queryWords: string[]): Term[] {
      const out: Term[] = [];
      for (let i = 0; i < queryWords.length;) {
        let matched = false;
        for (let n = Math.min(longest, queryWords.length - i); n >= 1; n--) {
          const phrase = queryWords.slice(i, i + n).join(' ');
          const c = map.get(phrase);
          if (!c || (n === 1 && i > 0 && FUNCTION_WORDS.has(phrase))) continue;
          out.push({ text: phrase, alternatives: [queryWords.slice(i, i + n), ...c.words], codes: c.codes, start: i, length: n, listed: true });
          i += n;
          matched = true;
          break;
        }
        if (!matched) {
          out.push({ text: queryWords[i], alternatives: [[queryWords[i]]], codes: [], start: i, length: 1, listed: false });
          i++;
        }
      }
      return out;
    },
  };
}

/**
 * Guideline defaults (defaults.tsv): `word  code-prefix  unless-words  source`. When a query names
 * the word and none of the unless-words, codes under the prefix rank first.
 */
export function loadDefaults(
  file = synonymsFile().replace(/synonyms\.tsv$/, 'defaults.tsv'),
): { word: string; prefix: string; unless: RegExp; source: string }[] {
  const out: { word: string; prefix: string; unless: RegExp; source: string }[] = [];
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (!line.trim() || line.startsWith('#')) return;
      const cols = line.split('\t');
      if (cols.length !== 4) throw new Error(`${file}:${i + 1}: expected "word<TAB>code prefix<TAB>unless words (|-separated)<TAB>source"`);
      out.push({
        word: cols[0].trim().toLowerCase(),
        prefix: cols[1].trim().toUpperCase(),
        unless: new RegExp(`^(${cols[2].trim() || '(?!)'})$`, 'i'),
        source: cols[3],
      });
    });
  return out;
}
