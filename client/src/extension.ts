// The thin VS Code client: starts the bundled language server (dist/server.js) and adds the
// UI the protocol has no words for — code search quick pick, new-chart template, DRG analysis
// preview, status bar. All coding logic lives in the server.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, Trace, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { newChartSnippet } from './template';
import { searchCodes } from './searchCodes';
import { addToAbstractAtCursor } from './addToAbstract';
// The custom protocol, shared with the server: method names and payload types are written there once.
import {
  OpenDrgAnalysisCommand,
  ShowDrgAnalysisCommand,
  StatusNotification,
  SuppressCommand,
  ChoosePoaCommand,
  WorkspaceTrustNotification,
  commandParams,
  type InitializationOptions,
  type StatusParams,
} from '../../server/src/lsp/protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/launch';
import { importFhirEncounter } from './importFhir';
import { settingsForWorkspace, traceForWorkspace } from './trust';
import { registerChartsView } from './chartsView';

const DRG_SCHEME = 'chartcoder-drg';
let client: LanguageClient | undefined;
const statusByUri = new Map<string, StatusParams>();
const drgMarkdown = new Map<string, string>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // stdio, like every other client (Neovim, Emacs): one transport to test.
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'chart', scheme: 'file' },
      { language: 'chart', scheme: 'untitled' },
    ],
    synchronize: { configurationSection: 'chartcoder' },
    initializationOptions: {
      settings: settingsForServer(vscode.workspace.getConfiguration('chartcoder')),
      workspaceTrusted: vscode.workspace.isTrusted,
    } satisfies InitializationOptions,
    middleware: {
      // In an untrusted workspace the server never learns the CPT table path, so it cannot read it.
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          return Array.isArray(result) ? result.map((r) => settingsForServer(r)) : result;
        },
      },
    },
  };
  client = new LanguageClient('chartcoder', 'ChartCoder', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('chartcoder.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'ChartCoder';
  status.command = OpenDrgAnalysisCommand.id;
  const refreshStatus = (): void => {
    const editor = vscode.window.activeTextEditor;
    const s = editor?.document.languageId === 'chart' ? statusByUri.get(editor.document.uri.toString()) : undefined;
    if (!editor || editor.document.languageId !== 'chart') return status.hide();
    status.text = s ? `${s.releaseWarning ? '$(warning) ' : ''}${s.release}${s.drg ? ` · MS-DRG ${s.drg}` : ''}` : '$(sync~spin) ChartCoder';
    status.tooltip = s ? `Code tables: ${s.release}${s.releaseWarning ? `\n${s.releaseWarning}` : ''}\nClick for the DRG analysis.` : 'ChartCoder is starting';
    status.show();
  };

  const drgProvider = new (class implements vscode.TextDocumentContentProvider {
    readonly changed = new vscode.EventEmitter<vscode.Uri>();
    readonly onDidChange = this.changed.event;
    provideTextDocumentContent(uri: vscode.Uri): string {
      return drgMarkdown.get(uri.toString()) ?? '_No analysis yet._';
    }
  })();

  context.subscriptions.push(
    status,
    vscode.workspace.registerTextDocumentContentProvider(DRG_SCHEME, drgProvider),
    vscode.window.onDidChangeActiveTextEditor(refreshStatus),
    vscode.workspace.onDidCloseTextDocument((d) => statusByUri.delete(d.uri.toString())),
    // Trust is granted once, never withdrawn without a reload: the server may now read the CPT table.
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.sendNotification(WorkspaceTrustNotification, { trusted: true })),
    vscode.commands.registerCommand('chartcoder.searchCodes', () => client && searchCodes(client)),
    vscode.commands.registerCommand('chartcoder.newChart', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'chart', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      await editor.insertSnippet(new vscode.SnippetString(newChartSnippet(new Date().toISOString().slice(0, 10))));
    }),
    vscode.commands.registerCommand(OpenDrgAnalysisCommand.id, async (arg?: vscode.Uri | string) => {
      // From the code lens: the chart's URI as a string (protocol.ts); from the palette or the editor title: a Uri or nothing.
      const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : (arg ?? vscode.window.activeTextEditor?.document.uri);
      if (!uri || !client) return void vscode.window.showInformationMessage('ChartCoder: open a .chart file first.');
      try {
        const md: unknown = await client.sendRequest(ExecuteCommandRequest.type, commandParams(ShowDrgAnalysisCommand, uri.toString()));
        const name = uri.path.split('/').pop() ?? 'chart';
        const view = vscode.Uri.from({ scheme: DRG_SCHEME, path: `/DRG analysis – ${name}.md`, query: uri.toString() });
        drgMarkdown.set(view.toString(), typeof md === 'string' ? md : '_The server returned no analysis for this chart._');
        drgProvider.changed.fire(view);
        await vscode.commands.executeCommand('markdown.showPreviewToSide', view);
      } catch (e) {
        void vscode.window.showErrorMessage(`ChartCoder: DRG analysis failed — ${(e as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('chartcoder.addToAbstractAtCursor', () => addToAbstractAtCursor()),
    vscode.commands.registerCommand('chartcoder.importFhir', () => client && importFhirEncounter(client)),
    // "Suppress with reason" quick fix: ask for the reason (auditors read it), then write the comment.
    vscode.commands.registerCommand(SuppressCommand.id, async (uri: string, line: number, ruleId: string) => {
      const reason = await vscode.window.showInputBox({
        prompt: `Why is ${ruleId} not a problem here? (recorded in the chart for auditors)`,
        validateInput: (v) => (v.trim() ? null : 'A reason is required'),
      });
      if (!reason) return;
      // The server writes the comment (one writer for every client, in the chart's own line endings).
      await client?.sendRequest(ExecuteCommandRequest.type, commandParams(SuppressCommand, uri, line, ruleId, reason.trim()));
    }),
    // "Add to abstract" of a diagnosis without a POA: the POA is asked as a snippet choice on the new line.
    vscode.commands.registerCommand(ChoosePoaCommand.id, async (uri: string, line: number, character: number, padding: string, choices: string[]) => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
      if (!editor || !Array.isArray(choices) || !choices.length) return;
      const at = new vscode.Position(line, character);
      if (editor.document.lineAt(line).text.length !== character) return; // the line changed since: leave it to poa.missing
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      await editor.insertSnippet(new vscode.SnippetString(`${padding}\${1|${choices.join(',')}|}`), at);
    }),
    vscode.commands.registerCommand('chartcoder.restartServer', async () => {
      statusByUri.clear();
      await client?.restart();
      refreshStatus();
    }),
  );

  client.onNotification(StatusNotification, (p: StatusParams) => {
    statusByUri.set(p.uri, p);
    refreshStatus();
  });
  registerChartsView(context, client);
  await client.start();
  applyTrace();
  // The client re-reads `chartcoder.trace.server` on a change: apply the trust rule after it.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('chartcoder.trace') && setTimeout(applyTrace, 0)),
    vscode.workspace.onDidGrantWorkspaceTrust(applyTrace),
  );
  refreshStatus();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}

/** Settings as the server reads them; `cptTable` and `trace` are withheld unless the workspace is trusted. */
function settingsForServer(raw: unknown): unknown {
  return settingsForWorkspace(raw, vscode.workspace.isTrusted);
}

/** The protocol trace: off in an untrusted workspace whatever the setting says (`verbose` logs chart text). */
function applyTrace(): void {
  if (!client) return;
  const level = traceForWorkspace(vscode.workspace.getConfiguration('chartcoder').get('trace.server'), vscode.workspace.isTrusted);
  void client.setTrace(level === 'verbose' ? Trace.Verbose : level === 'messages' ? Trace.Messages : Trace.Off);
}
