// Where a command's result goes: stdout, or the file of `--out`. One function, so every command
// writes the same way (and refuses the same things: a command never overwrites a chart).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIO } from './types';

/**
 * Writes `text` to `out` (resolved against the working directory) or to stdout when `out` is
 * undefined or "-". Refuses to write over a `.chart` file or one of the command's inputs.
 */
export function writeOutput(io: CliIO, out: string | undefined, text: string, inputs: readonly string[] = []): void {
  if (out === undefined || out === '-') {
    io.out(text.endsWith('\n') ? text.slice(0, -1) : text);
    return;
  }
  const target = path.resolve(io.cwd, out);
  if (target.endsWith('.chart') || inputs.some((i) => path.resolve(io.cwd, i) === target)) throw new Error(`--out ${out}: will not write over a chart or an input file`);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new Error(`--out ${out}: is a directory`);
  fs.writeFileSync(target, text.endsWith('\n') ? text : text + '\n');
}
