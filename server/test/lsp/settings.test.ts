// One settings source: the editor reads the nearest .chartcoder.json at or above a chart, as
// `chartcoder check` does, under its own settings (the order of service/settings.ts). The first test
// drives the bundled server (as an editor does) and the CLI over the same charts and compares.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type RpcTestClient } from '../helpers/lspClient';
import { startInProcessServer } from '../helpers/inProcess';
import { HEADER } from '../helpers/markers';
import { WorkspaceTrustNotification, type InitializationOptions } from '../../src/lsp/protocol';
import type { ProjectFileSystem } from '../../src/service/projectSettings';

const root = join(__dirname, '..', '..', '..');
const CLI = join(root, 'bin', 'chartcoder');
const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-settings-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

type Diag = { code: string; severity: number; message: string; range: unknown };
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
const key = (d: Diag) => JSON.stringify([d.code, d.severity, d.range, d.message]);

/** What VS Code sends for the `chartcoder` section when the user has set nothing. */
const VSCODE_DEFAULTS = { rules: {}, payment: { baseRate: null }, cptTable: '', diagnostics: { delayMs: 0 }, trace: { server: 'off' } };

/** A workspace of the error samples in three folders: one with its own .chartcoder.json, one nested under it with another, one governed by the root's. */
function workspace(): { dir: string; charts: string[] } {
  const dir = mkdtempSync(join(TMP, 'ws-'));
  const files: Record<string, unknown> = {
    '.chartcoder.json': { rules: { 'cdi.*': 'off', 'icd.excludes1': 'warning' } },
    'ward/.chartcoder.json': { rules: { 'chart.syntax': 'info', 'doc.*': 'off', 'mce.age-conflict': 'hint' }, payment: { baseRate: 7000 } },
    'ward/icu/.chartcoder.json': { rules: { 'seq.*': 'hint', 'chart.syntax': 'hint' } },
  };
  for (const [f, v] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), JSON.stringify(v));
  }
  mkdirSync(join(dir, 'clinic'));
  const charts: string[] = [];
  const errors = join(root, 'samples', 'errors');
  for (const folder of ['ward', 'ward/icu', 'clinic']) {
    for (const f of readdirSync(errors).filter((n) => n.endsWith('.chart'))) {
      writeFileSync(join(dir, folder, f), readFileSync(join(errors, f)));
      charts.push(join(dir, folder, f));
    }
    writeFileSync(join(dir, folder, 'hf-ckd.chart'), readFileSync(join(root, 'samples', 'hf-ckd.chart')));
    charts.push(join(dir, folder, 'hf-ckd.chart'));
  }
  return { dir, charts };
}

/** `chartcoder check --format json` over the folder: unsuppressed findings by file. */
function cliFindings(dir: string): Map<string, string[]> {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', dir], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `check exited ${r.status}: ${r.stderr}`);
  const out = new Map<string, string[]>();
  for (const f of JSON.parse(r.stdout) as { uri: string; code: string; severity: string; message: string; range: unknown; suppressed?: unknown }[]) {
    if (f.suppressed) continue;
    out.set(f.uri, [...(out.get(f.uri) ?? []), key({ code: f.code, severity: SEVERITY[f.severity], message: f.message, range: f.range })]);
  }
  return out;
}

/** The bundled server with these editor settings: each chart opened, its published diagnostics by URI. */
async function editorFindings(charts: string[], settings: unknown): Promise<Map<string, Diag[]>> {
  const client = new LspClient();
  try {
    await client.request(
      'initialize',
      { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings } satisfies InitializationOptions },
      60_000,
    );
    client.notify('initialized', {});
    const out = new Map<string, Diag[]>();
    for (const file of charts) {
      const uri = pathToFileURL(file).href;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: readFileSync(file, 'utf8') } });
      out.set(uri, (await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 60_000)).diagnostics as Diag[]);
    }
    await client.shutdown();
    return out;
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
}

test('the editor and `chartcoder check` report the same findings on the same charts, .chartcoder.json files included', async () => {
  const { dir, charts } = workspace();
  const cli = cliFindings(dir);
  const editor = await editorFindings(charts, VSCODE_DEFAULTS);
  for (const [uri, diags] of editor) assert.deepEqual(diags.map(key).sort(), (cli.get(uri) ?? []).sort(), uri);
  // Not vacuous: the files did change what both report.
  const severities = (folder: string, code: string) =>
    [...editor]
      .filter(([u]) => u.includes(`/${folder}/`) && (folder === 'icu' || !u.includes('/icu/')))
      .flatMap(([, ds]) => ds.filter((d) => d.code === code).map((d) => d.severity));
  assert.deepEqual([...new Set(severities('ward', 'chart.syntax'))], [3], 'ward: chart.syntax at info');
  assert.deepEqual([...new Set(severities('icu', 'chart.syntax'))], [4], 'ward/icu: the nearest file wins (hint)');
  assert.deepEqual([...new Set(severities('clinic', 'chart.syntax'))], [1], 'clinic: the root file does not set it (error, the default)');
  assert.deepEqual(severities('clinic', 'cdi.clinical-validation'), [], "clinic: the root's cdi.* off");
  assert.ok(severities('ward', 'cdi.clinical-validation').length > 0, 'ward: its own file is the nearest, the root file does not apply');
});

test('editor settings fill in what the .chartcoder.json does not set; what it sets wins over them', async () => {
  const { dir, charts } = workspace();
  const cli = cliFindings(dir);
  const editor = await editorFindings(charts, { ...VSCODE_DEFAULTS, rules: { 'chart.syntax': 'warning', 'code.unknown': 'info' } });
  for (const [uri, diags] of editor) {
    const governed = (code: string) => (code === 'chart.syntax' && !uri.includes('/clinic/')) || (code !== 'chart.syntax' && code !== 'code.unknown');
    // Every finding the editor settings do not touch, or whose level the nearest file sets, is the CLI's.
    assert.deepEqual(
      diags
        .filter((d) => governed(d.code))
        .map(key)
        .sort(),
      (cli.get(uri) ?? []).filter((k) => governed(JSON.parse(k)[0] as string)).sort(),
      uri,
    );
    for (const d of diags) {
      if (d.code === 'code.unknown') assert.equal(d.severity, 3, `${uri}: the editor's code.unknown level (no file sets it)`);
      if (d.code === 'chart.syntax' && uri.includes('/clinic/'))
        assert.equal(d.severity, 2, `${uri}: the editor's chart.syntax level (the root file does not set it)`);
    }
  }
});

// ── in process: file changes, problems, trust ────────────────────────────────

function memoryFs(files: Map<string, string>): ProjectFileSystem {
  return { readFile: (f) => files.get(f) };
}
const CHART = `${HEADER}# HPI\n[x]{dx=E11.22\n`; // one chart.syntax error
const syntaxSeverity = (p: Record<string, unknown>) => (p.diagnostics as Diag[]).find((d) => d.code === 'chart.syntax')?.severity;
const shown = (client: RpcTestClient) => client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => String(n.params.message));

test('a .chartcoder.json that changes is read again: when the client reports it, or when a chart is opened', async () => {
  for (const watcher of [true, false]) {
    const files = new Map([['/virtual/ward/.chartcoder.json', '{"rules":{"chart.syntax":"info"}}']]);
    const { client, session, dispose } = startInProcessServer({ fileSystem: memoryFs(files) });
    try {
      const capabilities = watcher ? { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } : {};
      await client.request('initialize', {
        processId: null,
        rootUri: null,
        capabilities,
        initializationOptions: { settings: { diagnostics: { delayMs: 0 } } },
      });
      client.notify('initialized', {});
      if (watcher) {
        const reg = await client.waitForServerRequest('client/registerCapability');
        assert.match(JSON.stringify(reg), /\*\*\/\.chartcoder\.json/);
      }
      const uri = 'file:///virtual/ward/a.chart';
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: CHART } });
      assert.equal(syntaxSeverity(await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri)), 3);
      files.set('/virtual/ward/.chartcoder.json', '{"rules":{"chart.syntax":"hint"}}');
      const since = client.notifications.length;
      if (watcher) {
        await new Promise((r) => setTimeout(r, 100)); // the registration's answer reaches the server
        assert.equal(session.settings.watchingProjectFiles, true);
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///virtual/ward/.chartcoder.json', type: 2 }] });
      } else {
        client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///virtual/ward/b.chart', languageId: 'chart', version: 1, text: CHART } });
      }
      assert.equal(
        syntaxSeverity(await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 10_000, since)),
        4,
        `re-read ${watcher ? 'on the watcher' : 'on open'}`,
      );
    } finally {
      await dispose();
    }
  }
});

test('a bad .chartcoder.json: said once per content, ignored as a whole by the editor; its good neighbours still apply', async () => {
  const files = new Map([
    ['/virtual/ward/.chartcoder.json', '{"rules":{"chart.syntax":"info","icd.no-such":"off"}}'],
    ['/virtual/broken/.chartcoder.json', '{"rules": {'],
  ]);
  const { client, dispose } = startInProcessServer({ fileSystem: memoryFs(files) });
  try {
    await client.request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      initializationOptions: { settings: { rules: { 'chart.syntax': 'warning' }, diagnostics: { delayMs: 0 } } },
    });
    for (const uri of ['file:///virtual/ward/a.chart', 'file:///virtual/ward/b.chart', 'file:///virtual/broken/c.chart']) {
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: CHART } });
      const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
      assert.equal(syntaxSeverity(d), uri.includes('broken') ? 2 : 3, uri);
    }
    const messages = shown(client);
    assert.equal(messages.filter((m) => m.includes('/virtual/ward/.chartcoder.json.rules.icd.no-such: unknown rule id')).length, 1, messages.join('\n'));
    assert.equal(messages.filter((m) => m.includes('/virtual/broken/.chartcoder.json: not valid JSON')).length, 1, messages.join('\n'));
  } finally {
    await dispose();
  }
});

test('restricted mode: the CPT table a .chartcoder.json names is not read until the workspace is trusted', async () => {
  const dir = mkdtempSync(join(TMP, 'untrusted-'));
  writeFileSync(join(dir, 'cpt.csv'), 'code,description\n99223,Initial hospital care\n');
  writeFileSync(join(dir, '.chartcoder.json'), JSON.stringify({ cptTable: 'cpt.csv' })); // relative to the file's folder
  const uri = pathToFileURL(join(dir, 'visit.chart')).href;
  const text = `${HEADER}# HPI\n[Admission]{cpt=99223}\n`;
  const hoverCpt = async (client: RpcTestClient) =>
    ((await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 18 } })) as { contents: { value: string } } | null)
      ?.contents.value ?? '';
  for (const trusted of [false, true]) {
    const { client, dispose } = startInProcessServer();
    try {
      await client.request('initialize', {
        processId: null,
        rootUri: null,
        capabilities: {},
        initializationOptions: { settings: { diagnostics: { delayMs: 0 } }, workspaceTrusted: trusted } satisfies InitializationOptions,
      });
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
      await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
      const before = await hoverCpt(client);
      if (trusted) assert.match(before, /Initial hospital care/, "trusted: the relative path is read from the file's folder");
      else {
        assert.doesNotMatch(before, /Initial hospital care/, 'untrusted: the CPT table is not read');
        assert.deepEqual(
          shown(client).filter((m) => m.includes('cpt.csv')),
          [],
        );
        client.notify(WorkspaceTrustNotification.method, { trusted: true });
        await new Promise((r) => setTimeout(r, 100));
        assert.match(await hoverCpt(client), /Initial hospital care/, 'trusted now: read');
      }
    } finally {
      await dispose();
    }
  }
});
