// The MCE master files are read by binary search when sorted by code (as the importer writes them)
// and through a map otherwise: both find every row of a code, in file order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMceTables } from '../../src/mce/tables';

const META = { format: 1, version: 431, validFrom: '19851001', terminationDate: '20260930', ageGroups: [], dischargeStatuses: [], sources: [] };
const ROWS = ['A000\t20151001\t\t', 'D251\t20151001\t20240930\tfemale', 'D251\t20241001\t\t', 'I10\t20151001\t\tqadm', 'Z3800\t20151001\t\tnewborn,unacceptable'];

for (const [name, rows] of [['sorted', ROWS], ['unsorted', [...ROWS].reverse()]] as const) {
  test(`MCE master read ${name}: every code's rows, first covering range wins`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chartcoder-mce-order-'));
    try {
      fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(META));
      fs.writeFileSync(path.join(dir, 'dx.tsv'), rows.join('\n') + '\n');
      fs.writeFileSync(path.join(dir, 'pr.tsv'), '0016070\t20151001\t\t\n');
      const m = loadMceTables(dir);
      assert.deepEqual(m.dxFlags('D251', '2024-06-01')?.map((f) => f.flag), ['female']);
      assert.deepEqual(m.dxFlags('D251', '2025-01-01'), []);
      assert.deepEqual([...(m.dxFlagSet('Z3800', 20260115) ?? [])], ['newborn', 'unacceptable']);
      assert.deepEqual(m.dxFlags('I10', '2026-01-15')?.map((f) => f.flag), ['qadm']);
      assert.equal(m.dxFlags('A00', '2026-01-15'), null); // a prefix of A000 is no code
      assert.equal(m.dxFlags('Z99', '2026-01-15'), null);
      assert.equal(m.isValidDx('A000', '2026-01-15'), true);
      assert.equal(m.isValidPr('0016070', '2026-01-15'), true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
