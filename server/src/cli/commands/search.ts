// `chartcoder search "<query>" [--system …] [--date YYYY-MM-DD] [--limit N] [--format json]` and
// the batch mode `--queries file.jsonl` (one `{"query", "system"?}` per line → one
// `{"query", "results"}` line each, in order; the tables and the index are built once).
import * as path from 'node:path';
import type { CliCommand } from '../types';
import { loadCliTables } from '../context';
import { createSearchEngine, type SearchResult } from '../../search/engine';
import type { CodeSystem } from '../../tables/types';
import { MAX_QUERIES_FILE_BYTES, readUserFile } from '../../base/safeRead';
import { isCalendarDate, parseArgs } from '../args';

const SYSTEMS: CodeSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'];

const USAGE = `Usage: chartcoder search "<query>" [--system icd10cm|icd10pcs|hcpcs|cpt] [--date YYYY-MM-DD] [--limit N] [--format text|json]
       chartcoder search --queries file.jsonl [--date YYYY-MM-DD] [--limit N]

Finds codes by code prefix (I50.3, i503), words in any order, word prefixes, clinical
abbreviations (chf, copd exac, lap chole), lay words (broken hip), drug brands (keytruda),
injury and pregnancy details (r hip fx init, 3rd tri), and misspellings. Only codes valid on
the date (default: the newest release) are listed, best first; a word nothing matches is said
("no code matches 'xyz'").
--queries reads lines {"query": "...", "system": "..."?} and writes one JSON line per query,
in order: {"query": "...", "results": [...], "notices"?: [...]}.
Exit code: 0 something found, 1 nothing found, 2 bad usage.`;

export const searchCommand: CliCommand = {
  name: 'search',
  summary: 'Search codes by code prefix, words, abbreviations and misspellings.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['system', 'date', 'limit', 'format', 'queries', 'tables'] });
    const format = a.values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new Error(`--format must be text or json; got "${format}"`);
    const system = checkSystem(a.values.system, '--system');
    const limit = a.values.limit === undefined ? 20 : Number(a.values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new Error(`--limit must be a whole number from 1 to 1000; got "${a.values.limit}"`);
    const date = a.values.date;
    if (date !== undefined && !isCalendarDate(date)) throw new Error(`--date must be a date YYYY-MM-DD; got "${date}"`);
    const queriesFile = a.values.queries;
    if (!queriesFile && a.positionals.length === 0) {
      io.err(USAGE);
      return 2;
    }
    // Read and check the batch file before the (slow) index build, so bad input fails fast.
    const batch = queriesFile ? readQueries(path.resolve(io.cwd, queriesFile)) : null;
    const { tables, error } = loadCliTables(a.values.tables);
    if (!tables) throw new Error(error);
    if (date) {
      const choice = tables.releaseFor(date);
      if (choice.kind === 'none') throw new Error(choice.message);
      if (choice.kind === 'beyond-newest') io.err(`chartcoder search: ${choice.message}`);
    }
    const engine = createSearchEngine(tables);
    if (batch) {
      for (const q of batch) {
        const { results, notices } = engine.find(q.query, { system: q.system ?? system, date, limit });
        io.out(JSON.stringify({ query: q.query, results, ...(notices.length ? { notices } : {}) }));
      }
      return 0;
    }
    const query = a.positionals.join(' ');
    const { results, notices } = engine.find(query, { system, date, limit });
    if (format === 'json') {
      io.out(JSON.stringify(results, null, 2));
      for (const n of notices) io.err(`chartcoder search: ${n}`);
    } else {
      // The notices are part of the list: what the search could not read is said, never dropped.
      const lines = [...results.map(textLine), ...notices.map((n) => `(${n})`)];
      if (lines.length === 0) io.err(`chartcoder search: no codes match "${query}"`);
      else io.out(lines.join('\n'));
    }
    return results.length > 0 ? 0 : 1;
  },
};

function checkSystem(value: string | undefined, where: string): CodeSystem | undefined {
  if (value === undefined) return undefined;
  if (!SYSTEMS.includes(value as CodeSystem)) throw new Error(`${where} must be one of ${SYSTEMS.join(', ')}; got "${value}"`);
  return value as CodeSystem;
}

function readQueries(file: string): { query: string; system?: CodeSystem }[] {
  let text: string;
  try {
    text = readUserFile(file, { maxBytes: MAX_QUERIES_FILE_BYTES, what: 'queries file' });
  } catch (e) {
    throw new Error(`cannot read ${(e as Error).message}`);
  }
  const out: { query: string; system?: CodeSystem }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    const o = v as { query?: unknown; system?: unknown };
    if (!o || typeof o !== 'object' || typeof o.query !== 'string') throw new Error(`${file}:${i + 1}: expected {"query": "...", "system"?: "..."}`);
    if (o.system !== undefined && typeof o.system !== 'string') throw new Error(`${file}:${i + 1}: "system" must be a string`);
    out.push({ query: o.query, system: checkSystem(o.system as string | undefined, `${file}:${i + 1}: "system"`) });
  });
  return out;
}

function textLine(r: SearchResult): string {
  return `${r.display.padEnd(9)} ${r.billable ? '  ' : 'H '} ${r.title}${r.system === 'icd10cm' ? '' : `  [${r.system}]`}`;
}
