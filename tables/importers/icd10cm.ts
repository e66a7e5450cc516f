// ICD-10-CM importers: the CMS codes file (fixed width: code in columns 1–7, a space, the long
// title), the CDC order file (order number, code, billable flag, short title, long title — it
// has the category headers), and the CMS addenda (Add / Delete / Revise from / Revise to).
import { CM_CODE, lines, SourceError, type SourceFile } from './source';

export interface CmCode {
  code: string;
  title: string;
}

/** `icd10cm_codes_YYYY.txt`: every billable code and its long title. */
export function readCmCodesFile(src: SourceFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const [line, n] of lines(src)) {
    const code = line.slice(0, 7).trim();
    const title = line.slice(8).trim();
    if (!CM_CODE.test(code)) throw new SourceError(src.name, n, `"${code}" is not an ICD-10-CM code (expected the code in columns 1–7)`);
    if (!title) throw new SourceError(src.name, n, `code ${code} has no title (expected it from column 9)`);
    if (out.has(code)) throw new SourceError(src.name, n, `code ${code} appears twice`);
    out.set(code, title);
  }
  return out;
}

export interface OrderRow {
  code: string;
  billable: boolean;
  shortTitle: string;
  title: string;
}

/** `icd10cm-order-YYYY.txt`: order (5), code (7), billable 0/1, short title (60), long title. */
export function readCmOrderFile(src: SourceFile): Map<string, OrderRow> {
  const out = new Map<string, OrderRow>();
  for (const [line, n] of lines(src)) {
    const code = line.slice(6, 13).trim();
    const flag = line.slice(14, 15);
    if (!/^\d{5}$/.test(line.slice(0, 5)) || !CM_CODE.test(code) || (flag !== '0' && flag !== '1')) {
      throw new SourceError(src.name, n, 'expected "ooooo CODE    F short title … long title" (order number, code, billable flag 0/1)');
    }
    out.set(code, { code, billable: flag === '1', shortTitle: line.slice(16, 76).trim(), title: line.slice(77).trim() });
  }
  return out;
}

export interface Addenda {
  added: Map<string, string>;
  deleted: Map<string, string>;
  revised: Map<string, { from: string; to: string }>;
}

/**
 * CMS addenda (`icd10cm_codes_addenda_YYYY.txt`, `icd10pcs_codes_addenda_YYYY.txt`):
 * `Add:`, `Delete:`, `Revise from:` followed by `Revise to:` lines, each `CODE title` after the
 * label. Lines that are not changes (headers, summaries) must start with something else.
 */
export function readAddenda(src: SourceFile, codePattern: RegExp): Addenda {
  const out: Addenda = { added: new Map(), deleted: new Map(), revised: new Map() };
  let pendingFrom: { code: string; title: string; line: number } | null = null;
  for (const [line, n] of lines(src)) {
    const m = /^(Add|Delete|Revise from|Revise to):\s+(\S+)\s+(.*)$/.exec(line.trim());
    if (!m) {
      if (/^(Add|Delete|Revise)/i.test(line.trim()))
        throw new SourceError(src.name, n, 'malformed change line: expected "Add:|Delete:|Revise from:|Revise to:  CODE  title"');
      continue;
    }
    const [, kind, code, title] = m;
    if (!codePattern.test(code)) throw new SourceError(src.name, n, `"${code}" is not a valid code`);
    if (kind !== 'Revise to' && pendingFrom)
      throw new SourceError(src.name, pendingFrom.line, `"Revise from" for ${pendingFrom.code} has no "Revise to" line after it`);
    if (kind === 'Add') out.added.set(code, title.trim());
    else if (kind === 'Delete') out.deleted.set(code, title.trim());
    else if (kind === 'Revise from') pendingFrom = { code, title: title.trim(), line: n };
    else {
      if (!pendingFrom || pendingFrom.code !== code)
        throw new SourceError(src.name, n, `"Revise to" for ${code} does not follow a "Revise from" of the same code`);
      out.revised.set(code, { from: pendingFrom.title, to: title.trim() });
      pendingFrom = null;
    }
  }
  if (pendingFrom) throw new SourceError(src.name, pendingFrom.line, `"Revise from" for ${pendingFrom.code} has no "Revise to" line after it`);
  return out;
}

/** Applies addenda to the previous year's code → title map; checks that they fit it. */
export function applyAddenda(previous: Map<string, string>, addenda: Addenda, file: string): Map<string, string> {
  const next = new Map(previous);
  for (const [code] of addenda.deleted) {
    if (!next.has(code)) throw new Error(`${file}: deletes ${code}, which the previous release does not have`);
    next.delete(code);
  }
  for (const [code, { to }] of addenda.revised) {
    if (!next.has(code)) throw new Error(`${file}: revises ${code}, which the previous release does not have`);
    next.set(code, to);
  }
  for (const [code, title] of addenda.added) {
    if (next.has(code)) throw new Error(`${file}: adds ${code}, which the previous release already has`);
    next.set(code, title);
  }
  return next;
}
