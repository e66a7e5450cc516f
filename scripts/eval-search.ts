// `npm run eval:search`: top-1 / top-5 per category and overall, and p50/p95 latency, for the
// search engine over ../shared/search-eval/queries.jsonl (or CHARTCODER_SEARCH_EVAL, or the
// file given as the first argument) — side by side with plain fuse.js over the same titles, in
// the same run. `--no-fuse` skips the (slow) fuse.js baseline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import { loadTables } from '../server/src/tables/load';
import { defaultTablesDir } from '../server/src/tables/format';
import { createSearchEngine } from '../server/src/search/engine';
import type { CodeSystem } from '../server/src/tables/types';

interface EvalQuery {
  query: string;
  expected: string[];
  system: Exclude<CodeSystem, 'cpt'>;
  category: string;
}

interface Outcome {
  category: string;
  top1: boolean;
  top5: boolean;
  ms: number;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? process.env.CHARTCODER_SEARCH_EVAL ?? path.join(__dirname, '..', '..', 'shared', 'search-eval', 'queries.jsonl');
const withFuse = !args.includes('--no-fuse');

function readQueries(f: string): EvalQuery[] {
  return fs
    .readFileSync(f, 'utf8')
    .split(/\r?\n/)
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        const q = JSON.parse(line) as EvalQuery;
        if (typeof q.query !== 'string' || !Array.isArray(q.expected)) throw new Error('expected {"query", "expected": [...], "system", "category"}');
        return [q];
      } catch (e) {
        throw new Error(`${f}:${i + 1}: ${(e as Error).message}`);
      }
    });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function summarise(name: string, outcomes: Outcome[]): Map<string, string> {
  const byCat = new Map<string, Outcome[]>();
  for (const o of outcomes) byCat.set(o.category, [...(byCat.get(o.category) ?? []), o]);
  byCat.set('overall', outcomes);
  const cells = new Map<string, string>();
  for (const [cat, os] of byCat) {
    const t1 = os.filter((o) => o.top1).length / os.length;
    const t5 = os.filter((o) => o.top5).length / os.length;
    cells.set(cat, `${(t1 * 100).toFixed(0).padStart(3)}% ${(t5 * 100).toFixed(0).padStart(3)}%`);
  }
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  cells.set('latency', `p50 ${percentile(ms, 0.5).toFixed(2)} ms, p95 ${percentile(ms, 0.95).toFixed(2)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
  cells.set('name', name);
  return cells;
}

function main(): void {
  const queries = readQueries(file);
  let t0 = performance.now();
  const tables = loadTables(process.env.CHARTCODER_TABLES ?? defaultTablesDir());
  const tablesMs = performance.now() - t0;
  t0 = performance.now();
  const engine = createSearchEngine(tables);
  const indexMs = performance.now() - t0;
  console.log(`${queries.length} queries from ${file}`);
  console.log(`tables loaded in ${tablesMs.toFixed(0)} ms; search index (${engine.size} codes) read in ${indexMs.toFixed(0)} ms (prebuilt by npm run tables)`);

  const run = (system: 'query' | 'all'): Outcome[] =>
    queries.map((q) => {
      const s = performance.now();
      const results = engine.search(q.query, { system: system === 'query' ? q.system : undefined, limit: 5 });
      const ms = performance.now() - s;
      const codes = results.map((r) => r.code);
      return { category: q.category, top1: q.expected.includes(codes[0]), top5: codes.some((c) => q.expected.includes(c)), ms };
    });
  const cold = run('query'); // first pass: includes the lazy typo-index builds
  const ours = run('query');
  const oursAll = run('all');
  const columns = [summarise('engine, system of the query', ours), summarise('engine, all systems', oursAll)];

  if (withFuse) {
    // Plain fuse.js over the same titles (code and title as keys), one index per system.
    const docs = new Map<string, Fuse<{ code: string; title: string }>>();
    const release = tables.releases[tables.releases.length - 1].id;
    for (const s of ['icd10cm', 'icd10pcs', 'hcpcs'] as const) {
      const list = [...tables.codes(s, release)].map((e) => ({ code: e.code, title: e.title ?? '' }));
      docs.set(s, new Fuse(list, { keys: ['code', 'title'] }));
    }
    const fuseOutcomes = queries.map((q) => {
      const s = performance.now();
      const results = docs.get(q.system)!.search(q.query, { limit: 5 });
      const ms = performance.now() - s;
      const codes = results.map((r) => r.item.code);
      return { category: q.category, top1: q.expected.includes(codes[0]), top5: codes.some((c) => q.expected.includes(c)), ms };
    });
    columns.push(summarise('plain fuse.js, system of the query', fuseOutcomes));
  }

  const cats = [...new Set(queries.map((q) => q.category))].sort();
  console.log('');
  console.log(`${'category'.padEnd(14)}${columns.map((c) => c.get('name')!.padEnd(38)).join('')}`);
  console.log(`${''.padEnd(14)}${columns.map(() => 'top-1 top-5'.padEnd(38)).join('')}`);
  for (const cat of [...cats, 'overall']) console.log(`${cat.padEnd(14)}${columns.map((c) => (c.get(cat) ?? '').padEnd(38)).join('')}`);
  console.log('');
  for (const c of columns) console.log(`${c.get('name')}: ${c.get('latency')}`);
  const coldMs = cold.map((o) => o.ms).sort((a, b) => a - b);
  console.log(`engine first pass (typo indexes built on demand): p50 ${percentile(coldMs, 0.5).toFixed(2)} ms, p95 ${percentile(coldMs, 0.95).toFixed(2)} ms`);

  const misses = queries.filter((_, i) => !ours[i].top1);
  if (misses.length) {
    console.log('\nnot first (system of the query):');
    for (const q of misses) {
      const r = engine.search(q.query, { system: q.system, limit: 5 });
      console.log(`  ${ours[queries.indexOf(q)].top5 ? 'top-5' : 'MISS '} [${q.category}] "${q.query}" wants ${q.expected.slice(0, 3).join(',')} → ${r.map((x) => x.code).join(' ')}`);
    }
  }
}

main();
