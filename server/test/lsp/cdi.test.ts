// CDI opportunities through the real bundled server: the information diagnostic with the DRG at
// stake, its data, and the "Draft query" lightbulb whose workspace edit inserts the query block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../helpers/lspClient';

const URI = 'file:///tmp/chartcoder-lsp-test/cdi.chart';
const TEXT = readFileSync(join(__dirname, '..', 'cdi', 'fixtures', 'dev', 'd01-pneumonia-creatinine-rise.chart'), 'utf8');

type Diag = {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  severity: number;
  message: string;
  data?: { query?: string };
};

test('LSP: a CDI opportunity is an information diagnostic with a Draft query lightbulb', async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'chart', version: 1, text: TEXT } });
    const published = await client.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === URI && (p.diagnostics as Diag[]).some((d) => d.code === 'cdi.opportunity.aki'),
      20_000,
    );
    const aki = (published.diagnostics as Diag[]).find((d) => d.code === 'cdi.opportunity.aki')!;
    assert.equal(aki.severity, 3, 'information');
    assert.match(aki.message, /DRG at stake: MS-DRG 195 → 194 /);
    assert.match(aki.data?.query ?? '', /^```query id=Q1/);
    const actions = (await client.request('textDocument/codeAction', { textDocument: { uri: URI }, range: aki.range, context: { diagnostics: [aki] } })) as {
      title: string;
      kind: string;
      edit?: { changes: Record<string, { range: unknown; newText: string }[]> };
    }[];
    const draft = actions.find((a) => a.title.startsWith('Draft query'));
    assert.ok(draft, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(draft.kind, 'quickfix');
    const edits = draft.edit!.changes[URI];
    assert.equal(edits.length, 1);
    assert.match(edits[0].newText, /```query id=Q1 to="attending physician"\n[\s\S]*- clinically undetermined\n```\n$/);
  } finally {
    await client.shutdown();
  }
});
