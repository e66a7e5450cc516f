// The one code normaliser and display form, the one version formatter and the one binary search
// (server/src/base/), on their edge cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayCode, dottedCm, normalizeCode } from '../../src/base/codes';
import { versionKey, versionLabel } from '../../src/base/versions';
import { indexOfSorted, lowerBound, lowerBoundOf } from '../../src/base/binarySearch';

test('codes: every dot and the blanks around removed, upper case; CM dotted after the third character', () => {
  const cases: [string, string, string][] = [
    // written, normalised, ICD-10-CM display
    ['i50.33', 'I5033', 'I50.33'],
    [' I5033 ', 'I5033', 'I50.33'],
    ['W01.0XXA', 'W010XXA', 'W01.0XXA'],
    ['w01.0.xxa', 'W010XXA', 'W01.0XXA'], // every dot, not only the first
    ['I10', 'I10', 'I10'],
    ['I1.0', 'I10', 'I10'],
    ['', '', ''],
  ];
  for (const [written, normal, cm] of cases) {
    assert.equal(normalizeCode(written), normal, written);
    assert.equal(dottedCm(written), cm, written);
    assert.equal(displayCode(written, 'icd10cm'), cm, written);
  }
  assert.equal(displayCode('0srr0j9', 'icd10pcs'), '0SRR0J9');
  assert.equal(displayCode('e0100', 'hcpcs'), 'E0100');
});

test('versions: every spelling read, one label written', () => {
  const cases: [string | number, string, string][] = [
    ['V430', '430', 'v43.0'],
    ['v43.1', '431', 'v43.1'],
    ['43.1', '431', 'v43.1'],
    ['431', '431', 'v43.1'],
    [431, '431', 'v43.1'],
    ['V44', '', 'V44'],
    ['latest', '', 'latest'],
  ];
  for (const [given, key, label] of cases) {
    assert.equal(versionKey(given), key, String(given));
    assert.equal(versionLabel(given), label, String(given));
  }
});

test('binary search: the first index where the predicate turns false; the index of a key or none', () => {
  const sorted = ['A00', 'A000', 'A01', 'B20', 'I50', 'I5033'];
  const cases: [string, number, number | undefined][] = [
    ['0', 0, undefined],
    ['A00', 0, 0],
    ['A001', 2, undefined],
    ['I50', 4, 4],
    ['I503', 5, undefined],
    ['Z', 6, undefined],
  ];
  for (const [key, bound, index] of cases) {
    assert.equal(
      lowerBound(0, sorted.length, (i) => sorted[i] < key),
      bound,
      key,
    );
    assert.equal(indexOfSorted(sorted, key), index, key);
  }
  assert.equal(
    lowerBound(3, 3, () => true),
    3,
    'an empty range',
  );
  const postings = Int32Array.from([2, 5, 5, 9, 14, 20]);
  for (const [value, lo, hi, expected] of [
    [5, 0, 6, 1],
    [6, 0, 6, 3],
    [0, 0, 6, 0],
    [21, 0, 6, 6],
    [9, 4, 6, 4],
    [9, 0, 2, 2],
  ]) {
    assert.equal(lowerBoundOf(postings, value, lo, hi), expected, `${value} in [${lo}, ${hi})`);
    assert.equal(
      lowerBoundOf(postings, value, lo, hi),
      lowerBound(lo, hi, (i) => postings[i] < value),
      'the same answer as lowerBound',
    );
  }
  assert.equal(indexOfSorted([], 'A'), undefined);
});
