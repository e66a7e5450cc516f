// The one writer of the suppression comment: the inserted line ends the way the chart's lines end,
// is indented like the line it silences, and its reason stays on one line inside the comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { suppressionEdit } from '../../src/service/edits';
import { parseChart } from '../../src/chart/parse';

const cases: { name: string; text: string; line: number; reason: string | null; expect: string }[] = [
  { name: 'LF chart', text: 'a\nb\nc\n', line: 1, reason: 'why', expect: 'a\n<!-- chartcoder-ignore r.x: why -->\nb\nc\n' },
  { name: 'CRLF chart', text: 'a\r\nb\r\nc\r\n', line: 1, reason: 'why', expect: 'a\r\n<!-- chartcoder-ignore r.x: why -->\r\nb\r\nc\r\n' },
  { name: 'mixed: the silenced line ends in CRLF', text: 'a\nb\r\nc\n', line: 1, reason: 'why', expect: 'a\n<!-- chartcoder-ignore r.x: why -->\r\nb\r\nc\n' },
  { name: 'mixed: the silenced line ends in LF', text: 'a\r\nb\nc\r\n', line: 1, reason: 'why', expect: 'a\r\n<!-- chartcoder-ignore r.x: why -->\nb\nc\r\n' },
  { name: 'last line without a terminator, CRLF chart', text: 'a\r\nb', line: 1, reason: 'why', expect: 'a\r\n<!-- chartcoder-ignore r.x: why -->\r\nb' },
  { name: 'one line, no terminator at all', text: 'b', line: 0, reason: 'why', expect: '<!-- chartcoder-ignore r.x: why -->\nb' },
  { name: 'lone CR chart', text: 'a\rb\rc', line: 2, reason: 'why', expect: 'a\rb\r<!-- chartcoder-ignore r.x: why -->\rc' },
  {
    name: 'indented like the line',
    text: 'a\n   SDX  I10  Y\n',
    line: 1,
    reason: 'why',
    expect: 'a\n   <!-- chartcoder-ignore r.x: why -->\n   SDX  I10  Y\n',
  },
  { name: 'no reason', text: 'a\nb\n', line: 1, reason: null, expect: 'a\n<!-- chartcoder-ignore r.x: -->\nb\n' },
  {
    name: 'a reason over lines stays on one',
    text: 'a\nb\n',
    line: 1,
    reason: 'per Dr. X\r\nsee note',
    expect: 'a\n<!-- chartcoder-ignore r.x: per Dr. X see note -->\nb\n',
  },
  { name: 'a reason cannot close the comment', text: 'a\nb\n', line: 1, reason: 'a --> b', expect: 'a\n<!-- chartcoder-ignore r.x: a -> b -->\nb\n' },
  { name: 'a line past the end is the last line', text: 'a\nb', line: 9, reason: 'why', expect: 'a\n<!-- chartcoder-ignore r.x: why -->\nb' },
];

test('suppressionEdit: line endings, indentation and reason, case by case', () => {
  for (const c of cases) {
    const doc = TextDocument.create('file:///x.chart', 'chart', 1, c.text);
    const out = TextDocument.applyEdits(doc, [suppressionEdit(c.text, c.line, 'r.x', c.reason)]);
    assert.equal(JSON.stringify(out), JSON.stringify(c.expect), c.name);
  }
});

test('the written comment is read back as a suppression of the next line, with its reason', () => {
  const text = '# A\r\n[x]{dx=E11.22}\r\n';
  const out = TextDocument.applyEdits(TextDocument.create('file:///x.chart', 'chart', 1, text), [suppressionEdit(text, 1, 'doc.no-evidence', 'see the H&P')]);
  const [s] = parseChart(out).suppressions;
  assert.equal(s.ruleId.value, 'doc.no-evidence');
  assert.equal(s.reason?.value, 'see the H&P');
  assert.equal(s.targetLine, 2);
});
