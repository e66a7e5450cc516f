#!/usr/bin/env node
// npm run screenshots — regenerates the README screenshots (docs/images/*.png) from the real VS Code UI
// test: bundles, packages chartcoder.vsix, runs e2e/run-code-server.sh and keeps only the pictures whose
// check passed (a screenshot of a feature that did not show would be a lie). Needs `npm run e2e:setup`.
// Look at every picture before committing it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dest = join(root, 'docs/images');
const SHOTS = {
  '1-diagnostics.png': 'problems',
  '2-hover.png': 'hover',
  '3-completion.png': 'completion',
  '4-codelens.png': 'codelens',
  '5-outline.png': 'outline',
  '6-drg-analysis.png': 'drgview',
  '7-charts-view.png': 'chartsview',
  '8-poa-completion.png': 'poasnippet',
  '9-fix-everywhere.png': 'fixeverywhere',
  '10-search-codes.png': 'searchcodes',
  '11-audit-lens.png': 'auditlens',
};
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (r.status !== 0 && !opts.allowFail) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stdout ?? '').slice(-1000)}${(r.stderr ?? '').slice(-2000)}`);
    process.exit(1);
  }
  return r;
};

run(process.execPath, ['scripts/build.mjs']);
const work = mkdtempSync(join(tmpdir(), 'chartcoder-shots-'));
try {
  const vsix = join(work, 'chartcoder.vsix');
  run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '-o', vsix]);
  const r = run('bash', ['e2e/run-code-server.sh'], {
    allowFail: true,
    // the diagnostics picture shows guideline findings (Excludes1, sequencing, CDI query rules), not just syntax
    env: { DIAG_FILE: 'sepsis-wrong-sequence.chart', ...process.env, VSIX: vsix, OUT: join(work, 'shots'), REQUIRE: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status === 3) process.exit(1); // the install is missing; run-code-server.sh said so
  let report;
  try {
    report = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    console.error(`no report from the UI run: ${r.stdout.slice(-1000)}`);
    process.exit(1);
  }
  mkdirSync(dest, { recursive: true });
  // SHOTS_ONLY=7-charts-view.png,… updates only those pictures (the others stay as committed).
  const only = (process.env.SHOTS_ONLY ?? '').split(',').filter(Boolean);
  for (const [file, check] of Object.entries(SHOTS)) {
    if (only.length && !only.includes(file)) continue;
    const src = join(work, 'shots', file);
    const ok = report.checks[check]?.ok && existsSync(src);
    if (ok) copyFileSync(src, join(dest, file));
    console.log(
      `${ok ? 'updated' : 'kept   '} docs/images/${file}${ok ? '' : ` (check "${check}" did not pass: ${JSON.stringify(report.checks[check]?.detail ?? 'not reached').slice(0, 160)})`}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
