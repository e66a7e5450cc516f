// workspace/executeCommand: each handler module registers the commands of its concern here; the
// server answers the one LSP request by dispatching to them. Command ids and argument types come
// from protocol.ts.
import type { ExecuteCommandParams } from 'vscode-languageserver/node';
import type { Command } from './protocol';

type Handler = (args: unknown[]) => unknown;

export class CommandRegistry {
  private readonly handlers = new Map<string, { run: Handler; advertised: boolean }>();

  /**
   * Runs `command` when a client executes it. `advertised` commands are listed in the server's
   * capabilities (a client then offers them itself); the others are run when asked but not listed,
   * because the VS Code client registers them under the same id (and would clash).
   * `run` receives the arguments as sent: it checks them, they come from the client. It may answer
   * with a promise (a command that waits for the client to apply an edit).
   */
  register<Args extends unknown[], Result>(
    command: Command<Args, Result>,
    run: (args: unknown[]) => Result | Promise<Result> | null,
    advertised: boolean,
  ): void {
    this.handlers.set(command.id, { run, advertised });
  }

  /** The ids to put in executeCommandProvider. */
  advertised(): string[] {
    return [...this.handlers].filter(([, h]) => h.advertised).map(([id]) => id);
  }

  execute(params: ExecuteCommandParams): unknown {
    const h = this.handlers.get(params.command);
    return h ? h.run(params.arguments ?? []) : null;
  }
}
