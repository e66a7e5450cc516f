// The MCE importer on small hand-made sources: TSV fallback, CMS's binary data file, and
// malformed rows named by file and line (or entry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importMce, readMceBin, readMceCodeMaster } from '../../../tables/importers/mce';
import type { SourceFile } from '../../../tables/importers/source';
import { loadMceTables } from '../../src/mce/tables';
import { importInto } from './helpers';

const src = (name: string, text: string): SourceFile => ({ path: name, name, text, sha256: '' });

const DX =
  'code\tflag\tstart_date\tend_date\nD251\tfemale\t20151001\t20240930\nD251\t\t20241001\t\nE119\tqadm\t20151001\t\nZ5189\tunacceptable\t20151001\t\nZ5189\treqsdx\t20151001\t\n';
const SG = 'code\tflag\tstart_date\tend_date\n00F3XZZ\tnoncovered\t20151001\t\n0016070\t\t20151001\t20230930\n';
const AGE = 'age_group\tstart_age\tend_age\tstart_date\tend_date\nAdult\t15\t124\t19840301\t\nNewborn\t0\t0\t19840301\t\n';
const DS = 'code\tstartDate\tendDate\n1\t19801001\t\n20\t19801001\t\n8\t19941001\t20050930\n';

function sourcesDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mce-src-'));
  fs.mkdirSync(path.join(dir, 'mce', 'raw'), { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'mce', name), text);
  return dir;
}

test('imports the TSV masters when there is no data file, and the tables answer by date', async () => {
  const dir = sourcesDir({ 'mce_i10dx_master.tsv': DX, 'mce_i10sg_master.tsv': SG, 'mce_age_ranges.tsv': AGE, 'mce_discharge_status.tsv': DS });
  const logs: string[] = [];
  await importInto(path.join(dir, 'out'), (out) => importMce(dir, out, (m) => logs.push(m)));
  assert.match(logs.join('\n'), /mce\.bin not found/);
  const t = loadMceTables(path.join(dir, 'out'));
  assert.deepEqual(t.dxFlags('D25.1', '2024-06-01'), [{ flag: 'female', start: '2015-10-01', end: '2024-09-30' }]);
  assert.deepEqual(t.dxFlags('D251', '2025-01-01'), []); // valid, no flags
  assert.equal(t.dxFlags('D251', '2015-09-30'), null); // not valid yet
  assert.equal(t.dxFlags('X999', '2025-01-01'), null);
  assert.deepEqual(
    t.dxFlags('Z5189', '2025-01-01')?.map((f) => f.flag),
    ['reqsdx', 'unacceptable'],
  );
  assert.equal(t.isValidPr('0016070', '2023-09-30'), true);
  assert.equal(t.isValidPr('0016070', '2023-10-01'), false);
  assert.deepEqual(
    t.prFlags('00F3XZZ', '2026-01-01')?.map((f) => f.flag),
    ['noncovered'],
  );
  assert.deepEqual(t.ageGroup('adult', '2026-01-01'), { group: 'Adult', min: 15, max: 124, start: '1984-03-01', end: null });
  assert.equal(t.isValidDischargeStatus('01', '2026-01-01'), true);
  assert.equal(t.isValidDischargeStatus('08', '2026-01-01'), false);
  assert.equal(t.isValidDischargeStatus('08', '2000-01-01'), true);
  assert.equal(t.terminationDate, null);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('malformed TSV rows are reported with file and line', () => {
  const bad = (text: string, message: RegExp) => assert.throws(() => readMceCodeMaster(src('mce_i10dx_master.tsv', text)), message);
  bad('code\tflag\tstart_date\tend_date\nA000\t\t2015-10-01\t\n', /mce_i10dx_master\.tsv:2: start date must be YYYYMMDD/);
  bad('code\tflag\tstart_date\tend_date\nA000\t\t20151001\t\nA0.01\t\t20151001\t\n', /mce_i10dx_master\.tsv:3: code must be/);
  bad('code\tflag\tstart_date\tend_date\nA000\tnot a flag\t20151001\t\n', /:2: flag must be/);
  bad('code\tflag\tstart_date\tend_date\nA000\t\t20151001\t20140101\n', /:2: end date 20140101 is before start date/);
  bad('code\tflag\tstart\tend_date\nA000\t\t20151001\t\n', /:1: missing column "start_date"/);
});

// A tiny protobuf writer for data-file fixtures (mce.schema.txt: Root, CodeMasterEntry, …).
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
const bytes = (field: number, b: Buffer | string) => {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b, 'latin1');
  return Buffer.concat([Buffer.from([...varint(field * 8 + 2), ...varint(buf.length)]), buf]);
};
const int = (field: number, n: number) => Buffer.from([...varint(field * 8), ...varint(n)]);
const entry = (code: string, start: string, end: string, flags: string[]) =>
  bytes(1, Buffer.concat([bytes(1, code), bytes(2, start), bytes(3, end), ...flags.map((f) => bytes(4, f))]));

function dataFile(dxEntries: Buffer[]): Buffer {
  return Buffer.concat([
    bytes(1, bytes(1, Buffer.concat([bytes(1, 'Adult'), int(2, 15), int(3, 124), bytes(4, '19840301'), bytes(5, '')]))),
    bytes(2, bytes(1, Buffer.concat([int(1, 1), bytes(2, '19801001'), bytes(3, '')]))),
    bytes(3, Buffer.concat(dxEntries)),
    bytes(4, entry('00F3XZZ', '20151001', '', ['noncovered'])),
    bytes(7, 'yyyyMMdd'),
    int(8, 431),
    bytes(9, '20260930'),
  ]);
}

test("reads CMS's data file: every flag of a date range, version and termination date", async () => {
  const bin = dataFile([
    entry('M80049P', '20151001', '20220331', ['adult']),
    entry('M80049P', '20220401', '', ['adult', 'unspecified']),
    entry('R369', '20151001', '', ['']),
  ]);
  const data = readMceBin(bin, 'mce.bin');
  assert.equal(data.version, 431);
  assert.equal(data.terminationDate, '20260930');
  assert.deepEqual(data.dx, ['M80049P\t20151001\t20220331\tadult', 'M80049P\t20220401\t\tadult,unspecified', 'R369\t20151001\t\t']);
  assert.deepEqual(data.ageGroups, [{ group: 'Adult', min: 15, max: 124, start: '19840301', end: '' }]);
  assert.deepEqual(data.dischargeStatuses, [{ code: 1, start: '19801001', end: '' }]);

  const dir = sourcesDir({});
  fs.writeFileSync(path.join(dir, 'mce', 'raw', 'mce.bin'), bin);
  await importInto(path.join(dir, 'out'), (out) => importMce(dir, out, () => {}));
  const t = loadMceTables(path.join(dir, 'out'));
  assert.equal(t.version, 431);
  assert.deepEqual(
    t.dxFlags('M80049P', '2026-01-15')?.map((f) => f.flag),
    ['adult', 'unspecified'],
  );
  assert.deepEqual(t.dxFlags('R369', '2026-01-15'), []);
  assert.equal(t.acceptsDischargeDate('2026-09-30'), true);
  assert.equal(t.acceptsDischargeDate('2026-10-01'), false);
  assert.equal(t.acceptsDischargeDate('1985-09-30'), false);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a malformed data file names the entry', () => {
  assert.throws(
    () => readMceBin(dataFile([entry('A000', '20151001', '', []), entry('A0.1', '20151001', '', [])]), 'mce.bin'),
    /mce\.bin: i10DxMaster entry 2: code must be/,
  );
  assert.throws(
    () => readMceBin(dataFile([entry('A000', '2015-10-01', '', [])]), 'mce.bin'),
    /mce\.bin: i10DxMaster entry 1 \(A000\): start date must be YYYYMMDD/,
  );
  assert.throws(() => readMceBin(Buffer.from([0x1a, 0x05, 0x01]), 'mce.bin'), /mce\.bin: field 3 runs past the end/);
});
