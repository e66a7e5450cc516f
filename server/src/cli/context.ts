// Loading the code tables for a CLI command, once per run, with one clear message on failure.
import { loadTables, type Tables } from '../tables/load';
import type { MceTables } from '../mce/tables';
import type { MsdrgTables } from '../grouper/tables';

export function loadCliTables(dir?: string): { tables: Tables | null; error?: string; repaired?: string } {
  try {
    const tables = loadTables(dir);
    // Opening finished a table install a killed build had left half-done: say so.
    return tables.store.repaired ? { tables, repaired: tables.store.repaired } : { tables };
  } catch (e) {
    return { tables: null, error: `${(e as Error).message} (build them with \`npm run tables\`)` };
  }
}

/** The Code Editor and grouper tables the loaded code tables keep (one copy each); null (with a note on stderr) when missing. */
export function loadCliExtras(tables: Tables, warn: (m: string) => void): { mce: MceTables | null; grouper: MsdrgTables | null } {
  let mce: MceTables | null = null;
  let grouper: MsdrgTables | null = null;
  try {
    mce = tables.mceTables();
  } catch (e) {
    warn(`Code Editor tables not loaded (mce.* checks use the code tables' flags only): ${(e as Error).message}`);
  }
  try {
    grouper = tables.grouperTables();
  } catch (e) {
    warn(`MS-DRG tables not loaded: ${(e as Error).message}`);
  }
  return { mce, grouper };
}
