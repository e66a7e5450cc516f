// Medicare Code Editor tables: per code, its edit flags with the dates they apply
// (`code flag start_date end_date`, dates YYYYMMDD, end empty = open). A code is valid on a date
// when any of its rows covers that date; a row with a flag says which edit applies then.
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

export function readMceAgeRanges(src: SourceFile): { group: string; min: number; max: number; start: string; end: string }[] {
  const out = [];
  for (const [r, n] of tsvRows(src, ['age_group', 'start_age', 'end_age', 'start_date', 'end_date'])) {
    out.push({ group: r.age_group, min: Number(r.start_age), max: Number(r.end_age), start: isoDate(r.start_date, src.name, n), end: r.end_date ? isoDate(r.end_date, src.name, n) : '' });
  }
  return out;
}

function isoDate(d: string, file: string, line: number): string {
  if (!/^\d{8}$/.test(d)) throw new SourceError(file, line, `date must be YYYYMMDD; got "${d}"`);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
