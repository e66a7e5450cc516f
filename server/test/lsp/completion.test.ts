// Completion and the Search Codes request over LSP, with the real bundled server: the span text is
// the query inside `{dx=`, and the round trip is timed while typing (target p95 ≤ 20 ms).
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
    // Timed round trips while "typing" codes and words in an annotation. The target is p95 ≤ 20 ms.
    // The same run times a trivial request (the outline of a one-line chart) in between: on a
    // machine loaded by the tests beside this one both slow down, so the bound is the target or
    // 5× the trivial round trip, whichever is larger; the best of up to three runs counts.
    const edits = ['I5', 'I50', 'I50.', 'I50.3', 'I50.33', 'chf', 'copd', 'pnuemonia', 'S72.0', 'S72.001'];
    const tiny = 'file:///tmp/chartcoder-lsp-completion/tiny.chart';
    client.notify('textDocument/didOpen', { textDocument: { uri: tiny, languageId: 'chart', version: 1, text: '# HPI\n' } });
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
    const runs: { completion: number; trivial: number }[] = [];
    const passes = () => runs.some((r) => r.completion <= Math.max(20, 5 * r.trivial));
    let version = 1;
    for (const typed of edits) {
      // Untimed: the first requests compile the code paths.
      const line = `[acute on chronic diastolic heart failure]{dx=${typed}`;
      client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: `${HEADER}# HPI\n${line}\n` }] });
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: line.length } });
    }
    for (let run = 0; run < 3 && !passes(); run++) {
      const completion: number[] = [];
      const trivial: number[] = [];
      for (let i = 0; i < 40; i++) {
        const typed = edits[i % edits.length];
        const line = `[acute on chronic diastolic heart failure]{dx=${typed}`;
        client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: `${HEADER}# HPI\n${line}\n` }] });
        let t0 = performance.now();
        const list = (await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 8, character: line.length } })) as {
          items: Item[];
        };
        completion.push(performance.now() - t0);
        assert.ok(list.items.length > 0, `items for "${typed}"`);
        t0 = performance.now();
        await client.request('textDocument/documentSymbol', { textDocument: { uri: tiny } });
        trivial.push(performance.now() - t0);
      }
      runs.push({ completion: p95(completion), trivial: p95(trivial) });
      console.log(
        `# completion round trip run ${run + 1}: p50 ${[...completion].sort((a, b) => a - b)[20].toFixed(1)} ms, p95 ${runs.at(-1)!.completion.toFixed(1)} ms (trivial request p95 ${runs.at(-1)!.trivial.toFixed(1)} ms)`,
      );
    }
    assert.ok(
      passes(),
      `completion round trip p95 ${runs.map((r) => `${r.completion.toFixed(1)} ms (trivial ${r.trivial.toFixed(1)} ms)`).join(' / ')}: target 20 ms, or 5× a trivial round trip on a loaded machine`,
    );
    const hits = (await client.request('chartcoder/searchCodes', { query: 'copd exac', system: 'icd10cm', date: '2026-03-06', limit: 5 })) as {
      code: string;
      display: string;
      title: string;
      billable: boolean;
      system: string;
      score: number;
    }[];
    assert.equal(hits[0].code, 'J441');
    assert.deepEqual(Object.keys(hits[0]).sort(), ['badge', 'billable', 'code', 'display', 'score', 'system', 'title']);
    assert.equal((hits[0] as { badge?: string }).badge, 'CC', 'the CC/MCC badge of the release');
    const notice = (await client.request('chartcoder/searchCodes', { query: 'xqzv', system: 'icd10cm' })) as { code: string; title: string; system: string }[];
    assert.deepEqual(
      notice.map((h) => [h.system, h.code, h.title]),
      [['notice', '', "no code matches 'xqzv'"]],
    );
    const bad = await client.request('chartcoder/searchCodes', { query: 42 });
    assert.deepEqual(bad, []);
    assert.equal(await client.shutdown(), 0);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
  }
});

test('over LSP: a client with snippets gets the code with its POA as a choice; one without gets the bare code', async () => {
  const uri = 'file:///tmp/chartcoder-lsp-completion/poa.chart';
  const text = `${HEADER}# HPI\n[AKI]{dx=N17.9 poa=N}\n\`\`\`abstract\nPDX  I50.23  Y\nSDX  N17.\n\`\`\`\n`;
  const position = { line: 11, character: 'SDX  N17.'.length };
  type Item = { label: string; insertTextFormat?: number; textEdit: { newText: string } };
  for (const [snippetSupport, newText, format] of [
    [true, 'N17.9   ${1|N,Y,U,W,1|}', 2],
    [false, 'N17.9', 1],
  ] as const) {
    const client = new LspClient();
    try {
      await client.initialize(null, { textDocument: { completion: { completionItem: { snippetSupport } } } });
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
      const list = (await client.request('textDocument/completion', { textDocument: { uri }, position }, 60_000)) as { items: Item[] };
      const item = list.items.find((i) => i.label === 'N17.9')!;
      assert.equal(item.textEdit.newText, newText, `snippetSupport ${snippetSupport}`);
      assert.equal(item.insertTextFormat, format, `snippetSupport ${snippetSupport}`);
      assert.equal(await client.shutdown(), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
    }
  }
});
