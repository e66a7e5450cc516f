// DRG features over LSP on a sample chart: code lens, inlay hints, hover with the DRG impact,
// and the DRG analysis command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../helpers/lspClient';

test('code lens, inlay hints, DRG hover and analysis over LSP (hf-ckd sample)', async () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'hf-ckd.chart'), 'utf8');
  const lines = text.split('\n');
  const uri = 'file:///tmp/chartcoder-lsp-drg/hf-ckd.chart';
  const client = new LspClient();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as {
      command: { title: string; command: string; arguments: string[] };
    }[];
    assert.equal(lenses[0].command.title, 'MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,669 (national rate)');
    assert.deepEqual(lenses[0].command.arguments, [uri]);
    const hints = (await client.request('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    })) as { label: string; position: { line: number } }[];
    assert.deepEqual(
      hints.map((h) => [lines[h.position.line].slice(0, 12).trim(), h.label]),
      [
        ['SDX  I50.33', 'MCC'],
        ['SDX  N18.4', 'CC'],
      ],
    );
    const sdx = lines.findIndex((l) => l.startsWith('SDX  I50.33'));
    const hover = (await client.request('textDocument/hover', { textDocument: { uri }, position: { line: sdx, character: 7 } })) as {
      contents: { value: string };
    };
    assert.match(hover.contents.value, /Without it: \*\*MS-DRG 292/);
    assert.equal(hover.contents.value.split('\n')[0], '**MCC · without it → MS-DRG 292 (−$2,936)**', 'the DRG summary is the first line');
    const analysis = (await client.request('workspace/executeCommand', { command: 'chartcoder.showDrgAnalysis', arguments: [uri] })) as string;
    assert.match(analysis, /^# DRG analysis/);
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('an FY2027 chart over LSP: the lens says which logic, the status names the release', async () => {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'hf-ckd.chart'), 'utf8')
    .replace('admitted: 2026-03-02', 'admitted: 2026-10-02')
    .replace('discharged: 2026-03-06', 'discharged: 2026-10-06');
  const uri = 'file:///tmp/chartcoder-lsp-drg/fy2027.chart';
  const client = new LspClient();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as { command: { title: string } }[];
    assert.deepEqual(lenses.map((l) => l.command.title).slice(1), ['Grouper: MS-DRG v43.1 logic — v44 logic not installed']);
    const status = await client.waitFor('chartcoder/status', (p) => p.uri === uri);
    assert.equal(status.release, 'FY2027 (Oct 2026)');
    assert.match(String(status.drg), /^291 · RW 1\.2685$/);
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
