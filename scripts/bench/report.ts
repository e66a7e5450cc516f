// The team report's speed (issue #21 §4): `chartcoder report` over 10,000 generated charts (the
// samples and the audit samples, renumbered) at --jobs 1 and --jobs 2 — charts/s, and the ratio
// the second core gives; with and without the guideline rules (--no-findings).
// Figures only. Needs `npm run build` (dist/cli.js).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const CHARTS = Number(process.env.CHARTCODER_BENCH_CHARTS ?? 10_000);

function generate(dir: string, n: number): void {
  const texts = ['samples', 'samples/audit'].flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f.endsWith('.chart'))
      .map((f) => readFileSync(join(root, d, f), 'utf8')),
  );
  for (let i = 0; i < n; i++) {
    const text = texts[i % texts.length]!.replace(/^encounter: .*$/m, `encounter: BENCH-${i}`);
    writeFileSync(join(dir, `c${String(i).padStart(5, '0')}.chart`), text);
  }
}

/** Wall-clock seconds, and CPU seconds (user + system, all threads) when /usr/bin/time can say: on a shared machine the wall clock mostly measures the other users. */
function run(dir: string, args: string[]): { seconds: number; cpu: number | null; ok: boolean; err: string } {
  const cli = [
    process.execPath,
    join(root, 'dist', 'cli.js'),
    'report',
    dir,
    '--format',
    'json',
    '--out',
    join(dir, 'report.json'),
    '--today',
    '2026-11-01',
    ...args,
  ];
  const timed = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = timed ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', ...cli], { encoding: 'utf8' }) : spawnSync(cli[0]!, cli.slice(1), { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { seconds, cpu: m ? Number(m[1]) + Number(m[2]) : null, ok: r.status === 0, err: r.stderr.slice(0, 300) };
}

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-bench-report-'));
  try {
    generate(dir, CHARTS);
    for (const findings of [true, false]) {
      const extra = findings ? [] : ['--no-findings'];
      const one = run(dir, ['--jobs', '1', ...extra]);
      const two = run(dir, ['--jobs', '2', ...extra]);
      if (!one.ok || !two.ok) throw new Error(one.err || two.err);
      const rate = (s: number) => Math.round(CHARTS / s);
      const cpu = (x: { cpu: number | null }) => (x.cpu === null ? '' : `, CPU ${x.cpu.toFixed(1)} s = ${rate(x.cpu)} charts per CPU-second`);
      console.log(
        `report over ${CHARTS.toLocaleString('en-US')} charts${findings ? ' (with findings by rule)' : ' (--no-findings)'}, load average ${loadavg()[0]!.toFixed(1)}:`,
      );
      console.log(`  --jobs 1: ${one.seconds.toFixed(1)} s wall, ${rate(one.seconds)} charts/s${cpu(one)}`);
      console.log(
        `  --jobs 2: ${two.seconds.toFixed(1)} s wall, ${rate(two.seconds)} charts/s${cpu(two)} · wall-clock speed-up ×${(one.seconds / two.seconds).toFixed(2)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
