// `npm run eval:search`: search quality and latency, per query set and per category.
//
// Sets: the visible sample ../shared/search-eval/queries.jsonl (or CHARTCODER_SEARCH_EVAL) and
// every server/test/search/eval/*.jsonl (the project's own development and held-out sets, see
// the README there). Files given as arguments replace that list; `--only <text>` keeps the sets
// whose name contains the text (`--only dev` while tuning). Each set gets top-1 / top-5 per
// category and overall, in the query's system and over all systems, and p50/p95 latency.
//
// Misses are listed for every set except held-out ones (name containing "heldout"): a held-out
// set is scored, never looked into, so that it stays a test of generalisation.
// Plain fuse.js over the same titles is run beside the engine on the visible sample (slow:
// seconds per query); `--no-fuse` skips it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Fuse from 'fuse.js';
import { loadTables, type Tables } from '../server/src/tables/load';
import { defaultTablesDir } from '../server/src/tables/format';
import { createSearchEngine, type SearchEngine } from '../server/src/search/engine';
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
const withFuse = !args.includes('--no-fuse');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const fileArgs = args.filter((a, i) => !a.startsWith('--') && !(onlyAt >= 0 && i === onlyAt + 1));
const root = path.join(__dirname, '..');
const visible = process.env.CHARTCODER_SEARCH_EVAL ?? path.join(root, '..', 'shared', 'search-eval', 'queries.jsonl');
const ownDir = path.join(root, 'server', 'test', 'search', 'eval');

function setFiles(): string[] {
  if (fileArgs.length) return fileArgs.map((f) => path.resolve(f));
  const own = fs.existsSync(ownDir)
    ? fs
        .readdirSync(ownDir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(ownDir, f))
    : [];
  return [...(fs.existsSync(visible) ? [visible] : []), ...own];
}

function setName(file: string): string {
  return file === visible ? 'visible sample' : path.basename(file, '.jsonl');
}

function readQueries(f: string): EvalQuery[] {
  return fs
    .readFileSync(f, 'utf8')
    .split(/\r?\n/)
    .flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        const q = JSON.parse(line) as EvalQuery;
        if (typeof q.query !== 'string' || !Array.isArray(q.expected) || typeof q.category !== 'string')
          throw new Error('expected {"query", "expected": [...], "system", "category"}');
        return [q];
      } catch (e) {
        throw new Error(`${f}:${i + 1}: ${(e as Error).message}`);
      }
    });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(0).padStart(3)}%`;

function summarise(name: string, outcomes: Outcome[]): Map<string, string> {
  const byCat = new Map<string, Outcome[]>();
  for (const o of outcomes) byCat.set(o.category, [...(byCat.get(o.category) ?? []), o]);
  byCat.set('overall', outcomes);
  const cells = new Map<string, string>();
  for (const [cat, os] of byCat)
    cells.set(cat, `${pct(os.filter((o) => o.top1).length, os.length)} ${pct(os.filter((o) => o.top5).length, os.length)}  (${os.length})`);
  const ms = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  cells.set('latency', `p50 ${percentile(ms, 0.5).toFixed(2)} ms, p95 ${percentile(ms, 0.95).toFixed(2)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`);
  cells.set('name', name);
  return cells;
}

function score(engine: SearchEngine, queries: EvalQuery[], mode: 'query' | 'all'): Outcome[] {
  return queries.map((q) => {
    const s = performance.now();
    const results = engine.search(q.query, { system: mode === 'query' ? q.system : undefined, limit: 5 });
    const ms = performance.now() - s;
    const codes = results.map((r) => r.code);
    return { category: q.category, top1: q.expected.includes(codes[0]), top5: codes.some((c) => q.expected.includes(c)), ms };
  });
}

function fuseOutcomes(tables: Tables, queries: EvalQuery[]): Outcome[] {
  // Plain fuse.js over the same titles (code and title as keys), one index per system.
  const docs = new Map<string, Fuse<{ code: string; title: string }>>();
  const release = tables.releases[tables.releases.length - 1].id;
  for (const s of ['icd10cm', 'icd10pcs', 'hcpcs'] as const) {
    const list = [...tables.codes(s, release)].map((e) => ({ code: e.code, title: e.title ?? '' }));
    docs.set(s, new Fuse(list, { keys: ['code', 'title'] }));
  }
  return queries.map((q) => {
    const s = performance.now();
    const codes = docs
      .get(q.system)!
      .search(q.query, { limit: 5 })
      .map((r) => r.item.code);
    return { category: q.category, top1: q.expected.includes(codes[0]), top5: codes.some((c) => q.expected.includes(c)), ms: performance.now() - s };
  });
}

function main(): void {
  const files = setFiles().filter((f) => !only || setName(f).includes(only));
  let t0 = performance.now();
  const tables = loadTables(process.env.CHARTCODER_TABLES ?? defaultTablesDir());
  const tablesMs = performance.now() - t0;
  t0 = performance.now();
  const engine = createSearchEngine(tables);
  const indexMs = performance.now() - t0;
  console.log(`tables loaded in ${tablesMs.toFixed(0)} ms; search index (${engine.size} codes) read in ${indexMs.toFixed(0)} ms (prebuilt by npm run tables)`);

  const summary: string[] = [];
  for (const file of files) {
    const queries = readQueries(file);
    const name = setName(file);
    const cold = score(engine, queries, 'query'); // first pass: includes lazily built typo indexes
    const ours = score(engine, queries, 'query');
    const columns = [summarise('engine, system of the query', ours), summarise('engine, all systems', score(engine, queries, 'all'))];
    if (withFuse && file === visible) columns.push(summarise('plain fuse.js, system of the query', fuseOutcomes(tables, queries)));

    console.log(`\n══ ${name}: ${queries.length} queries (${path.relative(process.cwd(), file)})`);
    const cats = [...new Set(queries.map((q) => q.category))].sort();
    console.log(`${'category'.padEnd(14)}${columns.map((c) => c.get('name')!.padEnd(38)).join('')}`);
    console.log(`${''.padEnd(14)}${columns.map(() => 'top-1 top-5 (queries)'.padEnd(38)).join('')}`);
    for (const cat of [...cats, 'overall']) console.log(`${cat.padEnd(14)}${columns.map((c) => (c.get(cat) ?? '').padEnd(38)).join('')}`);
    for (const c of columns) console.log(`latency, ${c.get('name')}: ${c.get('latency')}`);
    const coldMs = cold.map((o) => o.ms).sort((a, b) => a - b);
    console.log(
      `latency, first pass (typo indexes built on demand): p50 ${percentile(coldMs, 0.5).toFixed(2)} ms, p95 ${percentile(coldMs, 0.95).toFixed(2)} ms`,
    );

    const weakest = cats
      .map((cat) => {
        const os = ours.filter((o) => o.category === cat);
        return { cat, t5: os.filter((o) => o.top5).length / os.length };
      })
      .sort((a, b) => a.t5 - b.t5)[0];
    summary.push(
      `${name.padEnd(16)} ${pct(ours.filter((o) => o.top1).length, ours.length)} ${pct(ours.filter((o) => o.top5).length, ours.length)}   weakest top-5: ${weakest.cat} ${(weakest.t5 * 100).toFixed(0)}%`,
    );

    if (name.includes('heldout')) continue;
    const misses = queries.map((q, i) => ({ q, o: ours[i] })).filter(({ o }) => !o.top1);
    if (misses.length) {
      console.log('not first (system of the query):');
      for (const { q, o } of misses) {
        const r = engine.search(q.query, { system: q.system, limit: 5 });
        console.log(
          `  ${o.top5 ? 'top-5' : 'MISS '} [${q.category}] "${q.query}" wants ${q.expected.slice(0, 3).join(',')} → ${r.map((x) => x.code).join(' ')}`,
        );
      }
    }
  }
  console.log(`\n══ summary (system of the query)     top-1 top-5\n${summary.join('\n')}`);
}

main();
