// The ChartCoder CLI: the same language service as the editor, headless.
//   chartcoder <command> [args]   — `chartcoder --help` lists the commands.
import { COMMANDS } from './commands';
import type { CliIO } from './types';

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out('Usage: chartcoder <command> [options]\n');
    io.out('Commands:');
    for (const c of COMMANDS) io.out(`  ${c.name.padEnd(10)} ${c.summary}`);
    io.out('\nRun `chartcoder <command> --help` for its options.');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('chartcoder 0.1.0');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`chartcoder: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    // Never a stack trace for the user: one line naming what failed.
    io.err(`chartcoder ${name}: ${(e as Error).message}`);
    if (process.env.CHARTCODER_DEBUG) io.err(String((e as Error).stack));
    return 2;
  }
}

/** Runs the CLI on this process's arguments and sets its exit code. */
export function cliMain(): void {
  const io: CliIO = {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    cwd: process.cwd(),
    isTTY: !!process.stderr.isTTY,
  };
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // `chartcoder … | head` is fine
  });
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: Error) => {
      // runCli answers every command's failure itself; this is the writer failing (a closed stderr …).
      process.stderr.write(`chartcoder: ${e.message}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) cliMain();
