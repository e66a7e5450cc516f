// The server's log and its messages to the user. Logs carry rule ids, timings and counts — never
// chart text (PHI) — and any exception inside a handler becomes a logged error and an empty
// answer, never a crash.
import type { Connection } from 'vscode-languageserver/node';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';

export interface ServerLog {
  /** A line in the client's log (window/logMessage). */
  info(message: string): void;
  /** An error in the client's log, with the top of the stack (file names and lines, no data). */
  error(message: string, e?: unknown): void;
  /**
   * Tells the user something, as a window/showMessage notification: unlike showMessageRequest it
   * never blocks a client (Neovim answers requests with a modal prompt).
   */
  notifyUser(type: 'error' | 'warning', message: string): void;
  /** `fn` with every exception logged as `${name} failed` and answered with `fallback`. */
  guarded<P extends unknown[], R>(name: string, fallback: R, fn: (...args: P) => R): (...args: P) => R;
}

export function createLog(connection: Connection): ServerLog {
  // Logging never throws: a message for a connection that is closing is dropped.
  const send = (fn: () => void) => {
    try {
      fn();
    } catch {
      /* the connection is gone: nobody to tell */
    }
  };
  const log: ServerLog = {
    info: (message) => send(() => connection.console.log(`[chartcoder] ${message}`)),
    error: (message, e) => {
      const err = e as Error | undefined;
      const detail = err ? `: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}` : '';
      send(() => connection.console.error(`[chartcoder] ${message}${detail}`));
    },
    notifyUser: (type, message) =>
      send(() => void connection.sendNotification(ShowMessageNotification.type, { type: type === 'error' ? MessageType.Error : MessageType.Warning, message })),
    guarded:
      (name, fallback, fn) =>
      (...args) => {
        try {
          return fn(...args);
        } catch (e) {
          log.error(`${name} failed`, e);
          return fallback;
        }
      },
  };
  return log;
}
