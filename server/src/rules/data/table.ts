// The curated data files of this folder are TypeScript modules holding one tab-separated table
// each (so they bundle into the server), with `#` comments and a source column required on every
// row: a row without one is refused, naming the file and the line.
import { normalizeCode } from '../../base/codes';

export function parseTable(file: string, text: string, columns: number): string[][] {
  const rows: string[][] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (cells.length !== columns || !cells[columns - 1])
      throw new Error(`server/src/rules/data/${file}: table line ${i + 1}: expected ${columns} tab-separated columns ending in a source, got ${cells.length}`);
    rows.push(cells);
  });
  return rows;
}

/** Undotted upper-case code or prefix. */
export function prefixOf(cell: string): string {
  return normalizeCode(cell);
}
