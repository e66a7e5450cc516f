// HCPCS Level II: the CMS CSV (HCPCS_CODE, SHORT_DESCRIPTION, LONG_DESCRIPTION), and the
// user-supplied CPT table (code,description) read the same way at run time.
import { csvFields, HCPCS_CODE, lines, SourceError, type SourceFile } from './source';

export interface HcpcsRow {
  code: string;
  shortTitle: string;
  title: string;
}

export function readHcpcsCsv(src: SourceFile): Map<string, HcpcsRow> {
  const out = new Map<string, HcpcsRow>();
  let header: string[] | null = null;
  for (const [line, n] of lines(src)) {
    const f = csvFields(line);
    if (!f) throw new SourceError(src.name, n, 'malformed CSV (an unterminated quote?)');
    if (!header) {
      header = f.map((h) => h.trim().toUpperCase());
      if (header[0] !== 'HCPCS_CODE') throw new SourceError(src.name, n, 'expected the header HCPCS_CODE,SHORT_DESCRIPTION,LONG_DESCRIPTION');
      continue;
    }
    const code = (f[0] ?? '').trim().toUpperCase();
    if (!HCPCS_CODE.test(code)) throw new SourceError(src.name, n, `"${code}" is not a HCPCS code`);
    out.set(code, { code, shortTitle: (f[1] ?? '').trim(), title: (f[2] ?? f[1] ?? '').trim() });
  }
  return out;
}
