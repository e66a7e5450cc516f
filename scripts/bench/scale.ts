// Scale figures (issue #8): a 5 MB chart opened over LSP (time to diagnostics, hover latency while
// it is being re-diagnosed), a workspace of 2,000 charts opened, and `chartcoder check` over
// 10,000 generated charts (time, time to the first result — streaming — and peak RSS).
// Figures only; nothing here fails a build. Needs `npm run build` (dist/server.js, dist/cli.js).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from '../../server/test/helpers/lspClient';
import { fmt, percentile } from './util';

const root = join(__dirname, '..', '..');

function samples(withErrors = false): string[] {
  const dirs = withErrors ? ['samples', 'samples/errors'] : ['samples'];
  return dirs.flatMap((d) =>
    readdirSync(join(root, d))
      .filter((f) => f.endsWith('.chart'))
      .map((f) => readFileSync(join(root, d, f), 'utf8')),
  );
}

/** Peak and current RSS of a process, from /proc (Linux); null elsewhere. */
function rssOf(pid: number): { peakMb: number; nowMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { peakMb: kb('VmHWM') / 1024, nowMb: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}
const mb = (r: { peakMb: number; nowMb: number } | null) => (r ? `RSS ${r.nowMb.toFixed(0)} MB (peak ${r.peakMb.toFixed(0)} MB)` : 'RSS n/a');

/** A chart of about `bytes`: the header of a sample, then its note body repeated. */
function bigChart(bytes: number): string {
  const base = samples().sort((a, b) => b.length - a.length)[0];
  const header = /^---[\s\S]*?\n---\n/.exec(base)?.[0] ?? '';
  const body = base.slice(header.length).replace(/```abstract[\s\S]*$/, '');
  const parts = [header];
  let size = header.length;
  for (let i = 0; size < bytes; i++) {
    const chunk = `\n# Progress note ${i}\n${body}`;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('') + /```abstract[\s\S]*$/.exec(base)?.[0];
}

/** The server builds its completion search index shortly after start, blocking for seconds; the
 *  figures below are taken after it, and its duration is printed once. */
let indexReported = false;
async function afterWarmUp(client: LspClient): Promise<void> {
  const t0 = performance.now();
  const log = await client.waitFor('window/logMessage', (p) => /warm-up done/.test(String(p.message)), 60_000).catch(() => null);
  if (!indexReported)
    console.log(
      `server warm-up (search index and lazily read tables): ${log ? String(log.message).replace('[chartcoder] ', '') : 'no log line'} (waited ${fmt(performance.now() - t0)})`,
    );
  indexReported = true;
}

async function hoverLatencies(client: LspClient, uri: string, n: number, line: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: line + i, character: 25 } }, 60_000);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function fiveMegabytes(): Promise<void> {
  const text = bigChart(5_000_000);
  const lines = text.split('\n').length;
  const client = new LspClient();
  try {
    await client.initialize();
    await afterWarmUp(client);
    const uri = 'file:///tmp/chartcoder-bench/big.chart';
    let t0 = performance.now();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
    const first = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri, 120_000);
    console.log(
      `5 MB chart (${(text.length / 1e6).toFixed(1)} MB, ${lines} lines): open → diagnostics ${fmt(performance.now() - t0)} (${(first.diagnostics as unknown[]).length} findings), server ${mb(rssOf(client.proc.pid!))}`,
    );
    // Typing in it: each keystroke re-schedules (≥1500 ms debounce above 1 MB); hovers meanwhile.
    const since = client.notifications.length;
    t0 = performance.now();
    for (let v = 2; v <= 11; v++) {
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: 'x' }],
      });
      await new Promise((r) => setTimeout(r, 100));
    }
    const typing = await hoverLatencies(client, uri, 10, 12);
    console.log(`  hover while typing (10 keystrokes, 100 ms apart, diagnostics debounced): p50 ${fmt(percentile(typing, 50))}, max ${fmt(typing.at(-1)!)}`);
    // Hovers every 50 ms for 5 s after the last keystroke: the debounced re-diagnosis runs in this
    // window; a hover that arrives while it runs waits for it (the check is synchronous).
    const during: Promise<number>[] = [];
    const start = performance.now();
    while (performance.now() - start < 5000) {
      const h0 = performance.now();
      during.push(
        client.request('textDocument/hover', { textDocument: { uri }, position: { line: 20, character: 25 } }, 60_000).then(() => performance.now() - h0),
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    const d = (await Promise.all(during)).sort((a, b) => a - b);
    const published = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 11, 120_000, since);
    console.log(
      `  re-diagnosis of the final version published (${(published.diagnostics as unknown[]).length} findings); ${d.length} hovers sent every 50 ms meanwhile: p50 ${fmt(percentile(d, 50))}, p95 ${fmt(percentile(d, 95))}, max ${fmt(d.at(-1) ?? NaN)}`,
    );
    console.log(`  server ${mb(rssOf(client.proc.pid!))}`);
    await client.shutdown();
  } finally {
    client.proc.kill();
  }
}

async function workspace(count: number): Promise<void> {
  const texts = samples();
  const client = new LspClient();
  try {
    await client.initialize();
    await afterWarmUp(client);
    const before = rssOf(client.proc.pid!);
    const t0 = performance.now();
    const since = client.notifications.length;
    for (let i = 0; i < count; i++) {
      const text = texts[i % texts.length].replace(/encounter: \S+/, `encounter: BENCH-${i}`);
      client.notify('textDocument/didOpen', {
        textDocument: { uri: `file:///tmp/chartcoder-bench/ws/chart-${i}.chart`, languageId: 'chart', version: 1, text },
      });
    }
    const sent = performance.now() - t0;
    // An interactive request in the middle of the flood.
    const h0 = performance.now();
    await client.request(
      'textDocument/hover',
      { textDocument: { uri: 'file:///tmp/chartcoder-bench/ws/chart-0.chart' }, position: { line: 10, character: 30 } },
      120_000,
    );
    const hover = performance.now() - h0;
    const seen = new Set<string>();
    for (let k = since; seen.size < count;) {
      await client.waitFor('textDocument/publishDiagnostics', () => true, 300_000, k);
      for (; k < client.notifications.length; k++)
        if (client.notifications[k].method === 'textDocument/publishDiagnostics') seen.add(String(client.notifications[k].params.uri));
    }
    console.log(
      `workspace of ${count} charts opened: all didOpen sent in ${fmt(sent)}, diagnostics for all ${fmt(performance.now() - t0)} (${fmt((performance.now() - t0) / count)} per chart); a hover sent mid-flood answered in ${fmt(hover)}; server RSS ${before?.nowMb.toFixed(0)} → ${mb(rssOf(client.proc.pid!))}`,
    );
    await client.shutdown();
  } finally {
    client.proc.kill();
  }
}

async function cliOver(count: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-bench-cli-'));
  try {
    const texts = samples(true);
    for (let i = 0; i < count; i++) {
      const sub = join(dir, `batch-${Math.floor(i / 1000)}`);
      if (i % 1000 === 0) mkdirSync(sub);
      writeFileSync(join(sub, `chart-${i}.chart`), texts[i % texts.length].replace(/encounter: \S+/, `encounter: BENCH-${i}`));
    }
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(root, 'bin', 'chartcoder'), 'check', '--format', 'json', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let firstOut = NaN;
    let lines = 0;
    let peak = 0;
    child.stdout.on('data', (b: Buffer) => {
      if (Number.isNaN(firstOut) && b.includes('{')) firstOut = performance.now() - t0;
      for (const c of b) if (c === 10) lines++;
    });
    child.stderr.resume();
    const poll = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!)?.peakMb || 0)), 100);
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    clearInterval(poll);
    const total = performance.now() - t0;
    console.log(
      `chartcoder check over ${count} charts: ${fmt(total)} (${fmt(total / count)} per chart), exit ${code}, first finding on stdout after ${fmt(firstOut)} (streams), ${lines} output lines, peak RSS ${peak.toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<void> {
  const only = process.env.CHARTCODER_BENCH_ONLY; // fivemb | workspace | cli, to run one part
  if (!only || only === 'fivemb') await fiveMegabytes();
  if (!only || only === 'workspace') await workspace(2000);
  if (only && only !== 'cli') return;
  await cliOver(1_000);
  await cliOver(10_000);
}

if (require.main === module) void bench();
