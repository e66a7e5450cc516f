// Loading the code tables for a CLI command, once per run, with one clear message on failure.
import { loadTables, Tables } from '../tables/load';
import { defaultTablesDir } from '../tables/format';
import type { CodeTables } from '../tables/types';
import type { MceTables } from '../mce/tables';
import { loadMsdrgTables, type MsdrgTables } from '../grouper/tables';

export function loadCliTables(dir?: string): { tables: CodeTables | null; error?: string } {
  try {
    return { tables: loadTables(dir ?? defaultTablesDir()) };
  } catch (e) {
    return { tables: null, error: `${(e as Error).message} (build them with \`npm run tables\`)` };
  }
}

/** The Code Editor and grouper tables of the loaded code tables' build; null (with a note on stderr) when missing. */
export function loadCliExtras(tables: CodeTables, dir: string | undefined, warn: (m: string) => void): { mce: MceTables | null; grouper: MsdrgTables | null } {
  const base = dir ?? defaultTablesDir();
  let mce: MceTables | null = null;
  let grouper: MsdrgTables | null = null;
  try {
    if (!(tables instanceof Tables)) throw new Error('the code tables in use carry no Code Editor tables');
    mce = tables.mceTables();
  } catch (e) {
    warn(`Code Editor tables not loaded (mce.* checks use the code tables' flags only): ${(e as Error).message}`);
  }
  try {
    grouper = loadMsdrgTables(base);
  } catch (e) {
    warn(`MS-DRG tables not loaded: ${(e as Error).message}`);
  }
  return { mce, grouper };
}
