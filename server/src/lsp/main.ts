// The LSP layer: the only place that knows the protocol. It keeps the open documents, turns
// requests into calls on the pure language service, and the service's plain data into LSP shapes.
//
// Diagnostics are pushed (textDocument/publishDiagnostics), debounced per document: push works
// with every client we support (VS Code, Neovim 0.7, Emacs/eglot), while pull diagnostics need
// LSP 3.17 clients. A result is published only if the document is still at the version it was
// computed for, so a stale computation never overwrites newer diagnostics.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CompletionItemKind,
  CodeActionKind,
  type CodeAction,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, type Finding, type ServiceContext } from '../service/context';
import { readSettings } from '../service/settings';
import { loadTables, type Tables } from '../tables/load';
import { defaultTablesDir } from '../tables/format';
import { toDiagnostic, toDocumentSymbol, toFoldingRange } from './convert';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const startedAt = Date.now();

let service: LanguageService;
let diagnosticsDelayMs = 200;
let traceChartText = false;
let configurationPull = false;
const pending = new Map<string, NodeJS.Timeout>();

/**
 * Tells the user something, as a window/showMessage notification: unlike showMessageRequest it
 * never blocks a client (Neovim answers requests with a modal prompt).
 */
function notifyUser(type: 'error' | 'warning', message: string): void {
  void connection.sendNotification('window/showMessage', { type: type === 'error' ? 1 : 2, message });
}

/** Logs carry rule ids, timings and counts — never chart text (PHI) unless trace is on. */
function log(message: string): void {
  connection.console.log(`[chartcoder] ${message}`);
}

/** Any exception inside a feature becomes a logged error and an empty answer, never a crash. */
function guarded<P extends unknown[], R>(name: string, fallback: R, fn: (...args: P) => R): (...args: P) => R {
  return (...args: P) => {
    try {
      return fn(...args);
    } catch (e) {
      const err = e as Error;
      connection.console.error(`[chartcoder] ${name} failed: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}`);
      return fallback;
    }
  };
}

function loadContext(): ServiceContext {
  const ctx: ServiceContext = { tables: null, settings: { ...DEFAULT_SETTINGS } };
  const dir = defaultTablesDir();
  let tables: Tables | null = null;
  try {
    const t0 = Date.now();
    tables = loadTables(dir);
    ctx.tables = tables;
    log(`tables loaded in ${Date.now() - t0} ms (${tables.releases.map((r) => r.id).join(', ')})`);
  } catch (e) {
    ctx.tablesError = (e as Error).message;
    connection.console.error(`[chartcoder] code tables not loaded: ${ctx.tablesError}`);
  }
  // The grouper's tables (30–40 ms) and the Code Editor's (80–90 ms) load on first use or in the
  // warm-up after the handshake, not before the server answers `initialize`.
  // Both are the one copy the code tables keep, shared with their lookups.
  const loaded = tables;
  if (loaded) {
    loadOnFirstUse(ctx, 'grouper', () => loaded.grouperTables(), 'MS-DRG tables not loaded, DRG features are off');
    loadOnFirstUse(ctx, 'mce', () => loaded.mceTables(), "Code Editor tables not loaded, mce.* checks use the code tables' flags only");
  }
  return ctx;
}

/** Makes `ctx[key]` load on first read (once); a failure is logged once and reads as null. */
function loadOnFirstUse<K extends 'grouper' | 'mce'>(ctx: ServiceContext, key: K, load: () => NonNullable<ServiceContext[K]>, failure: string): void {
  let loaded: { value: ServiceContext[K] } | null = null;
  Object.defineProperty(ctx, key, {
    enumerable: true,
    get: () => {
      if (!loaded) {
        try {
          loaded = { value: load() };
        } catch (e) {
          connection.console.error(`[chartcoder] ${failure}: ${(e as Error).message}`);
          loaded = { value: null as ServiceContext[K] };
        }
      }
      return loaded.value;
    },
  });
}

function rulesDocsBase(): string | null {
  for (const candidate of [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')]) {
    if (fs.existsSync(candidate)) return pathToFileURL(candidate).href;
  }
  return null;
}
let docsBase: string | null = null;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  service = new LanguageService(loadContext());
  docsBase = rulesDocsBase();
  configurationPull = !!params.capabilities.workspace?.configuration;
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  if (init?.settings) applySettings(init.settings);
  if (service.ctx.tablesError) notifyUser('error', `ChartCoder: code tables not loaded — codes are not checked. ${service.ctx.tablesError}`);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      executeCommandProvider: { commands: ['chartcoder.showDrgAnalysis'] },
      completionProvider: { triggerCharacters: ['=', ',', ' ', '.'], resolveProvider: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source] },
    },
    serverInfo: { name: 'chartcoder', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  log(`ready in ${Date.now() - startedAt} ms`);
  // Read the prebuilt search index right after the handshake (tens of ms), so the first
  // completion does not pay for it; a damaged or missing index is said once, search then answers
  // nothing and every other feature keeps working.
  // Then the tables that are otherwise read on first use, one per turn of the event loop, so a
  // request that arrives meanwhile waits for one step at most, and never before the diagnostics
  // of an open chart.
  const steps: { name: string; run: () => void }[] = [
    {
      name: 'search index',
      run: () => {
        if (!service.searchEngine() && service.searchEngineError) notifyUser('error', `ChartCoder: code search unavailable — ${service.searchEngineError}`);
      },
    },
    { name: 'MS-DRG grouper', run: () => void service.ctx.grouper },
    ...(service.ctx.tables?.warmUpSteps() ?? []),
  ];
  const t0 = Date.now();
  const timings: string[] = [];
  const next = () => {
    // Diagnostics of charts just opened go first (they load what they need themselves).
    if (pending.size || due.size) return void setTimeout(next, 20);
    const step = steps.shift();
    if (!step) return log(`warm-up done in ${Date.now() - t0} ms (${timings.join(', ')})`);
    const s = Date.now();
    try {
      step.run();
    } catch (e) {
      // Said to the user once, here; a feature that needs the table later logs its own failure.
      notifyUser('error', `ChartCoder: ${step.name} not loaded — ${(e as Error).message}`);
    }
    timings.push(`${step.name} ${Date.now() - s} ms`);
    setImmediate(next);
  };
  // An editor opens its charts right after the handshake: give those messages a moment to arrive.
  setTimeout(next, 50);
  if (configurationPull) void pullSettings();
});

function applySettings(raw: unknown): void {
  const r = (raw ?? {}) as Record<string, unknown>;
  const { settings, problems } = readSettings(raw);
  problems.push(...service.updateSettings(settings).slice(0, 5));
  const delay = (r.diagnostics as { delayMs?: unknown } | undefined)?.delayMs;
  diagnosticsDelayMs = typeof delay === 'number' && delay >= 0 && delay <= 5000 ? delay : 200;
  traceChartText = (r.trace as { server?: unknown } | undefined)?.server === 'verbose';
  for (const p of problems) notifyUser('warning', `ChartCoder settings: ${p}`);
}

async function pullSettings(): Promise<void> {
  try {
    const raw = await connection.workspace.getConfiguration('chartcoder');
    applySettings(raw);
  } catch (e) {
    connection.console.error(`[chartcoder] could not read settings: ${(e as Error).message}`);
  }
  for (const doc of documents.all()) scheduleDiagnostics(doc, 0);
}

connection.onDidChangeConfiguration((change) => {
  if (configurationPull) void pullSettings();
  else {
    applySettings((change.settings as { chartcoder?: unknown } | undefined)?.chartcoder);
    for (const doc of documents.all()) scheduleDiagnostics(doc, 0);
  }
});

// ── diagnostics ──────────────────────────────────────────────────────────────

/** Large documents get a longer delay so typing in them stays fluid (see docs/architecture.md). */
function delayFor(doc: TextDocument): number {
  const size = doc.getText().length;
  return size > 1_000_000 ? Math.max(diagnosticsDelayMs, 1500) : size > 200_000 ? Math.max(diagnosticsDelayMs, 500) : diagnosticsDelayMs;
}

function scheduleDiagnostics(doc: TextDocument, delay = delayFor(doc)): void {
  lastDocumentEvent = Date.now();
  const previous = pending.get(doc.uri);
  if (previous) clearTimeout(previous);
  pending.set(doc.uri, setTimeout(() => queueDiagnostics(doc.uri, doc.version), delay));
}

// Timers that expire together (a workspace of 2,000 charts opened at once) all run in one pass
// of the event loop, before any request is read: a hover waited 16 s behind them. Expired runs
// go to a queue drained one chart per setImmediate turn, so requests are answered in between.
const due = new Map<string, number>();
let draining = false;
// jsonrpc also handles one message per setImmediate turn, so a flood of didOpen/didChange would
// still alternate with diagnostics runs and a request behind the flood would wait for all of
// them: while document events keep arriving, diagnostics wait for a short lull.
let lastDocumentEvent = 0;
const LULL_MS = 25;
function queueDiagnostics(uri: string, version: number): void {
  due.set(uri, version);
  if (!draining) {
    draining = true;
    setImmediate(drainDiagnostics);
  }
}
function drainDiagnostics(): void {
  const next = due.entries().next();
  if (next.done) {
    draining = false;
    return;
  }
  const quiet = Date.now() - lastDocumentEvent;
  if (quiet < LULL_MS) {
    setTimeout(drainDiagnostics, LULL_MS - quiet);
    return;
  }
  const [uri, version] = next.value;
  due.delete(uri);
  checkChart(uri, version, () => setImmediate(drainDiagnostics));
}

/** Above this size a chart's rules run one per event-loop turn (a 5 MB chart takes seconds). */
const STEPWISE_CHARS = 200_000;

/**
 * Checks a chart and publishes the findings, then calls `done`. A chart over STEPWISE_CHARS runs
 * one rule per turn of the event loop: requests (hover, completion) are answered between the
 * rules, and a run whose chart changed meanwhile stops (the change has scheduled a newer one).
 * A smaller chart runs all its rules in this turn.
 */
function checkChart(uri: string, version: number, done: () => void): void {
  pending.delete(uri);
  const doc = documents.get(uri);
  if (!doc || doc.version !== version) return done(); // closed or changed since: a newer run is scheduled
  const t0 = performance.now();
  const text = doc.getText();
  const stepwise = text.length > STEPWISE_CHARS;
  const fail = (e: unknown) => {
    const err = e as Error;
    connection.console.error(`[chartcoder] diagnostics failed: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}`);
    done();
  };
  let steps: Generator<string, Finding[]>;
  try {
    steps = service.findingSteps(uri, text); // parses: the first step
  } catch (e) {
    return fail(e);
  }
  const step = (): void => {
    if (documents.get(uri)?.version !== version) {
      log(`diagnostics: a run of ${Math.round(performance.now() - t0)} ms dropped, the chart changed`);
      return done();
    }
    try {
      for (let r = steps.next(); ; r = steps.next()) {
        if (r.done) {
          sendFindings(uri, version, text, r.value, t0);
          return done();
        }
        if (stepwise) break;
      }
    } catch (e) {
      return fail(e);
    }
    setImmediate(step);
  };
  if (stepwise) setImmediate(step);
  else step();
}

function sendFindings(uri: string, version: number, text: string, all: Finding[], t0: number): void {
  if (documents.get(uri)?.version !== version) return;
  const findings = all.filter((f) => !f.suppressed);
  void connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, docsBase)) });
  const release = service.release(uri, text);
  void connection.sendNotification('chartcoder/status', {
    uri,
    release: release?.release?.label ?? (service.ctx.tablesError ? 'tables not loaded' : 'no release'),
    releaseWarning: release?.warning ?? service.ctx.tablesError ?? undefined,
    drg: service.currentDrg(uri, text) ?? undefined,
  });
  log(`diagnostics: ${findings.length} findings in ${(performance.now() - t0).toFixed(1)} ms${traceChartText ? ` for ${uri}` : ''}`);
}

// TextDocuments reports an open as a content change too: that second event must not replace the
// immediate check of a chart just opened with the typing delay.
const justOpened = new Map<string, number>();
documents.onDidOpen((e) => {
  justOpened.set(e.document.uri, e.document.version);
  scheduleDiagnostics(e.document, 0);
});
documents.onDidChangeContent((e) => {
  const opened = justOpened.get(e.document.uri);
  justOpened.delete(e.document.uri);
  if (opened === e.document.version) return;
  scheduleDiagnostics(e.document);
});
documents.onDidClose((e) => {
  const t = pending.get(e.document.uri);
  if (t) clearTimeout(t);
  pending.delete(e.document.uri);
  justOpened.delete(e.document.uri);
  service.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// ── requests ─────────────────────────────────────────────────────────────────

connection.onDocumentSymbol(
  guarded('documentSymbol', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.symbols(doc.uri, doc.getText()).map(toDocumentSymbol) : [];
  }),
);

connection.onFoldingRanges(
  guarded('foldingRange', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.folding(doc.uri, doc.getText()).map(toFoldingRange) : [];
  }),
);

connection.onHover(
  guarded('hover', null, (params) => {
    const doc = documents.get(params.textDocument.uri);
    const h = doc ? service.hover(doc.uri, doc.getText(), params.position) : null;
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: h.range } : null;
  }),
);

connection.onCodeLens(
  guarded('codeLens', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return service.codeLenses(doc.uri, doc.getText()).map((l) => ({ range: l.range, command: { title: l.title, command: l.command?.id ?? '', arguments: l.command ? [doc.uri] : undefined } }));
  }),
);

connection.languages.inlayHint.on(
  guarded('inlayHint', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return service
      .inlayHints(doc.uri, doc.getText())
      .filter((h) => h.position.line >= params.range.start.line && h.position.line <= params.range.end.line)
      .map((h) => ({ position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true }));
  }),
);

connection.onCompletion((params) => completionItems(params));

const completionItems = guarded('completion', null, (params: import('vscode-languageserver/node').CompletionParams) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const items = service.completion(doc.uri, doc.getText(), params.position);
    return {
      isIncomplete: true, // the list depends on what is typed: ask again on the next keystroke
      items: items.map((i) => ({
        label: i.label,
        labelDetails: { detail: i.badge ? ` ${i.badge}` : undefined, description: i.title },
        kind: i.kind === 'header' ? CompletionItemKind.Folder : i.kind === 'seventh-character' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
        detail: i.detail,
        sortText: i.sortText,
        filterText: i.filterText,
        textEdit: { range: i.range, newText: i.insertText },
        command: i.retrigger ? { title: 'codes below', command: 'editor.action.triggerSuggest' } : undefined,
      })),
    };
});

/** chartcoder/searchCodes {query, system?, date?, limit?} → search results (the Search Codes command). */
connection.onRequest('chartcoder/searchCodes', (params: { query?: unknown; system?: unknown; date?: unknown; limit?: unknown }) => searchCodes(params));

const searchCodes = guarded('searchCodes', [], (params: { query?: unknown; system?: unknown; date?: unknown; limit?: unknown }) => {
    const query = typeof params?.query === 'string' ? params.query : '';
    const system = typeof params?.system === 'string' && ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'].includes(params.system) ? (params.system as 'icd10cm') : undefined;
    const date = typeof params?.date === 'string' ? params.date : undefined;
    const limit = typeof params?.limit === 'number' ? Math.min(Math.max(1, params.limit), 200) : 50;
    return service.search(query, { system, date, limit });
});

/**
 * Quick fixes: edits the user invokes (nothing edits a chart silently). "Suppress with reason"
 * runs the command `chartcoder.suppress` [uri, line, ruleId]: VS Code's client asks for the
 * reason and writes the comment; other clients send it here (see onExecuteCommand).
 */
connection.onCodeAction(
  guarded('codeAction', [], (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return service.codeActions(doc.uri, doc.getText(), params.range).map((a): CodeAction => {
      const diagnostics = params.context.diagnostics.filter((d) => a.diagnosticRules.includes(String(d.code)));
      if (a.command) {
        const [line, ruleId] = a.command.args;
        return { title: a.title, kind: CodeActionKind.QuickFix, diagnostics, command: { title: a.title, command: 'chartcoder.suppress', arguments: [doc.uri, line, ruleId] } };
      }
      return { title: a.title, kind: a.kind === 'source' ? CodeActionKind.Source : CodeActionKind.QuickFix, diagnostics, isPreferred: a.isPreferred, edit: { changes: { [doc.uri]: a.edits } } };
    });
  }),
);

/** chartcoder.showDrgAnalysis [uri] → the DRG analysis of that chart, as markdown. */
connection.onExecuteCommand(
  guarded('executeCommand', null, (params) => {
    if (params.command === 'chartcoder.suppress') {
      // From clients that cannot ask for a reason: the comment is written with the reason given
      // (4th argument) or none, which suppression.no-reason then points out.
      const [uri, line, ruleId, reason] = (params.arguments ?? []) as [string, number, string, string | undefined];
      const doc = documents.get(uri);
      if (!doc || typeof line !== 'number' || typeof ruleId !== 'string') return null;
      const indent = /^\s*/.exec(doc.getText({ start: { line, character: 0 }, end: { line, character: 1000 } }))![0];
      void connection.workspace.applyEdit({ label: `Suppress ${ruleId}`, edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- chartcoder-ignore ${ruleId}:${reason ? ` ${reason}` : ''} -->${doc.getText().includes('\r\n') ? '\r\n' : '\n'}` }] } } });
      return null;
    }
    if (params.command !== 'chartcoder.showDrgAnalysis') return null;
    const uri = String(params.arguments?.[0] ?? '');
    const doc = documents.get(uri);
    return doc ? service.drgAnalysis(doc.uri, doc.getText()) : `No open chart ${uri}.`;
  }),
);

/** chartcoder/debugMemory {gc?} → process.memoryUsage() and counts, for the reliability tests
 *  (memory returns to its baseline after a burst of edits). No chart text in the answer. */
connection.onRequest(
  'chartcoder/debugMemory',
  guarded('debugMemory', null, (params: { gc?: boolean } | undefined) => {
    if (params?.gc) {
      // No --expose-gc in production: expose it for this one call, as the V8 docs allow.
      require('node:v8').setFlagsFromString('--expose-gc');
      (require('node:vm').runInNewContext('gc') as () => void)();
    }
    return { ...process.memoryUsage(), openDocuments: documents.all().length, pendingDiagnostics: pending.size };
  }),
);

process.on('uncaughtException', (e) => connection.console.error(`[chartcoder] uncaught: ${e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`[chartcoder] unhandled rejection: ${(e as Error)?.message ?? e}`));

documents.listen(connection);
connection.listen();
