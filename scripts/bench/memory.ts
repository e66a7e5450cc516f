// Memory (issue #16, item 8): the idle resident memory of the bundled language server after its
// warm-up (every table loaded; budget 150 MB), started as the VS Code client starts it (the Node
// flags of server/src/lsp/launch.ts), and the breakdown by table — what each one keeps,
// in the JavaScript heap and outside it (typed arrays, file bytes), measured after a full GC in a
// child process that loads the tables one step at a time, as the server's warm-up does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, SERVER_BUNDLE } from '../../server/test/helpers/lspClient';
import { existsSync } from 'node:fs';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
}

async function idleServer(): Promise<void> {
  if (!existsSync(SERVER_BUNDLE)) return console.log('server idle memory: dist/server.js not built (npm run build)');
  const runs: { rss: number; heap: number; external: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const client = new LspClient(['--stdio'], { ...process.env, CHARTCODER_DEBUG: '1' });
    try {
      await client.initialize();
      await client.waitFor('window/logMessage', (p) => /warm-up done/.test(String(p.message)), 120_000);
      await new Promise((r) => setTimeout(r, 1000)); // idle: nothing left to do
      const m = await client.request<{ heapUsed: number; external: number }>('chartcoder/debugMemory', {});
      runs.push({ rss: rssOf(client.proc.pid!), heap: m.heapUsed, external: m.external });
      await client.shutdown();
    } finally {
      client.proc.kill();
    }
  }
  runs.sort((a, b) => a.rss - b.rss);
  const median = runs[1];
  console.log(
    `server idle after the warm-up (every table loaded): RSS median ${mb(median.rss)} of ${runs.map((r) => mb(r.rss)).join(', ')} (budget 150 MB); JS heap ${mb(median.heap)}, outside the heap ${mb(median.external)}`,
  );
}

/** In the child (--expose-gc): each table's retained memory, in load order. */
async function breakdown(): Promise<void> {
  const { loadTables } = await import('../../server/src/tables/load');
  const { SearchEngine } = await import('../../server/src/search/engine');
  const gc = (globalThis as { gc?: () => void }).gc!;
  const snap = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return { heap: m.heapUsed, outside: m.external, rss: m.rss };
  };
  let last = snap();
  const rows: string[] = [];
  const step = (name: string, run: () => void) => {
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    const now = snap();
    rows.push(
      `  ${name.padEnd(24)} ${mb(now.heap - last.heap + now.outside - last.outside).padStart(8)}  (heap ${mb(now.heap - last.heap)}, outside ${mb(now.outside - last.outside)}; loaded in ${ms.toFixed(0)} ms)`,
    );
    last = now;
  };
  const start = last;
  let tables: ReturnType<typeof loadTables> | null = null;
  const kept: unknown[] = []; // what the server keeps: the engine is held as long as the tables
  step('code lists', () => void (tables = loadTables()));
  step('search index', () => void kept.push(new SearchEngine(tables!)));
  for (const s of tables!.warmUpSteps()) step(s.name, s.run);
  console.log(`retained by table (after a full GC; the search engine's own arrays included):\n${rows.join('\n')}`);
  console.log(`  ${'all tables'.padEnd(24)} ${mb(last.heap - start.heap + last.outside - start.outside).padStart(8)}`);
}

export async function bench(): Promise<void> {
  await idleServer();
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename], {
    env: { ...process.env, CHARTCODER_MEMORY_BREAKDOWN: '1' },
    encoding: 'utf8',
    cwd: join(__dirname, '..', '..'),
  });
  process.stdout.write(child.stdout);
  if (child.status !== 0) console.log(`  (breakdown failed: ${child.stderr.split('\n').slice(0, 3).join(' ')})`);
}

if (process.env.CHARTCODER_MEMORY_BREAKDOWN) void breakdown();
else if (require.main === module) void bench();
