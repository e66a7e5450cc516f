// The team report's records over many charts, on one thread or on N worker threads (`--jobs N`).
// Each worker loads the tables once, then takes batches of files from the main thread and sends
// back their records; the main thread hands the records on in any order with their index (the
// caller puts them back in file order). Charts are read in the workers, so the main thread only
// writes output.
import * as fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadCliExtras, loadCliTables } from '../cli/context';
import { LanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS } from '../service/context';
import { chartRecord, type ChartRecord, type RecordOptions } from './record';

export interface PoolOptions {
  jobs: number;
  tablesDir?: string;
  baseRate: number | null;
  record: RecordOptions;
}

/** A chart that could not be read. */
export interface RecordError {
  file: string;
  error: string;
}

export type RecordResult = ChartRecord | RecordError;

interface WorkerInit {
  chartcoderReportWorker: true;
  tablesDir?: string;
  baseRate: number | null;
  record: RecordOptions;
}

type ToWorker = { batch: { index: number; file: string; shownAs: string }[] } | { done: true };
type FromWorker = { ready: true } | { fatal: string } | { results: { index: number; result: RecordResult }[] };

const BATCH = 32;

/** A service over the tables, for one thread; null (with the reason) when the tables cannot be loaded. */
function makeService(tablesDir: string | undefined, baseRate: number | null, warn: (m: string) => void): LanguageService | { error: string } {
  const { tables, error } = loadCliTables(tablesDir);
  if (!tables) return { error: error ?? 'tables not loaded' };
  const extras = loadCliExtras(tables, warn);
  return new LanguageService({ tables, ...extras, settings: { ...DEFAULT_SETTINGS, baseRate } });
}

function recordOf(service: LanguageService, file: string, shownAs: string, options: RecordOptions): RecordResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file: shownAs, error: (e as Error).message };
  }
  try {
    return chartRecord(shownAs, text, service, options);
  } catch (e) {
    return { file: shownAs, error: `internal error: ${(e as Error).message}` };
  }
}

/**
 * Runs every file; `onResult` gets each result with its index in `files` (in any order when
 * jobs > 1). `shownAs` is the name a file is reported under. Rejects when the tables cannot be loaded.
 */
export async function runRecords(
  files: { file: string; shownAs: string }[],
  options: PoolOptions,
  onResult: (index: number, result: RecordResult) => void,
  warn: (m: string) => void,
): Promise<void> {
  const jobs = Math.max(1, Math.min(options.jobs, Math.ceil(files.length / BATCH) || 1));
  if (jobs === 1) {
    const service = makeService(options.tablesDir, options.baseRate, warn);
    if ('error' in service) throw new Error(service.error);
    files.forEach((f, i) => onResult(i, recordOf(service, f.file, f.shownAs, options.record)));
    return;
  }
  let next = 0;
  const init: WorkerInit = { chartcoderReportWorker: true, tablesDir: options.tablesDir, baseRate: options.baseRate, record: options.record };
  // A worker runs this very module: the bundle (dist/cli.js) as is, the TypeScript sources through
  // tsx's require hook (Worker takes no .ts entry). The name is built so the bundler leaves it alone.
  const tsxHook = ['tsx', 'cjs'].join('/');
  const workerCode = __filename.endsWith('.ts')
    ? `require(${JSON.stringify(require.resolve(tsxHook))}); require(${JSON.stringify(__filename)});`
    : `require(${JSON.stringify(__filename)});`;
  const run = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= files.length) {
          w.postMessage({ done: true } satisfies ToWorker);
          return;
        }
        const batch = files.slice(next, next + BATCH).map((f, j) => ({ index: next + j, ...f }));
        next += batch.length;
        w.postMessage({ batch } satisfies ToWorker);
      };
      w.on('message', (m: FromWorker) => {
        if ('fatal' in m) reject(new Error(m.fatal));
        else if ('ready' in m) send();
        else {
          for (const r of m.results) onResult(r.index, r.result);
          send();
        }
      });
      w.on('error', reject);
      w.on('exit', () => resolve());
    });
  const workers = Array.from({ length: jobs }, () => new Worker(workerCode, { eval: true, workerData: init }));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker's side: load the tables, then answer batches until told it is done. */
function startWorker(init: WorkerInit): void {
  const port = parentPort!;
  const service = makeService(init.tablesDir, init.baseRate, () => {});
  if ('error' in service) {
    port.postMessage({ fatal: service.error } satisfies FromWorker);
    return;
  }
  port.on('message', (m: ToWorker) => {
    if ('done' in m) {
      port.close();
      return;
    }
    port.postMessage({ results: m.batch.map((b) => ({ index: b.index, result: recordOf(service, b.file, b.shownAs, init.record) })) } satisfies FromWorker);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}

if (!isMainThread && (workerData as WorkerInit | undefined)?.chartcoderReportWorker) startWorker(workerData as WorkerInit);
