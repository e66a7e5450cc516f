// `npm run eval:cdi [dev|heldout|all]`: precision and recall of the CDI opportunity rules on the
// evaluation charts (server/test/cdi/fixtures). Tune on dev only; held-out is for reporting.
import { loadTables } from '../server/src/tables/load';
import { defaultTablesDir } from '../server/src/tables/format';
import { loadMsdrgTables } from '../server/src/grouper/tables';
import { DEFAULT_SETTINGS } from '../server/src/service/context';
import { report, runSet } from '../server/test/cdi/score';

const which = process.argv[2] ?? 'dev';
const dir = defaultTablesDir();
const ctx = { tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: DEFAULT_SETTINGS };
for (const set of which === 'all' ? (['dev', 'heldout'] as const) : [which as 'dev' | 'heldout']) {
  console.log(report(set, runSet(set, ctx)));
  if (process.argv.includes('--verbose'))
    for (const c of runSet(set, ctx)) for (const f of c.findings) console.log(`  ${c.file}:${f.range.start.line + 1} ${f.rule} ${f.message}`);
}
