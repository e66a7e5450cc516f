// The PCS evaluation until scripts/eval-search.ts reads every *-dev / *-heldout file of
// server/test/search/eval/: `npx tsx scripts/eval-pcs.ts [file.jsonl …] [--misses]` prints top-1 /
// top-5 per area and overall, and latency (warm, in the query's system, limit 5). With no file,
// the development set (pcs-dev.jsonl); score pcs-heldout.jsonl only when a change is finished.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTables } from '../server/src/tables/load';
import { defaultTablesDir } from '../server/src/tables/format';
import { createSearchEngine } from '../server/src/search/engine';
import type { CodeSystem } from '../server/src/tables/types';

interface Query {
  query: string;
  expected: string[];
  system: Exclude<CodeSystem, 'cpt'>;
  category: string;
  area?: string;
}

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const showMisses = args.includes('--misses');
const evalDir = path.join(__dirname, '..', 'server', 'test', 'search', 'eval');
const tables = loadTables(process.env.CHARTCODER_TABLES ?? defaultTablesDir());
const engine = createSearchEngine(tables);
const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(0).padStart(3)}%`;
for (const file of files.length ? files : [path.join(evalDir, 'pcs-dev.jsonl')]) {
  const queries = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Query);
  for (const q of queries) engine.search(q.query, { system: q.system, limit: 5 }); // first pass: paths compiled, tables read
  const byArea = new Map<string, { n: number; top1: number; top5: number }>();
  const ms: number[] = [];
  const misses: string[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    const codes = engine.search(q.query, { system: q.system, limit: 5 }).map((r) => r.code);
    ms.push(performance.now() - t0);
    const top1 = q.expected.includes(codes[0]);
    const top5 = codes.some((c) => q.expected.includes(c));
    for (const key of [q.area ?? q.category, 'overall']) {
      const a = byArea.get(key) ?? { n: 0, top1: 0, top5: 0 };
      a.n++;
      a.top1 += top1 ? 1 : 0;
      a.top5 += top5 ? 1 : 0;
      byArea.set(key, a);
    }
    if (!top1)
      misses.push(
        `  ${top5 ? 'top-5' : 'MISS '} "${q.query}" wants ${q.expected.slice(0, 3).join(',')}${q.expected.length > 3 ? '…' : ''} → ${codes.join(' ')}`,
      );
  }
  ms.sort((a, b) => a - b);
  console.log(`${path.basename(file)}: ${queries.length} queries`);
  for (const [area, a] of [...byArea].sort(([x], [y]) => (x === 'overall' ? 1 : y === 'overall' ? -1 : x.localeCompare(y))))
    console.log(`  ${area.padEnd(16)} top-1 ${pct(a.top1, a.n)}  top-5 ${pct(a.top5, a.n)}  (${a.n})`);
  console.log(
    `  latency: p50 ${ms[Math.floor(ms.length / 2)].toFixed(2)} ms, p95 ${ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.95))].toFixed(2)} ms, max ${ms[ms.length - 1].toFixed(1)} ms`,
  );
  if (showMisses) console.log(misses.join('\n'));
}
