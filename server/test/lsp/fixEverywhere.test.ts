// Over LSP: a code fix that changes the code everywhere it appears is one WorkspaceEdit (one undo),
// and "Add to abstract" of a diagnosis with no annotated POA carries the command that asks for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { HEADER } from '../helpers/markers';

type Action = {
  title: string;
  edit?: { changes: Record<string, { newText: string; range: { start: { line: number } } }[]> };
  command?: { command: string; arguments: unknown[] };
};

test('over LSP: fix everywhere as one edit, and Add to abstract asks for the POA', async () => {
  const uri = 'file:///tmp/chartcoder-lsp-fix/fx.chart';
  const text = `${HEADER}# Note\n[hip fracture]{dx=S72.001 poa=Y} [AKI]{dx=N17.9}\n\`\`\`abstract\nPDX  S72.001  Y\n\`\`\`\n`;
  const client = new LspClient();
  try {
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const diags = (await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri)) as { diagnostics: { code: string; range: unknown }[] };
    const seventh = diags.diagnostics.find((d) => d.code === 'code.seventh-character')!;
    const actions = (await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: seventh.range,
      context: { diagnostics: [seventh] },
    })) as Action[];
    const everywhere = actions.find((a) => a.title.startsWith('Replace with S72.001A') && a.title.includes('everywhere'))!;
    const edits = everywhere.edit!.changes[uri];
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText] as const).sort((x, y) => x[0] - y[0]),
      [
        [8, 'S72.001A'],
        [10, 'S72.001A'],
      ],
    );
    const aki = { start: { line: 8, character: 44 }, end: { line: 8, character: 44 } };
    const add = ((await client.request('textDocument/codeAction', { textDocument: { uri }, range: aki, context: { diagnostics: [] } })) as Action[]).find((a) =>
      a.title.startsWith('Add N17.9 to the abstract'),
    )!;
    assert.equal(add.edit!.changes[uri][0].newText, 'SDX  N17.9\n');
    assert.deepEqual(add.command, { title: 'Choose the POA', command: 'chartcoder.choosePoa', arguments: [uri, 11, 10, '    ', ['Y', 'N', 'U', 'W', '1']] });
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
