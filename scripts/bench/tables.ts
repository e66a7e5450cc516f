// Code tables: build time and size on disk, load time and memory, lookup latency.
import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { buildTables, defaultSourcesDir } from '../../tables/build';
import { loadTables } from '../../server/src/tables/load';
import { defaultTablesDir } from '../../server/src/tables/format';
import { fmt, percentile } from './util';

function dirSize(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? dirSize(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

export async function bench(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'chartcoder-bench-tables-'));
  const t0 = performance.now();
  await buildTables({ sourcesDir: defaultSourcesDir(), outDir: join(out, 'build'), log: () => {} });
  console.log(
    `build: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${(dirSize(join(out, 'build')) / 1024 / 1024).toFixed(1)} MB on disk (budget 60 s, 40 MB)`,
  );
  rmSync(out, { recursive: true, force: true });

  const rss0 = process.memoryUsage().rss;
  const t1 = performance.now();
  const tables = loadTables(defaultTablesDir());
  const loadMs = performance.now() - t1;
  global.gc?.();
  console.log(
    `load: ${fmt(loadMs)}, resident memory +${((process.memoryUsage().rss - rss0) / 1024 / 1024).toFixed(0)} MB (budget 300 ms, 150 MB for the whole server)`,
  );

  const codes = ['I5033', 'N184', 'J9601', 'E1122', 'S72031A', '0SRR0J9', 'Z3800', 'A4151', 'R6520', 'I10'];
  for (const c of codes) tables.lookup(c, '2026-03-06'); // first lookups build details and warm the cache
  const samples: number[] = [];
  for (let round = 0; round < 200; round++) {
    const t = performance.now();
    for (let i = 0; i < 1000; i++) tables.lookup(codes[i % codes.length], '2026-03-06');
    samples.push((performance.now() - t) / 1000);
  }
  samples.sort((a, b) => a - b);
  console.log(`lookup (cached entry): median ${fmt(percentile(samples, 50))}, p95 ${fmt(percentile(samples, 95))} (budget 1 µs median)`);
  const status: number[] = [];
  for (let round = 0; round < 200; round++) {
    const t = performance.now();
    for (let i = 0; i < 1000; i++) tables.status(codes[i % codes.length], 'icd10cm', 'FY2026');
    status.push((performance.now() - t) / 1000);
  }
  status.sort((a, b) => a - b);
  console.log(`validity check (status): median ${fmt(percentile(status, 50))}`);
  const cold: number[] = [];
  const many = [...tables.codes('icd10cm', 'FY2026')].slice(0, 3000).map((e) => e.code);
  for (const c of many) {
    const t = performance.now();
    tables.lookup(c, '2026-03-06');
    cold.push(performance.now() - t);
  }
  cold.sort((a, b) => a - b);
  console.log(`lookup (first time, with notes and facts): median ${fmt(percentile(cold, 50))}, p95 ${fmt(percentile(cold, 95))}`);
}
