// The Charts worklist (issue #21): 1,000 generated charts in a temporary folder; the bundled server
// is started, initialized and asked for the worklist as the VS Code client asks. Figures: time
// from spawning the server to every chart listed with its summary (status, discharge date, MS-DRG,
// RW, open queries; the target is ≤ 2 s on this 2-core machine), then to every chart's counts
// (the rule pass), and the server's RSS. Needs `npm run build` (dist/server.js).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../../server/test/helpers/lspClient';
import { WorklistChangedNotification, WorklistRequest, type WorklistChangedParams, type WorklistResult } from '../../server/src/lsp/protocol';
import { CHART_STATUS_VALUES } from '../../server/src/chart/model';
import { fmt } from './util';

const root = join(__dirname, '..', '..');

/** `count` charts from the samples, each with its own encounter, a status and a discharge date, 100 per folder. */
function generate(dir: string, count: number): void {
  const texts = readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.chart'))
    .map((f) => readFileSync(join(root, 'samples', f), 'utf8'));
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `ward-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub);
    const status = CHART_STATUS_VALUES[i % CHART_STATUS_VALUES.length];
    const text = texts[i % texts.length].replace(/encounter: \S+/, `encounter: BENCH-${i}`).replace(/\n---\n/, `\nstatus: ${status}\n---\n`);
    writeFileSync(join(sub, `chart-${i}.chart`), text);
  }
}

/** CPU time a process has used (Linux /proc; NaN elsewhere): a figure the machine's other load barely moves. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

async function run(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-bench-worklist-'));
  generate(dir, count);
  const t0 = performance.now();
  const client = new LspClient();
  try {
    await client.initialize(pathToFileURL(dir).href, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    const initialized = performance.now() - t0;
    const first = await client.request<WorklistResult>(WorklistRequest.method, { folders: [pathToFileURL(dir).href] });
    const listed = new Set(first.charts.map((c) => c.uri));
    const counted = new Set(first.charts.filter((c) => c.counts).map((c) => c.uri));
    let allListed = NaN;
    let cpuListed = NaN;
    let seen = 0;
    for (;;) {
      await client.waitFor(WorklistChangedNotification.method, () => true, 120_000, seen);
      let state = { scanning: true, uncounted: 1 };
      for (; seen < client.notifications.length; seen++) {
        const n = client.notifications[seen];
        if (n.method !== WorklistChangedNotification.method) continue;
        const p = n.params as unknown as WorklistChangedParams;
        for (const c of p.charts) {
          listed.add(c.uri);
          if (c.counts) counted.add(c.uri);
        }
        state = p;
      }
      if (Number.isNaN(allListed) && listed.size >= count && !state.scanning) {
        allListed = performance.now() - t0;
        cpuListed = cpuMs(client.proc.pid!);
      }
      if (counted.size >= count && state.uncounted === 0) break;
    }
    const all = performance.now() - t0;
    const cpuAll = cpuMs(client.proc.pid!);
    const rss = (() => {
      try {
        return `${(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'))?.[1]) / 1024).toFixed(0)} MB`;
      } catch {
        return 'n/a';
      }
    })();
    console.log(
      `worklist of ${count} charts: server spawned → initialized ${fmt(initialized)}, → every chart listed with its summary ${fmt(allListed)} (target ≤ 2000 ms), → every chart's counts ${fmt(all)} (${fmt((all - allListed) / count)} per chart for the rules); server CPU time (user+system, from its start) ${fmt(cpuListed)} when listed, ${fmt(cpuAll)} when counted; server RSS ${rss}; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
    await client.shutdown();
  } finally {
    client.proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<void> {
  await run(1000);
}

if (require.main === module) void bench();
