// Loading the code tables for a CLI command, once per run, with one clear message on failure.
import { defaultTablesDir, loadTables } from '../tables/load';
import type { CodeTables } from '../tables/types';

export function loadCliTables(dir?: string): { tables: CodeTables | null; error?: string } {
  try {
    return { tables: loadTables(dir ?? defaultTablesDir()) };
  } catch (e) {
    return { tables: null, error: `${(e as Error).message} (build them with \`npm run tables\`)` };
  }
}
