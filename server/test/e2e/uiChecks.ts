// Shared by the UI test and scripts/screenshots.mjs: which UI checks are mandatory (a check becomes
// mandatory once its feature's file exists in the server) and how the .vsix under test is packaged.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** Feature file whose presence makes a UI check mandatory; null = always mandatory. */
export const UI_CHECKS: Record<string, string | null> = {
  diagnostics: null,
  problems: null,
  hover: null,
  outline: null,
  completion: 'server/src/service/features/completion.ts',
  codelens: 'server/src/service/features/drg.ts',
  hoverdrg: 'server/src/grouper/impact.ts',
  drgview: 'server/src/service/features/drg.ts',
  chartsview: 'client/src/chartsView.ts',
  // #23 and #20 (the features that landed with the ux and reports branches)
  hoversummary: 'server/src/service/features/drg.ts',
  wordwrap: null,
  poasnippet: 'server/src/service/features/abstractLine.ts',
  searchcodes: 'client/src/seedQuery.ts',
  fixeverywhere: 'server/src/service/features/codeActions.ts',
  auditlens: 'server/src/service/features/audit.ts',
};

export function uiChecksRequired(): string[] {
  return Object.entries(UI_CHECKS)
    .filter(([, file]) => file === null || existsSync(join(root, file)))
    .map(([name]) => name);
}

/**
 * Packages the extension from the dist/ bundle already built by `npm test` (no rebuild, so the
 * Neovim tests running in parallel never see dist/server.js half-written). vsce runs offline.
 */
export function packageVsix(out: string): string {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '-o', out], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0 || !existsSync(out)) throw new Error(`vsce package failed (exit ${r.status}): ${r.stdout.slice(-500)} ${r.stderr.slice(-800)}`);
  return out;
}
