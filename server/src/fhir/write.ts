// Writing files without losing anyone's: each file goes to a temporary name in the target folder
// and then takes its final name — atomically, and only if no file has it (a hard link fails on an
// existing name), unless the user forced an overwrite. A half-written file never has a real name.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class WouldOverwriteError extends Error {
  constructor(readonly file: string) {
    super(`${file} exists; not overwritten (use --force to replace it)`);
  }
}

/** Writes `text` to `file`; throws WouldOverwriteError when it exists and `force` is not set. */
export function writeFileSafely(file: string, text: string, force = false): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  fs.writeFileSync(tmp, text, { flag: 'wx' });
  try {
    if (force) {
      fs.renameSync(tmp, file);
      return;
    }
    try {
      fs.linkSync(tmp, file); // fails with EEXIST when the name is taken: never replaces
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new WouldOverwriteError(file);
      // A file system without hard links: check, then rename (a narrow race, but no silent loss of an existing file).
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') {
        if (fs.existsSync(file)) throw new WouldOverwriteError(file);
        fs.renameSync(tmp, file);
        return;
      }
      throw e;
    }
    fs.unlinkSync(tmp);
  } finally {
    if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  }
}
