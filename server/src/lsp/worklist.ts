// The Charts worklist on the server: every chart under the client's workspace folders with its
// summary (service/features/chartSummary.ts), kept up to date and pushed to the client
// (protocol.ts: WorklistRequest, then WorklistChangedNotification).
//
// Fast first, complete next. Each chart is summarized twice: first quickly (parse and grouping:
// status, dates, MS-DRG, RW, open queries), then with the rule pass (errors, warnings, CDI
// opportunities). Every quick summary comes before any rule pass, so a workspace of 1,000 charts
// is listed within about a second of the server's start, and the counts fill in after. The work
// runs in slices of a few milliseconds between turns of the event loop and waits while open charts
// are being checked: requests (hover, completion) and diagnostics go first.
//
// An open chart is summarized from the editor's version (the analysis the diagnostics computed);
// a chart that is not open from its file, read with chartFiles.ts, analysed and not kept. File
// changes come from the client's watcher (didChangeWatchedFiles), an edit from the diagnostics of
// the open chart, a close reads the file again. The log gets counts and timings, never chart text
// or file names.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Session } from './session';
import { WorklistChangedNotification, type WorklistEntry, type WorklistResult, type WorklistState } from './protocol';
import { findChartFiles, isChartFile, isInside, readChartFile, realPathInside } from './chartFiles';

/** How long one slice of work holds the event loop. */
const SLICE_MS = 12;
/** Charts taken off a queue at once. */
const BATCH = 32;
/** Changes are pushed at most this often. */
const PUSH_EVERY_MS = 150;
/** The list stops growing here (the log says so). */
const MAX_CHARTS = 50_000;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A chart file of the worklist: the path it is listed under and the real path it is read from. */
interface ChartFile {
  file: string;
  real: string;
}

export class Worklist {
  /** The workspace folders (absolute paths) the client asked about. */
  private folders: string[] = [];
  private readonly files = new Map<string, ChartFile>();
  /** By path (file) — the URI the client knows it by is in the entry. */
  private readonly entries = new Map<string, WorklistEntry>();
  /** Paths to summarize quickly (new or changed files), then to count (rules not run yet). */
  private readonly quick = new Set<string>();
  private readonly uncounted = new Set<string>();
  private scans = 0;
  /** Charts taken off a queue and not summarized yet. */
  private readonly inFlight = { quick: 0, count: 0 };
  private generation = 0;
  private subscribed = false;
  private running = false;
  private disposed = false;
  private readonly changed = new Map<string, WorklistEntry>();
  private readonly removed = new Set<string>();
  private pushTimer: NodeJS.Timeout | undefined;
  private lastState = '';
  private startedAt = 0;

  /** The open charts by path (the client may spell a URI otherwise than pathToFileURL does). */
  private readonly open = new Map<string, string>();

  constructor(private readonly session: Session) {
    session.documents.onDidOpen((e) => {
      const file = pathOfUri(e.document.uri);
      if (file) this.open.set(file, e.document.uri);
    });
    session.documents.onDidClose((e) => {
      const file = pathOfUri(e.document.uri);
      if (!file) return;
      this.open.delete(file);
      this.chartClosed(file);
    });
  }

  /** The client asks for the charts of `folders` (file: URIs): the list so far, and updates from now on. */
  subscribe(folderUris: readonly string[], rescan = false): WorklistResult {
    this.subscribed = true;
    const folders = [...new Set(folderUris.map(pathOfUri).filter((f): f is string => f !== null))].sort();
    if (rescan || folders.join('\n') !== this.folders.join('\n')) this.useFolders(folders);
    // Again from the files: a chart gone since is dropped when it cannot be read.
    if (rescan) for (const file of this.files.keys()) this.enqueue(file);
    return { charts: [...this.entries.values()], ...this.state() };
  }

  /** An open chart was checked: its summary from the editor's version, with the findings just published. */
  chartChecked(doc: TextDocument): void {
    const file = pathOfUri(doc.uri);
    if (!this.subscribed || !file || !this.covers(file)) return;
    if (!this.files.has(file)) this.files.set(file, { file, real: file });
    this.quick.delete(file);
    this.uncounted.delete(file);
    this.set(file, { uri: doc.uri, ...this.session.service.chartSummary(this.session.input(doc), true) });
  }

  /** A chart was closed: its file is what counts again (or it is gone, when it was never saved). */
  private chartClosed(file: string): void {
    if (this.subscribed && this.covers(file) && this.files.has(file)) this.enqueue(file);
  }

  /** Files created, changed or deleted (the client's watcher). */
  filesChanged(changes: readonly FileEvent[]): void {
    if (!this.subscribed) return;
    for (const change of changes) {
      const file = pathOfUri(change.uri);
      if (!file || !isChartFile(file) || !this.covers(file) || this.openDocument(file)) continue;
      if (change.type === FileChangeType.Deleted) this.remove(file);
      else if (this.files.has(file)) this.enqueue(file);
      else {
        // A new file: a link is listed only when it leads to a chart inside a folder (as in the scan).
        const real = realPathInside(file, this.folders);
        if (!real) continue;
        this.files.set(file, { file, real });
        this.enqueue(file);
      }
    }
  }

  /** The rules' levels may have changed (a .chartcoder.json): count every chart that is not open again. */
  settingsChanged(): void {
    if (!this.subscribed) return;
    for (const file of this.entries.keys()) if (!this.openDocument(file)) this.uncounted.add(file);
    this.run();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.pushTimer);
  }

  private useFolders(folders: string[]): void {
    this.generation++;
    this.folders = folders;
    for (const file of [...this.files.keys()]) if (!this.covers(file)) this.remove(file);
    this.startedAt = performance.now();
    for (const folder of folders) void this.scan(folder, this.generation);
  }

  private async scan(folder: string, generation: number): Promise<void> {
    this.scans++;
    let found = 0;
    try {
      for await (const chart of findChartFiles(folder)) {
        if (generation !== this.generation || this.disposed) return;
        if (this.files.size >= MAX_CHARTS) {
          this.session.log.error(`worklist: more than ${MAX_CHARTS} charts in the workspace; the list stops there`);
          return;
        }
        found++;
        if (this.files.has(chart.file)) continue;
        this.files.set(chart.file, chart);
        this.enqueue(chart.file);
      }
    } catch (e) {
      this.session.log.error('worklist: a folder could not be read', e);
    } finally {
      this.scans--;
      this.session.log.info(`worklist: ${found} charts found in a workspace folder in ${Math.round(performance.now() - this.startedAt)} ms`);
      this.pushSoon();
    }
  }

  /** True while charts wait for their quick summary: the warm-up lets the list fill first. */
  get busy(): boolean {
    return this.state().scanning;
  }

  /** Whether `file` (an absolute path) is a chart of the list. */
  lists(file: string): boolean {
    return this.files.has(path.resolve(file));
  }

  private covers(file: string): boolean {
    return this.folders.some((folder) => isInside(folder, file));
  }

  private openDocument(file: string): TextDocument | undefined {
    const uri = this.open.get(file);
    return uri === undefined ? undefined : this.session.documents.get(uri);
  }

  private enqueue(file: string): void {
    this.quick.add(file);
    this.uncounted.add(file);
    this.run();
  }

  private set(file: string, entry: WorklistEntry): void {
    this.entries.set(file, entry);
    this.removed.delete(entry.uri);
    this.changed.set(file, entry);
    this.pushSoon();
  }

  private remove(file: string): void {
    const entry = this.entries.get(file);
    this.files.delete(file);
    this.entries.delete(file);
    this.quick.delete(file);
    this.uncounted.delete(file);
    this.changed.delete(file);
    if (entry) {
      this.removed.add(entry.uri);
      this.pushSoon();
    }
  }

  /** Works through the queues (quick summaries first) unless already at it. */
  private run(): void {
    if (this.running || this.disposed) return;
    this.running = true;
    void this.work()
      .catch((e: unknown) => this.session.log.error('worklist failed', e))
      .finally(() => {
        this.running = false;
        this.pushSoon();
        if (this.quick.size || this.uncounted.size) setTimeout(() => this.run(), 50); // anything queued after the last batch
      });
  }

  private async work(): Promise<void> {
    let countsFrom = NaN;
    while (!this.disposed) {
      // Open charts being checked go first (they are what the user is looking at).
      if (this.session.diagnostics.busy) {
        await sleep(20);
        continue;
      }
      const counting = this.quick.size === 0;
      const queue = counting ? this.uncounted : this.quick;
      const batch = [...take(queue, BATCH)];
      if (!batch.length) break;
      if (counting && Number.isNaN(countsFrom)) {
        countsFrom = performance.now();
        this.session.log.info(
          `worklist: ${this.entries.size} charts summarized ${Math.round(countsFrom - this.startedAt)} ms after the folders were asked for`,
        );
      }
      for (const file of batch) queue.delete(file);
      // Still counted as waiting until summarized, so the state pushed meanwhile never says "done" early.
      const phase = counting ? 'count' : 'quick';
      this.inFlight[phase] = batch.length;
      let slice = performance.now();
      for (let i = 0; i < batch.length; i++) {
        try {
          this.summarize(batch[i], counting);
        } catch (e) {
          this.session.log.error('worklist: a chart could not be summarized', e);
          this.uncounted.delete(batch[i]);
        }
        this.inFlight[phase]--;
        if (performance.now() - slice > SLICE_MS) {
          await tick();
          slice = performance.now();
        }
      }
      this.inFlight[phase] = 0;
      await tick();
    }
    if (!Number.isNaN(countsFrom)) this.session.log.info(`worklist: rules run on the charts in ${Math.round(performance.now() - countsFrom)} ms`);
  }

  private summarize(file: string, counting: boolean): void {
    if (!this.files.has(file)) return; // removed meanwhile
    const doc = this.openDocument(file);
    if (doc) {
      // Decided now, synchronously: the editor's text, never the file's, for an open chart.
      this.uncounted.delete(file);
      this.set(file, { uri: doc.uri, ...this.session.service.chartSummary(this.session.input(doc), true) });
      return;
    }
    const uri = this.entries.get(file)?.uri ?? pathToFileURL(file).href;
    const read = readChartFile(this.files.get(file)!.real);
    if ('problem' in read) {
      if (read.missing) return this.remove(file);
      this.uncounted.delete(file);
      return this.set(file, { ...EMPTY, uri, problem: read.problem });
    }
    // A key the service never holds an editor document under: the file's text is analysed, not kept.
    const summary = this.session.service.chartSummary(
      { uri: `worklist:${uri}`, version: 0, text: read.text, settings: this.session.settings.forDocument(uri) },
      counting,
    );
    const before = this.entries.get(file);
    // A quick summary of an unchanged chart keeps the counts it had until they are recomputed.
    const counts = summary.counts ?? (before?.counts && sameQuick(before, summary) ? before.counts : undefined);
    this.set(file, { uri, ...summary, ...(counts ? { counts } : {}) });
  }

  private state(): WorklistState {
    return { scanning: this.scans > 0 || this.quick.size + this.inFlight.quick > 0, uncounted: this.uncounted.size + this.inFlight.count };
  }

  private pushSoon(): void {
    if (!this.subscribed || this.pushTimer || this.disposed) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = undefined;
      this.push();
    }, PUSH_EVERY_MS);
  }

  private push(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (!this.changed.size && !this.removed.size && key === this.lastState) return;
    this.lastState = key;
    const charts = [...this.changed.values()];
    const removed = [...this.removed];
    this.changed.clear();
    this.removed.clear();
    void this.session.connection.sendNotification(WorklistChangedNotification, { charts, removed, ...state });
  }
}

const EMPTY: Omit<WorklistEntry, 'uri'> = {
  encounter: null,
  status: null,
  assigned: null,
  coded: null,
  admitted: null,
  discharged: null,
  drg: null,
  openQueries: 0,
};

function sameQuick(a: WorklistEntry, b: Omit<WorklistEntry, 'uri'>): boolean {
  const { counts: _a, uri: _u, ...restA } = a;
  const { counts: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

function* take<T>(set: Set<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const x of set) {
    yield x;
    if (--n <= 0) return;
  }
}

/** The path of a file: URI; null for other schemes. */
function pathOfUri(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return null;
  }
}
