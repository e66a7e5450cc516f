// What the handlers of one server share: the connection, the open documents, the language
// service, the settings, the diagnostics scheduler, the log and the commands. startServer
// (server.ts) makes one per connection; nothing in the LSP layer lives at module level, so a test
// can run several servers in one process.
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ChartInput, LanguageService } from '../service/languageService';
import type { ServiceContext } from '../service/context';
import type { ServerLog } from './log';
import type { SettingsStore } from './settings';
import type { DiagnosticsScheduler } from './diagnostics';
import type { CommandRegistry } from './commands';
import type { ProjectFileSystem } from '../service/projectSettings';
import type { Worklist } from './worklist';

/** What the server takes from its surroundings: injected, so a test can start it in-process. */
export interface ServerDeps {
  /** Loads the code tables (and sets up the ones read on first use); called once, at `initialize`. */
  loadContext(log: ServerLog): ServiceContext;
  /** Where settings files (.chartcoder.json) are read from. */
  fileSystem: ProjectFileSystem;
  /** file: URL of the rule pages (docs/rules), linked from each diagnostic; null: no links. */
  rulesDocsBase: string | null;
  /** When the process started (Date.now()), for the "ready in" log line. */
  startedAt: number;
  /** Whether debug-only requests (chartcoder/debugMemory) exist: CHARTCODER_DEBUG=1 in the environment, never in production. */
  debugRequests?: boolean;
}

export interface Session {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly deps: ServerDeps;
  readonly log: ServerLog;
  readonly settings: SettingsStore;
  readonly diagnostics: DiagnosticsScheduler;
  readonly commands: CommandRegistry;
  /** The language service; throws before `initialize` (a guarded handler then answers empty). */
  readonly service: LanguageService;
  /** The client's capabilities, from `initialize`. */
  readonly clientCapabilities: ClientCapabilities;
  /** This version of an open document as the service takes it, with the document's settings. */
  input(doc: TextDocument): ChartInput;
  /** The Charts worklist (worklist.ts): idle until a client asks for it. */
  readonly worklist: Worklist;
  /** Stops every timer of the server (scheduled checks, the warm-up): it is going away. */
  dispose(): void;
}
