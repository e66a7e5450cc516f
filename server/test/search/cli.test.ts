// `chartcoder search`: the JSON shape of one query, the batch mode (one line per query, in order),
// and clear messages for bad input. Runs the real CLI (bin/chartcoder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'chartcoder');
const cli = (args: string[], cwd = process.cwd()) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('search --format json: [{code, display, title, billable, system, score}], best first, limited', () => {
  const r = cli(['search', 'lap chole', '--system', 'icd10pcs', '--limit', '3', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const results = JSON.parse(r.out) as Record<string, unknown>[];
  assert.equal(results.length, 3);
  assert.deepEqual(Object.keys(results[0]).sort(), ['billable', 'code', 'display', 'score', 'system', 'title']);
  assert.equal(results[0].code, '0FT44ZZ');
  assert.equal(results[0].system, 'icd10pcs');
  assert.equal(typeof results[0].billable, 'boolean');
});

test('search --queries: one JSON line per query, in order; tables loaded once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-search-'));
  writeFileSync(join(dir, 'q.jsonl'), '{"query": "copd exac", "system": "icd10cm"}\n\n{"query": "I50.2"}\n{"query": "zzzz qqqq"}\n');
  const r = cli(['search', '--queries', 'q.jsonl', '--limit', '5'], dir);
  assert.equal(r.code, 0, r.err);
  const lines = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { query: string; results: { code: string }[] });
  assert.deepEqual(
    lines.map((l) => l.query),
    ['copd exac', 'I50.2', 'zzzz qqqq'],
  );
  assert.ok(lines[0].results.some((x) => x.code === 'J441'));
  assert.ok(lines[1].results.every((x) => x.code.startsWith('I502')));
  assert.deepEqual(lines[2].results, []);
  assert.deepEqual((lines[2] as { notices?: string[] }).notices, ["no code matches 'zzzz qqqq'"]);
  assert.equal((lines[0] as { notices?: string[] }).notices, undefined);
});

test('search text output: a word nothing matches is a line of the list', () => {
  const mixed = cli(['search', 'xqzv pneumonia', '--system', 'icd10cm', '--limit', '3']);
  assert.equal(mixed.code, 0, mixed.err);
  const lines = mixed.out.trim().split('\n');
  assert.equal(lines.length, 4);
  assert.equal(lines[3], "(no code matches 'xqzv')");
  const none = cli(['search', 'xqzv']);
  assert.equal(none.code, 1);
  assert.equal(none.out.trim(), "(no code matches 'xqzv')");
});

test('bad input: a clear message naming the file and line, or the option', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-search-'));
  writeFileSync(join(dir, 'bad.jsonl'), '{"query": "chf"}\n{not json\n');
  const bad = cli(['search', '--queries', 'bad.jsonl'], dir);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /bad\.jsonl:2: not JSON/);
  const sys = cli(['search', 'chf', '--system', 'icd9']);
  assert.notEqual(sys.code, 0);
  assert.match(sys.err, /--system must be one of/);
});
