// ICD-10-PCS importers: the CMS codes file (`CODE description`, one per line) and the derived
// FY2027 list (TSV: code, description, description_source; an empty description = no title).
import { lines, PCS_CODE, SourceError, tsvRows, type SourceFile } from './source';

export function readPcsCodesFile(src: SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const [line, n] of lines(src)) {
    const m = /^(\S{7})\s+(.+)$/.exec(line.trim());
    if (!m || !PCS_CODE.test(m[1])) throw new SourceError(src.name, n, 'expected "CODE description" with a 7-character ICD-10-PCS code');
    if (out.has(m[1])) throw new SourceError(src.name, n, `code ${m[1]} appears twice`);
    out.set(m[1], m[2].trim());
  }
  return out;
}

/** Derived TSV: returns code → title, with '' for codes the source gives no title. */
export function readPcsDerivedTsv(src: SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const [row, n] of tsvRows(src, ['code', 'description'])) {
    if (!PCS_CODE.test(row.code)) throw new SourceError(src.name, n, `"${row.code}" is not an ICD-10-PCS code`);
    out.set(row.code, row.description);
  }
  return out;
}
