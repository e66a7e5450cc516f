// The code list's compact form (server/src/tables/codeList.ts) read back exactly: titles and the
// source each release cites, per row and release, for titles that change, stay, vanish and come
// back, with sources that change from year to year — and a title unchanged over nine releases is
// stored once (the source patterns carry the years), so the file does not grow with the releases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeList, encodeCodeList, type CodeListRow } from '../../src/tables/codeList';

const RELEASES = 9;
/** Each release cites its own year's file: release r's order file is source 2r, its code file 2r + 1. */
const orderFile = (r: number) => 2 * r;
const codeFile = (r: number) => 2 * r + 1;
const every = <T>(f: (r: number) => T) => Array.from({ length: RELEASES }, (_, r) => f(r));

const ROWS: CodeListRow[] = [
  { code: 'A00', valid: 0x1ff, billable: 0, short: 'Cholera', titles: every(() => 'Cholera'), sources: every(orderFile) },
  {
    code: 'A000',
    valid: 0x1ff,
    billable: 0x1ff,
    short: 'Cholera d/t Vibrio cholerae',
    titles: every((r) => (r < 4 ? 'Cholera due to Vibrio cholerae 01, biovar cholerae' : 'Cholera due to Vibrio cholerae 01, biovar cholerae (classic)')),
    sources: every(codeFile),
  },
  {
    code: 'U099',
    valid: 0b110011100,
    billable: 0b110011100,
    short: null,
    titles: every((r) => ((r >= 2 && r <= 4) || r >= 7 ? 'Post COVID-19 condition, unspecified' : null)),
    sources: every((r) => ((r >= 2 && r <= 4) || r >= 7 ? codeFile(r) : null)),
  },
  {
    code: 'Z00',
    valid: 0x1ff,
    billable: 0,
    short: null,
    titles: every(() => 'Encounter for general exam — “naïve”'),
    sources: every((r) => (r < 6 ? orderFile(r) : codeFile(r))),
  },
];

test('every row reads back its title and its source in every release', () => {
  const list = new CodeList(encodeCodeList(ROWS, RELEASES), 'test.bin', RELEASES);
  assert.deepEqual(
    list.codes,
    ROWS.map((r) => r.code),
  );
  ROWS.forEach((row, i) => {
    assert.equal(list.shortTitle(i), row.short);
    assert.equal(list.valid[i], row.valid);
    for (let r = 0; r < RELEASES; r++) assert.deepEqual(list.title(i, r), { title: row.titles[r], source: row.sources[r] }, `${row.code} in release ${r}`);
  });
});

test('a title unchanged over the releases is stored once, whatever file each release cites', () => {
  const one = (titles: (r: number) => string) =>
    encodeCodeList([{ code: 'A00', valid: 0x1ff, billable: 0, short: null, titles: every(titles), sources: every(orderFile) }], RELEASES).length;
  const same = one(() => 'Cholera');
  const changing = one((r) => `Cholera ${r}`);
  // Nine different titles cost nine variants and tokens; one title with nine sources costs one.
  assert.ok(same < changing - 8 * 5, `${same} bytes for one title, ${changing} for nine`);
});

test('rows that cite the same files share one source pattern', () => {
  const rows = (n: number): CodeListRow[] =>
    Array.from({ length: n }, (_, i) => ({
      code: `B${String(i).padStart(4, '0')}`,
      valid: 0x1ff,
      billable: 0x1ff,
      short: null,
      titles: every(() => `Title ${i}`),
      sources: every(codeFile),
    }));
  const perRow = (encodeCodeList(rows(2000), RELEASES).length - encodeCodeList(rows(1000), RELEASES).length) / 1000;
  // About 45 bytes a row in all; a (title, source) entry per release would add 8 × 7 more.
  assert.ok(perRow < 60, `${perRow.toFixed(1)} bytes a row`);
});

test('a damaged source pattern number is refused with what to do', () => {
  const bytes = encodeCodeList(ROWS, RELEASES);
  // The pattern numbers follow the header (4 + 40 bytes) and three u32 sections of 4 rows.
  bytes.writeUInt16LE(999, 4 + 40 + 3 * 4 * ROWS.length);
  assert.throws(() => new CodeList(bytes, 'test.bin', RELEASES), /test\.bin: a row names a source pattern it does not have; rebuild the tables/);
});
