// Nothing is lost: every quick fix offered on every sample chart (and on samples/errors/, and on
// CRLF and BOM copies of them) changes only the text inside its edit ranges. Each action's edits
// lie inside the document, do not overlap, and applying them leaves every byte outside the ranges
// identical (checked against vscode-languageserver-textdocument's own applyEdits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { codeActions, REASON_PLACEHOLDER, type CodeActionData } from '../../src/service/features/codeActions';
import { lineLengths, rangeProblem, sampleCharts } from './generators';

const service = new LanguageService({ tables: loadTables(), settings: { ...DEFAULT_SETTINGS } });

function variants(): { name: string; text: string }[] {
  return sampleCharts().flatMap((s) => [
    { name: s.name, text: s.text },
    { name: `${s.name} (CRLF)`, text: s.text.replace(/\r?\n/g, '\r\n') },
    { name: `${s.name} (BOM)`, text: `\uFEFF${s.text}` },
  ]);
}

/** Every action offered for every finding of the chart (the editor asks per finding range). */
function allActions(name: string, text: string): CodeActionData[] {
  const findings = service.findings(chartInput(name, text));
  const chart = service.chart(chartInput(name, text));
  return findings.flatMap((f) => codeActions(chart, f.range, findings, service.ctx));
}

test('every quick fix on the samples changes only the text inside its edit ranges', () => {
  let applied = 0;
  const kinds = new Set<string>();
  for (const { name, text } of variants()) {
    const lengths = lineLengths(text);
    const doc = TextDocument.create('file:///x.chart', 'chart', 1, text);
    for (const action of allActions(name, text)) {
      const what = `${name}: "${action.title}"`;
      assert.ok(action.edits.length > 0 || action.title.startsWith('Write every code'), `${what} has no edits`);
      const spans = action.edits
        .map((e) => {
          assert.equal(rangeProblem(e.range, lengths), null, `${what}: edit range ${JSON.stringify(e.range)}`);
          return { start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText.split(REASON_PLACEHOLDER).join('a reason') };
        })
        .sort((a, b) => a.start - b.start || a.end - b.end);
      for (let i = 1; i < spans.length; i++) assert.ok(spans[i].start >= spans[i - 1].end, `${what}: edits overlap`);
      const result = TextDocument.applyEdits(
        doc,
        action.edits.map((e) => ({ range: e.range, newText: e.newText.split(REASON_PLACEHOLDER).join('a reason') })),
      );
      // Walk the result: every gap between edits must be there byte for byte, edits in between.
      let at = 0;
      let prev = 0;
      for (const s of spans) {
        const gap = text.slice(prev, s.start);
        assert.equal(result.slice(at, at + gap.length), gap, `${what}: text before offset ${s.start} changed`);
        at += gap.length;
        assert.equal(result.slice(at, at + s.newText.length), s.newText, `${what}: edit text not where its range is`);
        at += s.newText.length;
        prev = s.end;
      }
      assert.equal(result.slice(at), text.slice(prev), `${what}: text after the last edit changed`);
      assert.equal(result.length, at + text.length - prev);
      // The fixed chart still parses, and an unchanged document prefix keeps its BOM.
      if (text.startsWith('\uFEFF') && spans.every((s) => s.start > 0)) assert.ok(result.startsWith('\uFEFF'), `${what}: BOM lost`);
      service.chart(chartInput(`${name}#fixed`, result));
      applied++;
      kinds.add(action.title.replace(/[A-Z]\d[\w.]*|\d+|".*"/g, '…').slice(0, 30));
    }
  }
  assert.ok(applied > 50, `applied ${applied} quick fixes`);
  assert.ok(kinds.size >= 4, `several kinds of fixes were exercised: ${[...kinds].join(' | ')}`);
});

test('quick fixes on a CRLF chart insert CRLF line breaks, not LF (no mixed line endings)', () => {
  const problems: string[] = [];
  for (const { name, text } of variants().filter((v) => v.name.endsWith('(CRLF)'))) {
    for (const action of allActions(name, text)) for (const e of action.edits) if (/(^|[^\r])\n/.test(e.newText)) problems.push(`${name}: "${action.title}"`);
  }
  assert.deepEqual([...new Set(problems)].slice(0, 5), []);
});
