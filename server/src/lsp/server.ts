// The language server on a connection: startServer(connection, deps) wires the lifecycle
// (initialize, initialized), the settings, the diagnostics scheduler and one handler module per
// concern (./handlers), then listens. main.ts calls it with stdio and the machine's tables; a test
// calls it with an in-memory connection (server/test/lsp/inProcess.ts) and gets the same server.
import {
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ClientCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../service/languageService';
import { createLog } from './log';
import { SettingsStore } from './settings';
import { DiagnosticsScheduler } from './diagnostics';
import { CommandRegistry } from './commands';
import { StatusNotification, type InitializationOptions } from './protocol';
import { toDiagnostic } from './convert';
import { startWarmUp } from './warmUp';
import type { ServerDeps, Session } from './session';
import { registerDocumentHandlers } from './handlers/documents';
import { registerOutlineHandlers } from './handlers/outline';
import { registerHoverHandler } from './handlers/hover';
import { registerCompletionHandler } from './handlers/completion';
import { registerSearchHandler } from './handlers/search';
import { registerDrgHandlers } from './handlers/drg';
import { registerCodeActionHandlers } from './handlers/codeActions';
import { registerConfigurationHandlers, pullSettings, watchProjectSettings } from './handlers/configuration';
import { registerDebugHandlers } from './handlers/debug';
import { registerFhirHandlers } from './handlers/fhir';
import { registerAuditHandlers } from './handlers/audit';
import { registerWorklistHandlers } from './handlers/worklist';
import { Worklist } from './worklist';

export type { ServerDeps, Session } from './session';

/** The completion trigger characters: `=` and `,` inside an annotation, a space or `.` while typing a code. */
const COMPLETION_TRIGGERS = ['=', ',', ' ', '.'];

export function startServer(connection: Connection, deps: ServerDeps): Session {
  const documents = new TextDocuments(TextDocument);
  const log = createLog(connection);
  let service: LanguageService | undefined;
  let clientCapabilities: ClientCapabilities = {};
  let stopWarmUp = () => {};
  const settings = new SettingsStore(log, () => session.service, deps.fileSystem);
  const diagnostics = new DiagnosticsScheduler({
    documents,
    log,
    delayMs: () => settings.diagnosticsDelayMs,
    findingSteps: (doc) => session.service.findingSteps(session.input(doc)),
    publish: (doc, all, elapsedMs) => {
      const findings = all.filter((f) => !f.suppressed);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(f, deps.rulesDocsBase, doc.uri)) });
      void connection.sendNotification(StatusNotification, { uri: doc.uri, ...session.service.status(session.input(doc)) });
      log.info(`diagnostics: ${findings.length} findings in ${elapsedMs.toFixed(1)} ms${settings.traceChartText ? ` for ${doc.uri}` : ''}`);
      log.guarded('worklist', undefined, () => session.worklist.chartChecked(doc))();
    },
  });
  const session: Session = {
    connection,
    documents,
    deps,
    log,
    settings,
    diagnostics,
    commands: new CommandRegistry(),
    get service(): LanguageService {
      if (!service) throw new Error('the server is not initialized');
      return service;
    },
    get clientCapabilities() {
      return clientCapabilities;
    },
    input: (doc) => ({ uri: doc.uri, version: doc.version, text: doc.getText(), settings: session.settings.forDocument(doc.uri) }),
    worklist: undefined as unknown as Worklist, // set just below: it needs the session
    dispose: () => {
      stopWarmUp();
      diagnostics.dispose();
      session.worklist.dispose();
    },
  };
  (session as { worklist: Worklist }).worklist = new Worklist(session);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    service = new LanguageService(deps.loadContext(log));
    clientCapabilities = params.capabilities ?? {};
    session.settings.configurationPull = !!clientCapabilities.workspace?.configuration;
    const init = params.initializationOptions as InitializationOptions | undefined;
    settings.setTrusted(init?.workspaceTrusted !== false);
    // Always, so the service's default settings are the store's own object from the start.
    settings.applyEditorSettings(init?.settings);
    if (service.ctx.tablesError) log.notifyUser('error', `ChartCoder: code tables not loaded — codes are not checked. ${service.ctx.tablesError}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        executeCommandProvider: { commands: session.commands.advertised() },
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
      },
      serverInfo: { name: 'chartcoder', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    log.info(`ready in ${Date.now() - deps.startedAt} ms`);
    stopWarmUp = startWarmUp(session);
    watchProjectSettings(session);
    if (session.settings.configurationPull) void pullSettings(session);
  });

  registerDocumentHandlers(session);
  registerOutlineHandlers(session);
  registerHoverHandler(session);
  registerCompletionHandler(session);
  registerSearchHandler(session);
  registerDrgHandlers(session);
  registerCodeActionHandlers(session);
  registerConfigurationHandlers(session);
  registerDebugHandlers(session);
  registerFhirHandlers(session);
  registerAuditHandlers(session);
  registerWorklistHandlers(session);
  connection.onExecuteCommand(log.guarded('executeCommand', null, (params) => session.commands.execute(params)));

  documents.listen(connection);
  connection.listen();
  return session;
}
