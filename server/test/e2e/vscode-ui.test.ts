// The real VS Code UI test (code-server + headless Chromium, see docs/e2e.md): runs
// e2e/run-code-server.sh against chartcoder.vsix packaged from the current dist/ bundle.
// Runs when the cached install of e2e/setup-code-server.sh exists or CHARTCODER_E2E_UI=1;
// otherwise it is skipped with a one-line reason. CHARTCODER_E2E_UI=0 always skips it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './nvimDriver';
import { packageVsix, uiChecksRequired } from './uiChecks';

const e2eHome = process.env.CHARTCODER_E2E_HOME || join(homedir(), '.cache/chartcoder-e2e');
const installed = existsSync(join(e2eHome, 'cs/.installed')) && existsSync(join(e2eHome, 'pp/.installed'));
const flag = process.env.CHARTCODER_E2E_UI;
const skip =
  flag === '0' ? 'CHARTCODER_E2E_UI=0: VS Code UI test skipped'
  : !installed && flag !== '1' ? `no code-server install in ${e2eHome} (npm run e2e:setup): VS Code UI test skipped`
  : !existsSync(join(repoRoot, 'dist/client.js')) ? 'dist/ not built: VS Code UI test skipped'
  : false;
if (skip) console.log(`# SKIP ${skip}`);

test('VS Code (code-server) shows squiggles, Problems, hover, completion, code lens and outline', { skip, timeout: 240_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'chartcoder-ui-'));
  try {
    const vsix = packageVsix(join(work, 'chartcoder.vsix'));
    const require = uiChecksRequired();
    const r = spawnSync('bash', [join(repoRoot, 'e2e/run-code-server.sh')], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 220_000,
      env: { ...process.env, VSIX: vsix, OUT: join(work, 'shots'), REQUIRE: require.join(',') },
    });
    const report = r.stdout.trim().split('\n').pop() ?? '';
    console.log(`# code-server UI: ${r.stderr.trim().split('\n').pop()}`);
    let parsed: { checks: Record<string, { ok: boolean; detail: unknown }>; errors: string[]; timings: Record<string, number> };
    try {
      parsed = JSON.parse(report);
    } catch {
      assert.fail(`no report from the UI test (exit ${r.status}): ${r.stdout.slice(-800)}\n${r.stderr.slice(-1500)}`);
    }
    console.log(`# timings ${JSON.stringify(parsed.timings)}`);
    for (const name of require) {
      assert.ok(parsed.checks[name]?.ok, `${name}: ${JSON.stringify(parsed.checks[name]?.detail ?? 'not reached')} (${parsed.errors.join('; ')})`);
    }
    assert.deepEqual(parsed.errors, []);
    assert.equal(r.status, 0, r.stderr.slice(-1500));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
