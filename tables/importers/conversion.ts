// The CDC ICD-10-CM conversion tables (ICD-10-CM-Conversion-Table-FYYYYY.xlsx): for every code
// created since FY2016, the date it took effect and the code(s) it replaced ("Previous Code(s)
// Assignment"). The official answer to "what replaced this deleted code". Each year's table is
// cumulative; rows read from several years are merged, the newest file citing each row.
import { readFirstSheet } from './xlsx';
import { CM_CODE } from './source';

export interface Conversion {
  /** The code created (undotted). */
  current: string;
  /** YYYY-MM-DD: the day the current code took effect. */
  effective: string;
  /** The code(s) used for the same condition before (undotted). */
  previous: string[];
}

const CODE_IN_TEXT = /\b[A-Z][0-9A-Z][0-9A-Z](?:\.[0-9A-Z]{1,4})?\b/g;

/** Excel's day serial (1900 system) → YYYY-MM-DD. */
const excelDate = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);

/**
 * The effective column: a fiscal-year start ("2025" = October 1, 2025) or, for the April and
 * January updates, an Excel date (45017 = 2023-04-01).
 */
export function effectiveDate(text: string): string | null {
  if (/^\d{4}$/.test(text)) return `${text}-10-01`;
  if (/^\d{5}$/.test(text)) return excelDate(Number(text));
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  return null;
}

export function readConversionTable(file: string): { name: string; sha256: string; rows: Conversion[] } {
  const sheet = readFirstSheet(file);
  const header = sheet.rows.findIndex((r) => /^current code/i.test(r.cells.A ?? '') && /^previous code/i.test(r.cells.C ?? ''));
  if (header < 0) throw new Error(`${sheet.name}: no header row "Current code assignment | Effective | Previous Code(s) Assignment" in the first sheet`);
  const rows: Conversion[] = [];
  for (const { row, cells } of sheet.rows.slice(header + 1)) {
    if (!cells.A && !cells.C) continue;
    const current = (cells.A ?? '').replace('.', '');
    if (!CM_CODE.test(current)) throw new Error(`${sheet.name}: row ${row}: "${cells.A ?? ''}" is not an ICD-10-CM code (column A)`);
    const effective = effectiveDate(cells.B ?? '');
    if (!effective) throw new Error(`${sheet.name}: row ${row}: effective "${cells.B ?? ''}" is neither a year nor a date (column B)`);
    const previous = [...new Set([...(cells.C ?? '').matchAll(CODE_IN_TEXT)].map((m) => m[0].replace('.', '')))];
    // "None": a code for a condition that had no code before.
    if (!previous.length && !/^none\b/i.test(cells.C ?? '')) throw new Error(`${sheet.name}: row ${row}: no previous code in "${cells.C ?? ''}" (column C)`);
    rows.push({ current, effective, previous });
  }
  return { name: sheet.name, sha256: sheet.sha256, rows };
}
