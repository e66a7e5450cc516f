// The server started in this process (startServer on an in-memory connection): the same server as
// dist/server.js, reachable without a child process, with its dependencies injected. Custom
// methods are named through the shared protocol module, as the client names them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startInProcessServer } from '../helpers/inProcess';
import { HEADER } from '../helpers/markers';
import * as protocol from '../../src/lsp/protocol';
import {
  DebugMemoryRequest,
  OpenDrgAnalysisCommand,
  SearchCodesRequest,
  ShowDrgAnalysisCommand,
  AcceptAuditorCodingCommand,
  StatusNotification,
  SuppressCommand,
  commandParams,
} from '../../src/lsp/protocol';
import { memoryTables } from '../../src/tables/memoryTables';
import { DEFAULT_SETTINGS } from '../../src/service/context';

const root = join(__dirname, '..', '..', '..');
const sample = readFileSync(join(root, 'samples', 'hf-ckd.chart'), 'utf8');
type Diag = { code: string; severity: number; message: string };

test('in process: initialize, diagnostics and status, hover, completion, lens, DRG analysis, search', async () => {
  const { client, session, dispose } = startInProcessServer({ debugRequests: true });
  try {
    const init = (await client.initialize()) as { capabilities: { executeCommandProvider: { commands: string[] } } };
    assert.deepEqual(
      init.capabilities.executeCommandProvider.commands,
      [ShowDrgAnalysisCommand.id, AcceptAuditorCodingCommand.id],
      'SuppressCommand is run but not advertised: the VS Code client registers it',
    );
    const uri = 'file:///tmp/chartcoder-inprocess/hf-ckd.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: sample } });
    const diags = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    assert.equal(diags.version, 1);
    const status = await client.waitFor(StatusNotification.method, (p) => p.uri === uri);
    assert.deepEqual(status, { uri, release: 'FY2026 (Oct 2025)', drg: '291 · RW 1.2838' });
    const lines = sample.split('\n');
    const sdx = lines.findIndex((l) => l.startsWith('SDX  I50.33'));
    const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: sdx, character: 7 } })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Without it: \*\*MS-DRG 292/);
    const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as { command: { command: string; arguments: string[] } }[];
    assert.deepEqual(
      lenses.map((l) => [l.command.command, l.command.arguments]),
      [
        [OpenDrgAnalysisCommand.id, [uri]],
        [OpenDrgAnalysisCommand.id, [uri]],
      ],
    );
    const analysis = await client.request('workspace/executeCommand', commandParams(ShowDrgAnalysisCommand, uri));
    assert.match(String(analysis), /^# DRG analysis/);
    const hits = (await client.request(SearchCodesRequest.method, { query: 'copd exac', system: 'icd10cm', date: '2026-03-06', limit: 3 })) as {
      code: string;
    }[];
    assert.equal(hits[0].code, 'J441');
    const typing = 'file:///tmp/chartcoder-inprocess/c.chart';
    const text = `${HEADER}# HPI\nAdmitted with [acute on chronic diastolic heart failure]{dx=\n`;
    client.notify('textDocument/didOpen', { textDocument: { uri: typing, languageId: 'chart', version: 1, text } });
    const list = (await client.request('textDocument/completion', {
      textDocument: { uri: typing },
      position: { line: 8, character: text.split('\n')[8].length },
    })) as { items: { label: string }[] };
    assert.equal(list.items[0].label, 'I50.33');
    // A chart without a .chartcoder.json is checked with the editor's settings: the service's own context, no per-document copy.
    const doc = session.documents.get(uri)!;
    assert.equal(session.service.analysis(session.input(doc)).ctx, session.service.ctx);
    const memory = (await client.request(DebugMemoryRequest.method, {})) as { openDocuments: number };
    assert.equal(memory.openDocuments, 2);
    await client.shutdown();
  } finally {
    await dispose();
  }
});

test('two servers in one process share nothing: each has its own settings and documents', async () => {
  const a = startInProcessServer();
  const b = startInProcessServer();
  try {
    const text = `${HEADER}# HPI\n[x]{dx=E11.22\n`;
    await a.client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { rules: { 'chart.syntax': 'hint' }, diagnostics: { delayMs: 0 } } },
    });
    await b.client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { diagnostics: { delayMs: 0 } } },
    });
    for (const { client } of [a, b])
      client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///same.chart', languageId: 'chart', version: 1, text } });
    const [da, db] = await Promise.all([a, b].map(({ client }) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === 'file:///same.chart')));
    const syntax = (d: typeof da) => (d.diagnostics as Diag[]).find((x) => x.code === 'chart.syntax')?.severity;
    assert.deepEqual([syntax(da), syntax(db)], [4, 1], 'hint in the server set so, error in the other');
    assert.equal(a.session.documents.all().length, 1);
    a.client.notify('textDocument/didClose', { textDocument: { uri: 'file:///same.chart' } });
    await a.client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === 'file:///same.chart' && (p.diagnostics as unknown[]).length === 0);
    assert.deepEqual([a.session.documents.all().length, b.session.documents.all().length], [0, 1]);
  } finally {
    await Promise.all([a.dispose(), b.dispose()]);
  }
});

test('injected tables: the server runs on an in-memory double, no built tables read', async () => {
  // `mce: []`: the hover's description reads the Code Editor flags of an entry.
  const tables = memoryTables([{ code: 'I50.33', system: 'icd10cm', title: 'Acute on chronic diastolic (congestive) heart failure', facts: { mce: [] } }]);
  const { client, dispose } = startInProcessServer({ loadContext: () => ({ tables, grouper: null, mce: null, settings: { ...DEFAULT_SETTINGS } }) });
  try {
    await client.initialize();
    const uri = 'file:///tmp/chartcoder-inprocess/double.chart';
    const text = `${HEADER}# A\n[CHF]{dx=I50.33 poa=Y} and [x]{dx=Q99.99 poa=Y}\n`;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    const about = (d.diagnostics as Diag[]).filter((x) => /Q99\.99/.test(x.message));
    assert.ok(about.length > 0, `the code the double does not know is reported: ${JSON.stringify(d.diagnostics)}`);
    assert.ok(!(d.diagnostics as Diag[]).some((x) => /I50\.33/.test(x.message) && x.code.startsWith('code.')), 'the code the double knows is valid');
    const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 12 } })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Acute on chronic diastolic/);
    assert.match(hover.contents.value, /test double/);
    const status = await client.waitFor(StatusNotification.method, (p) => p.uri === uri);
    assert.equal(status.release, 'FY2026 (Oct 2025)');
    assert.equal(status.drg, undefined, 'no grouper: no DRG');
  } finally {
    await dispose();
  }
});

test("suppress: the server writes the comment in the chart's line endings, as a versioned edit when the client can take one", async () => {
  const { client, dispose } = startInProcessServer();
  try {
    await client.initialize(null, { workspace: { workspaceEdit: { documentChanges: true } } });
    const uri = 'file:///tmp/chartcoder-inprocess/crlf.chart';
    const text = `${HEADER}# A\n  [x]{dx=E11.22}\n`.replace(/\n/g, '\r\n');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 3, text } });
    await client.request('workspace/executeCommand', commandParams(SuppressCommand, uri, 8, 'doc.no-evidence', 'documented in the H&P'));
    const edit = (await client.waitForServerRequest('workspace/applyEdit')) as {
      edit: { documentChanges: { textDocument: { uri: string; version: number }; edits: { range: unknown; newText: string }[] }[] };
    };
    const [change] = edit.edit.documentChanges;
    assert.deepEqual(change.textDocument, { uri, version: 3 });
    assert.deepEqual(change.edits, [
      {
        range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } },
        newText: '  <!-- chartcoder-ignore doc.no-evidence: documented in the H&P -->\r\n',
      },
    ]);
    // Bad arguments from a client: nothing written, nothing thrown.
    const before = client.serverRequests.length;
    for (const args of [
      [uri, -1, 'x'],
      [uri, 1.5, 'x'],
      [uri, 1, ''],
      ['file:///not-open.chart', 1, 'x'],
      [],
      [uri, -1, 'doc.no-evidence'],
      [uri, 1e9, 'doc.no-evidence'],
      [uri, 1.5, 'doc.no-evidence'],
      [uri, 8, 'doc.no-evidence --> injected <!--'],
      [uri, 8, 'doc.no-evidence\ninjected'],
      [uri, 8, 'no.such-rule'],
    ])
      assert.equal(await client.request('workspace/executeCommand', { command: SuppressCommand.id, arguments: args }), null);
    assert.equal(
      client.serverRequests.filter((r) => r.method === 'workspace/applyEdit').length,
      client.serverRequests.slice(0, before).filter((r) => r.method === 'workspace/applyEdit').length,
    );
  } finally {
    await dispose();
  }
});

test('a burst of edits publishes only the final version, after the typing delay', async () => {
  const { client, session, dispose } = startInProcessServer();
  try {
    await client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { diagnostics: { delayMs: 80 } } },
    });
    const uri = 'file:///tmp/chartcoder-inprocess/burst.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: sample } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1);
    const since = client.notifications.length;
    for (let v = 2; v <= 30; v++)
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: 'x' }],
      });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 30, 10_000, since);
    await new Promise((r) => setTimeout(r, 200));
    const versions = client.notifications
      .slice(since)
      .filter((n) => n.method === 'textDocument/publishDiagnostics')
      .map((n) => n.params.version);
    assert.deepEqual(versions, [30]);
    assert.equal(session.diagnostics.busy, false);
  } finally {
    await dispose();
  }
});

test('custom method names and command ids are written once, in protocol.ts: no literal in the client or the LSP layer', () => {
  const names = Object.values(protocol).flatMap((v) =>
    v && typeof v === 'object' ? [(v as { method?: unknown }).method, (v as { id?: unknown }).id].filter((x): x is string => typeof x === 'string') : [],
  );
  assert.ok(names.length >= 7, `protocol names: ${names.join(', ')}`);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const offenders: string[] = [];
  for (const f of [...files(join(root, 'client', 'src')), ...files(join(root, 'server', 'src', 'lsp'))]) {
    if (f.endsWith(join('lsp', 'protocol.ts'))) continue;
    const source = readFileSync(f, 'utf8');
    for (const name of names)
      if (source.includes(`'${name}'`) || source.includes(`"${name}"`) || source.includes(`\`${name}\``)) offenders.push(`${relative(root, f)}: ${name}`);
  }
  assert.deepEqual(offenders, []);
});

test('the client commands the server names are contributed by the extension', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const contributed = pkg.contributes.commands.map((c) => c.command);
  for (const c of [OpenDrgAnalysisCommand, SuppressCommand]) assert.ok(contributed.includes(c.id), `${c.id} is not in package.json contributes.commands`);
});
