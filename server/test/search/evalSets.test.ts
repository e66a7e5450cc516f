// The search evaluation sets (server/test/search/eval/*.jsonl): well-formed lines, known
// categories, every expected code a billable code of the FY2026 release (checked against the code
// files the tables are built from), no query in two sets, and the development set still scored as
// it was tuned (a regression guard; the held-out set is scored by `npm run eval:search` only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { createSearchEngine } from '../../src/search/engine';

interface EvalQuery {
  query: string;
  expected: string[];
  system: 'icd10cm' | 'icd10pcs' | 'hcpcs';
  category: string;
}

const dir = join(__dirname, 'eval');
const tables = loadTables(defaultTablesDir());
const fy2026 = tables.releases.find((r) => r.id === 'FY2026')!;
const CATEGORIES = new Set(['plain', 'abbrev', 'lay', 'misspelling', 'combination', 'seventh', 'hcpcs', 'prefix', 'partial', 'pcs']);
const sets = readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort();
const read = (f: string): EvalQuery[] =>
  readFileSync(join(dir, f), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as EvalQuery);

test('each set has a development and a held-out half', () => {
  for (const f of sets) {
    const pair = f.replace(/-(dev|heldout)\.jsonl$/, (_, half: string) => `-${half === 'dev' ? 'heldout' : 'dev'}.jsonl`);
    assert.ok(existsSync(join(dir, pair)), `${f} has ${pair}`);
  }
  assert.ok(sets.includes('coder-dev.jsonl') && sets.includes('coder-heldout.jsonl'));
});

for (const f of sets) {
  test(`${f}: well-formed, known categories, every expected code billable in FY2026`, () => {
    const problems: string[] = [];
    for (const q of read(f)) {
      if (!q.query.trim() || !Array.isArray(q.expected) || q.expected.length === 0) problems.push(`${q.query}: no expected code`);
      if (!CATEGORIES.has(q.category)) problems.push(`${q.query}: category ${q.category}`);
      for (const code of q.expected) {
        const r = tables.lookup(code, fy2026.start, q.system);
        if (r.kind !== 'valid' || !r.entry.billable) problems.push(`${q.query}: ${code} is not a billable ${q.system} code of ${fy2026.label}`);
      }
    }
    assert.deepEqual(problems, []);
  });
}

test('no query is in two sets (a held-out query is never a development query)', () => {
  const where = new Map<string, string>();
  const twice: string[] = [];
  for (const f of sets) {
    for (const q of read(f)) {
      const key = `${q.system} ${q.query.toLowerCase()}`;
      if (where.has(key)) twice.push(`${q.query}: ${where.get(key)} and ${f}`);
      where.set(key, f);
    }
  }
  assert.deepEqual(twice, []);
});

test('coder-dev.jsonl: at least 95 % of the queries find an expected code in the top 5 (regression guard)', () => {
  const engine = createSearchEngine(tables);
  const queries = read('coder-dev.jsonl');
  const misses = queries.filter((q) => !engine.search(q.query, { system: q.system, limit: 5 }).some((r) => q.expected.includes(r.code)));
  assert.ok(misses.length <= queries.length * 0.05, `${misses.length} of ${queries.length} missed: ${misses.map((q) => q.query).join('; ')}`);
});
