// FHIR import: time per sample bundle (whole-file reading), and a large synthetic bundle that
// streams (above 64 MB): time, throughput and the process's peak memory, measured in a child
// process so the figure is the import's alone. CHARTCODER_BENCH_FHIR_MB sets its size (default 200).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { importFhir } from '../../server/src/fhir/importer';
import { sourceFromFile } from '../../server/src/fhir/source';

const SYNTHEA = path.resolve(__dirname, '../../../shared/fhir-samples/synthea');

/** A Bundle of `copies` copies of a sample's entries, each copy with its own UUIDs (references stay inside a copy). */
export function writeSyntheticBundle(sample: string, file: string, targetBytes: number): { entries: number; bytes: number; copies: number } {
  const entries = (JSON.parse(fs.readFileSync(sample, 'utf8')).entry as unknown[]).map((e) => JSON.stringify(e));
  const perCopy = entries.reduce((a, e) => a + e.length + 1, 0);
  const copies = Math.max(1, Math.ceil(targetBytes / perCopy));
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '{"resourceType":"Bundle","type":"collection","entry":[\n');
  let n = 0;
  for (let c = 0; c < copies; c++) {
    const prefix = c.toString(16).padStart(8, '0');
    const chunk: string[] = [];
    for (const e of entries) chunk.push((n++ ? ',' : '') + e.replace(/\b[0-9a-f]{8}(-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g, `${prefix}$1`));
    fs.writeSync(fd, chunk.join('\n') + '\n');
  }
  fs.writeSync(fd, ']}\n');
  fs.closeSync(fd);
  return { entries: n, bytes: fs.statSync(file).size, copies };
}

export async function bench(): Promise<void> {
  if (!fs.existsSync(SYNTHEA)) return void console.log(`  (no samples at ${SYNTHEA})`);
  for (const f of fs.readdirSync(SYNTHEA).sort()) {
    const file = path.join(SYNTHEA, f);
    const runs: number[] = [];
    let summary = '';
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await importFhir([sourceFromFile(file, f)], { importedOn: '2026-01-01' });
      runs.push(performance.now() - t0);
      summary = `${r.charts.length} charts, ${r.total} resources`;
    }
    runs.sort((a, b) => a - b);
    console.log(
      `  ${f.split('_')[0]!.padEnd(14)} ${(fs.statSync(file).size / 1e6).toFixed(1).padStart(4)} MB  median ${runs[2]!.toFixed(0).padStart(4)} ms  (${summary})`,
    );
  }
  const mb = Number(process.env.CHARTCODER_BENCH_FHIR_MB ?? 200);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fhir-bench-'));
  try {
    const big = path.join(dir, 'big.json');
    const g = writeSyntheticBundle(path.join(SYNTHEA, 'Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json'), big, mb * 1e6);
    const child = `
      const { importToFolder } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/fhir/importToFolder.ts'))});
      const t0 = Date.now();
      importToFolder({ files: [${JSON.stringify(big)}], outDir: ${JSON.stringify(path.join(dir, 'out'))}, importedOn: '2026-01-01' }).then((r) => {
        console.log(JSON.stringify({ ms: Date.now() - t0, maxRssMb: process.resourceUsage().maxRSS / 1024, charts: r.written.length, summary: r.result.summary }));
      });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', child], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) throw new Error(run.stderr.slice(0, 500));
    const m = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; maxRssMb: number; charts: number; summary: string };
    console.log(`  synthetic bundle ${(g.bytes / 1e6).toFixed(0)} MB (${g.copies} copies of Miguel Garibay, ${g.entries} resources), streamed in two reads:`);
    console.log(
      `    ${(m.ms / 1000).toFixed(1)} s (${(g.bytes / 1e6 / (m.ms / 1000)).toFixed(1)} MB/s per both reads), peak RSS ${m.maxRssMb.toFixed(0)} MB, ${m.charts} charts written`,
    );
    console.log(`    ${m.summary.slice(0, 200)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
