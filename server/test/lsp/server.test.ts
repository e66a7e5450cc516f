// The real bundled server over stdio: initialize, open a chart, receive diagnostics, outline,
// folding, hover, an incremental edit that fixes the error, and a clean shutdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { HEADER } from '../helpers/markers';

const URI = 'file:///tmp/chartcoder-lsp-test/patient.chart';
const TEXT = `${HEADER}
# History of Present Illness
Admitted with [acute on chronic diastolic heart failure]{dx=I50.33 poa=Y
She has [CKD stage 4]{dx=N18.4 poa=Y}.

## Nursing Assessment {author=RN}
Alert and oriented.

\`\`\`abstract
PDX  I50.33  Y
SDX  N18.4   Y
\`\`\`

\`\`\`query id=Q1 to="Dr. Patel" status=open
Please clarify the type of heart failure:
- acute on chronic diastolic
- other (please specify)
- clinically undetermined
\`\`\`
`;

type Diag = { range: { start: { line: number; character: number } }; code: string; severity: number; source: string; message: string };

test('LSP round trip over stdio with the bundled server', async () => {
  const started = Date.now();
  const client = new LspClient();
  try {
    const init = (await client.initialize()) as { capabilities: Record<string, unknown> };
    const startMs = Date.now() - started;
    assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.ok(init.capabilities.documentSymbolProvider);
    assert.ok(init.capabilities.hoverProvider);
    assert.ok(startMs < 5000, `server answered initialize in ${startMs} ms`);

    client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'chart', version: 1, text: TEXT } });
    const first = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI);
    const diags = first.diagnostics as Diag[];
    const syntax = diags.filter((d) => d.code === 'chart.syntax');
    assert.equal(syntax.length, 1, JSON.stringify(diags));
    assert.equal(syntax[0].severity, 1);
    assert.equal(syntax[0].source, 'chartcoder');
    assert.deepEqual(syntax[0].range.start, { line: 9, character: 56 });
    assert.match(syntax[0].message, /not closed/);

    const symbols = (await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } })) as {
      name: string;
      children: { name: string; children: { name: string }[] }[];
    }[];
    const names = symbols.map((s) => s.name);
    assert.deepEqual(names, ['Encounter', 'History of Present Illness']);
    const hpi = symbols[1];
    assert.deepEqual(
      hpi.children.map((c) => c.name),
      ['Nursing Assessment'],
    );
    assert.deepEqual(
      hpi.children[0].children.map((c) => c.name),
      ['Abstract', 'Query Q1'],
    );

    const folds = (await client.request('textDocument/foldingRange', { textDocument: { uri: URI } })) as { startLine: number; endLine: number }[];
    assert.ok(
      folds.some((f) => f.startLine === 0 && f.endLine === 6),
      'the header folds',
    );
    assert.ok(
      folds.some((f) => f.startLine === 15 && f.endLine === 18),
      'the abstract folds',
    );

    const hover = (await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 16, character: 6 } })) as {
      contents: { value: string };
    } | null;
    assert.ok(hover, 'hover on the PDX code');
    assert.match(hover!.contents.value, /I50\.33/);
    assert.match(hover!.contents.value, /diastolic/i);

    // Incremental edit: close the attribute list (insert `}` after `poa=Y`).
    const since = client.notifications.length;
    client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 9, character: 72 }, end: { line: 9, character: 72 } }, text: '}' }],
    });
    const second = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === 2, 10_000, since);
    assert.deepEqual(
      (second.diagnostics as Diag[]).filter((d) => d.code === 'chart.syntax'),
      [],
    );

    const status = await client.waitFor('chartcoder/status', (p) => p.uri === URI);
    assert.match(String(status.release), /FY2026/);

    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('a document with broken markup everywhere still gets diagnostics and an outline', async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/chartcoder-lsp-test/broken.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: '---\nage: x\n# HPI\n[a{dx=\n```abstract\nPDX' } });
    const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    assert.ok((d.diagnostics as Diag[]).length >= 3);
    const symbols = (await client.request('textDocument/documentSymbol', { textDocument: { uri } })) as unknown[];
    assert.ok(symbols.length >= 1);
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('a chart just opened is checked at once; an edit waits for the typing delay', async () => {
  const client = new LspClient();
  try {
    // The longest typing delay the settings allow. A first chart is opened and checked before the
    // one measured, so the tables are loaded and the measured check is a warm one (tens of ms; a
    // cold first check took up to ~9 s on a machine at load 18): the opened chart must then be
    // published well before the delay could run out, and an edit not before it has.
    const delayMs = 5_000;
    await client.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { diagnostics: { delayMs } } },
    });
    client.notify('initialized', {});
    const warm = 'file:///tmp/chartcoder-lsp-test/first.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri: warm, languageId: 'chart', version: 1, text: TEXT } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === warm, 30_000);
    const uri = 'file:///tmp/chartcoder-lsp-test/opened.chart';
    const t0 = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: TEXT } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1, 20_000);
    const openMs = performance.now() - t0;
    assert.ok(openMs < delayMs / 2, `diagnostics of an opened chart after ${openMs.toFixed(0)} ms: the ${delayMs} ms typing delay was applied`);
    const since = client.notifications.length;
    const t1 = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: TEXT + '\n' }] });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2, 30_000, since);
    assert.ok(performance.now() - t1 >= delayMs - 100, 'an edit is checked only after the typing delay');
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
