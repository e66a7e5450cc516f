// The search engine over the built tables: held-out coder queries (a fixture written apart from the
// evaluation file, in other phrasings), code prefixes with or without the dot in any case, billable
// before headers, date filtering, typo tolerance, and the synonym list's shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { createSearchEngine } from '../../src/search/engine';
import { parseSynonyms, synonymsFile } from '../../src/search/synonyms';
import type { CodeSystem } from '../../src/tables/types';

const tables = loadTables(defaultTablesDir());
const engine = createSearchEngine(tables);
const codes = (query: string, system?: CodeSystem, limit = 5, date?: string) => engine.search(query, { system, limit, date }).map((r) => r.code);

interface Case {
  query: string;
  expected: string[];
  system: CodeSystem;
  top: number;
  /** A query we know the engine gets wrong: reported as a todo (visible in every run), not hidden. */
  knownWeakness?: string;
}
const heldOut: Case[] = readFileSync(join(__dirname, 'heldout.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Case);

for (const c of heldOut) {
  test(`"${c.query}" → ${c.expected[0]} within the top ${c.top}`, { todo: c.knownWeakness }, () => {
    const got = codes(c.query, c.system, c.top);
    assert.ok(
      got.some((g) => c.expected.includes(g)),
      `got ${got.join(' ')}`,
    );
  });
}

test('the issue examples: chf words, copd exac, misspelled pneumonia, hip fracture, lap chole', () => {
  assert.ok(codes('chf acute on chr diast', 'icd10cm').includes('I5033'));
  assert.ok(codes('copd exac', 'icd10cm').includes('J441'));
  assert.ok(codes('pnuemonia', 'icd10cm').includes('J189'));
  assert.equal(codes('lap chole', 'icd10pcs')[0], '0FT44ZZ');
  assert.notEqual(engine.search('chf', { limit: 1 })[0].title.toLowerCase(), 'cholera');
});

test('code prefixes: with or without the dot, any case, give the same list', () => {
  const a = codes('I50.2', undefined, 10);
  assert.ok(a.length > 0 && a.every((c) => c.startsWith('I502')));
  for (const q of ['i502', 'I502', 'i50.2', ' I50.2 ']) assert.deepEqual(codes(q, undefined, 10), a, q);
  assert.deepEqual(codes('0ft44', 'icd10pcs'), codes('0FT44', 'icd10pcs'));
});

test('billable codes come before headers for the same prefix; the exact header stays reachable', () => {
  const r = engine.search('I50', { system: 'icd10cm', limit: 100 });
  const firstHeader = r.findIndex((x) => !x.billable);
  const lastBillable = r.map((x) => x.billable).lastIndexOf(true);
  assert.ok(firstHeader > lastBillable, 'headers after billable codes');
  assert.ok(r.some((x) => x.code === 'I50' && !x.billable));
  assert.equal(engine.search('I50.3', { limit: 1 })[0].display.slice(0, 5), 'I50.3');
});

test('results carry the dotted display, title, billable flag, system and a score, best first', () => {
  const [r] = engine.search('acute on chronic diastolic heart failure', { system: 'icd10cm', limit: 3 });
  assert.equal(r.code, 'I5033');
  assert.equal(r.display, 'I50.33');
  assert.equal(r.system, 'icd10cm');
  assert.equal(r.billable, true);
  assert.match(r.title, /diastolic/i);
  const scores = engine.search('heart failure', { limit: 10 }).map((x) => x.score);
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
});

test('only codes valid on the date: a code new in FY2027 is not offered for a FY2026 discharge', () => {
  const fy26 = tables.releases.find((r) => r.id === 'FY2026')!;
  const fy27 = tables.releases[tables.releases.length - 1];
  const added = tables.compareReleases('icd10cm', fy26.id, fy27.id).added.find((e) => e.billable && e.title);
  assert.ok(added, 'the tables have a code added since FY2026');
  assert.ok(codes(added.code, 'icd10cm', 20, fy27.start).includes(added.code));
  assert.ok(!codes(added.code, 'icd10cm', 20, fy26.start).includes(added.code));
  assert.ok(!codes(added.title!, 'icd10cm', 20, fy26.start).includes(added.code));
  assert.ok(codes(added.title!, 'icd10cm', 20, fy27.start).includes(added.code));
});

test('the system filter keeps other systems out; no system searches all', () => {
  assert.ok(engine.search('fracture', { system: 'icd10pcs', limit: 20 }).every((r) => r.system === 'icd10pcs'));
  const all = engine.search('insulin', { limit: 20 }).map((r) => r.system);
  assert.ok(all.includes('hcpcs'));
});

test('nothing typed gives nothing; words nothing matches are said, never silently dropped', () => {
  assert.deepEqual(engine.find('', {}), { results: [], notices: [] });
  assert.deepEqual(engine.find('   ', {}), { results: [], notices: [] });
  assert.deepEqual(engine.find('qqqqzzzz xxyyzz', {}), { results: [], notices: ["no code matches 'qqqqzzzz xxyyzz'"] });
  // An unknown abbreviation beside known words: the known words still search, the list says which word matched nothing.
  const mixed = engine.find('xqzv pneumonia', { system: 'icd10cm', limit: 5 });
  assert.ok(
    mixed.results.some((r) => r.code === 'J189'),
    mixed.results.map((r) => r.code).join(' '),
  );
  assert.deepEqual(mixed.notices, ["no code matches 'xqzv'"]);
  // A code that does not exist: its category, and a notice saying so.
  const code = engine.find('Z99.9999', {});
  assert.ok(code.results.length > 0 && code.results.every((r) => r.code.startsWith('Z99')));
  assert.match(code.notices[0], /^no code Z99\.9999; codes under Z99/);
  // A code-like word that is a term ("b12") searches as a word first.
  assert.equal(engine.find('b12', { system: 'hcpcs', limit: 1 }).results[0].code, 'J3420');
});

test('every synonym row has a term, an expansion and a source or reason', () => {
  const text = readFileSync(synonymsFile(), 'utf8');
  const rows = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  assert.ok(rows.length > 100);
  for (const row of rows) assert.equal(row.split('\t').filter((c) => c.trim()).length, 3, row);
  assert.throws(() => parseSynonyms('chf\theart failure\n', 'x.tsv'), /x\.tsv:1:/);
});
