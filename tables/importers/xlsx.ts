// A small reader for the first worksheet of an .xlsx workbook (the CDC conversion tables): the
// workbook is a zip archive (fflate inflates it) of XML parts; cells are read from
// xl/worksheets/sheet1.xml, shared strings from xl/sharedStrings.xml. Only what those tables use
// is read: string, inline-string and number cells, by column letter. Anything else is an error
// that names the file.
import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Sheet {
  /** The workbook's base name, e.g. "ICD-10-CM-Conversion-Table-FY2026.xlsx". */
  name: string;
  sha256: string;
  /** Rows in order: column letter → cell text (trimmed); empty cells absent. `row` is the sheet's row number. */
  rows: { row: number; cells: Record<string, string> }[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ENTITIES[name],
  );
/** The text of an <si> or <is> element: every <t> run joined (rich text has several). */
const textOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join('');

export function readFirstSheet(file: string): Sheet {
  if (!fs.existsSync(file)) throw new Error(`${file}: workbook not found`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' || f.name === 'xl/sharedStrings.xml' });
  } catch (e) {
    throw new Error(`${file}: not an .xlsx workbook (${(e as Error).message})`);
  }
  const sheetXml = parts['xl/worksheets/sheet1.xml'];
  if (!sheetXml) throw new Error(`${file}: the workbook has no xl/worksheets/sheet1.xml`);
  const decode = (b: Uint8Array) => new TextDecoder('utf-8').decode(b);
  const shared = parts['xl/sharedStrings.xml'] ? [...decode(parts['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1])) : [];
  const rows: Sheet['rows'] = [];
  for (const rm of decode(sheetXml).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNo = Number(/\br="(\d+)"/.exec(rm[1])?.[1] ?? rows.length + 1);
    const cells: Record<string, string> = {};
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const ref = /\br="([A-Z]+)\d+"/.exec(cm[1]);
      if (!ref || !cm[2]) continue;
      const type = /\bt="([^"]+)"/.exec(cm[1])?.[1];
      let value: string;
      if (type === 'inlineStr') value = textOf(cm[2]);
      else {
        const v = /<v>([^<]*)<\/v>/.exec(cm[2]);
        if (!v) continue;
        if (type === 's') {
          const s = shared[Number(v[1])];
          if (s === undefined) throw new Error(`${path.basename(file)}: cell ${ref[1]}${rowNo} names shared string ${v[1]}, which the workbook does not have`);
          value = s;
        } else value = unescape(v[1]);
      }
      value = value.trim();
      if (value) cells[ref[1]] = value;
    }
    rows.push({ row: rowNo, cells });
  }
  return { name: path.basename(file), sha256: createHash('sha256').update(bytes).digest('hex'), rows };
}
