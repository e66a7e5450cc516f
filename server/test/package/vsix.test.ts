// Packs the extension with vsce (from the bundles `npm test` has just built) into a temp folder
// and checks what the .vsix carries. `npm run package` does the same after a minified build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const built = ['dist/client.js', 'dist/server.js', 'dist/cli.js'].every((f) => existsSync(join(root, f)));

test('the .vsix carries the bundles, tables, grammar and assets, and no sources', { skip: built ? false : 'dist/ not built (run npm run build)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-vsix-'));
  try {
    const out = join(dir, 'chartcoder.vsix');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', out], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    const ms = performance.now() - t0;
    const listing = spawnSync('unzip', ['-Z1', out], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const files = listing.stdout
      .split('\n')
      .filter((f) => f.startsWith('extension/'))
      .map((f) => f.slice('extension/'.length));
    for (const f of [
      'package.json',
      'dist/client.js',
      'dist/server.js',
      'dist/cli.js',
      'syntaxes/chart.tmLanguage.json',
      'language-configuration.json',
      'snippets/chart.json',
      'images/icon.png',
      'LICENSE.txt',
      'changelog.md',
      'readme.md',
    ]) {
      assert.ok(files.includes(f), `${f} is in the .vsix`);
    }
    if (existsSync(join(root, 'tables/build/manifest.json'))) assert.ok(files.includes('tables/build/manifest.json'), 'the built tables are in the .vsix');
    assert.ok(
      !files.some((f) => /^(server|client|samples|scripts|node_modules)\/|^docs\/(?!rules\/)|\.ts$|\.map$/.test(f)),
      `no sources, samples or maps: ${files.filter((f) => /\.ts$|\.map$|^(server|client|samples)\//.test(f)).join(', ')}`,
    );
    const mb = statSync(out).size / 1024 / 1024;
    console.log(`# vsce package: ${ms.toFixed(0)} ms, ${mb.toFixed(2)} MB, ${files.length} files`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
