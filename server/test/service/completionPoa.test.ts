// The POA asked as a diagnosis code goes in: completion on PDX/SDX lines and in `{dx=…}` inserts the
// code with a snippet choice of POA values (the annotation's POA first, `1` first for a code on the
// release's POA-exempt list), lined up with the abstract's POA column; none for PROC or where a POA is
// already written. On the built tables (the release's POA-exempt list is a CMS file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { HEADER, marked } from '../helpers/markers';
import { poaChoices } from '../../src/service/features/abstractLine';

const dir = defaultTablesDir();
const tables = loadTables(dir);
const service = new LanguageService({ tables, grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } });

/** The first completion item for the code `want` at the `$0` cursor: its insert text and format. */
function insertOf(fixture: string, want: string): { text: string; format: string | undefined } | null {
  const m = marked(fixture);
  const items = service.completion(chartInput('poa', m.text), m.cursor!);
  const item = items.find((i) => i.label === want);
  return item ? { text: item.insertText, format: item.insertTextFormat } : null;
}

const NOTE = `${HEADER}# Assessment\n[CHF]{dx=I50.23 poa=Y} [AKI]{dx=N17.9 poa=N} [history of tobacco use]{dx=Z87.891}\n`;

test('the order of the POA choices: annotated first, else 1 for an exempt code, else Y N U W 1', () => {
  const cases: [annotated: string | null, exempt: boolean, order: string][] = [
    [null, false, 'Y,N,U,W,1'],
    ['N', false, 'N,Y,U,W,1'],
    [null, true, '1,Y,N,U,W'],
    ['W', true, 'W,Y,N,U,1'],
    ['x', false, 'Y,N,U,W,1'],
  ];
  for (const [annotated, exempt, order] of cases) assert.equal(poaChoices(annotated, exempt).join(','), order, `${annotated} ${exempt}`);
});

test('Z87.891 is on the release POA-exempt list (the fact the exempt order reads)', () => {
  const r = tables.lookup('Z87891', '2026-03-06', 'icd10cm');
  assert.equal(r.kind === 'valid' && r.entry.poaExempt, true);
});

test('completion inserts the code with its POA as a snippet choice, columns lined up', () => {
  const abstract = (lines: string) => `${NOTE}\`\`\`abstract\nPDX  I50.23  Y\n${lines}\n\`\`\`\n`;
  const cases: [name: string, fixture: string, code: string, insert: string | null][] = [
    ['SDX line, annotated POA N first, aligned to the POA column', abstract('SDX  N17$0'), 'N17.9', 'N17.9   ${1|N,Y,U,W,1|}'],
    ['SDX line, exempt code: 1 first', abstract('SDX  Z87.89$0'), 'Z87.891', 'Z87.891 ${1|1,Y,N,U,W|}'],
    ['SDX line, unannotated code: Y first', abstract('SDX  J96.0$0'), 'J96.01', 'J96.01  ${1|Y,N,U,W,1|}'],
    ['PDX line of an empty abstract: two spaces', `${NOTE}\`\`\`abstract\nPDX  I50.2$0\n\`\`\`\n`, 'I50.23', 'I50.23  ${1|Y,N,U,W,1|}'],
    ['SDX line with the POA already written: the code alone', abstract('SDX  N17$0  N'), 'N17.9', null],
    ['{dx= with no poa: the attribute too', `${HEADER}# Note\n[acute kidney injury]{dx=N17$0}\n`, 'N17.9', 'N17.9 poa=${1|Y,N,U,W,1|}'],
    ['{dx= with a poa already', `${HEADER}# Note\n[acute kidney injury]{dx=N17$0 poa=Y}\n`, 'N17.9', null],
    ['{dx= before another code in the list', `${HEADER}# Note\n[AKI and CKD]{dx=N17$0,N18.4}\n`, 'N17.9', null],
  ];
  for (const [name, fixture, code, insert] of cases) {
    const got = insertOf(fixture, code);
    assert.ok(got, `${name}: ${code} offered`);
    if (insert === null) assert.deepEqual(got, { text: code, format: 'plain' }, name);
    else assert.deepEqual(got, { text: insert, format: 'snippet' }, name);
  }
});

test('no POA for a procedure, and none for a header (it asks for a code below it)', () => {
  const proc = insertOf(`${HEADER}# Note\n\`\`\`abstract\nPDX  I50.23  Y\nPROC 0SRR0J$0\n\`\`\`\n`, '0SRR0J9');
  assert.deepEqual(proc, { text: '0SRR0J9', format: 'plain' });
  const m = marked(`${HEADER}# Note\n[heart failure]{dx=I50$0}\n`);
  const items = service.completion(chartInput('h', m.text), m.cursor!);
  const headers = items.filter((i) => i.kind === 'header');
  assert.ok(headers.length > 0 && items.some((i) => i.kind === 'code'), 'headers and codes offered');
  for (const i of items) assert.equal(i.insertTextFormat, i.kind === 'header' ? 'plain' : 'snippet', i.label);
});
