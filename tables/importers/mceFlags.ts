// The Medicare Code Editor's validity dates, as the decoded TSVs give them (`code flag start_date
// end_date`, dates YYYYMMDD, end empty = open): a code is valid on a date when any of its rows
// covers it. The table build uses them to derive the Apr 1 code sets; the edit flags themselves
// come from CMS's data file (tables/importers/mce.ts).
import { SourceError, tsvRows, type SourceFile } from './source';

/** Rows `code flag start end` with dates as YYYY-MM-DD ('' = open ended). */
export function readMceMaster(src: SourceFile): string[] {
  const out: string[] = [];
  for (const [r, n] of tsvRows(src, ['code', 'flag', 'start_date', 'end_date'])) {
    const start = isoDate(r.start_date, src.name, n);
    const end = r.end_date ? isoDate(r.end_date, src.name, n) : '';
    out.push([r.code, r.flag, start, end].join('\t'));
  }
  return out;
}

function isoDate(d: string, file: string, line: number): string {
  if (!/^\d{8}$/.test(d)) throw new SourceError(file, line, `date must be YYYYMMDD; got "${d}"`);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
