// Completion and the Search Codes request over LSP, with the real bundled server: the span text is
// the query inside `{dx=`, and the round trip is timed (after the index is built).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { HEADER } from '../helpers/markers';

test('completion inside {dx= and the chartcoder/searchCodes request', async () => {
  const uri = 'file:///tmp/chartcoder-lsp-completion/c.chart';
  const text = `${HEADER}# HPI\nAdmitted with [acute on chronic diastolic heart failure]{dx=\n`;
  const client = new LspClient();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const position = { line: 8, character: text.split('\n')[8].length };
    type Item = { label: string; textEdit: { newText: string; range: { start: { character: number } } }; labelDetails?: { detail?: string } };
    const first = (await client.request('textDocument/completion', { textDocument: { uri }, position }, 60_000)) as { items: Item[] };
    assert.equal(first.items[0].label, 'I50.33');
    assert.equal(first.items[0].textEdit.newText, 'I50.33');
    assert.equal(first.items[0].labelDetails?.detail?.trim(), 'MCC');
    // Timed round trips, now that the index is built.
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[Math.floor(times.length * 0.95) - 1] < 1000, `completion round trip p95 ${times[18].toFixed(1)} ms`);
    const hits = (await client.request('chartcoder/searchCodes', { query: 'copd exac', system: 'icd10cm', date: '2026-03-06', limit: 5 })) as { code: string; display: string; title: string; billable: boolean; system: string; score: number }[];
    assert.equal(hits[0].code, 'J441');
    assert.deepEqual(Object.keys(hits[0]).sort(), ['billable', 'code', 'display', 'score', 'system', 'title']);
    const bad = await client.request('chartcoder/searchCodes', { query: 42 });
    assert.deepEqual(bad, []);
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
