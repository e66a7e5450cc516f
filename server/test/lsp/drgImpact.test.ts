// The bundled server over stdio: a diagnostic whose fix moves the DRG is a warning, carries
// data.drgImpact and says "DRG a → b (±$n)"; one whose fix does not stays information.
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
    const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && (p.diagnostics as Diag[]).some((d) => d.code === 'doc.not-in-abstract'), 30_000);
    const diags = published.diagnostics as Diag[];
    const mcc = diags.find((d) => d.code === 'doc.not-in-abstract' && d.data?.code === 'J9601');
    const plain = diags.find((d) => d.code === 'doc.not-in-abstract' && d.data?.code === 'E785');
    assert.ok(mcc && plain, JSON.stringify(diags));
    assert.equal(mcc.severity, 2); // Warning
    assert.deepEqual([mcc.data?.drgImpact?.from, mcc.data?.drgImpact?.to], ['195', '193']);
    assert.match(mcc.message, /DRG 195 → 193 \(\+\$[\d,]+\)$/);
    assert.equal(plain.severity, 3); // Information
    assert.equal(plain.data?.drgImpact, undefined);
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
