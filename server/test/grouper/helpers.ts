// Shared test setup: the built MS-DRG tables (built once from ../shared/code-sets when missing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadMsdrgTables, type MsdrgTables } from '../../src/grouper/tables';
import { importMsdrg } from '../../../tables/importers/msdrg';
import { MSDRG_META_FILE } from '../../src/grouper/format';

export const REPO = path.resolve(__dirname, '../../..');
export const SOURCES = process.env.CHARTCODER_SOURCES ?? path.resolve(REPO, '../shared/code-sets');
export const ORACLE = process.env.CHARTCODER_ORACLE ?? path.resolve(REPO, '../shared/oracle');
const BUILD = path.join(REPO, 'tables/build');

let cached: MsdrgTables | null = null;

/** The grouper tables, or null when neither built tables nor sources exist (tests then skip). */
export async function testTables(): Promise<MsdrgTables | null> {
  if (cached) return cached;
  if (!fs.existsSync(path.join(BUILD, 'msdrg', MSDRG_META_FILE))) {
    if (!fs.existsSync(path.join(SOURCES, 'msdrg'))) return null;
    await importMsdrg(SOURCES, BUILD, () => {});
  }
  cached = loadMsdrgTables(BUILD);
  return cached;
}

export const NO_TABLES = `MS-DRG tables not built and no sources at ${SOURCES}`;
