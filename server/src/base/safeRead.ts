// Reading files a user (or a repository's content) names: charts, a CPT table, `.chartcoder.json`,
// claim and query files. Such a path may lead anywhere — /dev/zero, a FIFO nobody writes to, a
// socket, a folder, a 10 GB log — so every one is opened the same careful way:
//
//   1. open with O_NONBLOCK, so opening a FIFO returns at once instead of waiting for a writer;
//   2. fstat the open descriptor (not the path: nothing can swap the file in between) and refuse
//      anything that is not a regular file;
//   3. refuse a file above the limit for what it is, and read at most limit + 1 bytes even if the
//      file grows while it is read.
//
// So a hostile path costs one open and one fstat, never a hang or gigabytes of memory. The CLI and
// the language server both read through here (docs/security.md, "Safe file handling").
import * as fs from 'node:fs';
import * as path from 'node:path';

const MB = 1024 * 1024;

/** The largest chart read from disk (docs/format.md, "Limits"): a chart is a few hundred KB; 50 MB ones are checked. */
export const MAX_CHART_BYTES = 64 * MB;
/** The largest CPT table (a full CPT code set as `code,description` is about 1 MB). */
export const MAX_CPT_TABLE_BYTES = 50 * MB;
/** The largest `.chartcoder.json`. */
export const MAX_SETTINGS_FILE_BYTES = 1 * MB;
/** The largest `search --queries` batch file (read whole). */
export const MAX_QUERIES_FILE_BYTES = 64 * MB;

/** A user-named file that is not read, with a one-line reason naming it. `code` is the errno code when there was one. */
export class UserFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** What a non-regular file is, in words. */
function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  return 'is not a regular file';
}

/** A one-line reason for an open error (no stack, no errno noise for the usual ones). */
function openFailure(file: string, e: NodeJS.ErrnoException): UserFileError {
  const reason =
    e.code === 'ENOENT'
      ? 'no such file'
      : e.code === 'EACCES' || e.code === 'EPERM'
        ? 'permission denied'
        : e.code === 'ELOOP'
          ? 'too many levels of symbolic links'
          : e.code === 'ENOTDIR'
            ? 'no such file (a part of the path is not a folder)'
            : e.message;
  return new UserFileError(file, reason, e.code);
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/**
 * Opens `file` for reading if it is a regular file: the descriptor and its stat. Never blocks on a
 * FIFO. Throws UserFileError otherwise. The caller closes the descriptor.
 */
export function openRegularFile(file: string, label = file): { fd: number; stat: fs.Stats } {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw openFailure(label, e as NodeJS.ErrnoException);
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    throw openFailure(label, e as NodeJS.ErrnoException);
  }
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new UserFileError(label, kindOf(stat));
  }
  return { fd, stat };
}

export interface ReadLimit {
  /** Refuse files larger than this. */
  maxBytes: number;
  /** What the file is, for the message: "chart", "CPT table". */
  what: string;
  /** How to name the file in messages (default: the path). */
  label?: string;
}

const mb = (n: number) => (n >= MB ? `${Math.round((n / MB) * 10) / 10} MB` : `${n} bytes`);

/** The bytes of a regular file no larger than `limit.maxBytes` (see the top of this file). */
export function readUserFileBytes(file: string, limit: ReadLimit): Buffer {
  const label = limit.label ?? file;
  const { fd, stat } = openRegularFile(file, label);
  try {
    const tooLarge = () =>
      new UserFileError(
        label,
        `too large for a ${limit.what} (${stat.size > limit.maxBytes ? mb(stat.size) : `over ${mb(limit.maxBytes)}`}; the limit is ${mb(limit.maxBytes)})`,
      );
    if (stat.size > limit.maxBytes) throw tooLarge();
    // Read what is there, up to limit + 1 bytes: a file that grows past the limit while read is refused too.
    let buf = Buffer.allocUnsafe(Math.min(limit.maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    let n = 0;
    for (;;) {
      if (n === buf.length) {
        if (buf.length > limit.maxBytes) throw tooLarge();
        const bigger = Buffer.allocUnsafe(Math.min(limit.maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, n);
        buf = bigger;
      }
      let got: number;
      try {
        got = fs.readSync(fd, buf, n, buf.length - n, null);
      } catch (e) {
        throw openFailure(label, e as NodeJS.ErrnoException);
      }
      if (got === 0) break;
      n += got;
    }
    if (n > limit.maxBytes) throw tooLarge();
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** The UTF-8 text of a regular file no larger than `limit.maxBytes`. */
export function readUserFile(file: string, limit: ReadLimit): string {
  return readUserFileBytes(file, limit).toString('utf8');
}

/** Whether two paths name the same file: the same resolved path, or the same device and inode (hard links, symlinks). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** A path with every symbolic link resolved; for a path that does not exist, its nearest existing parent resolved plus the rest. */
export function realPath(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs));
  }
}

/** Whether `file` lies inside `folder` (or is it) once every symbolic link of both is resolved. */
export function isWithin(folder: string, file: string): boolean {
  const rel = path.relative(realPath(folder), realPath(file));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
