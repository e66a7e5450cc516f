// `chartcoder group`: claim files stream to answer lines (bad lines get error lines and the run
// goes on), and a chart's abstract groups with the version of its discharge date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testTables, NO_TABLES, REPO } from './helpers';
import { groupCommand } from '../../src/cli/commands/group';
import type { CliIO } from '../../src/cli/types';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const sink: CliIO = { out: (t) => out.push(...t.split('\n')), err: (t) => err.push(t), cwd, isTTY: false };
  return { sink, out, err };
}

test('group --claims writes one answer per claim and an error line naming line and field for bad ones', async (t) => {
  if (!(await testTables())) return t.skip(NO_TABLES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-group-'));
  const file = path.join(dir, 'claims.jsonl');
  fs.writeFileSync(
    file,
    [
      '{"id": "a", "age": 70, "sex": "F", "dstat": "01", "pdx": "I5023", "sdx": ["N184:Y", "J9601:Y"], "procs": []}',
      '{"id": "b", "age": 70, "sex": "X", "dstat": "01", "pdx": "I5023"}',
      'not json',
      '',
      '{"id": "c", "age": 45, "sex": "M", "dstat": "20", "pdx": "I214", "sdx": [], "procs": [], "discharged": "2026-05-01"}',
    ].join('\n'),
  );
  const { sink, out, err } = io(dir);
  const code = await groupCommand.run(['--claims', 'claims.jsonl'], sink);
  assert.equal(code, 1);
  assert.equal(out.length, 4);
  const [a, b, bad, c] = out.map((l) => JSON.parse(l));
  assert.equal(a.drg, '291');
  assert.equal(a.version, '430');
  assert.deepEqual(
    a.sdx.map((s: { severity: string }) => s.severity),
    ['CC', 'MCC'],
  );
  assert.equal(b.line, 2);
  assert.equal(b.field, 'sex');
  assert.equal(b.id, 'b');
  assert.match(b.error, /claims\.jsonl:2: sex/);
  assert.equal(bad.line, 3);
  assert.equal(c.drg, '285');
  assert.equal(c.version, '431'); // chosen by the claim's discharge date
  assert.match(err.join('\n'), /2 of 5 lines could not be read/);
});

test('group --claims --version 431 and a missing file', async (t) => {
  if (!(await testTables())) return t.skip(NO_TABLES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-group-'));
  fs.writeFileSync(path.join(dir, 'c.jsonl'), '{"id": "x", "pdx": "J189", "sdx": ["J9601:Y"]}\n');
  const ok = io(dir);
  assert.equal(await groupCommand.run(['--claims', 'c.jsonl', '--version', '431'], ok.sink), 0);
  assert.equal(JSON.parse(ok.out[0]!).version, '431');
  assert.equal(JSON.parse(ok.out[0]!).drg, '193');
  const missing = io(dir);
  assert.equal(await groupCommand.run(['--claims', 'nope.jsonl'], missing.sink), 2);
  assert.match(missing.err.join(), /nope\.jsonl/);
  const badVersion = io(dir);
  assert.equal(await groupCommand.run(['--claims', 'c.jsonl', '--version', '999'], badVersion.sink), 2);
});

test('group <chart> groups the abstract with the header (text and json)', async (t) => {
  if (!(await testTables())) return t.skip(NO_TABLES);
  const chart = path.join(REPO, 'samples/hf-ckd.chart');
  if (!fs.existsSync(chart)) return t.skip('samples/hf-ckd.chart not found');
  const text = io(REPO);
  assert.equal(await groupCommand.run([chart], text.sink), 0);
  // I13.0 with acute on chronic diastolic HF (MCC): Heart failure and shock with MCC.
  assert.match(text.out[0]!, /MS-DRG 291 Heart Failure and Shock with MCC .*v43\.0/);
  assert.ok(text.out.some((l) => /SDX I5033 POA Y: MCC/.test(l)));
  const json = io(REPO);
  assert.equal(await groupCommand.run([chart, '--format', 'json'], json.sink), 0);
  const r = JSON.parse(json.out.join('\n'));
  assert.equal(r.drg, '291');
  assert.equal(r.version, '430');
});
