// The bundled server over stdio: a diagnostic whose fix moves the DRG is a warning, carries
// data.drgImpact and says "DRG a → b (±$n)"; one whose fix does not stays information; a code
// wrong in the note and the abstract is one diagnostic with the note as relatedInformation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../helpers/lspClient';

const URI = 'file:///tmp/chartcoder-lsp-test/pneumonia-hf.chart';
const TEXT = readFileSync(join(__dirname, '..', 'service', 'charts', 'pneumonia-hf.chart'), 'utf8');

type Diag = { code: string; severity: number; message: string; data?: { code?: string; drgImpact?: { from: string; to: string; payment: number } } };

test('LSP diagnostics carry the DRG impact of their fix', async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'chart', version: 1, text: TEXT } });
    const published = await client.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === URI && (p.diagnostics as Diag[]).some((d) => d.code === 'doc.not-in-abstract'),
      30_000,
    );
    const diags = published.diagnostics as Diag[];
    const mcc = diags.find((d) => d.code === 'doc.not-in-abstract' && d.data?.code === 'J9601');
    const plain = diags.find((d) => d.code === 'doc.not-in-abstract' && d.data?.code === 'E785');
    assert.ok(mcc && plain, JSON.stringify(diags));
    assert.equal(mcc.severity, 2); // Warning
    assert.deepEqual([mcc.data?.drgImpact?.from, mcc.data?.drgImpact?.to], ['195', '193']);
    assert.match(mcc.message, /DRG 195 → 193 \(\+\$[\d,]+\)$/);
    assert.equal(plain.severity, 3); // Information
    assert.equal(plain.data?.drgImpact, undefined);

    // One problem, one finding: the code wrong in the note and the abstract, once, the note related.
    const uri = 'file:///tmp/chartcoder-lsp-test/sepsis-fall.chart';
    const text = readFileSync(join(__dirname, '..', 'service', 'charts', 'sepsis-fall.chart'), 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const other = await client.waitFor(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && (p.diagnostics as Diag[]).some((d) => d.code === 'code.seventh-character'),
      30_000,
    );
    const seventh = (other.diagnostics as (Diag & { relatedInformation?: { location: { uri: string; range: { start: { line: number } } } }[] })[]).filter(
      (d) => d.code === 'code.seventh-character',
    );
    assert.equal(seventh.length, 1);
    const noteLine = text.split('\n').findIndex((l) => l.startsWith('2. [Fall on the ward'));
    assert.deepEqual(
      seventh[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
      [[uri, noteLine]],
    );
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
