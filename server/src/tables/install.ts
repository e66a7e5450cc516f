// Installing a freshly built table set without ever leaving a broken one where readers look.
//
// The builder writes everything into `<dir>.partial-<pid>` (a kill there leaves the installed set
// untouched). Then the swap, each step one rename:
//
//   1. `<dir>.partial-<pid>` → `<dir>.new-<pid>`   the build is complete (the name says so)
//   2. `<dir>`               → `<dir>.old-<pid>`   the previous set steps aside
//   3. `<dir>.new-<pid>`     → `<dir>`             the new set is installed
//   4. `<dir>.old-<pid>` deleted
//
// A kill between 2 and 3 is the only moment without `<dir>`; `recoverInstall` (called by
// TableStore.open when `<dir>` has no manifest) finishes such a swap: it installs the complete new
// set, or puts the old one back, and says what it did. Leftovers of a process still running are
// left alone (it is installing right now). Node has no atomic directory exchange, so this is the
// nearest to "one rename" a portable program gets, and every state it can be killed in is repaired.
import * as fs from 'node:fs';
import * as path from 'node:path';

const MANIFEST = 'manifest.json';

/** Whether process `pid` is running (a leftover of a running build is in use). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Leftover {
  path: string;
  stage: 'partial' | 'new' | 'old';
  pid: number;
}

/** The build leftovers beside `dir`: `<dir>.partial-<pid>`, `<dir>.new-<pid>`, `<dir>.old-<pid>`. */
export function leftoversOf(dir: string): Leftover[] {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return [];
  }
  const out: Leftover[] = [];
  for (const name of names) {
    const m = /^\.(partial|new|old)-(\d+)$/.exec(name.slice(base.length));
    if (!name.startsWith(base) || !m) continue;
    out.push({ path: path.join(parent, name), stage: m[1] as Leftover['stage'], pid: Number(m[2]) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The folder a build of `dir` is written into by this process. */
export function partialDirOf(dir: string): string {
  return `${dir}.partial-${process.pid}`;
}

/**
 * Installs the complete build in `partial` as `dir` (steps 1–4 above). `dir` must be a table
 * build or absent: the caller checks that it is not someone's folder.
 */
export function installBuild(partial: string, dir: string): void {
  if (!fs.existsSync(path.join(partial, MANIFEST))) throw new Error(`${partial}: the build has no manifest; not installed`);
  const ready = `${dir}.new-${process.pid}`;
  const old = `${dir}.old-${process.pid}`;
  fs.rmSync(ready, { recursive: true, force: true });
  fs.rmSync(old, { recursive: true, force: true });
  fs.renameSync(partial, ready);
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(ready, dir);
  fs.rmSync(old, { recursive: true, force: true });
}

/** Deletes the leftovers of builds that are no longer running (never those of a running one). */
export function removeStaleLeftovers(dir: string): string[] {
  const removed: string[] = [];
  for (const l of leftoversOf(dir)) {
    if (alive(l.pid)) continue;
    fs.rmSync(l.path, { recursive: true, force: true });
    removed.push(l.path);
  }
  return removed;
}

/**
 * When `dir` has no table set, finishes an interrupted install: a complete new set (`.new-<pid>`)
 * is installed, else the previous set (`.old-<pid>`) is put back. Returns what it did, or null when
 * there was nothing to repair; throws a message naming the leftover when it cannot repair.
 */
export function recoverInstall(dir: string): string | null {
  if (fs.existsSync(path.join(dir, MANIFEST))) return null;
  const stale = leftoversOf(dir).filter((l) => !alive(l.pid) && fs.existsSync(path.join(l.path, MANIFEST)));
  const pick = stale.find((l) => l.stage === 'new') ?? stale.find((l) => l.stage === 'old');
  if (!pick) return null;
  // A `dir` without a manifest that still holds files is not ours to replace: say where the set is.
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    throw new Error(
      `${dir}: no built code tables here, and a table install was interrupted: the ${pick.stage === 'new' ? 'complete new' : 'previous'} set is in ${pick.path}; move it to ${dir}, or rebuild the tables`,
    );
  }
  try {
    if (fs.existsSync(dir)) fs.rmdirSync(dir);
    fs.renameSync(pick.path, dir);
  } catch (e) {
    throw new Error(
      `${dir}: a table install was interrupted and could not be finished (${(e as Error).message}); the ${pick.stage === 'new' ? 'complete new' : 'previous'} set is in ${pick.path}: rename it to ${path.basename(dir)}, or rebuild the tables`,
    );
  }
  return `${dir}: finished an interrupted table install (installed ${pick.stage === 'new' ? 'the complete new build' : 'the previous set back'} from ${path.basename(pick.path)})`;
}
