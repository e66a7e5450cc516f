// Parser bugs found by the property tests in server/test/reliability/, each pinned by its smallest
// reproduction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';

test('an unclosed abstract/query fence keeps its body range inside the document', () => {
  // Found by fuzzing a truncated sample: bodyRange ended at (lineCount, 0), one line past the end.
  for (const text of ['# A\n```abstract', '# A\n```abstract\nPDX I50.33 Y', '```query id=Q1\nWhat?\n', '```abstract\r\nPDX I10 Y\r\n']) {
    const chart = parseChart(text);
    const lines = text.split(/\r\n|\r|\n/);
    const block = chart.abstract ?? chart.queries[0];
    assert.ok(block, `a block is parsed from ${JSON.stringify(text)}`);
    assert.equal(block.closed, false);
    const { start, end } = block.bodyRange;
    assert.ok(end.line < lines.length && end.character <= lines[end.line].length, `body end inside ${JSON.stringify(text)}: ${JSON.stringify(end)}`);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), 'body range ordered');
  }
  // A closed block's body still ends at the start of the closing fence line.
  const closed = parseChart('```abstract\nPDX I10 Y\n```\n');
  assert.deepEqual(closed.abstract?.bodyRange, { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } });
});
