// CPT is licensed by the AMA and not in the official sources here: a user supplies a CSV of
// `code,description` (a header row is optional). Every bad row is reported with file and line;
// the good rows are still used.
import { csvFields } from './csv';
import { MAX_CPT_TABLE_BYTES, readUserFile, UserFileError } from '../base/safeRead';

export interface CptTable {
  codes: Map<string, string>;
  problems: string[];
}

const CPT_CODE = /^\d{4}[0-9A-Z]$/;
/** Problems listed one by one; beyond them, a count. */
const MAX_PROBLEMS = 100;

export function loadCptTable(file: string): CptTable {
  // The path comes from settings (possibly a repository's .chartcoder.json): read only a regular file of a sane size.
  let text: string;
  try {
    text = readUserFile(file, { maxBytes: MAX_CPT_TABLE_BYTES, what: 'CPT table' }).replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof UserFileError && e.code === 'ENOENT') throw new Error(`${file}: CPT table not found`);
    throw new Error(e instanceof UserFileError ? `${e.message} (CPT table not loaded)` : `${file}: CPT table not loaded: ${(e as Error).message}`);
  }
  const codes = new Map<string, string>();
  const problems: string[] = [];
  // A file of junk (or someone's log named as the CPT table) has a problem on every line: the first
  // MAX_PROBLEMS are listed, then a count — not a million lines on stderr.
  let unlisted = 0;
  const problem = (message: string) => (problems.length < MAX_PROBLEMS ? problems.push(message) : unlisted++);
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const f = csvFields(line);
    const where = `${file}:${i + 1}`;
    if (!f || f.length < 2) {
      problem(`${where}: expected "code,description"`);
      return;
    }
    const code = f[0].trim().toUpperCase();
    if (i === 0 && !CPT_CODE.test(code)) return; // a header row
    if (!CPT_CODE.test(code))
      problem(`${where}: "${f[0].length > 40 ? `${f[0].slice(0, 40)}…` : f[0]}" is not a CPT code (five characters: four digits and a digit or letter)`);
    else if (!f[1].trim()) problem(`${where}: code ${code} has no description`);
    else if (codes.has(code)) problem(`${where}: code ${code} appears twice (the first is kept)`);
    else codes.set(code, f[1].trim());
  });
  if (unlisted) problems.push(`${file}: ${unlisted} more problem${unlisted === 1 ? '' : 's'} not listed`);
  if (codes.size === 0 && problems.length === 0) problems.push(`${file}: no CPT codes in it`);
  return { codes, problems };
}
