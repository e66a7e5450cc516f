// Runs e2e/nvim-lsp.lua in a headless Neovim against the bundled language server (dist/server.js),
// exactly as a Neovim user would start it, and returns what the real client saw.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
/** The bundle under test; CHARTCODER_E2E_SERVER points at another build (e.g. a packaged one). */
export const serverBundle = process.env.CHARTCODER_E2E_SERVER || join(repoRoot, 'dist/server.js');
const driver = join(repoRoot, 'e2e/nvim-lsp.lua');

export type Step =
  | { op: 'diagnostics' }
  | { op: 'request'; method: string; line?: number; character?: number; context?: unknown }
  | { op: 'codelens' }
  | { op: 'edit'; line: number; character: number; end_line?: number; end_character?: number; text: string }
  | { op: 'code_action'; line: number; character: number; title?: string }
  | { op: 'text' };

export interface NvimRun {
  results: unknown[];
  errors: string[];
  log: string[];
  /** window/showMessage(Request) the server sent: what a user would see as a pop-up. */
  messages: { type: number; message: string }[];
  capabilities?: string[];
  ms: number;
}

/** Why the Neovim scenarios cannot run here, or null when they can. */
export function nvimSkipReason(): string | false {
  // NVIM_LOG_FILE: without it even `nvim --version` creates ~/.cache/nvim/log
  const v = spawnSync('nvim', ['--version'], { encoding: 'utf8', env: { ...process.env, NVIM_LOG_FILE: '/dev/null' } });
  if (v.error || v.status !== 0) return 'nvim not installed (bash e2e/ci-setup.sh installs it): Neovim e2e scenarios skipped';
  if (!existsSync(serverBundle)) return 'dist/server.js missing (npm run build): Neovim e2e scenarios skipped';
  return false;
}

/**
 * Opens a copy of `chart` (so edits and quick fixes never touch the repo) and replays `steps`.
 * Everything the client and server write stays in a temporary directory that is removed afterwards.
 */
export function runNvim(chart: string, steps: Step[], timeoutMs = 15000): NvimRun {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-nvim-'));
  try {
    const file = join(dir, basename(chart));
    copyFileSync(chart, file);
    const script = join(dir, 'steps.json');
    writeFileSync(script, JSON.stringify({ cmd: [process.execPath, serverBundle, '--stdio'], file, timeout_ms: timeoutMs, steps }));
    const t0 = Date.now();
    const r = spawnSync(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '-n',
        '-c',
        `luafile ${driver}`,
        '-c',
        'cquit 2',
      ] /* the second -c only runs if the driver died before quitting */,
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: timeoutMs * 2 + 10000,
        // nvim's state/log files go to the temporary dir, not $HOME
        env: {
          ...process.env,
          E2E_SCRIPT: script,
          XDG_STATE_HOME: dir,
          XDG_DATA_HOME: dir,
          XDG_CACHE_HOME: dir,
          XDG_CONFIG_HOME: dir,
          NVIM_LOG_FILE: join(dir, 'nvim.log'),
        },
      },
    );
    const ms = Date.now() - t0;
    const line = r.stdout.trim().split('\n').pop() ?? '';
    let parsed: Omit<NvimRun, 'ms'>;
    try {
      parsed = JSON.parse(line);
    } catch {
      const log = existsSync(join(dir, 'nvim.log')) ? readFileSync(join(dir, 'nvim.log'), 'utf8').slice(-2000) : '';
      throw new Error(`nvim gave no JSON (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}): ${r.stdout.slice(-500)} ${r.stderr.slice(-500)} ${log}`);
    }
    return { ...parsed, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** LSP position (UTF-16, which is what JS string indices are) of the n-th occurrence of `needle`. */
export function positionOf(text: string, needle: string, nth = 0, offset = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not in the sample`);
  }
  at += offset;
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Hover/markup contents of any LSP shape as plain text. */
export function markupText(contents: unknown): string {
  if (contents == null) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(markupText).join('\n');
  const c = contents as { value?: string };
  return c.value ?? '';
}
