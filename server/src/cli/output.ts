// Output files of CLI commands (`--out`). No command may lose a user's file, so every output:
//   - is checked before anything is read or written: its folder exists, it is not a folder, and it
//     is none of the command's inputs (the same path, or the same file by device and inode —
//     a hard link or a symlink to an input counts);
//   - is written to a temporary file in the same folder and renamed into place only when complete,
//     so a failure or a kill leaves the old file (if any) untouched and no half-written file under
//     the real name.
// Problems are one-line `CliUsageError`s: the command prints them and exits 2.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finished } from 'node:stream/promises';
import { sameFile } from '../base/safeRead';

/** A problem with how the command was called: one line for the user, exit 2. */
export class CliUsageError extends Error {}

/** `out` resolved, after checking that it can be written without touching any of `inputs`. */
export function checkOutputFile(out: string, inputs: readonly string[], cwd: string): string {
  const abs = path.resolve(cwd, out);
  const dir = path.dirname(abs);
  let dirStat: fs.Stats | null = null;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    throw new CliUsageError(`--out ${out}: the folder ${dir} does not exist`);
  }
  if (!dirStat.isDirectory()) throw new CliUsageError(`--out ${out}: ${dir} is not a folder`);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) throw new CliUsageError(`--out ${out}: is a folder; give a file name`);
  for (const input of inputs) {
    if (sameFile(abs, path.resolve(cwd, input))) throw new CliUsageError(`--out ${out}: is also an input (${input}); write the output to another file`);
  }
  // `--claims -` reads standard input: a shell redirect `< F` with `--out F` would replace the input being read.
  if (inputs.includes('-')) {
    try {
      const stdin = fs.fstatSync(0);
      const target = fs.statSync(abs);
      if (stdin.isFile() && stdin.dev === target.dev && stdin.ino === target.ino)
        throw new CliUsageError(`--out ${out}: is also the input (standard input); write the output to another file`);
    } catch (e) {
      if (e instanceof CliUsageError) throw e;
    }
  }
  return abs;
}

let written = 0;
/** A temporary name beside `file` (hidden, unique to this process, moment and output). */
function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.${++written}.tmp`);
}

/** The mode of the file being replaced, kept by its replacement. */
function keepMode(tmp: string, file: string): void {
  try {
    fs.chmodSync(tmp, fs.statSync(file).mode & 0o7777);
  } catch {
    // no file yet: the new file keeps the default mode (umask)
  }
}

/** A streamed output file: written to a temporary file, renamed into place by `commit`, removed by `abort`. */
export class OutputStream {
  private readonly tmp: string;
  private readonly stream: fs.WriteStream;
  private failure: Error | null = null;

  constructor(readonly file: string) {
    this.tmp = temporaryName(file);
    this.stream = fs.createWriteStream(this.tmp, { flags: 'wx' });
    this.stream.on('error', (e) => (this.failure ??= e));
  }

  /** Writes `text`, waiting when the stream asks to. */
  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
      });
    }
    if (this.failure) throw this.failure;
  }

  /** Finishes the file and gives it its name. */
  async commit(): Promise<void> {
    this.stream.end();
    try {
      await finished(this.stream);
    } catch (e) {
      this.failure ??= e as Error;
    }
    if (this.failure) {
      await this.abort();
      throw this.failure;
    }
    keepMode(this.tmp, this.file);
    try {
      fs.renameSync(this.tmp, this.file);
    } finally {
      fs.rmSync(this.tmp, { force: true });
    }
  }

  /** Drops the temporary file (once the stream has closed: it may still be opening it); the target is left as it was. */
  async abort(): Promise<void> {
    if (!this.stream.closed) {
      const closed = new Promise<void>((resolve) => this.stream.once('close', () => resolve()));
      this.stream.destroy();
      await closed;
    }
    fs.rmSync(this.tmp, { force: true });
  }
}

/** Writes `text` synchronously to a temporary file beside `file` and renames it into place. */
export function writeFileAtomically(file: string, text: string): void {
  const tmp = temporaryName(file);
  try {
    fs.writeFileSync(tmp, text, { flag: 'wx' });
    keepMode(tmp, file);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Writes a command's whole result to stdout (`out` undefined or "-") or to the file of `--out`, with
 * the checks every output gets (never one of the inputs, never a chart, the folder must exist) and
 * the atomic replace; problems are `CliUsageError`s (one line, exit 2).
 */
export function writeOutput(io: { cwd: string; out(text: string): void }, out: string | undefined, text: string, inputs: readonly string[] = []): void {
  if (out === undefined || out === '-') {
    io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
    return;
  }
  const target = checkOutputFile(out, inputs, io.cwd);
  if (target.endsWith('.chart')) throw new CliUsageError(`--out ${out}: will not write over a chart; give another file name`);
  writeFileAtomically(target, text.endsWith('\n') ? text : text + '\n');
}
