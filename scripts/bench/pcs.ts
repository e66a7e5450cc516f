// ICD-10-PCS search: reading the PCS tables and vocabulary, the memory search holds in all (word
// index + PCS), procedure queries of the PCS evaluation sets (p50/p95 after the first pass, in the
// query's system; wall clock and this process's CPU time, since the machine may be shared), and the
// code builder's steps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../server/src/tables/load';
import { defaultTablesDir } from '../../server/src/tables/format';
import { createSearchEngine } from '../../server/src/search/engine';
import { PcsSearch } from '../../server/src/search/pcs/search';
import { fmt, percentile } from './util';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const heap = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export async function bench(): Promise<void> {
  const tables = loadTables(defaultTablesDir());
  const m0 = heap();
  let t0 = performance.now();
  const engine = createSearchEngine(tables);
  const indexMs = performance.now() - t0;
  const m1 = heap();
  t0 = performance.now();
  engine.warmPcs();
  const pcsMs = performance.now() - t0;
  const m2 = heap();
  console.log(
    `search index read in ${fmt(indexMs)}; PCS tables and vocabulary read in ${fmt(pcsMs)} (on first use, or in the server's warm-up after the handshake)`,
  );
  console.log(
    `search memory: word index +${mb(m1 - m0)}, PCS tables and vocabulary +${mb(m2 - m1)}, in all ${mb(m2 - m0)} (heap + typed arrays; budget 60 MB)`,
  );

  const evalDir = join(__dirname, '..', '..', 'server', 'test', 'search', 'eval');
  const queries = ['pcs-dev.jsonl', 'pcs-heldout.jsonl'].flatMap((f) =>
    readFileSync(join(evalDir, f), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { query: string }).query),
  );
  const run = (limit: number) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (const q of queries) {
      const c = process.cpuUsage();
      const s = performance.now();
      engine.search(q, { system: 'icd10pcs', limit });
      wall.push(performance.now() - s);
      const d = process.cpuUsage(c);
      cpu.push((d.user + d.system) / 1000);
    }
    return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
  };
  const first = run(5);
  console.log(`PCS queries, first pass (${queries.length}): p50 ${fmt(percentile(first.wall, 50))}, p95 ${fmt(percentile(first.wall, 95))}`);
  const warm = { wall: [] as number[], cpu: [] as number[] };
  for (let round = 0; round < 3; round++)
    for (const limit of [5, 20]) {
      const r = run(limit);
      warm.wall.push(...r.wall);
      warm.cpu.push(...r.cpu);
    }
  warm.wall.sort((a, b) => a - b);
  warm.cpu.sort((a, b) => a - b);
  console.log(
    `PCS queries, after the first (${warm.wall.length}, limits 5 and 20): wall p50 ${fmt(percentile(warm.wall, 50))}, p95 ${fmt(percentile(warm.wall, 95))}, max ${fmt(warm.wall[warm.wall.length - 1])}; CPU p50 ${fmt(percentile(warm.cpu, 50))}, p95 ${fmt(percentile(warm.cpu, 95))} (budget p95 10 ms)`,
  );

  const pcs = new PcsSearch(tables);
  pcs.structure();
  const release = tables.releases[tables.releases.length - 1].id;
  const prefixes = ['', '0', '02', '02R', '02RF', '02RF3', '02RF38', '0SR9', '5A19', 'B2'];
  const steps: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const p of prefixes) {
      const s = performance.now();
      pcs.builderStep(p, release);
      if (round > 0) steps.push(performance.now() - s);
    }
  }
  steps.sort((a, b) => a - b);
  console.log(
    `code builder steps (${prefixes.map((p) => p || '∅').join(' ')}): p50 ${fmt(percentile(steps, 50))}, p95 ${fmt(percentile(steps, 95))}, max ${fmt(steps[steps.length - 1])}`,
  );
}
