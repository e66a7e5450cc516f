// `npm run fuzz`: the long local mode of the reliability property tests. Runs the same seeded
// properties as CI (server/test/reliability/) with many more cases and a fresh random seed each
// round, until the time is up or a property fails; a failure prints the seed to replay it:
//   CHARTCODER_FUZZ_SEED=<seed> CHARTCODER_FUZZ_RUNS=<n> npm run fuzz
// Options: --minutes <m> (default 10), --runs <multiplier> (default 20), --seed <n> (first round).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');
const TESTS = ['server/test/reliability/parser.property.test.ts', 'server/test/reliability/cli.property.test.ts'];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

function main(): void {
  const minutes = option('minutes', 10);
  const runs = option('runs', 20);
  let seed = option('seed', Number(process.env.CHARTCODER_FUZZ_SEED) || Math.floor(Math.random() * 2 ** 31));
  const until = Date.now() + minutes * 60_000;
  let rounds = 0;
  console.log(`fuzz: ${minutes} min, ${runs}× the CI case counts per round`);
  do {
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...TESTS], {
      cwd: root,
      env: { ...process.env, CHARTCODER_FUZZ_SEED: String(seed), CHARTCODER_FUZZ_RUNS: String(runs) },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    rounds++;
    if (r.status !== 0) {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      console.error(
        `\nfuzz: round ${rounds} FAILED. Replay: CHARTCODER_FUZZ_SEED=${seed} CHARTCODER_FUZZ_RUNS=${runs} node --import tsx --test ${TESTS.join(' ')}`,
      );
      process.exit(1);
    }
    console.log(`round ${rounds}: seed ${seed} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
  } while (Date.now() < until);
  console.log(`fuzz: ${rounds} rounds passed`);
}

main();
