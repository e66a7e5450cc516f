// The Charts worklist over LSP, on a server started in this process and a folder of charts on
// disk: the list (quick summaries, then the counts), what the scan leaves out (hidden folders,
// links out of the folder, files too large), updates from an open chart, from the file watcher and
// from a close, and the header edits of Set status / Mark coded through workspace/applyEdit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startInProcessServer } from '../helpers/inProcess';
import type { RpcTestClient } from '../helpers/lspClient';
import {
  SetChartStatusCommand,
  WorklistChangedNotification,
  WorklistRequest,
  commandParams,
  type WorklistChangedParams,
  type WorklistEntry,
  type WorklistResult,
} from '../../src/lsp/protocol';
import { MAX_CHART_BYTES } from '../../src/lsp/chartFiles';

const samples = join(__dirname, '..', '..', '..', 'samples');
const sample = (name: string) => readFileSync(join(samples, `${name}.chart`), 'utf8');
const withHeader = (text: string, lines: string) => text.replace(/\n---\n/, `\n${lines}\n---\n`);
const uriOf = (file: string) => pathToFileURL(file).href;

/** The client's copy of the list: the answer, then every update applied (as the VS Code view keeps it). */
class ListCopy {
  readonly charts = new Map<string, WorklistEntry>();
  state = { scanning: true, uncounted: Infinity };
  private seen = 0;
  constructor(private readonly client: RpcTestClient) {}
  take(r: WorklistResult): void {
    for (const c of r.charts) this.charts.set(c.uri, c);
    this.state = { scanning: r.scanning, uncounted: r.uncounted };
  }
  /** Applies the updates received so far; waits for one more when `until` does not hold yet. */
  async until(cond: (l: ListCopy) => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (; this.seen < this.client.notifications.length; this.seen++) {
        const n = this.client.notifications[this.seen];
        if (n.method !== WorklistChangedNotification.method) continue;
        const p = n.params as unknown as WorklistChangedParams;
        for (const c of p.charts) this.charts.set(c.uri, c);
        for (const u of p.removed) this.charts.delete(u);
        this.state = { scanning: p.scanning, uncounted: p.uncounted };
      }
      if (cond(this)) return;
      if (Date.now() > deadline) throw new Error(`worklist condition not met; ${this.charts.size} charts, ${JSON.stringify(this.state)}`);
      await this.client.waitFor(WorklistChangedNotification.method, () => true, Math.max(1, deadline - Date.now()), this.seen).catch(() => null);
    }
  }
  get done(): boolean {
    return !this.state.scanning && this.state.uncounted === 0;
  }
}

function workspace(): { dir: string; outside: string; file: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-worklist-'));
  const outside = mkdtempSync(join(tmpdir(), 'chartcoder-outside-'));
  mkdirSync(join(dir, 'ward-3'));
  mkdirSync(join(dir, '.hidden'));
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'hf.chart'), withHeader(sample('hf-ckd'), 'status: to-code\nassigned: jdoe'));
  writeFileSync(join(dir, 'ward-3', 'sepsis.chart'), withHeader(sample('sepsis-aki'), 'status: query-pending'));
  writeFileSync(join(dir, 'ward-3', 'hip.chart'), withHeader(sample('hip-fracture'), 'status: coded\ncoded: 2026-01-25'));
  writeFileSync(join(dir, 'odd.chart'), withHeader(sample('newborn'), 'status: done'));
  writeFileSync(join(dir, '.hidden', 'skip.chart'), sample('hf-ckd'));
  writeFileSync(join(dir, 'node_modules', 'skip.chart'), sample('hf-ckd'));
  writeFileSync(join(dir, 'notes.txt'), 'not a chart');
  writeFileSync(join(dir, 'huge.chart'), sample('hf-ckd') + 'x'.repeat(MAX_CHART_BYTES));
  writeFileSync(join(outside, 'secret.chart'), sample('hf-ckd'));
  symlinkSync(join(outside, 'secret.chart'), join(dir, 'link-out.chart'));
  symlinkSync(outside, join(dir, 'linked-folder'));
  return { dir, outside, file: (name) => join(dir, name) };
}

test('the worklist lists every chart of the folder with its summary, then its counts; hidden, linked-out and oversized files are handled', async () => {
  const ws = workspace();
  const { client, dispose } = startInProcessServer();
  try {
    await client.initialize(uriOf(ws.dir), { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const list = new ListCopy(client);
    list.take(await client.request<WorklistResult>(WorklistRequest.method, { folders: [uriOf(ws.dir)] }));
    await list.until((l) => l.done);
    const byName = new Map([...list.charts.values()].map((c) => [c.uri.slice(uriOf(ws.dir).length + 1), c]));
    assert.deepEqual(
      [...byName.keys()].sort(),
      ['hf.chart', 'huge.chart', 'odd.chart', 'ward-3/hip.chart', 'ward-3/sepsis.chart'],
      'no hidden folder, no node_modules, no link out of the folder, no other files',
    );
    const hf = byName.get('hf.chart')!;
    assert.deepEqual([hf.status, hf.assigned, hf.discharged, hf.drg?.drg, hf.drg?.weight, hf.openQueries], ['to-code', 'jdoe', '2026-03-06', '291', 1.2838, 0]);
    assert.deepEqual(hf.counts, { errors: 0, warnings: 0, cdiOpportunities: 0 });
    assert.deepEqual([byName.get('ward-3/sepsis.chart')!.status, byName.get('ward-3/sepsis.chart')!.counts?.cdiOpportunities], ['query-pending', 1]);
    assert.deepEqual([byName.get('ward-3/hip.chart')!.status, byName.get('ward-3/hip.chart')!.coded], ['coded', '2026-01-25']);
    const odd = byName.get('odd.chart')!;
    assert.deepEqual([odd.status, odd.invalidStatus], [null, 'done']);
    assert.ok(odd.counts!.warnings >= 1, 'the unknown status is a chart.header warning');
    assert.match(byName.get('huge.chart')!.problem ?? '', /larger than 2 MB/);
    assert.ok(
      client.serverRequests.some((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('**/*.chart')),
      'the server asks to watch *.chart files',
    );

    // A .chartcoder.json that turns chart.header off: the counts are taken again.
    writeFileSync(join(ws.dir, '.chartcoder.json'), '{"rules":{"chart.header":"off"}}');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(ws.dir, '.chartcoder.json')), type: 1 }] });
    await list.until((l) => l.charts.get(odd.uri)?.counts?.warnings === odd.counts!.warnings - 1 && l.done);
    await client.shutdown();
  } finally {
    await dispose();
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(ws.outside, { recursive: true, force: true });
  }
});

test('the worklist follows the charts: an open chart as typed, a file created, changed and deleted, a chart closed', async () => {
  const ws = workspace();
  const { client, dispose } = startInProcessServer();
  try {
    await client.request('initialize', {
      processId: null,
      rootUri: uriOf(ws.dir),
      capabilities: {},
      initializationOptions: { settings: { diagnostics: { delayMs: 0 } } },
    });
    client.notify('initialized', {});
    const list = new ListCopy(client);
    list.take(await client.request<WorklistResult>(WorklistRequest.method, { folders: [uriOf(ws.dir)] }));
    await list.until((l) => l.done);
    const hf = uriOf(ws.file('hf.chart'));

    // Typed in the editor (not saved): the list shows the editor's version.
    const edited = withHeader(sample('hf-ckd'), 'status: in-progress\nassigned: jdoe');
    client.notify('textDocument/didOpen', { textDocument: { uri: hf, languageId: 'chart', version: 1, text: edited } });
    await list.until((l) => l.charts.get(hf)?.status === 'in-progress');
    assert.deepEqual(list.charts.get(hf)!.counts, { errors: 0, warnings: 0, cdiOpportunities: 0 });
    // Closed without saving: the file's version again.
    client.notify('textDocument/didClose', { textDocument: { uri: hf } });
    await list.until((l) => l.charts.get(hf)?.status === 'to-code');

    // A chart created, then changed, then deleted on disk (the client's watcher reports it).
    const created = ws.file('ward-3/new.chart');
    writeFileSync(created, withHeader(sample('copd-resp-failure'), 'status: to-code'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(created), type: 1 }] });
    await list.until((l) => l.charts.get(uriOf(created))?.counts !== undefined);
    assert.equal(list.charts.get(uriOf(created))!.drg?.drg, '189');
    writeFileSync(created, withHeader(sample('copd-resp-failure'), 'status: audited'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(created), type: 2 }] });
    await list.until((l) => l.charts.get(uriOf(created))?.status === 'audited');
    unlinkSync(created);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(created), type: 3 }] });
    await list.until((l) => !l.charts.has(uriOf(created)));
    // A file outside the folders is not listed.
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(ws.outside, 'secret.chart')), type: 2 }] });

    // Files changed behind the watcher's back: Refresh (rescan) reads the folders again.
    unlinkSync(ws.file('odd.chart'));
    writeFileSync(ws.file('quiet.chart'), withHeader(sample('newborn'), 'status: to-code'));
    list.take(await client.request<WorklistResult>(WorklistRequest.method, { folders: [uriOf(ws.dir)] }));
    assert.ok(list.charts.has(uriOf(ws.file('odd.chart'))), 'the same folders without rescan: the list as it was');
    list.take(await client.request<WorklistResult>(WorklistRequest.method, { folders: [uriOf(ws.dir)], rescan: true }));
    await list.until((l) => l.done && l.charts.has(uriOf(ws.file('quiet.chart'))) && !l.charts.has(uriOf(ws.file('odd.chart'))));

    // Another set of folders replaces the list.
    list.take(await client.request<WorklistResult>(WorklistRequest.method, { folders: [uriOf(join(ws.dir, 'ward-3'))] }));
    await list.until((l) => l.done && !l.charts.has(hf));
    assert.deepEqual([...list.charts.keys()].map((u) => u.split('/').pop()).sort(), ['hip.chart', 'sepsis.chart']);
    await client.shutdown();
  } finally {
    await dispose();
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(ws.outside, { recursive: true, force: true });
  }
});

test('Set status and Mark coded: the header edit through workspace/applyEdit, versioned for an open chart; refused with a reason otherwise', async () => {
  const ws = workspace();
  const { client, dispose } = startInProcessServer();
  try {
    await client.initialize(uriOf(ws.dir), { workspace: { workspaceEdit: { documentChanges: true } } });
    const list = new ListCopy(client);
    list.take(await client.request<WorklistResult>(WorklistRequest.method, { folders: [uriOf(ws.dir)] }));
    await list.until((l) => l.done);
    type Edit = {
      documentChanges: { textDocument: { uri: string; version: number | null }; edits: { range: { start: { line: number } }; newText: string }[] }[];
    };

    // A chart that is not open: read from disk, an edit with version null.
    const hip = uriOf(ws.file('ward-3/hip.chart'));
    const since = client.serverRequests.length;
    assert.deepEqual(await client.request('workspace/executeCommand', commandParams(SetChartStatusCommand, hip, 'audited')), { applied: true });
    const applied = client.serverRequests.slice(since).find((r) => r.method === 'workspace/applyEdit')!;
    const change = (applied.params.edit as Edit).documentChanges[0];
    assert.deepEqual(change.textDocument, { uri: hip, version: null });
    assert.deepEqual(
      change.edits.map((e) => e.newText),
      ['audited'],
    );

    // An open chart: the editor's text and version; Mark coded writes status and the date.
    const hf = uriOf(ws.file('hf.chart'));
    client.notify('textDocument/didOpen', {
      textDocument: { uri: hf, languageId: 'chart', version: 7, text: withHeader(sample('hf-ckd'), 'status: in-progress') },
    });
    const since2 = client.serverRequests.length;
    assert.deepEqual(await client.request('workspace/executeCommand', commandParams(SetChartStatusCommand, hf, 'coded', '2026-03-10')), { applied: true });
    const open = (client.serverRequests.slice(since2).find((r) => r.method === 'workspace/applyEdit')!.params.edit as Edit).documentChanges[0];
    assert.deepEqual(open.textDocument, { uri: hf, version: 7 });
    assert.deepEqual(
      open.edits.map((e) => e.newText),
      ['coded', 'coded: 2026-03-10\n'],
    );
    assert.equal(readFileSync(ws.file('hf.chart'), 'utf8').includes('status: coded'), false, 'the server never writes the file itself');

    // Refusals: an unknown status, a bad date, a file outside the list, a chart too large to read.
    const refusals: [args: unknown[], error: RegExp][] = [
      [[hf, 'done'], /status must be one of/],
      [[hf, 'coded', 'yesterday'], /coded must be a date/],
      [[uriOf(join(ws.outside, 'secret.chart')), 'coded'], /not in the worklist/],
      [[uriOf(ws.file('huge.chart')), 'coded'], /larger than/],
      [[42], /takes a chart URI/],
    ];
    for (const [args, error] of refusals) {
      const r = (await client.request('workspace/executeCommand', { command: SetChartStatusCommand.id, arguments: args })) as { error?: string };
      assert.match(r.error ?? '', error, JSON.stringify(args));
    }
    await client.shutdown();
  } finally {
    await dispose();
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(ws.outside, { recursive: true, force: true });
  }
});
