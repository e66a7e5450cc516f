// Code search: index read and build time and memory, query latency (per system and over all systems) on
// the held-out coder queries, and completion latency at a cursor in a chart.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../server/src/tables/load';
import { defaultTablesDir, TABLE_FILES } from '../../server/src/tables/format';
import { buildSearchIndex } from '../../server/src/search/searchIndex';
import { loadMsdrgTables } from '../../server/src/grouper/tables';
import { createSearchEngine } from '../../server/src/search/engine';
import { complete } from '../../server/src/service/features/completion';
import { parseChart } from '../../server/src/chart/parse';
import { DEFAULT_SETTINGS } from '../../server/src/service/context';
import type { CodeSystem } from '../../server/src/tables/types';
import { fmt, percentile } from './util';

export async function bench(): Promise<void> {
  const dir = defaultTablesDir();
  const tables = loadTables(dir);
  const m0 = process.memoryUsage();
  const t0 = performance.now();
  const engine = createSearchEngine(tables);
  const readMs = performance.now() - t0;
  const m1 = process.memoryUsage();
  const bytes = statSync(join(dir, TABLE_FILES.searchIndex)).size;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`search index: ${engine.size} codes read in ${fmt(readMs)} from ${TABLE_FILES.searchIndex} (${mb(bytes)}, prebuilt by npm run tables); memory +${mb(m1.arrayBuffers - m0.arrayBuffers)} typed arrays, +${mb(m1.heapUsed - m0.heapUsed)} heap, +${mb(m1.rss - m0.rss)} resident`);
  const b0 = performance.now();
  buildSearchIndex(tables);
  console.log(`search index built from the tables (what npm run tables does): ${fmt(performance.now() - b0)}`);

  const queries = readFileSync(join(__dirname, '..', '..', 'server', 'test', 'search', 'heldout.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { query: string; system: CodeSystem });
  const time = (system: 'query' | 'all') =>
    queries.map((q) => {
      const s = performance.now();
      engine.search(q.query, { system: system === 'query' ? q.system : undefined, limit: 20 });
      return performance.now() - s;
    });
  const first = time('query').sort((a, b) => a - b);
  console.log(`search, first pass (typo indexes built on demand): p50 ${fmt(percentile(first, 50))}, p95 ${fmt(percentile(first, 95))}`);
  time('all'); // the first pass over all systems compiles its paths too
  // Warm: three rounds of each mode, alternating, so neither mode pays for the other's warm-up.
  const warm = { query: [] as number[], all: [] as number[] };
  for (let round = 0; round < 3; round++) for (const mode of ['query', 'all'] as const) warm[mode].push(...time(mode));
  for (const mode of ['query', 'all'] as const) {
    const ms = warm[mode].sort((a, b) => a - b);
    console.log(`search, ${mode === 'query' ? "the query's system" : 'all systems'}: ${ms.length} queries, p50 ${fmt(percentile(ms, 50))}, p95 ${fmt(percentile(ms, 95))}, max ${fmt(Math.max(...ms))} (budget p95 10 ms)`);
  }

  const ctx = { tables, grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } };
  const chart = parseChart('---\nage: 67\nsex: F\nadmitted: 2026-03-02\ndischarged: 2026-03-06\ndisposition: 01\n---\n# HPI\n[acute on chronic diastolic heart failure]{dx=\n[hip fracture]{dx=S72.001\n');
  const ms: number[] = [];
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    complete(chart, { line: 8, character: 46 }, ctx, engine);
    complete(chart, { line: 9, character: 23 }, ctx, engine);
    ms.push((performance.now() - s) / 2);
  }
  ms.sort((a, b) => a - b);
  console.log(`completion (service, span query and 7th characters): p50 ${fmt(percentile(ms, 50))}, p95 ${fmt(percentile(ms, 95))} (budget 20 ms incl. LSP)`);
}
