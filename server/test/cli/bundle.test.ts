// The bundled CLI (dist/cli.js, what bin/chartcoder runs) does only what it is asked: `--help`
// prints the commands at once and never builds the tables (tables/build.ts is bundled for
// `chartcoder tables build`, and its script guard once fired inside the bundle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

test('node dist/cli.js --help prints the commands at once and builds nothing', { skip: !existsSync(CLI) && 'dist/cli.js not built (npm run build)' }, () => {
  const t0 = performance.now();
  // Sources and tables that do not exist: a build that started would fail loudly on stderr.
  const r = spawnSync(process.execPath, [CLI, '--help'], {
    encoding: 'utf8',
    env: { ...process.env, CHARTCODER_SOURCES: '/nonexistent/sources', CHARTCODER_TABLES: '/nonexistent/tables' },
    timeout: 20_000,
  });
  const ms = performance.now() - t0;
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Usage: chartcoder <command>/);
  assert.match(r.stdout, /\n {2}tables {5}/);
  assert.equal(r.stderr, '', 'nothing on stderr (a table build logs there)');
  assert.ok(ms < 5000, `--help took ${ms.toFixed(0)} ms`);
});
