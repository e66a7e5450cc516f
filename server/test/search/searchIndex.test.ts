// The prebuilt search index (tables/build/search-index.bin): what `npm run tables` wrote reads
// back to exactly what a fresh build from the same tables gives, and a damaged or mismatched file
// is refused with a message that names it and says how to fix it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTables } from '../../src/tables/load';
import { TABLE_FILES } from '../../src/tables/format';
import { buildSearchIndex, decodeSearchIndex, encodeSearchIndex, type SearchIndex } from '../../src/search/searchIndex';
import { SearchEngine } from '../../src/search/engine';

const tables = loadTables();
const shipped = tables.searchIndexBytes();
const fresh = buildSearchIndex(tables);

function same(a: SearchIndex, b: SearchIndex): void {
  for (const k of Object.keys(a) as (keyof SearchIndex)[]) assert.deepEqual(a[k], b[k], `${k} differs`);
}

test('the shipped index equals a fresh build from the same tables, byte for byte', () => {
  assert.ok(encodeSearchIndex(fresh).equals(shipped), 'encode(build(tables)) = search-index.bin');
  same(decodeSearchIndex(shipped, TABLE_FILES.searchIndex), fresh);
});

test('postings: each word lists exactly the docs whose words contain it, ascending, once', () => {
  const index = decodeSearchIndex(shipped, TABLE_FILES.searchIndex);
  const docs = index.docStart.length - 1;
  for (const word of ['failure', 'diastolic', 'cholecystectomy', 'walker', 'unspecified']) {
    const id = index.vocabulary.indexOf(word);
    assert.ok(id >= 0, `${word} is in the vocabulary`);
    const expected: number[] = [];
    for (let d = 0; d < docs; d++) {
      for (let k = index.docStart[d]; k < index.docStart[d + 1]; k++) {
        if ((index.docWords[k] < 0 ? ~index.docWords[k] : index.docWords[k]) === id) {
          expected.push(d);
          break;
        }
      }
    }
    assert.deepEqual([...index.postings.subarray(index.postingStart[id], index.postingStart[id + 1])], expected, word);
  }
});

test('nonessential words (in parentheses) are flagged; inclusion terms follow the title words', () => {
  const index = decodeSearchIndex(shipped, TABLE_FILES.searchIndex);
  const code = 'I5033'; // Acute on chronic diastolic (congestive) heart failure
  const doc = tables.searchRows('icd10cm').codes.indexOf(code);
  const ids = index.docWords.subarray(index.docStart[doc], index.docStart[doc + 1]);
  const title = [...ids.subarray(0, index.extraStart[doc])].map((x) => (x < 0 ? `(${index.vocabulary[~x]})` : index.vocabulary[x]));
  assert.deepEqual(title, ['acute', 'on', 'chronic', 'diastolic', '(congestive)', 'heart', 'failure']);
});

test('a damaged file is refused with its name and "rebuild the tables"', () => {
  const cases: [string, Buffer][] = [
    ['not a ChartCoder search index', Buffer.from('PK\u0003\u0004 something else entirely, long enough for a header ....')],
    [
      'layout',
      (() => {
        const b = Buffer.from(shipped);
        b.writeUInt32LE(99, 4);
        return b;
      })(),
    ],
    ['truncated', shipped.subarray(0, shipped.length - 1000)],
    ['bytes after the end', Buffer.concat([shipped, Buffer.from([1, 2, 3])])],
    [
      'vocabulary',
      (() => {
        const b = Buffer.from(shipped);
        b.writeUInt32LE(3, 12);
        return b;
      })(),
    ], // header says 3 words
  ];
  for (const [why, bytes] of cases) {
    assert.throws(
      () => decodeSearchIndex(bytes, 'tables/build/search-index.bin'),
      (e: Error) => {
        assert.match(e.message, /^tables\/build\/search-index\.bin: /);
        assert.match(e.message, /rebuild the tables \(npm run tables\)$/);
        return true;
      },
      why,
    );
  }
});

test('an index built from other tables (different code counts) is refused, naming the system', () => {
  const other = { ...fresh, systemStart: Uint32Array.from([0, 10, 20, 30]) };
  assert.throws(() => new SearchEngine(tables, other), /search-index\.bin: 10 icd10cm codes in the search index, \d+ in the tables; rebuild the tables/);
});
