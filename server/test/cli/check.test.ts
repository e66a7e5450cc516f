// `chartcoder check`: text and JSON output, exit codes, directories, rule levels from
// --rule and .chartcoder.json, suppressions listed in JSON. Runs the real CLI (bin/chartcoder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADER } from '../helpers/markers';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'chartcoder');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CLEAN = `${HEADER}
# HPI
[Hypertensive urgency]{dx=I16.0 poa=Y}, treated with IV labetalol.

\`\`\`abstract
PDX I16.0 Y
\`\`\`
`;
const BROKEN = `${HEADER}
# HPI
[Hypertension]{dx=I10 poa=Y
`;
const SUPPRESSED = `${HEADER}
# HPI
<!-- chartcoder-ignore chart.syntax: testing the audit trail -->
[Hypertension]{dx=I10 poa=Y
`;

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-cli-'));
  writeFileSync(join(dir, 'clean.chart'), CLEAN);
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'nested', 'deeper', 'broken.chart'), BROKEN);
  writeFileSync(join(dir, 'nested', 'not-a-chart.txt'), BROKEN);
  return dir;
}

test('text format: file:line:col severity rule-id message, exit 1 on errors', () => {
  const dir = workspace();
  const r = cli(['check', 'nested/deeper/broken.chart'], dir);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trim().split('\n');
  assert.ok(
    lines.some((l) => /^nested\/deeper\/broken\.chart:10:15 error chart\.syntax .*not closed/.test(l)),
    r.out,
  );
});

test('exit 0 when there are no errors', () => {
  const dir = workspace();
  const r = cli(['check', 'clean.chart'], dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.doesNotMatch(r.out, / error /);
});

test('a directory checks every .chart below it, and only those', () => {
  const dir = workspace();
  const r = cli(['check', '--format', 'json', '.'], dir);
  assert.equal(r.code, 1);
  const items = JSON.parse(r.out) as { uri: string }[];
  const files = new Set(items.map((i) => i.uri.replace(/^.*\//, '')));
  assert.ok(files.has('broken.chart'));
  assert.ok(!files.has('not-a-chart.txt'));
});

test('JSON format: a stable array of {uri, range, severity, code, message, source}', () => {
  const dir = workspace();
  const r = cli(['check', '--format=json', 'nested'], dir);
  const items = JSON.parse(r.out) as Record<string, unknown>[];
  const syntax = items.find((i) => i.code === 'chart.syntax')!;
  assert.deepEqual(Object.keys(syntax).sort(), ['code', 'message', 'range', 'severity', 'source', 'uri']);
  assert.equal(syntax.source, 'chartcoder');
  assert.equal(syntax.severity, 'error');
  assert.match(String(syntax.uri), /^file:\/\/.*broken\.chart$/);
  assert.deepEqual(syntax.range, { start: { line: 9, character: 14 }, end: { line: 9, character: 27 } });
});

test('--rule changes a severity; off silences it; exit code follows', () => {
  const dir = workspace();
  const warn = cli(['check', '--rule', 'chart.syntax=warning', 'nested'], dir);
  assert.equal(warn.code, 0);
  assert.match(warn.out, / warning chart\.syntax /);
  const off = cli(['check', '--rule', 'chart.syntax=off', 'nested'], dir);
  assert.equal(off.code, 0);
  assert.doesNotMatch(off.out, /chart\.syntax/);
});

test('.chartcoder.json beside the charts sets rule levels; unknown ids are reported by name', () => {
  const dir = workspace();
  writeFileSync(join(dir, 'nested', '.chartcoder.json'), JSON.stringify({ rules: { 'chart.syntax': 'info', 'icd.nonsense': 'off' } }));
  const r = cli(['check', 'nested'], dir);
  assert.equal(r.code, 0);
  assert.match(r.out, / info chart\.syntax /);
  assert.match(r.err, /rules\.icd\.nonsense: unknown rule id/);
});

test('suppressed findings: hidden in text, listed with their reason in JSON', () => {
  const dir = workspace();
  writeFileSync(join(dir, 'suppressed.chart'), SUPPRESSED);
  const text = cli(['check', 'suppressed.chart'], dir);
  assert.equal(text.code, 0, text.out);
  assert.doesNotMatch(text.out, /chart\.syntax/);
  const json = JSON.parse(cli(['check', '--format', 'json', 'suppressed.chart'], dir).out) as { code: string; suppressed?: { reason: string } }[];
  const s = json.find((i) => i.code === 'chart.syntax');
  assert.deepEqual(s?.suppressed, { reason: 'testing the audit trail' });
});

test('bad usage exits 2 with a message, never a stack trace', () => {
  const dir = workspace();
  for (const args of [
    ['check'],
    ['check', 'missing.chart'],
    ['check', '--format', 'xml', 'clean.chart'],
    ['check', '--bogus', 'clean.chart'],
    ['frobnicate'],
    ['check', '--rule', 'nonsense', 'clean.chart'],
  ]) {
    const r = cli(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});
