// The abbreviation and synonym list (synonyms.tsv beside this file; shipped as dist/synonyms.tsv):
// a query's words are grouped into terms — the longest listed phrase first — and each term
// matches its own words or any of its expansions.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { words } from './searchIndex';

export interface Term {
  text: string;
  /** Word sequences that satisfy the term: the typed words first, then the expansions. */
  alternatives: string[][];
  /** Set by the engine when the term matched nothing and typo tolerance found near words. */
  fuzzy?: { word: string; quality: number }[];
}

export interface Synonyms {
  size: number;
  expand(queryWords: string[]): Term[];
}

export function synonymsFile(): string {
  for (const p of [path.join(__dirname, 'synonyms.tsv'), path.join(__dirname, '..', 'server', 'src', 'search', 'synonyms.tsv')]) if (fs.existsSync(p)) return p;
  throw new Error(`synonyms.tsv not found beside ${__dirname}`);
}

export function parseSynonyms(text: string, file = 'synonyms.tsv'): Map<string, string[][]> {
  const map = new Map<string, string[][]>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (cols.length !== 3 || !cols[0].trim() || !cols[1].trim() || !cols[2].trim()) throw new Error(`${file}:${i + 1}: expected "term<TAB>expansion[|expansion…]<TAB>source or reasoning"`);
    const key = words(cols[0]).join(' ') || cols[0].trim().toLowerCase();
    const expansions = cols[1].split('|').map((e) => words(e)).filter((w) => w.length > 0);
    map.set(key, [...(map.get(key) ?? []), ...expansions]);
  });
  return map;
}

export function loadSynonyms(file = synonymsFile()): Synonyms {
  const map = parseSynonyms(fs.readFileSync(file, 'utf8'), file);
  const longest = Math.max(1, ...[...map.keys()].map((k) => k.split(' ').length));
  return {
    size: map.size,
    expand(queryWords: string[]): Term[] {
      const out: Term[] = [];
      for (let i = 0; i < queryWords.length; ) {
        let matched = false;
        for (let n = Math.min(longest, queryWords.length - i); n >= 1; n--) {
          const phrase = queryWords.slice(i, i + n).join(' ');
          const exp = map.get(phrase);
          if (exp) {
            out.push({ text: phrase, alternatives: [queryWords.slice(i, i + n), ...exp] });
            i += n;
            matched = true;
            break;
          }
        }
        if (!matched) {
          out.push({ text: queryWords[i], alternatives: [[queryWords[i]]] });
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
export function loadDefaults(file = synonymsFile().replace(/synonyms\.tsv$/, 'defaults.tsv')): { word: string; prefix: string; unless: RegExp; source: string }[] {
  const out: { word: string; prefix: string; unless: RegExp; source: string }[] = [];
  fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    if (cols.length !== 4) throw new Error(`${file}:${i + 1}: expected "word<TAB>code prefix<TAB>unless words (|-separated)<TAB>source"`);
    out.push({ word: cols[0].trim().toLowerCase(), prefix: cols[1].trim().toUpperCase(), unless: new RegExp(`^(${cols[2].trim() || '(?!)'})$`, 'i'), source: cols[3] });
  });
  return out;
}
