// Property tests of the parser and the pure language service on generated charts (seeded:
// CHARTCODER_FUZZ_SEED replays a failure; CHARTCODER_FUZZ_RUNS scales the case counts).
// The parser never throws; every range in the model and in every feature's answer lies inside
// the document and is well ordered (UTF-16 positions); the text LSP's incremental sync rebuilds
// parses exactly like the same text parsed from scratch; features never throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseChart } from '../../src/chart/parse';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { anyChart, check, collectRanges, lineLengths, position, rangeProblem, sampleCharts } from './generators';

const RUNS = Number(process.env.CHARTCODER_FUZZ_RUNS) || 1;
const samples = sampleCharts().map((s) => s.text);
const charts = anyChart(samples);

function assertRangesInside(value: unknown, text: string, what: string): void {
  const lengths = lineLengths(text);
  for (const { path, range } of collectRanges(value)) {
    const problem = rangeProblem(range, lengths);
    assert.equal(problem, null, `${what} ${path}: ${problem} (${JSON.stringify(range)})`);
  }
}

test('the parser never throws and every range lies inside the document', () => {
  return check(
    'parse',
    fc.property(charts, (text) => {
      const chart = parseChart(text);
      assert.equal(chart.text, text);
      assert.equal(chart.lineCount, lineLengths(text).length);
      assertRangesInside(chart, text, 'chart');
    }),
    1500 * RUNS,
  );
});

/** A random LSP content change against the current text (range may be anywhere, even past the end). */
const change = fc.record({
  startLine: fc.nat({ max: 120 }),
  startChar: fc.nat({ max: 120 }),
  lines: fc.nat({ max: 3 }),
  endChar: fc.nat({ max: 120 }),
  text: fc.oneof(
    fc.constantFrom('', '[', ']', '{dx=E11.22}', '}', '\n', '\r\n', '\r', '```abstract\nPDX I50.33 Y\n```\n', '# H\n', '---\n', '😷', 'ש', ' '),
    fc.string({ maxLength: 12 }),
  ),
});

test('incremental edits (TextDocument.update) then a parse equal a parse of the final text from scratch', () => {
  const service = new LanguageService({ tables: null, settings: DEFAULT_SETTINGS });
  return check(
    'incremental',
    fc.property(charts, fc.array(change, { minLength: 1, maxLength: 15 }), (initial, changes) => {
      const doc = TextDocument.create('file:///fuzz.chart', 'chart', 1, initial);
      let expected = initial;
      service.chart(chartInput(doc.uri, doc.getText(), doc.version)); // warm the per-document cache, as the server does on open
      for (const [i, c] of changes.entries()) {
        const start = { line: c.startLine, character: c.startChar };
        const end = { line: c.startLine + c.lines, character: c.endChar };
        // What the edit means on a plain string, clamped exactly as LSP says (past the end → the end).
        const s = doc.offsetAt(start);
        const e = Math.max(s, doc.offsetAt(end));
        expected = expected.slice(0, s) + c.text + expected.slice(e);
        TextDocument.update(doc, [{ range: { start, end: doc.positionAt(e) }, text: c.text }], i + 2);
        assert.equal(doc.getText(), expected, 'incremental sync rebuilt a different text');
        if (i % 3 === 0) service.chart(chartInput(doc.uri, doc.getText(), doc.version)); // some intermediate states parsed, like typing
      }
      const viaService = service.chart(chartInput(doc.uri, doc.getText(), doc.version));
      assert.deepEqual(JSON.parse(JSON.stringify(viaService)), JSON.parse(JSON.stringify(parseChart(expected))));
    }),
    400 * RUNS,
  );
});

test('language service features never throw and answer with ranges inside the document', async () => {
  const tables = loadTables();
  const service = new LanguageService({ tables, settings: { ...DEFAULT_SETTINGS } });
  // Completion with the search engine (read from the prebuilt index): span-text and typed-word
  // queries, code prefixes, 7th characters and attribute completions all run.
  const { complete, completionContext } = await import('../../src/service/features/completion');
  const engine = service.searchEngine();
  assert.ok(engine, `search engine: ${service.searchEngineError}`);
  return check(
    'features',
    fc.property(charts, fc.array(position, { minLength: 1, maxLength: 4 }), (text, positions) => {
      const key = 'file:///features.chart';
      assertRangesInside(service.findings(chartInput(key, text)), text, 'findings');
      assertRangesInside(service.symbols(chartInput(key, text)), text, 'symbols');
      const lines = lineLengths(text).length;
      for (const f of service.folding(chartInput(key, text)))
        assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lines, `folding ${JSON.stringify(f)}`);
      for (const p of positions) {
        const h = service.hover(chartInput(key, text), p);
        if (h) assertRangesInside(h, text, 'hover');
        const chart = service.chart(chartInput(key, text));
        completionContext(chart, p);
        assertRangesInside(complete(chart, p, service.ctx, engine), text, 'completion');
      }
      service.codeLenses(chartInput(key, text));
      service.inlayHints(chartInput(key, text));
      service.release(chartInput(key, text));
      service.status(chartInput(key, text));
      service.drgAnalysis(chartInput(key, text));
    }),
    300 * RUNS,
  );
});
