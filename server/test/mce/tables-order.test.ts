// The MCE master files are read in place by binary search, sorted by code as the importer writes
// them: every row of a code is found, in file order. A file out of order (hand-edited, or written by
// another tool) is refused with a message naming it, never read wrongly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMceTables } from '../../src/mce/tables';
import { TABLE_FILES, TableWriter } from '../../src/tables/format';

const META = { format: 1, version: 431, validFrom: '19851001', terminationDate: '20260930', ageGroups: [], dischargeStatuses: [], sources: [] };
const ROWS = [
  'A000\t20151001\t\t',
  'D251\t20151001\t20240930\tfemale',
  'D251\t20241001\t\t',
  'I10\t20151001\t\tqadm',
  'Z3800\t20151001\t\tnewborn,unacceptable',
];

function writeMce(dir: string, rows: readonly string[]): void {
  // Written as the build writes them: through the table writer, with a manifest.
  const writer = new TableWriter(dir);
  writer.write(TABLE_FILES.mce.meta, JSON.stringify(META));
  writer.write(TABLE_FILES.mce.dx, rows.join('\n') + '\n');
  writer.write(TABLE_FILES.mce.pr, '0016070\t20151001\t\t\n');
  writer.writeManifest({ releases: [], sources: [] });
}

{
  test("MCE master read sorted: every code's rows, first covering range wins", () => {
    const rows = ROWS;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartcoder-mce-order-'));
    try {
      writeMce(dir, rows);
      const m = loadMceTables(dir);
      assert.deepEqual(
        m.dxFlags('D251', '2024-06-01')?.map((f) => f.flag),
        ['female'],
      );
      assert.deepEqual(m.dxFlags('D251', '2025-01-01'), []);
      assert.deepEqual([...(m.dxFlagSet('Z3800', 20260115) ?? [])], ['newborn', 'unacceptable']);
      assert.deepEqual(
        m.dxFlags('I10', '2026-01-15')?.map((f) => f.flag),
        ['qadm'],
      );
      assert.equal(m.dxFlags('A00', '2026-01-15'), null); // a prefix of A000 is no code
      assert.equal(m.dxFlags('Z99', '2026-01-15'), null);
      assert.equal(m.isValidDx('A000', '2026-01-15'), true);
      assert.equal(m.isValidPr('0016070', '2026-01-15'), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('MCE master out of order: refused with a message naming the file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartcoder-mce-order-'));
  try {
    writeMce(dir, [...ROWS].reverse());
    assert.throws(() => loadMceTables(dir), /mce[/\\]dx\.tsv:\d+: out of order; rebuild the tables/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
