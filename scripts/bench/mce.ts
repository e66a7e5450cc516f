// Medicare Code Editor figures: import time from the sources, table load time, and the cost of
// running the edits on one claim (the oracle's claims, one core).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSourcesDir } from '../../tables/build';
import { importMce } from '../../tables/importers/mce';
import { loadMceTables } from '../../server/src/mce/tables';
import { TableWriter } from '../../server/src/tables/format';
import { runMce, type MceClaim } from '../../server/src/mce/edits';
import { fmt, percentile } from './util';

const root = join(__dirname, '..', '..');
const oracle = process.env.CHARTCODER_ORACLE ?? join(root, '..', 'shared', 'oracle');

export async function bench(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'chartcoder-bench-mce-'));
  try {
    const t0 = performance.now();
    const writer = new TableWriter(out);
    await importMce(defaultSourcesDir(), writer, () => {});
    writer.writeManifest({ releases: [], sources: [] });
    console.log(`mce import (mce.bin → tables/build/mce): ${fmt(performance.now() - t0)}`);
    const loads: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      loadMceTables(out);
      loads.push(performance.now() - t);
    }
    loads.sort((a, b) => a - b);
    console.log(`mce tables load: p50 ${fmt(percentile(loads, 50))}, max ${fmt(loads[loads.length - 1]!)}`);
    const tables = loadMceTables(out);

    const file = join(oracle, 'claims-v430.jsonl');
    const claims: MceClaim[] = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as { age: number; sex: string; dstat: string; pdx: string; sdx: string[]; procs: string[] })
          .map((c) => ({
            age: c.age,
            sex: c.sex,
            dstat: c.dstat,
            pdx: c.pdx.split(':')[0],
            sdx: c.sdx.map((s) => ({ code: s.split(':')[0] })),
            procs: c.procs,
            discharged: '2026-01-15',
            los: 3,
          }))
      : [{ age: 70, sex: 'F', dstat: '01', pdx: 'I5023', sdx: [{ code: 'N184' }, { code: 'E119' }], procs: ['02703DZ'], discharged: '2026-01-15' }];
    for (const c of claims) runMce(tables, c); // warm up
    const perClaim: number[] = [];
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (const c of claims) runMce(tables, c);
      perClaim.push(((performance.now() - t) * 1000) / claims.length);
    }
    perClaim.sort((a, b) => a - b);
    console.log(
      `mce edits per claim: median ${perClaim[2]!.toFixed(1)} µs over ${claims.length} claims (${existsSync(file) ? 'oracle v43.0 claims' : 'one sample claim'})`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (require.main === module) void bench();
