// Finding and reading the charts of a workspace folder for the worklist, carefully: only regular
// files named *.chart, at most MAX_CHART_BYTES each, never through a symbolic link that leads out
// of the folder (a link to a chart inside it is read at its real place; linked folders are not
// entered, so a link loop cannot trap the walk). Hidden folders and node_modules are skipped.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Larger charts are listed with a note instead of a summary; opening one in the editor summarizes it. */
export const MAX_CHART_BYTES = 2_000_000;

const SKIPPED_DIRS = new Set(['node_modules']);

export function isChartFile(file: string): boolean {
  return file.toLowerCase().endsWith('.chart');
}

/** `file` is `folder` or lies under it (both absolute, resolved). */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The charts under `folder`, as the walk finds them (a folder that cannot be read is skipped).
 * Each is the path to list it under and the real path to read it from (they differ for a link).
 */
export async function* findChartFiles(folder: string): AsyncGenerator<{ file: string; real: string }> {
  let root: string;
  try {
    root = await fs.promises.realpath(folder);
  } catch {
    return;
  }
  const pending = [folder];
  while (pending.length) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name)) pending.push(full);
      } else if (e.isFile()) {
        if (isChartFile(e.name)) yield { file: full, real: full };
      } else if (e.isSymbolicLink() && isChartFile(e.name)) {
        const real = await fs.promises.realpath(full).catch(() => null);
        if (real && isInside(root, real)) yield { file: full, real };
      }
    }
  }
}

/** The real path of `file` when it lies inside one of `folders` (after following links), else null. */
export function realPathInside(file: string, folders: readonly string[]): string | null {
  try {
    const real = fs.realpathSync(file);
    return folders.some((folder) => isInside(safeRealpath(folder), real)) ? real : null;
  } catch {
    return null;
  }
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

export type ChartRead = { text: string } | { problem: string; missing?: boolean };

/**
 * The text of the chart at `real` (a real path: a link there is not followed), if it is a regular
 * file of at most `maxBytes`. Synchronous: for a chart of a few kB, open–stat–read–close takes tens
 * of microseconds, less than the round trips of the asynchronous calls; the worklist reads between
 * its slices of work.
 */
export function readChartFile(real: string, maxBytes = MAX_CHART_BYTES): ChartRead {
  let fd: number | undefined;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { problem: 'not a regular file' };
    if (stat.size > maxBytes) return { problem: `larger than ${(maxBytes / 1e6).toFixed(0)} MB: open it to see its summary` };
    return { text: fs.readFileSync(fd, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: `cannot be read (${code ?? (e as Error).name})`, missing: code === 'ENOENT' || code === 'ENOTDIR' };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
