// Code search: index read and build time, vocabulary warm-up, memory, query latency (per system
// and over all systems) on every evaluation set (the visible sample, the coder development and
// held-out sets, the old held-out fixture), and completion latency at a cursor in a chart.
// Budgets (issue #18): index read ≤ 150 ms; p95 ≤ 10 ms per query after the first; search ≤ 60 MB.
// Latency is given as wall time and as CPU time (process.cpuUsage): on a machine shared with other
// work the wall time includes waiting for a core, the CPU time does not.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../server/src/tables/load';
import { defaultTablesDir, TABLE_FILES } from '../../server/src/tables/format';
import { buildSearchIndex, readSearchIndex } from '../../server/src/search/searchIndex';
import { loadMsdrgTables } from '../../server/src/grouper/tables';
import { SearchEngine } from '../../server/src/search/engine';
import { complete } from '../../server/src/service/features/completion';
import { parseChart } from '../../server/src/chart/parse';
import { DEFAULT_SETTINGS } from '../../server/src/service/context';
import type { CodeSystem } from '../../server/src/tables/types';
import { fmt, percentile } from './util';

const root = join(__dirname, '..', '..');

function querySets(): { name: string; queries: { query: string; system: CodeSystem }[] }[] {
  const read = (f: string) =>
    readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; system: CodeSystem });
  const sets = [];
  const visible = join(root, '..', 'shared', 'search-eval', 'queries.jsonl');
  if (existsSync(visible)) sets.push({ name: 'visible sample', queries: read(visible) });
  const dir = join(root, 'server', 'test', 'search', 'eval');
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.jsonl'))
    .sort())
    sets.push({ name: f.replace('.jsonl', ''), queries: read(join(dir, f)) });
  sets.push({ name: 'heldout fixture', queries: read(join(root, 'server', 'test', 'search', 'heldout.jsonl')) });
  return sets;
}

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

export async function bench(): Promise<void> {
  const dir = defaultTablesDir();
  const tables = loadTables(dir);
  const bytes = statSync(join(dir, TABLE_FILES.searchIndex)).size;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  // The tables' own lazily read parts that search results show (titles, tabular notes) are read
  // first: they are the tables' memory, shared with hover and the rules, not search's.
  for (const system of ['icd10cm', 'icd10pcs', 'hcpcs'] as const)
    for (let i = 0, n = tables.searchRows(system).codes.length; i < n; i++) tables.searchTitle(system, i);
  tables.lookup('N39.0', tables.releases[0].start, 'icd10cm');
  if (global.gc) global.gc();
  const m0 = process.memoryUsage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const index = readSearchIndex(tables);
  const engine = new SearchEngine(tables, index);
  const readMs = performance.now() - t0;
  const readCpu = cpuMs(process.cpuUsage(c0));
  console.log(
    `search index: ${engine.size} codes read in ${fmt(readMs)} (CPU ${fmt(readCpu)}) from ${TABLE_FILES.searchIndex} (${mb(bytes)}, prebuilt by npm run tables) (budget 150 ms)`,
  );
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  engine.warmUp();
  console.log(
    `search warm-up (vocabulary, guideline defaults, typo index; a step after the handshake): ${fmt(performance.now() - t1)} (CPU ${fmt(cpuMs(process.cpuUsage(c1)))})`,
  );

  const sets = querySets();
  const all = sets.flatMap((s) => s.queries);
  const time = (queries: { query: string; system: CodeSystem }[], mode: 'query' | 'all') =>
    queries.map((q) => {
      const c = process.cpuUsage();
      const s = performance.now();
      engine.search(q.query, { system: mode === 'query' ? q.system : undefined, limit: 20 });
      return { wall: performance.now() - s, cpu: cpuMs(process.cpuUsage(c)) };
    });
  const first = time(all, 'query');
  time(all, 'all'); // the first pass over all systems compiles its paths too
  const line = (label: string, xs: { wall: number; cpu: number }[]) => {
    const wall = xs.map((x) => x.wall).sort((a, b) => a - b);
    const cpu = xs.map((x) => x.cpu).sort((a, b) => a - b);
    console.log(
      `${label}: ${xs.length} queries, p50 ${fmt(percentile(wall, 50))}, p95 ${fmt(percentile(wall, 95))}, max ${fmt(wall[wall.length - 1])}; CPU p50 ${fmt(percentile(cpu, 50))}, p95 ${fmt(percentile(cpu, 95))} (budget p95 10 ms)`,
    );
  };
  line('search, first pass (each query once, cold)', first);
  // Warm: three rounds of each mode, alternating, so neither mode pays for the other's warm-up.
  for (const set of sets) {
    const warm = { query: [] as { wall: number; cpu: number }[], all: [] as { wall: number; cpu: number }[] };
    for (let round = 0; round < 3; round++) for (const mode of ['query', 'all'] as const) warm[mode].push(...time(set.queries, mode));
    line(`search ${set.name}, the query's system`, warm.query);
    line(`search ${set.name}, all systems`, warm.all);
  }
  if (global.gc) global.gc();
  const m1 = process.memoryUsage();
  console.log(
    `search memory after every query above (index, engine, vocabulary, caches): +${mb(m1.arrayBuffers - m0.arrayBuffers)} typed arrays and buffers, +${mb(m1.heapUsed - m0.heapUsed)} heap = ${mb(m1.arrayBuffers - m0.arrayBuffers + m1.heapUsed - m0.heapUsed)} (budget 60 MB${global.gc ? '' : '; run node with --expose-gc for exact figures'})`,
  );

  const b0 = performance.now();
  buildSearchIndex(tables);
  console.log(`search index built from the tables (what npm run tables does): ${fmt(performance.now() - b0)}`);

  const ctx = { tables, grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } };
  const chart = parseChart(
    '---\nage: 67\nsex: F\nadmitted: 2026-03-02\ndischarged: 2026-03-06\ndisposition: 01\n---\n# HPI\n[acute on chronic diastolic heart failure]{dx=\n[hip fracture]{dx=S72.001\n',
  );
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
