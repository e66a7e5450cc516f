// `chartcoder.suppress` writes only a suppression comment for a known rule on a line of the
// document (a client-sent rule id with `-->` or a line break would inject text into the chart;
// lines −1, 1e9, 1.5 were sent on as edit positions), and writes it in the chart's own line endings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suppressionEdit, suppressionRefusal } from '../../src/service/edits';
import { knownRuleIds } from '../../src/service/features/diagnostics';

const KNOWN = knownRuleIds().map((r) => r.id);
const TEXT = '---\nage: 40\n---\n# HPI\n[x]{dx=I10}\n';

test('suppress arguments: a known rule id and an integer line of the document, else refused', () => {
  const family = `${KNOWN[0].split('.')[0]}.*`;
  const cases: [unknown, unknown, boolean][] = [
    [4, 'doc.no-evidence', true],
    [0, 'doc.no-evidence', true],
    [5, 'doc.no-evidence', true], // the empty last line after the final LF
    [4, family, true],
    [6, 'doc.no-evidence', false],
    [-1, 'doc.no-evidence', false],
    [1e9, 'doc.no-evidence', false],
    [1.5, 'doc.no-evidence', false],
    [Number.NaN, 'doc.no-evidence', false],
    ['4', 'doc.no-evidence', false],
    [4, 'doc.no-evidence --> injected <!--', false],
    [4, 'doc.no-evidence\ninjected', false],
    [4, 'doc.no-evidence:', false],
    [4, 'no.such-rule', false],
    [4, 'nofamily.*', false],
    [4, '', false],
    [4, 42, false],
    [4, undefined, false],
  ];
  assert.ok(KNOWN.includes('doc.no-evidence'));
  for (const [line, ruleId, ok] of cases) assert.equal(suppressionRefusal(TEXT, line, ruleId, KNOWN) === null, ok, `${JSON.stringify(ruleId)} at ${line}`);
});

test("the suppression comment ends like the chart's lines: LF, CRLF, lone CR", () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = TEXT.replace(/\n/g, eol);
    const edit = suppressionEdit(text, 4, 'doc.no-evidence', 'because');
    assert.equal(edit.newText, `<!-- chartcoder-ignore doc.no-evidence: because -->${eol}`, JSON.stringify(eol));
    assert.deepEqual(edit.range.start, { line: 4, character: 0 });
  }
});
