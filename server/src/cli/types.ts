// One CLI sub-command per file under ./commands; ./commands/index.ts lists them.
export interface CliIO {
  out(text: string): void; // stdout, a line at a time (no trailing newline needed)
  err(text: string): void; // stderr
  cwd: string;
  /** true when stdout is a terminal (progress lines only then). */
  isTTY: boolean;
}

export interface CliCommand {
  name: string; // e.g. "check", "tables", "lookup", "search", "group"
  summary: string; // one line for `chartcoder --help`
  usage: string; // full usage text for `chartcoder <name> --help`
  /** Returns the process exit code: 0 ok, 1 findings/errors in the input, 2 bad usage or failure. */
  run(args: string[], io: CliIO): Promise<number>;
}
