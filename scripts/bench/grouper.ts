// MS-DRG grouper figures: table load time, `group --claims` throughput on one core over the
// oracle claims, the same claims through CMS's Java grouper when java is present (ratio), and
// the hover DRG-impact latency.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMsdrgTables } from '../../server/src/grouper/tables';
import { defaultTablesDir } from '../../server/src/tables/format';
import { groupCommand } from '../../server/src/cli/commands/group';
import { additionImpact, removalImpact, alternativePrincipals, type DrgAbstract } from '../../server/src/grouper/impact';
import { fmt, percentile, timeRuns } from './util';

const root = join(__dirname, '..', '..');
const oracle = process.env.CHARTCODER_ORACLE ?? join(root, '..', 'shared', 'oracle');

export async function bench(): Promise<void> {
  const dir = defaultTablesDir();
  const loads = timeRuns(5, () => loadMsdrgTables(dir), 1);
  console.log(`grouper tables load: p50 ${fmt(percentile(loads, 50))}, max ${fmt(loads[loads.length - 1]!)} (target ≤ 150 ms)`);
  const tables = loadMsdrgTables(dir);

  const claimsFile = join(oracle, 'claims-v430.jsonl');
  if (!existsSync(claimsFile)) {
    console.log(`claims/s: skipped (no ${claimsFile})`);
  } else {
    // The oracle claims, repeated to about 60,000 lines, through the CLI command itself (table
    // load and first-lookup indexes included; the fixed start-up is reported on its own).
    const lines = readFileSync(claimsFile, 'utf8').trim().split('\n');
    const reps = Math.max(1, Math.ceil(60000 / lines.length));
    const work = mkdtempSync(join(tmpdir(), 'cc-bench-'));
    const big = join(work, 'claims.jsonl');
    writeFileSync(big, Array.from({ length: reps }, () => lines.join('\n')).join('\n') + '\n');
    const n = lines.length * reps;
    const io = { out: () => {}, err: () => {}, cwd: work, isTTY: false };
    const one = join(work, 'one.jsonl');
    writeFileSync(one, lines[0] + '\n');
    await groupCommand.run(['--claims', claimsFile, '--version', '430'], io); // warm-up
    const s0 = performance.now();
    await groupCommand.run(['--claims', one, '--version', '430'], io);
    console.log(`group --claims start-up (load tables, group 1 claim): ${fmt(performance.now() - s0)}`);
    // End to end as `group --claims` answers by default (grouper and Code Editor), and grouper only.
    const timeIt = async (extra: string[]) => {
      let b = Infinity;
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        await groupCommand.run(['--claims', big, '--version', '430', ...extra], io);
        b = Math.min(b, performance.now() - t0);
      }
      return b;
    };
    const best = await timeIt([]);
    const bestNoMce = await timeIt(['--no-mce']);
    const inProcess = (n / best) * 1000;
    console.log(
      `group --claims in this process (tsx, unbundled), grouper + MCE: ${n} claims in ${fmt(best)} → ${Math.round(inProcess).toLocaleString('en-US')} claims/s`,
    );
    console.log(
      `group --claims --no-mce in this process: ${n} claims in ${fmt(bestNoMce)} → ${Math.round((n / bestNoMce) * 1000).toLocaleString('en-US')} claims/s`,
    );

    // The command as shipped: bundled with esbuild like dist/cli.js, run as its own node process
    // (one core; process start and table load included).
    let ours = inProcess;
    try {
      const esbuild = await import('esbuild');
      const entry = join(work, 'group-cli.ts');
      writeFileSync(
        entry,
        `import { groupCommand } from ${JSON.stringify(join(root, 'server/src/cli/commands/group'))};\n` +
          `groupCommand.run(process.argv.slice(2), { out: (t) => process.stdout.write(t + '\\n'), err: (t) => process.stderr.write(t + '\\n'), cwd: process.cwd(), isTTY: false }).then((c) => process.exit(c));\n`,
      );
      const bundle = join(work, 'group-cli.js');
      esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', outfile: bundle, logLevel: 'silent' });
      let bestProc = Infinity;
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [bundle, '--claims', big, '--version', '430', '--out', join(work, 'answers.jsonl')], {
          env: { ...process.env, CHARTCODER_TABLES: dir.replace(/[\\/]msdrg$/, '') },
        });
        if (r.status !== 0) throw new Error(r.stderr.toString().slice(0, 200));
        bestProc = Math.min(bestProc, performance.now() - t0);
      }
      ours = (n / bestProc) * 1000;
      console.log(
        `group --claims (bundled CLI process, one core; grouper + MCE, answer file written): ${n} claims in ${fmt(bestProc)} → ${Math.round(ours).toLocaleString('en-US')} claims/s (target ≥ 20,000)`,
      );
    } catch (e) {
      console.log(`group --claims bundled run skipped: ${(e as Error).message}`);
    }

    const runSh = join(oracle, 'cms-grouper', 'run.sh');
    const java = spawnSync('java', ['-version']).status === 0;
    if (java && existsSync(runSh)) {
      // Two rounds of the oracle claims (a minute per 60,000 claims would make the bench slow);
      // its own steady rate is what it prints after start-up. With the MCE, as ours answers.
      const javaClaims = Array.from({ length: 2 }, () => lines.join('\n')).join('\n') + '\n';
      const t0 = performance.now();
      const r = spawnSync(runSh, ['--version', '430'], { input: javaClaims, maxBuffer: 1 << 30 });
      const wall = performance.now() - t0;
      const stderr = r.stderr.toString();
      const m = /init ([\d.]+) s, (\d+) claims\/s/.exec(stderr);
      const javaRate = m ? Number(m[2]) : ((lines.length * 2) / wall) * 1000;
      console.log(
        `CMS Java grouper + MCE (run.sh, the oracle claims twice): ${Math.round(javaRate).toLocaleString('en-US')} claims/s after ${m ? m[1] : '?'} s start-up; wall ${fmt(wall)}`,
      );
      const oursWall = (best / n) * lines.length * 2;
      console.log(
        `ratio: ${(ours / javaRate).toFixed(1)}× the Java grouper's throughput (${(wall / oursWall).toFixed(1)}× by wall time on ${lines.length * 2} claims incl. its start-up)`,
      );
    } else console.log('CMS Java grouper: skipped (java or run.sh not found)');
    try {
      execFileSync('rm', ['-rf', work]);
    } catch {
      /* temp folder; the OS cleans it */
    }
  }

  // Hover: one code's DRG impact on a 12-diagnosis abstract (removal and addition), and the PDX hover.
  const abs: DrgAbstract = {
    pdx: 'I5023',
    sdx: ['N184', 'J9601', 'E1122', 'I110', 'E785', 'Z794', 'D631', 'E871', 'N179', 'J449', 'F17210'].map((code) => ({ code, poa: 'Y' as const })),
    procs: ['5A1955Z'],
    age: 74,
    sex: 'F',
    dstat: '01',
    version: '430',
  };
  const removal = timeRuns(2000, () => removalImpact(tables, abs, 1), 200);
  const addition = timeRuns(2000, () => additionImpact(tables, abs, { code: 'R6521', poa: 'Y' }), 200);
  const pdxHover = timeRuns(500, () => alternativePrincipals(tables, abs), 50);
  console.log(`hover DRG impact (removal): p50 ${fmt(percentile(removal, 50))}, p95 ${fmt(percentile(removal, 95))} (target ≤ 5 ms p95)`);
  console.log(`hover DRG impact (addition): p50 ${fmt(percentile(addition, 50))}, p95 ${fmt(percentile(addition, 95))}`);
  console.log(`PDX hover (${abs.sdx.length} alternative principals): p50 ${fmt(percentile(pdxHover, 50))}, p95 ${fmt(percentile(pdxHover, 95))}`);
}
