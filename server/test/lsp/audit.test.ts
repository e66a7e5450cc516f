// Audit mode over LSP (an in-process server on the real tables): the audit.* diagnostics on both
// abstract lines, the audit code lens ("Audit: MS-DRG 292 → 291 · +0.4348 RW · +$2,936"), and
// "Accept auditor's coding" as a lens command (one versioned edit) and as a code action.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startInProcessServer } from '../helpers/inProcess';
import { commandParams, AcceptAuditorCodingCommand } from '../../src/lsp/protocol';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples', 'audit');

interface Diag {
  code: string;
  severity: number;
  message: string;
  range: { start: { line: number } };
}

function applyEdit(
  text: string,
  edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string },
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

test("audit diagnostics on both lines, the audit lens, and Accept auditor's coding over LSP", async () => {
  const { client, dispose } = startInProcessServer();
  try {
    await client.initialize(null, { workspace: { workspaceEdit: { documentChanges: true } } });
    const cases: { file: string; rules: [string, string][]; lens: string }[] = [
      { file: 'hf-missed-mcc.chart', rules: [['audit.dx-added', 'SDX  I50.33']], lens: 'Audit: MS-DRG 292 → 291 · +0.4348 RW · +$2,936 · 1 change' },
      {
        file: 'hf-sequencing.chart',
        rules: [
          ['audit.pdx-changed', 'PDX  I50.33'],
          ['audit.pdx-changed', 'PDX  I13.0'],
          ['audit.poa-changed', 'SDX  E78.5   N'],
          ['audit.poa-changed', 'SDX  E78.5   Y'],
        ],
        lens: 'Audit: MS-DRG 292 → 291 · +0.4348 RW · +$2,936 · 1 change, PDX changed',
      },
      {
        file: 'hip-laterality.chart',
        rules: [
          ['audit.pdx-changed', 'PDX  S72.031A'],
          ['audit.dx-revised', 'PDX  S72.031A'],
          ['audit.pdx-changed', 'PDX  S72.032A'],
          ['audit.dx-revised', 'PDX  S72.032A'],
          ['audit.proc-revised', 'PROC 0SRR0J9'],
          ['audit.proc-revised', 'PROC 0SRS0J9'],
        ],
        lens: 'Audit: MS-DRG 522, no change · 2 changes, PDX changed',
      },
    ];
    for (const [i, c] of cases.entries()) {
      const text = readFileSync(join(SAMPLES, c.file), 'utf8');
      const lines = text.split('\n');
      const uri = `file:///tmp/chartcoder-lsp-audit/${c.file}`;
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1 + i, text } });
      const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
      const audit = (d.diagnostics as Diag[]).filter((x) => String(x.code).startsWith('audit.'));
      // Each expected (rule, line prefix) matches exactly one finding, and there are no others.
      const got = audit.map((x) => [String(x.code), lines[x.range.start.line]!] as const);
      assert.equal(got.length, c.rules.length, `${c.file}: ${JSON.stringify(got)}`);
      for (const [rule, prefix] of c.rules)
        assert.equal(got.filter(([r, l]) => r === rule && l.startsWith(prefix)).length, 1, `${c.file}: ${rule} on "${prefix}": ${JSON.stringify(got)}`);
      assert.ok(
        audit.every((x) => x.severity === 3),
        'information by default',
      );
      const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri } })) as {
        command: { title: string; command: string; arguments: unknown[] };
      }[];
      const titles = lenses.map((l) => l.command.title);
      assert.equal(titles.filter((t) => t === c.lens).length, 2, `${c.file}: ${JSON.stringify(titles)}`);
      assert.ok(lenses.some((l) => l.command.title === "Accept auditor's coding" && l.command.command === AcceptAuditorCodingCommand.id));
    }
    // The missed MCC: the reason says so.
    const missed = (await client.waitFor('textDocument/publishDiagnostics', (p) => String(p.uri).endsWith('hf-missed-mcc.chart'))).diagnostics as Diag[];
    assert.match(missed.find((x) => x.code === 'audit.dx-added')!.message, /Missed CC\/MCC: I50\.33 is an MCC/);

    // Accept: one versioned edit that makes the coder's abstract the auditor's (reasons dropped).
    const uri = 'file:///tmp/chartcoder-lsp-audit/hf-missed-mcc.chart';
    const text = readFileSync(join(SAMPLES, 'hf-missed-mcc.chart'), 'utf8');
    assert.equal(await client.request('workspace/executeCommand', commandParams(AcceptAuditorCodingCommand, uri)), true);
    const req = (await client.waitForServerRequest('workspace/applyEdit')) as {
      label: string;
      edit: {
        documentChanges: {
          textDocument: { version: number };
          edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
        }[];
      };
    };
    const [change] = req.edit.documentChanges;
    assert.equal(change!.textDocument.version, 1);
    assert.equal(change!.edits.length, 1, 'one edit, one undo');
    const after = applyEdit(text, change!.edits[0]!);
    assert.match(after, /```abstract\nPDX {2}I13\.0 {3}Y\nSDX {2}I50\.33 {2}Y\nSDX {2}N18\.4/);
    assert.doesNotMatch(after.slice(0, after.indexOf('```abstract by=auditor')), /reason:/);
    // Accepted, the chart has no audit differences left, and nothing more to accept.
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
    const d2 = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 2);
    assert.deepEqual(
      (d2.diagnostics as Diag[]).filter((x) => String(x.code).startsWith('audit.')),
      [],
    );
    assert.equal(await client.request('workspace/executeCommand', commandParams(AcceptAuditorCodingCommand, uri)), false);
    // The code action carries the same edit on the other charts.
    const seqUri = 'file:///tmp/chartcoder-lsp-audit/hf-sequencing.chart';
    const seqLines = readFileSync(join(SAMPLES, 'hf-sequencing.chart'), 'utf8').split('\n');
    const pdxLine = seqLines.findIndex((l) => l.startsWith('PDX  I50.33'));
    const actions = (await client.request('textDocument/codeAction', {
      textDocument: { uri: seqUri },
      range: { start: { line: pdxLine, character: 0 }, end: { line: pdxLine, character: 0 } },
      context: { diagnostics: [] },
    })) as { title: string; edit?: { changes: Record<string, unknown[]> } }[];
    const accept = actions.find((a) => a.title === "Accept auditor's coding");
    assert.ok(accept?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(accept.edit.changes[seqUri]!.length, 1);
  } finally {
    await dispose();
  }
});
