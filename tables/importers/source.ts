// Reading official source files: line by line, with errors that name the file and line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';

export class SourceError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

export interface SourceFile {
  path: string;
  name: string; // base name, as facts cite it
  text: string;
  sha256: string;
}

export function readSource(file: string): SourceFile {
  if (!fs.existsSync(file)) throw new Error(`${file}: source file not found`);
  const buf = fs.readFileSync(file);
  return { path: file, name: path.basename(file), text: buf.toString('utf8').replace(/^\uFEFF/, ''), sha256: createHash('sha256').update(buf).digest('hex') };
}

/** Non-empty lines with their 1-based numbers (CRLF, LF). */
export function* lines(src: SourceFile): Generator<[string, number]> {
  const all = src.text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) if (all[i].trim() !== '') yield [all[i], i + 1];
}

/** A TSV file with a header row: rows as objects keyed by the header's column names. */
export function* tsvRows(src: SourceFile, required: string[]): Generator<[Record<string, string>, number]> {
  let header: string[] | null = null;
  for (const [line, n] of lines(src)) {
    const cols = line.split('\t');
    if (!header) {
      header = cols.map((c) => c.trim());
      for (const r of required) if (!header.includes(r)) throw new SourceError(src.name, n, `missing column "${r}" in the header (has: ${header.join(', ')})`);
      continue;
    }
    if (cols.length < header.length && cols.length < required.length)
      throw new SourceError(src.name, n, `expected ${header.length} tab-separated columns, found ${cols.length}`);
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = (cols[i] ?? '').trim()));
    yield [row, n];
  }
}

export { csvFields } from '../../server/src/tables/csv';

export const CM_CODE = /^[A-Z][0-9A-Z][0-9A-Z]{1,5}$/;
export const PCS_CODE = /^[0-9A-HJ-NP-Z]{7}$/;
export const HCPCS_CODE = /^[A-Z0-9][0-9]{4}$|^[A-Z0-9]{2}$/;
