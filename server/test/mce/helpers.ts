// Shared by the MCE tests: the MCE tables imported once per test file into a temp folder, and the oracle's claim format converted to runMce's.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importMce } from '../../../tables/importers/mce';
import { loadMceTables, type MceTables } from '../../src/mce/tables';
import { TableWriter, defaultTablesDir } from '../../src/tables/format';
import type { MceClaim } from '../../src/mce/edits';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SOURCES = process.env.CHARTCODER_SOURCES ?? path.join(ROOT, '..', 'shared', 'code-sets');
export const ORACLE = path.join(ROOT, '..', 'shared', 'oracle');

let cached: MceTables | null = null;
export async function mceTables(): Promise<MceTables | null> {
  if (cached) return cached;
  // Import from the sources (tests the importer too, and never reads a stale build); the built
  // tables only serve when the sources are absent.
  if (!fs.existsSync(path.join(SOURCES, 'mce'))) {
    try {
      return (cached = loadMceTables(defaultTablesDir()));
    } catch {
      return null;
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chartcoder-mce-'));
  await importInto(tmp, (out) => importMce(SOURCES, out, () => {}));
  cached = loadMceTables(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  return cached;
}

/** Runs an importer into a fresh build folder and writes its manifest (so that the loaders, which verify every file, can read it). */
export async function importInto(dir: string, run: (out: TableWriter) => Promise<void>): Promise<void> {
  const out = new TableWriter(dir);
  await run(out);
  out.writeManifest({ releases: [], sources: [] });
}

export interface OracleClaim {
  id: string;
  age?: number;
  sex?: string;
  dstat?: string;
  pdx?: string;
  sdx?: string[];
  procs?: string[];
  admit_dx?: string;
  discharged?: string;
}

/** The claim as the oracle harness (cms-grouper/Oracle.java) hands it to the MCE: its defaults, LOS 3. */
export function fromOracle(c: OracleClaim, version: string): MceClaim {
  return {
    age: c.age ?? 50,
    sex: c.sex ?? 'U',
    dstat: c.dstat ?? '01',
    pdx: (c.pdx ?? '').split(':')[0],
    sdx: (c.sdx ?? []).map((s) => ({ code: s.split(':')[0], poa: s.split(':')[1] })),
    procs: c.procs ?? [],
    admitDx: c.admit_dx,
    discharged: c.discharged ?? (version.endsWith('1') ? '2026-06-01' : '2026-01-15'),
    los: 3,
  };
}

export function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
