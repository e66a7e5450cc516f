// Writes synthetic claims (server/test/grouper/claimGenerator.ts) for checking the grouper and the
// Code Editor against CMS's Java grouper (the oracle):
//   npx tsx server/test/grouper/generate-claims.ts --version 430 --count 5000 --seed 7 > claims.jsonl
//   ../shared/oracle/cms-grouper/run.sh --version 430 < claims.jsonl > answers.jsonl
// scripts/grouper-oracle.ts does both for every version and compares the answers field by field.
import * as path from 'node:path';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { loadMceTables } from '../../src/mce/tables';
import { AIMS, claimLine, generateClaims, type Aim } from './claimGenerator';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

const build = arg('tables', path.join(__dirname, '../../../tables/build'));
const tables = loadMsdrgTables(build);
const mceDir = path.join(build, 'mce');
const aims = arg('aims', AIMS.join(',')).split(',') as Aim[];
const claims = generateClaims({
  tables,
  mce: { tables: loadMceTables(build), dir: mceDir },
  version: arg('version', '430'),
  count: Number(arg('count', '2000')),
  seed: Number(arg('seed', '1')),
  aims,
});
process.stdout.write(claims.map(claimLine).join('\n') + '\n');
