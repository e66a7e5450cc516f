// SortedLines (server/src/tables/lines.ts): the sorted `key<TAB>rest` line tables the grouper, the
// Code Editor and the tabular list are kept in, searched in place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SortedLines } from '../../src/tables/lines';

const TEXT = 'A00\tcholera\nA000\tclassical\nA000\tsecond row\nA01\ttyphoid\nB20\thiv\n';

test('range: every line of a key, and an empty range for a key that is not there', () => {
  const t = new SortedLines(Buffer.from(TEXT), 'test.tsv');
  const cases: [string, string[]][] = [
    ['A00', ['cholera']],
    ['A000', ['classical', 'second row']],
    ['B20', ['hiv']],
    ['A0', []], // a prefix of keys is not a key
    ['A0000', []],
    ['0', []],
    ['Z99', []],
  ];
  for (const [key, rests] of cases) {
    const [first, end] = t.range(key);
    const got: string[] = [];
    for (let i = first; i < end; i++) got.push(t.restAt(i));
    assert.deepEqual(got, rests, key);
  }
  assert.equal(t.count, 5);
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((i) => t.keyAt(i)),
    ['A00', 'A000', 'A000', 'A01', 'B20'],
  );
  assert.equal(t.lowerBound('A001'), 3);
});

test('a last line without a newline, and an empty table', () => {
  const t = new SortedLines(Buffer.from('K1\tone\nK2\ttwo'), 't.tsv');
  assert.equal(t.restAt(t.range('K2')[0]), 'two');
  assert.equal(new SortedLines(Buffer.from(''), 'e.tsv').count, 0);
  assert.deepEqual(new SortedLines(Buffer.from(''), 'e.tsv').range('K'), [0, 0]);
});

test('lines out of order or without a tab are refused, naming file and line', () => {
  assert.throws(() => new SortedLines(Buffer.from('B\t1\nA\t2\n'), 'x.tsv'), /^Error: x\.tsv:2: out of order/);
  assert.throws(() => new SortedLines(Buffer.from('A\t1\nB 2\nC\t3\n'), 'y.tsv'), /^Error: y\.tsv:2: expected key<TAB>value/);
  assert.throws(() => new SortedLines(Buffer.from('A\t1\n\nC\t3\n'), 'z.tsv'), /z\.tsv:2: expected key<TAB>value/);
});
