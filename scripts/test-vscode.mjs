#!/usr/bin/env node
// npm run test:vscode — the @vscode/test-electron suite (e2e/vscode-suite/), the standard way to test a
// VS Code extension: it downloads VS Code, starts it with this extension in development mode and runs
// the same scenarios as the Neovim and code-server tests inside the extension host.
// Where VS Code cannot be downloaded (no route to update.code.visualstudio.com) it says so in one line
// and exits 0 without running anything; VSCODE_EXECUTABLE=/path/to/code uses a local VS Code instead.
// A local run needs a display (or xvfb-run) like any desktop VS Code.
import { lookup } from 'node:dns/promises';
import { existsSync, mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const executable = process.env.VSCODE_EXECUTABLE;

if (!executable) {
  const reachable = await Promise.race([
    lookup('update.code.visualstudio.com').then(
      () => true,
      () => false,
    ),
    new Promise((r) => setTimeout(() => r(false), 3000)),
  ]);
  if (!reachable) {
    console.log(
      'test:vscode: not run — VS Code cannot be downloaded here (update.code.visualstudio.com unreachable); the code-server UI test covers the real VS Code UI (docs/e2e.md).',
    );
    process.exit(0);
  }
}

const { runTests } = await import('@vscode/test-electron');
if (!existsSync(join(root, 'dist/client.js'))) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// a throwaway copy of the samples: the quick-fix scenario edits a chart
const ws = mkdtempSync(join(tmpdir(), 'chartcoder-vscode-'));
cpSync(join(root, 'samples'), join(ws, 'samples'), { recursive: true });
try {
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'e2e/vscode-suite/index.js'),
    launchArgs: [join(ws, 'samples'), '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(ws, 'user-data')],
    extensionTestsEnv: { CHARTCODER_SAMPLES: join(ws, 'samples') },
  });
} catch (e) {
  console.error(`test:vscode failed: ${e?.message ?? e}`);
  process.exitCode = 1;
} finally {
  rmSync(ws, { recursive: true, force: true });
}
