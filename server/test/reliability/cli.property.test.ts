// The CLI on generated charts: `chartcoder check` exits 0 or 1 with findings, never a stack trace,
// whatever the files hold (hostile text, random bytes, invalid UTF-8, a BOM, empty files).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { anyChart, fuzzSeed, sampleCharts } from './generators';

const CLI = join(__dirname, '..', '..', '..', 'bin', 'chartcoder');
const RUNS = Number(process.env.CHARTCODER_FUZZ_RUNS) || 1;
const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-cli-fuzz-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const STACK = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$|TypeError|RangeError|ReferenceError|SyntaxError: /m;

function check(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', cwd: TMP, maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `check ${args.join(' ')} exited ${r.status}\n${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, STACK, 'no stack trace on stderr');
  assert.doesNotMatch(r.stdout, STACK, 'no stack trace on stdout');
  return r;
}

test('chartcoder check over generated charts exits 0/1 with one line per finding, never a stack trace', () => {
  const dir = join(TMP, 'charts');
  mkdirSync(dir);
  const texts = fc.sample(anyChart(sampleCharts().map((s) => s.text)), { seed: fuzzSeed(), numRuns: 60 * RUNS });
  texts.forEach((t, i) => writeFileSync(join(dir, `gen-${String(i).padStart(4, '0')}.chart`), t));
  writeFileSync(join(dir, 'invalid-utf8.chart'), Buffer.from([0xff, 0xfe, 0x5b, 0xc3, 0x28, 0x5d, 0x7b, 0x64, 0x78, 0x3d, 0xed, 0xa0, 0x80, 0x7d, 0x0a]));
  writeFileSync(join(dir, 'empty.chart'), '');
  writeFileSync(join(dir, 'bom-only.chart'), '\uFEFF');
  const text = check(['charts']);
  for (const line of text.stdout.split('\n').filter(Boolean))
    assert.match(line, /^charts\/[\w.-]+\.chart:\d+:\d+ (error|warning|info|hint) [\w.-]+ \S/, `finding line: ${line.slice(0, 200)}`);
  const json = check(['--format', 'json', 'charts']);
  const findings = JSON.parse(json.stdout) as { uri: string; code: string }[];
  assert.ok(findings.length > 0 && findings.every((f) => f.uri.startsWith('file://') && typeof f.code === 'string'));
  assert.equal(text.status, json.status, 'same verdict in both formats');
});

test('bad command lines give one clear message and exit 2, never a stack trace', () => {
  for (const args of [['no-such-file.chart'], ['--format', 'xml', 'x.chart'], ['--rule', 'nonsense', 'x.chart'], ['--tables', join(TMP, 'nowhere'), '.']]) {
    const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', cwd: TMP, maxBuffer: 64 * 1024 * 1024 });
    assert.ok(r.status === 2 || r.status === 0 || r.status === 1, `${args.join(' ')} exited ${r.status}`);
    assert.doesNotMatch(r.stderr, STACK, `${args.join(' ')}: ${r.stderr.slice(0, 500)}`);
    if (r.status === 2) assert.ok(r.stderr.trim().length > 0, 'says why');
  }
});
