// The user-supplied CPT table: good rows used, bad rows reported by file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCptTable } from '../../src/tables/cpt';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';

const dir = mkdtempSync(join(tmpdir(), 'chartcoder-cpt-'));

test('a CPT CSV with a header, quoted descriptions and bad rows', () => {
  const file = join(dir, 'cpt.csv');
  writeFileSync(file, 'code,description\n99223,"Initial hospital care, high complexity"\n4711,too short\n99233,\n99223,again\n');
  const t = loadCptTable(file);
  assert.deepEqual([...t.codes], [['99223', 'Initial hospital care, high complexity']]);
  assert.deepEqual(t.problems, [
    `${file}:3: "4711" is not a CPT code (five characters: four digits and a digit or letter)`,
    `${file}:4: code 99233 has no description`,
    `${file}:5: code 99223 appears twice (the first is kept)`,
  ]);
  assert.throws(() => loadCptTable(join(dir, 'missing.csv')), /missing\.csv: CPT table not found/);
});

test('CPT codes are looked up once the table is set', () => {
  const tables = loadTables(defaultTablesDir());
  assert.equal(tables.lookup('99223', '2026-03-06', 'cpt').kind, 'unknown');
  tables.setCptTable(new Map([['99223', 'Initial hospital care']]), '/x/cpt.csv');
  const r = tables.lookup('99223', '2026-03-06', 'cpt');
  assert.equal(r.kind, 'valid');
  assert.equal(r.kind === 'valid' ? r.entry.titleSource?.year : '', 'user-supplied CPT table');
});
