// `chartcoder check` on the reference samples: they are coded correctly and must give no finding
// above info (a false alarm on them is a bug).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const BIN = join(root, 'bin', 'chartcoder');
const check = (args: string[]) => spawnSync(process.execPath, [BIN, 'check', '--format', 'json', ...args], { cwd: root, encoding: 'utf8' });

test('reference samples: no finding above info', () => {
  const files = readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.chart'))
    .map((f) => join('samples', f));
  const r = check(files);
  const findings = JSON.parse(r.stdout) as { uri: string; severity: string; code: string; message: string; suppressed?: unknown }[];
  const loud = findings.filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'));
  assert.deepEqual(
    loud.map((f) => `${f.uri.replace(/^.*\//, '')} ${f.code} ${f.message}`),
    [],
  );
  assert.equal(r.status, 0);
});
