// Shared test setup: the built MS-DRG tables (built once from ../shared/code-sets when missing).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMsdrgTables, type MsdrgTables } from '../../src/grouper/tables';
import { importMsdrg } from '../../../tables/importers/msdrg';
import { TableStore, TableWriter, TABLE_FILES, defaultTablesDir } from '../../src/tables/format';

export const REPO = path.resolve(__dirname, '../../..');
export const SOURCES = process.env.CHARTCODER_SOURCES ?? path.resolve(REPO, '../shared/code-sets');
export const ORACLE = process.env.CHARTCODER_ORACLE ?? path.resolve(REPO, '../shared/oracle');
let cached: MsdrgTables | null = null;

/** The grouper tables, or null when neither built tables nor sources exist (tests then skip). */
export async function testTables(): Promise<MsdrgTables | null> {
  if (cached) return cached;
  const built = builtStore();
  if (built?.has(TABLE_FILES.msdrg.meta)) return (cached = loadMsdrgTables(built));
  if (!fs.existsSync(path.join(SOURCES, 'msdrg'))) return null;
  // No build: import the grouper's tables alone into a temporary build (read whole, then removed).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chartcoder-msdrg-'));
  const out = new TableWriter(tmp);
  await importMsdrg(SOURCES, out, () => {});
  out.writeManifest({ releases: [], sources: [] });
  cached = loadMsdrgTables(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  return cached;
}

function builtStore(): TableStore | null {
  try {
    return TableStore.open(defaultTablesDir());
  } catch {
    return null;
  }
}

export const NO_TABLES = `MS-DRG tables not built and no sources at ${SOURCES}`;
