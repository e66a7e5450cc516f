// A small, strict argument reader for the CLI commands: `--flag value`, `--flag=value`,
// repeatable flags, booleans, positionals. Unknown flags are an error naming the flag. `--` ends
// the options: every later argument is a positional, even one starting with `--` (a file named so).
export interface ArgSpec {
  /** Flags that take a value. */
  values?: string[];
  /** Flags that may repeat (take a value each time). */
  repeated?: string[];
  /** Flags without a value. */
  booleans?: string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string>;
  repeated: Record<string, string[]>;
  booleans: Set<string>;
}

export function parseArgs(args: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positionals: [], values: {}, repeated: {}, booleans: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (spec.booleans?.includes(name)) {
      out.booleans.add(name);
      continue;
    }
    const takesValue = spec.values?.includes(name) || spec.repeated?.includes(name);
    if (!takesValue) throw new Error(`unknown option --${name}`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    if (spec.repeated?.includes(name)) (out.repeated[name] ??= []).push(value);
    else out.values[name] = value;
  }
  return out;
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (2026-02-30 and 2026-13-45 are not). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
