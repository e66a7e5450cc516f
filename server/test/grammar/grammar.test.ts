// Runs the TextMate grammar's assertion tests (syntaxes/test/*.test.chart) through
// vscode-tmgrammar-test, the same tokenizer (vscode-textmate + oniguruma) VS Code uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const grammar = join(root, 'syntaxes', 'chart.tmLanguage.json');
const cli = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

function runGrammarTests(pattern: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [cli, '--compact', '-g', grammar, pattern], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('the grammar file is valid JSON with the scope the package declares', () => {
  const g = JSON.parse(readFileSync(grammar, 'utf8')) as { scopeName: string; repository: Record<string, unknown> };
  assert.equal(g.scopeName, 'source.chart');
  for (const rule of ['front-matter', 'heading', 'annotation', 'abstract-fence', 'query-fence', 'suppression']) {
    assert.ok(rule in g.repository, `repository rule ${rule}`);
  }
});

test('every grammar assertion test passes', () => {
  const files = readdirSync(join(root, 'syntaxes', 'test')).filter((f) => f.endsWith('.test.chart'));
  assert.ok(files.length >= 3, `expected grammar tests in syntaxes/test, found ${files.length}`);
  const { status, out } = runGrammarTests('syntaxes/test/*.test.chart');
  assert.equal(status, 0, out);
  for (const f of files) assert.match(out, new RegExp(`${f.replace(/\./g, '\\.')}`), `${f} was run`);
});

test('a wrong scope assertion makes the harness fail (the tests can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chart-grammar-'));
  try {
    const file = join(dir, 'wrong.test.chart');
    writeFileSync(file, ['<!-- SYNTAX TEST "source.chart" "deliberately wrong"', 'SDX I10 Y', '<!-- <--- keyword.control.entry.chart', ''].join('\n'));
    const { status, out } = runGrammarTests(file);
    assert.notEqual(status, 0, `prose "SDX" outside an abstract must not be a keyword:\n${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
