// Checks the grouper and the Code Editor against CMS's own Java grouper and MCE on generated claims:
//   npx tsx scripts/grouper-oracle.ts [--versions 400,401,…,431] [--count 3000] [--seed 1] [--out dir] [--aims hac,mce]
// For each version: generates claims (server/test/grouper/claimGenerator.ts, discharge dates inside
// the version's range), runs ../shared/oracle/cms-grouper/run.sh --version N on them (Java 17),
// answers them with ChartCoder in this process (the code path of `chartcoder group --claims`), and
// prints the disagreements per field and per aim. Claims, CMS's answers and the disagreeing claims
// are written to --out (default a temp folder). --reuse answers the claims and CMS answers already in
// --out again (after a change to the grouper) without generating or running CMS. Exit code 1 when
// any claim disagrees. --fixture <file> also writes the claims with CMS's answers in the compact
// form of server/test/grouper/fixtures/cms-answers.jsonl (appending, one line per claim).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadMsdrgTables } from '../server/src/grouper/tables';
import { loadMceTables } from '../server/src/mce/tables';
import { parseClaimLine } from '../server/src/grouper/claims';
import { claimAnswer } from '../server/src/cli/commands/group';
import { AIMS, claimLine, generateClaims, type Aim, type GeneratedClaim } from '../server/test/grouper/claimGenerator';
import { affectsAgree, differences, type OracleAnswer } from '../server/test/grouper/oracleCompare';
import { compact } from '../server/test/grouper/cmsFixture';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

const root = path.join(__dirname, '..');
const build = arg('tables', path.join(root, 'tables', 'build'));
const oracle = process.env.CHARTCODER_ORACLE ?? path.join(root, '..', 'shared', 'oracle');
const runSh = path.join(oracle, 'cms-grouper', 'run.sh');
const tables = loadMsdrgTables(build);
const mce = loadMceTables(build);
const versions = arg('versions', tables.versions.join(',')).split(',');
const count = Number(arg('count', '3000'));
const seed = Number(arg('seed', '1'));
const aims = arg('aims', AIMS.join(',')).split(',') as Aim[];
const out = arg('out', fs.mkdtempSync(path.join(os.tmpdir(), 'grouper-oracle-')));
fs.mkdirSync(out, { recursive: true });

let failed = 0;
const summary: string[] = [];
for (const version of versions) {
  const claimsFile = path.join(out, `claims-v${version}.jsonl`);
  const answersFile = path.join(out, `answers-v${version}.jsonl`);
  const reuse = process.argv.includes('--reuse');
  const claims: GeneratedClaim[] = reuse
    ? fs
        .readFileSync(claimsFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as GeneratedClaim)
    : generateClaims({ tables, mce: { tables: mce, dir: path.join(build, 'mce') }, version, count, seed, aims });
  const t0 = Date.now();
  if (!reuse) {
    fs.writeFileSync(claimsFile, claims.map(claimLine).join('\n') + '\n');
    const r = spawnSync('bash', [runSh, '--version', version], { input: fs.readFileSync(claimsFile), maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`run.sh --version ${version} failed: ${r.stderr.toString().slice(0, 500)}`);
    fs.writeFileSync(answersFile, r.stdout);
  }
  const cmsSeconds = (Date.now() - t0) / 1000;
  const answers = fs
    .readFileSync(answersFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as OracleAnswer);
  if (answers.length !== claims.length) throw new Error(`v${version}: ${answers.length} answers for ${claims.length} claims`);
  const byField = new Map<string, number>();
  const byAim = new Map<string, number>();
  const bad: string[] = [];
  let affects = 0;
  const t1 = Date.now();
  claims.forEach((c, i) => {
    const line = claimLine(c);
    const ours = claimAnswer(tables, mce, parseClaimLine(line), version) as unknown as OracleAnswer;
    const d = differences(ours, answers[i]!);
    if (affectsAgree(ours, answers[i]!)) affects++;
    if (!d.length) return;
    d.forEach((f) => byField.set(f, (byField.get(f) ?? 0) + 1));
    byAim.set(c.aim, (byAim.get(c.aim) ?? 0) + 1);
    bad.push(
      JSON.stringify({
        fields: d,
        claim: JSON.parse(line),
        cms: answers[i],
        ours: JSON.parse(JSON.stringify(ours, (k, val) => (k === 'hacMet' ? undefined : val))),
      }),
    );
  });
  const oursMs = Date.now() - t1;
  const fixture = process.argv.includes('--fixture') ? arg('fixture', '') : '';
  if (fixture) fs.appendFileSync(fixture, claims.map((c, i) => JSON.stringify(compact(version, JSON.parse(claimLine(c)), answers[i]!))).join('\n') + '\n');
  fs.writeFileSync(path.join(out, `disagreements-v${version}.jsonl`), bad.length ? bad.join('\n') + '\n' : '');
  const aimCounts = new Map<string, number>();
  claims.forEach((c) => aimCounts.set(c.aim, (aimCounts.get(c.aim) ?? 0) + 1));
  const drgs = new Set(answers.map((a) => a.drg)).size;
  const line = `v${version}: ${claims.length} claims (${[...aimCounts].map(([a, n]) => `${a} ${n}`).join(', ')}; ${drgs} DRGs), ${bad.length} disagree${bad.length ? ` — fields ${[...byField].map(([f, n]) => `${f} ${n}`).join(', ')}; aims ${[...byAim].map(([a, n]) => `${a} ${n}`).join(', ')}` : ''}; affects_drg equal on ${((affects / claims.length) * 100).toFixed(1)} %; CMS ${cmsSeconds.toFixed(1)} s, ours ${oursMs} ms`;
  console.log(line);
  summary.push(line);
  if (bad.length) failed++;
}
console.log(`\nclaims, CMS answers and disagreements in ${out}`);
process.exit(failed ? 1 : 0);
