// The server never dies, never publishes stale diagnostics, gives memory back, and never logs
// chart text. Drives the real bundled server (dist/server.js) over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LspClient } from '../helpers/lspClient';
import { startServer } from './client';
import { fuzzSeed, SAMPLES_DIR } from './generators';

const CLI = join(__dirname, '..', '..', '..', 'bin', 'chartcoder');
type Diag = { range: unknown; code: string; message: string; severity: number };
type Memory = { heapUsed: number; rss: number; openDocuments: number; pendingDiagnostics: number };

/** Edits a coder might make, with hostile ones mixed in; positions are anywhere in the document. */
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 5 }), fc.nat({ max: 60 })),
  insert: fc.oneof(
    fc.constantFrom(
      '',
      'a',
      ' ',
      '\n',
      '[',
      ']',
      '{',
      '}',
      '{dx=E11.22}',
      '[CKD]{dx=N18.4 poa=Y}',
      'dx=I50.33',
      'poa=Y',
      '\r\n',
      '😷',
      'ש',
      '```abstract\nPDX I50.33 Y\n```\n',
      '# Plan\n',
    ),
    fc.string({ maxLength: 6 }),
  ),
  request: fc.constantFrom('none', 'none', 'none', 'hover', 'completion', 'documentSymbol', 'foldingRange'),
});

function freshCheck(text: string): Diag[] {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-rel-'));
  try {
    const file = join(dir, 'final.chart');
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', file], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `check exited ${r.status}: ${r.stderr}`);
    return (JSON.parse(r.stdout) as (Diag & { suppressed?: unknown })[]).filter((d) => !d.suppressed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends `count` random incremental edits to an open document (version 1), with requests in between. */
async function burst(
  client: LspClient,
  uri: string,
  start: string,
  seed: number,
  count: number,
): Promise<{ doc: TextDocument; edits: unknown[]; answers: Promise<unknown>[] }> {
  const doc = TextDocument.create(uri, 'chart', 1, start);
  const edits = fc.sample(editArb, { seed, numRuns: count });
  const answers: Promise<unknown>[] = [];
  for (const [i, e] of edits.entries()) {
    const text = doc.getText();
    const s = text.length ? e.at % (text.length + 1) : 0;
    const range = { start: doc.positionAt(s), end: doc.positionAt(Math.min(text.length, s + e.remove)) };
    TextDocument.update(doc, [{ range, text: e.insert }], i + 2);
    client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ range, text: e.insert }] });
    const params = { textDocument: { uri }, position: doc.positionAt(s + e.insert.length) };
    if (e.request === 'hover') answers.push(client.request('textDocument/hover', params));
    if (e.request === 'completion') answers.push(client.request('textDocument/completion', params));
    if (e.request === 'documentSymbol') answers.push(client.request('textDocument/documentSymbol', { textDocument: { uri } }));
    if (e.request === 'foldingRange') answers.push(client.request('textDocument/foldingRange', { textDocument: { uri } }));
    if (i % 25 === 24) await new Promise((r) => setTimeout(r, 30)); // let some debounced runs fire mid-burst
  }
  return { doc, edits, answers };
}

const key = (d: Diag) => JSON.stringify([d.code, d.range, d.message]);

test('500 incremental edits with requests in between: final diagnostics equal a fresh check, no stale version, memory back to baseline', async () => {
  const uri = 'file:///tmp/chartcoder-reliability/burst.chart';
  const start = readFileSync(join(SAMPLES_DIR, 'hf-ckd.chart'), 'utf8');
  const client = startServer(['--stdio'], { ...process.env, CHARTCODER_DEBUG: '1' });
  try {
    await client.initialize();
    // Warm up (tables load lazily) so the baseline is the steady state, not a cold start.
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: start } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 30 } });
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 30 } }).catch(() => null);
    // The search index and the lazily read tables load in a warm-up after start; the baseline comes after it.
    await client.waitFor('window/logMessage', (p) => /warm-up done/.test(String(p.message)), 20_000);
    // A first burst on another document reaches the steady state: lazily loaded tables (tabular
    // notes, MS-DRG lists) and the bounded lookup memos fill up. Memory is compared after it.
    const warm = 'file:///tmp/chartcoder-reliability/warm-up.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri: warm, languageId: 'chart', version: 1, text: start } });
    await Promise.allSettled((await burst(client, warm, start, fuzzSeed() + 1, 300)).answers);
    client.notify('textDocument/didClose', { textDocument: { uri: warm } });
    const baseline = await client.request<Memory>('chartcoder/debugMemory', { gc: true });

    const t0 = Date.now();
    const since = client.notifications.length;
    const { doc, edits, answers } = await burst(client, uri, start, fuzzSeed(), 500);
    const settled = await Promise.allSettled(answers);
    console.log(`# burst of ${edits.length} edits and ${answers.length} requests answered in ${Date.now() - t0} ms`);
    const failed = settled.filter((r) => r.status === 'rejected');
    assert.equal(
      failed.length,
      0,
      `requests failed during the burst: ${failed
        .map((f) => String((f as PromiseRejectedResult).reason))
        .slice(0, 3)
        .join('; ')}`,
    );

    const finalVersion = edits.length + 1;
    const final = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === finalVersion, 20_000, since);
    await new Promise((r) => setTimeout(r, 400)); // anything published after the final one would show up here
    const versions = client.notifications
      .slice(since)
      .filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri)
      .map((n) => n.params.version as number);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `version ${versions[i]} published after ${versions[i - 1]}`);
    assert.equal(versions.at(-1), finalVersion, 'the last diagnostics published are for the final version');

    const expected = freshCheck(doc.getText()).map(key).sort();
    const got = (final.diagnostics as Diag[]).map(key).sort();
    assert.deepEqual(got, expected, 'editor diagnostics after the burst equal `chartcoder check` of the final text');

    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && (p.diagnostics as unknown[]).length === 0, 5000, since);
    const after = await client.request<Memory>('chartcoder/debugMemory', { gc: true });
    assert.equal(after.openDocuments, 0);
    assert.equal(after.pendingDiagnostics, 0);
    console.log(
      `# heap ${(baseline.heapUsed / 1e6).toFixed(1)} MB before the burst, ${(after.heapUsed / 1e6).toFixed(1)} MB after closing; rss ${(baseline.rss / 1e6).toFixed(0)} → ${(after.rss / 1e6).toFixed(0)} MB`,
    );
    const grown = (after.heapUsed - baseline.heapUsed) / 1e6;
    assert.ok(grown < 25, `heap grew ${grown.toFixed(1)} MB over the baseline ${(baseline.heapUsed / 1e6).toFixed(1)} MB after closing the document`);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});

test('an exception inside a feature is a logged error and an empty answer; the server lives on', async () => {
  const uri = 'file:///tmp/chartcoder-reliability/garbage.chart';
  const client = startServer();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text: '# A\n[x]{dx=E11.22}\n' } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    // Garbage params: no textDocument at all, a string where an object belongs, nulls.
    assert.equal(await client.request('textDocument/hover', {}), null);
    assert.equal(await client.request('textDocument/hover', { textDocument: 'nonsense', position: null }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: null }), []);
    assert.deepEqual(await client.request('textDocument/foldingRange', {}), []);
    await client.request('textDocument/completion', { textDocument: { uri } }).catch(() => null);
    // Positions far outside the document.
    for (const position of [
      { line: 1e6, character: 1e6 },
      { line: -5, character: -1 },
      { line: 1, character: 1e9 },
    ]) {
      const h = await client.request('textDocument/hover', { textDocument: { uri }, position });
      assert.ok(h === null || typeof h === 'object');
      await client.request('textDocument/completion', { textDocument: { uri }, position }).catch(() => null);
    }
    await client.waitFor('window/logMessage', (p) => p.type === 1 && /hover failed/.test(String(p.message)), 2000);
    // Still alive and answering.
    const symbols = (await client.request('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string }[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['A'],
    );
    assert.equal(client.proc.exitCode, null);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});

test('no chart text in the server log, stderr or messages (trace off)', async () => {
  const marker = `PHIMARKER${Date.now().toString(36)}`;
  const uri = pathToFileURL(join(tmpdir(), 'chartcoder-phi', 'patient.chart')).href;
  const text = `---\nencounter: ${marker}-ENC\nage: 40\nsex: Q${marker}\nadmitted: 2026-03-02\ndischarged: 2026-03-0${marker}\n---\n# ${marker} History\nPatient ${marker} has [${marker} sepsis]{dx=${marker} poa=${marker} note="${marker}"} and [x]{dx=A41.9\n\n\`\`\`abstract\nPDX ${marker} Y # ${marker}\n\`\`\`\n\`\`\`query id=${marker} status=${marker}\n${marker}?\n`;
  const client = startServer();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
    for (let line = 0; line < 16; line++)
      for (const character of [0, 5, 12, 30]) await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: 40 } }).catch(() => null);
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/codeLens', { textDocument: { uri } });
    await client.request('textDocument/hover', { textDocument: { uri, text: marker } }); // a failing request whose params hold chart text
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text.replace('A41.9', `${marker}{`) }] });
    await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2);
    assert.equal(await client.shutdown(), 0);
    const logs = client.notifications.filter((n) => /^(window\/logMessage|window\/showMessage|\$\/logTrace|telemetry\/event)$/.test(n.method));
    assert.ok(
      logs.some((n) => /diagnostics: \d+ findings/.test(String(n.params.message))),
      'the log does carry counts and timings',
    );
    assert.equal(client.notifications.filter((n) => n.method === 'telemetry/event').length, 0, 'no telemetry');
    for (const n of logs) assert.ok(!JSON.stringify(n.params).includes(marker), `chart text in ${n.method}: ${JSON.stringify(n.params).slice(0, 300)}`);
    assert.ok(!client.stderr.includes(marker), `chart text on stderr: ${client.stderr.slice(0, 300)}`);
  } finally {
    client.proc.kill();
  }
});

test('a big chart is checked one rule per turn: requests are answered meanwhile, a changed chart drops the run, the result equals a fresh check', async () => {
  const uri = 'file:///tmp/chartcoder-reliability/big.chart';
  const sample = readFileSync(join(SAMPLES_DIR, 'hf-ckd.chart'), 'utf8');
  const body = sample.replace(/^---[\s\S]*?\n---\n/, '').replace(/```abstract[\s\S]*?```/g, '');
  let text = sample;
  while (text.length < 1_200_000) text += '\n# Continued\n' + body; // above the stepwise size, below the 1 MB+ typing delay's effect on this test
  const client = startServer();
  try {
    await client.initialize();
    await client.waitFor('window/logMessage', (p) => /warm-up done/.test(String(p.message)), 60_000);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    // While the first check runs, a request on a small chart is answered before it ends.
    const small = 'file:///tmp/chartcoder-reliability/small.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'chart', version: 1, text: sample } });
    await new Promise((r) => setTimeout(r, 30));
    const t0 = performance.now();
    const symbolsAnswered = client.request('textDocument/documentSymbol', { textDocument: { uri: small } }).then(() => performance.now() - t0);
    const first = client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1).then(() => performance.now() - t0);
    // Checked in one piece, the outline would wait for the whole check (≈ 0.99 of its time);
    // rule by rule it waits for the parse and one rule (≈ 0.5 here).
    const [symbolsAt, firstAt] = [await symbolsAnswered, await first];
    console.log(`# outline ${symbolsAt.toFixed(0)} ms, diagnostics ${firstAt.toFixed(0)} ms`);
    assert.ok(
      symbolsAt < 0.8 * firstAt,
      `the small chart's outline came at ${symbolsAt.toFixed(0)} ms, the big chart's diagnostics at ${firstAt.toFixed(0)} ms`,
    );

    // An edit during a run: that run is dropped, and only the final version is published.
    const since = client.notifications.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + ' ' }] });
    await client
      .waitFor(
        'window/logMessage',
        (p) => /diagnostics: \d+ findings/.test(String(p.message)) || /dropped, the chart changed/.test(String(p.message)),
        60_000,
        since,
      )
      .catch(() => null);
    const final = text + '\n# Plan\n[CHF]{dx=I50.9}\n';
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: final }] });
    const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 3, 120_000, since);
    const versions = client.notifications
      .slice(since)
      .filter((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri)
      .map((n) => n.params.version);
    assert.ok(versions.every((v) => v === 2 || v === 3) && versions.at(-1) === 3, `published versions ${versions.join(',')}`);
    assert.deepEqual((published.diagnostics as Diag[]).map(key).sort(), freshCheck(final).map(key).sort(), 'the stepwise result equals `chartcoder check`');
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.proc.kill();
  }
});
