// The ICD-10-PCS code builder over LSP, with the real bundled server: a coder on a PROC line types
// a section digit and then accepts, each time, the completion item of the next character (its axis
// and meaning in the detail, a command that asks for completion again) until the code is whole —
// 02RF38Z, replacement of the aortic valve, percutaneous, zooplastic tissue. The same steps come
// back from chartcoder/searchCodes for the Search Codes quick pick.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../helpers/lspClient';
import { HEADER } from '../helpers/markers';

const URI = 'file:///tmp/chartcoder-lsp-pcs/tavr.chart';
const chart = (proc: string) => `${HEADER}# Procedure
Transcatheter aortic valve replacement via the right femoral artery.

\`\`\`abstract
PDX I35.0 Y
PROC ${proc}
\`\`\`
`;

type Item = {
  label: string;
  kind: number;
  detail?: string;
  textEdit: { newText: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  command?: { command: string };
};

test('a PCS code built axis by axis through completion on a PROC line', async () => {
  const client = new LspClient();
  try {
    await client.initialize();
    let typed = '0';
    let version = 1;
    client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'chart', version, text: chart(typed) } });
    const line = chart('')
      .split('\n')
      .findIndex((l) => l.startsWith('PROC '));
    const target = '02RF38Z';
    const steps: string[] = [];
    for (let guard = 0; guard < 8; guard++) {
      const list = (await client.request(
        'textDocument/completion',
        { textDocument: { uri: URI }, position: { line, character: `PROC ${typed}`.length } },
        60_000,
      )) as { items: Item[] };
      // Every item continues what was typed; the one on the way to the target is accepted.
      assert.ok(list.items.length > 0, `items after "${typed}"`);
      assert.ok(
        list.items.every((i) => i.textEdit.newText.startsWith(typed)),
        `items after "${typed}" extend it`,
      );
      const next = list.items.find((i) => target.startsWith(i.textEdit.newText) && i.textEdit.newText.length > typed.length);
      assert.ok(next, `the next character of ${target} is offered after "${typed}"; got ${list.items.map((i) => i.label).join(' ')}`);
      const whole = next.textEdit.newText.length === 7;
      if (!whole) {
        // A partial code: an enum-member item whose detail names the character, its axis and meaning; accepting it re-triggers completion.
        assert.equal(next.kind, 20, 'CompletionItemKind.EnumMember');
        assert.match(next.detail ?? '', new RegExp(`^character ${next.textEdit.newText.length}, [A-Za-z /]+: .+ — \\d+ codes?, pick the next character$`));
        assert.equal(next.command?.command, 'editor.action.triggerSuggest');
      } else {
        assert.equal(next.command, undefined);
        assert.match(next.detail ?? '', /Replacement of Aortic Valve with Zooplastic Tissue, Percutaneous Approach/);
      }
      steps.push(`${next.textEdit.newText}: ${next.detail}`);
      // Accept it: the text edit replaces what was typed on the line.
      assert.deepEqual(next.textEdit.range, { start: { line, character: 'PROC '.length }, end: { line, character: `PROC ${typed}`.length } });
      typed = next.textEdit.newText;
      client.notify('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [{ text: chart(typed) }] });
      if (whole) break;
    }
    assert.equal(typed, target, steps.join('\n'));
    assert.match(steps.find((s) => s.startsWith('02RF:')) ?? '', /Body Part: Aortic Valve/);
    assert.match(steps.find((s) => s.startsWith('02RF3:')) ?? '', /Approach: Percutaneous/);
    assert.match(steps.find((s) => s.startsWith('02RF38:')) ?? '', /Device: Zooplastic Tissue/);

    // The Search Codes request gives the same steps (the quick pick keeps building on Enter).
    const hits = (await client.request('chartcoder/searchCodes', { query: '02RF3', date: '2026-03-06', limit: 20 })) as {
      code: string;
      billable: boolean;
      builder?: { position: number; axis: string; meaning: string | null };
    }[];
    const zooplastic = hits.find((h) => h.code === '02RF38');
    assert.deepEqual(zooplastic?.builder && { position: zooplastic.builder.position, axis: zooplastic.builder.axis, meaning: zooplastic.builder.meaning }, {
      position: 6,
      axis: 'Device',
      meaning: 'Zooplastic Tissue',
    });
    assert.equal(zooplastic?.billable, false);
    // Words on a PROC line find the procedure.
    client.notify('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: [{ text: chart('tavr') }] });
    const byWords = (await client.request('textDocument/completion', { textDocument: { uri: URI }, position: { line, character: 'PROC tavr'.length } })) as {
      items: Item[];
    };
    assert.equal(byWords.items[0].label, '02RF38Z');
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});
