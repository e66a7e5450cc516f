// The coder's vocabulary (server/src/search/vocabulary/*.tsv and synonyms.tsv): every row has a
// declared source, every target reaches a code of the tables (a target that reaches nothing is a
// mistake), the files are of the size the search relies on, and the loader refuses a bad row
// naming its file and line. Also the matching helpers the vocabulary leans on: inflections and
// spelling correction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { createSearchEngine } from '../../src/search/engine';
import { loadSynonyms, parseVocabulary, vocabularyDir } from '../../src/search/synonyms';
import { stem } from '../../src/search/stem';
import { editDistance, TypoIndex } from '../../src/search/typos';

const engine = createSearchEngine(loadTables(defaultTablesDir()));
const dir = vocabularyDir();
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.tsv'))
  .sort();
const rowsOf = (f: string) => parseVocabulary(readFileSync(join(dir, f), 'utf8'), f);

test('the vocabulary files: abbreviations, drugs, lay terms, supplies', () => {
  assert.deepEqual(files, ['abbreviations.tsv', 'drugs.tsv', 'lay.tsv', 'supplies.tsv']);
});

test('sizes: 1,500+ abbreviations in 15+ specialties, 1,000+ lay and eponym terms, 300+ drug brands', () => {
  const groups = (f: string) =>
    new Set(
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('\t')[2]),
    );
  assert.ok(rowsOf('abbreviations.tsv').length >= 1500, `${rowsOf('abbreviations.tsv').length} abbreviations`);
  assert.ok(groups('abbreviations.tsv').size >= 15, [...groups('abbreviations.tsv')].join(', '));
  assert.ok(rowsOf('lay.tsv').length >= 1000, `${rowsOf('lay.tsv').length} lay terms`);
  assert.ok(rowsOf('drugs.tsv').length >= 300, `${rowsOf('drugs.tsv').length} drug brands`);
});

for (const f of files) {
  test(`${f}: every row's source is declared and every target reaches a code; no term twice`, () => {
    const text = readFileSync(join(dir, f), 'utf8');
    const lines = text.split('\n');
    const dead: string[] = [];
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const row of parseVocabulary(text, f)) {
      if (seen.has(row.phrase)) twice.push(`${row.phrase} (${seen.get(row.phrase)} and ${row.where})`);
      seen.set(row.phrase, row.where);
      const line = lines[Number(row.where.split(':').pop()) - 1];
      // Drug brands must reach an HCPCS code: the generic names are those of the HCPCS descriptions.
      const system = f === 'drugs.tsv' ? 'hcpcs' : undefined;
      for (const target of line.split('\t')[1].split('|')) if (engine.countTarget(target, system) === 0) dead.push(`${row.where}: ${row.phrase} → ${target}`);
    }
    assert.deepEqual(dead, []);
    assert.deepEqual(twice, []);
  });
}

test('a bad row is refused with its file and line: columns, an undeclared source, a bad code target', () => {
  const head = '#source x\tA citation\n';
  assert.throws(() => parseVocabulary(`${head}chf\theart failure\tcardiology\n`, 'v.tsv'), /v\.tsv:2: expected "term<TAB>target/);
  assert.throws(() => parseVocabulary(`${head}chf\theart failure\tcardiology\ty\n`, 'v.tsv'), /v\.tsv:2: source "y" is not declared/);
  assert.throws(() => parseVocabulary(`${head}chf\t@I50.9!\tcardiology\tx\n`, 'v.tsv'), /v\.tsv:2: "@I50\.9!" is not a code or category/);
  assert.equal(parseVocabulary(`${head}chf\theart failure|@I50\tcardiology\tx\n`, 'v.tsv')[0].concept.codes[0], 'I50');
});

test('terms are matched as phrases, longest first, and run together ("c-diff", "cdiff"); a function word abbreviates only as the first word', () => {
  const syn = loadSynonyms();
  const texts = (q: string) => syn.expand(q.split(' ')).map((t) => t.text);
  assert.deepEqual(texts('acute on chronic resp failure'), ['acute on chronic resp failure']);
  assert.deepEqual(texts('chf acute on chr'), ['chf', 'acute on chr']);
  assert.deepEqual(texts('c diff colitis'), ['c diff', 'colitis']);
  assert.ok(syn.lookup('cdiff'), 'c diff run together');
  assert.ok(syn.lookup('solumedrol'), 'solu medrol run together');
  assert.equal(syn.expand(['as', 'severe'])[0].codes.length + syn.expand(['as', 'severe'])[0].alternatives.length, 1 + (syn.lookup('as')?.words.length ?? 0));
  assert.deepEqual(
    syn.expand(['fracture', 'as', 'sequela']).map((t) => t.alternatives.length),
    [1 + (syn.lookup('fracture')?.words.length ?? 0), 1, 1],
  );
});

test('inflections share a stem; derivations do not', () => {
  const same: [string, string][] = [
    ['wheels', 'wheeled'],
    ['fracture', 'fractured'],
    ['infections', 'infection'],
    ['arteries', 'artery'],
    ['bleeding', 'bleed'],
    ['knees', 'knee'],
  ];
  for (const [a, b] of same) assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
  const apart: [string, string][] = [
    ['diabetes', 'diabetic'],
    ['cardiac', 'cardiology'],
    ['status', 'statu'],
    ['sepsis', 'seps'],
  ];
  for (const [a, b] of apart) assert.notEqual(stem(a), stem(b), `${a} ≁ ${b}`);
});

test('spelling: edit distance with transpositions; nearest words, the more used first among equals', () => {
  assert.equal(editDistance('pnemonia', 'pneumonia', 2), 1);
  assert.equal(editDistance('hte', 'the', 2), 1);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
  const typos = new TypoIndex(['osteoporosis', 'osteopetrosis', 'pneumonia'], (id) => [500, 3, 800][id]);
  assert.deepEqual(
    typos.near('osteoperosis').map((n) => n.word),
    ['osteoporosis', 'osteopetrosis'],
  );
  assert.deepEqual(
    typos.near('neumonia').map((n) => n.word),
    ['pneumonia'],
  );
  assert.deepEqual(typos.near('xyz'), []);
});
