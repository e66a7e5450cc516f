// The PCS procedure vocabulary (procedures.tsv, words.tsv beside this file; shipped as dist/pcs/):
//
// procedures.tsv — `term  concept  source`: a procedure as surgeons and coders name it, mapped to
//   a concept — a table (3 characters; `.` matches any character: `0.B` is Excision in every body
//   system; `0[PQ]S` is Reposition of upper or lower bones) with constraints on characters 4–7 — never to a single favourite code. Constraints:
//   `4=F` (body part F), `6=8,J` (either), `~5=4` (a default the query's own words override), a
//   quoted label instead of letters (`4="Aortic Valve"`, resolved against the release's tables).
//   Alternatives are separated by ` | ` ("cath": diagnostic `4A0 6=N` | therapeutic `027`).
// words.tsv — `kind  term  mapping  source`, the general vocabulary that lets the query's own words
//   fill the axes: `op` (root operation words: amputation → Detachment), `approach` (laparoscopic
//   → Percutaneous Endoscopic), `verb` (a generic verb for a root operation — placement, insertion —
//   that yields to a procedure named beside it), `word` (a clinical or lay word → the words the tables use: svc →
//   superior vena cava), `form` and `suffix` (medical word building: chole + ectomy → gallbladder,
//   Resection), `partial` (words that make an -ectomy an Excision).
// Every row needs its source: a PCS Reference Manual definition, an Official Guideline, the PCS
// Body Part / Device Keys, or the common clinical name it stands for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { words } from '../searchIndex';

export interface Constraint {
  /** 4–7 */
  position: number;
  /** Allowed values (letters), or labels to resolve against the table. */
  values: string[];
  labels: string[];
  /** A default: preferred when the query does not say, never a filter. */
  soft: boolean;
}

export interface Concept {
  /** Table pattern: 3 characters, `.` for any, `[PQ]` for either. */
  table: string;
  constraints: Constraint[];
}

export interface ProcedureTerm {
  term: string[];
  concepts: Concept[];
  source: string;
  line: number;
}

export type WordKind = 'op' | 'verb' | 'approach' | 'word' | 'form' | 'suffix' | 'partial';

export interface WordRow {
  kind: WordKind;
  term: string[];
  /** Alternatives, each a word sequence (op: root operation names). */
  mapping: string[][];
  source: string;
  line: number;
}

export interface PcsVocabulary {
  procedures: ProcedureTerm[];
  words: WordRow[];
}

export function vocabularyFile(name: string): string {
  for (const p of [path.join(__dirname, 'pcs', name), path.join(__dirname, name), path.join(__dirname, '..', 'server', 'src', 'search', 'pcs', name)])
    if (fs.existsSync(p)) return p;
  throw new Error(`${name} not found beside ${__dirname}`);
}

export function loadPcsVocabulary(): PcsVocabulary {
  const p = vocabularyFile('procedures.tsv');
  const w = vocabularyFile('words.tsv');
  return { procedures: parseProcedures(fs.readFileSync(p, 'utf8'), p), words: parseWords(fs.readFileSync(w, 'utf8'), w) };
}

/** Parses one concept ("02R 4=F 5=3 6=8", "0.B 7=X", "10D 4=0 ~7=1"). */
export function parseConcept(text: string, where: string): Concept {
  const parts = text.trim().match(/~?[4-7]="[^"]*"(?:,"[^"]*")*|\S+/g) ?? [];
  const table = parts.shift() ?? '';
  if (!/^(?:[0-9A-HJ-NP-Z.]|\[[0-9A-HJ-NP-Z]+\]){3}$/.test(table))
    throw new Error(`${where}: "${table}" is not a table (3 characters of a PCS code; . for any, [PQ] for either)`);
  const constraints: Constraint[] = [];
  for (const c of parts) {
    const m = /^(~?)([4-7])=(.+)$/.exec(c);
    if (!m) throw new Error(`${where}: "${c}" is not a constraint (position=values, e.g. 4=F or 6=8,J or ~5=4 or 4="Aortic Valve")`);
    const values: string[] = [];
    const labels: string[] = [];
    for (const v of m[3].match(/"[^"]*"|[^,]+/g) ?? []) {
      if (v.startsWith('"')) labels.push(v.slice(1, -1).toLowerCase());
      else if (/^[0-9A-HJ-NP-Z]$/.test(v)) values.push(v);
      else throw new Error(`${where}: "${v}" is not a PCS character or a "quoted label"`);
    }
    constraints.push({ position: Number(m[2]), values, labels, soft: m[1] === '~' });
  }
  return { table, constraints };
}

export function parseProcedures(text: string, file = 'procedures.tsv'): ProcedureTerm[] {
  const out: ProcedureTerm[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const where = `${file}:${i + 1}`;
    const cols = line.split('\t');
    if (cols.length !== 3 || !cols[0].trim() || !cols[1].trim() || !cols[2].trim())
      throw new Error(`${where}: expected "term<TAB>concept[ | concept…]<TAB>source"`);
    const term = words(cols[0]);
    if (term.length === 0) throw new Error(`${where}: the term has no words`);
    out.push({ term, concepts: cols[1].split(' | ').map((c) => parseConcept(c, where)), source: cols[2].trim(), line: i + 1 });
  });
  return out;
}

const KINDS = new Set<WordKind>(['op', 'verb', 'approach', 'word', 'form', 'suffix', 'partial']);

export function parseWords(text: string, file = 'words.tsv'): WordRow[] {
  const out: WordRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const where = `${file}:${i + 1}`;
    const cols = line.split('\t');
    if (cols.length !== 4 || cols.some((c) => !c.trim())) throw new Error(`${where}: expected "kind<TAB>term<TAB>mapping[|mapping…]<TAB>source"`);
    const kind = cols[0].trim() as WordKind;
    if (!KINDS.has(kind)) throw new Error(`${where}: kind must be one of ${[...KINDS].join(', ')}; got "${cols[0]}"`);
    const term = kind === 'form' || kind === 'suffix' ? [cols[1].trim().toLowerCase()] : words(cols[1]);
    const mapping = cols[2]
      .split('|')
      .map((m) => words(m))
      .filter((m) => m.length > 0);
    if (term.length === 0 || mapping.length === 0) throw new Error(`${where}: empty term or mapping`);
    out.push({ kind, term, mapping, source: cols[3].trim(), line: i + 1 });
  });
  return out;
}
