// The diagnostics scheduler. Diagnostics are pushed (textDocument/publishDiagnostics), debounced
// per document: push works with every client we support (VS Code, Neovim 0.7, Emacs/eglot), while
// pull diagnostics need LSP 3.17 clients. A result is published only if the document is still at
// the version it was computed for, so a stale computation never overwrites newer diagnostics.
//
// Timers that expire together (a workspace of 2,000 charts opened at once) go through a queue
// drained one chart per event-loop turn, so requests are answered in between; a chart over
// STEPWISE_CHARS is itself checked one rule per turn. See docs/architecture.md.
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../service/context';
import type { ServerLog } from './log';

/** Above this size a chart's rules run one per event-loop turn (a 5 MB chart takes seconds). */
export const STEPWISE_CHARS = 200_000;
/**
 * jsonrpc handles one message per setImmediate turn, so a flood of didOpen/didChange would still
 * alternate with diagnostics runs and a request behind the flood would wait for all of them:
 * while document events keep arriving, diagnostics wait for a lull this long.
 */
const LULL_MS = 25;

/** Where a finished run goes (the document is still at the version checked): the server publishes the findings and the status. */
export type Publish = (doc: TextDocument, findings: Finding[], elapsedMs: number) => void;

export interface SchedulerDeps {
  documents: TextDocuments<TextDocument>;
  log: ServerLog;
  /** The typing delay as the settings say now. */
  delayMs(): number;
  /** The findings of this version of the document, one rule per step (the parse is the first). */
  findingSteps(doc: TextDocument): Generator<string, Finding[]>;
  publish: Publish;
}

export class DiagnosticsScheduler {
  /** Armed timers, one per document. */
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Runs whose timer expired, waiting for their turn: uri → version. */
  private readonly due = new Map<string, number>();
  private draining = false;
  private lastDocumentEvent = 0;
  private disposed = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** True while a check is armed or waiting: the warm-up lets it go first. */
  get busy(): boolean {
    return this.pending.size > 0 || this.due.size > 0;
  }

  /** Armed timers (for the memory report). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Large documents get a longer delay so typing in them stays fluid. */
  delayFor(doc: TextDocument): number {
    const base = this.deps.delayMs();
    const size = doc.getText().length;
    return size > 1_000_000 ? Math.max(base, 1500) : size > 200_000 ? Math.max(base, 500) : base;
  }

  /** (Re)arms the check of `doc`: after the typing delay, or `delay` ms (0: a chart just opened). */
  schedule(doc: TextDocument, delay = this.delayFor(doc)): void {
    if (this.disposed) return;
    this.lastDocumentEvent = Date.now();
    const previous = this.pending.get(doc.uri);
    if (previous) clearTimeout(previous);
    const { uri, version } = doc;
    this.pending.set(
      uri,
      setTimeout(() => this.queue(uri, version), delay),
    );
  }

  /** Every open chart again, at once (the settings changed). */
  scheduleAll(): void {
    for (const doc of this.deps.documents.all()) this.schedule(doc, 0);
  }

  /** A closed document: no run for it any more. */
  forget(uri: string): void {
    const t = this.pending.get(uri);
    if (t) clearTimeout(t);
    this.pending.delete(uri);
    this.due.delete(uri);
  }

  /** No more runs: every timer cleared (the server is going away). */
  dispose(): void {
    this.disposed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.due.clear();
  }

  private queue(uri: string, version: number): void {
    this.due.set(uri, version);
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    const next = this.due.entries().next();
    if (next.done) {
      this.draining = false;
      return;
    }
    const quiet = Date.now() - this.lastDocumentEvent;
    if (quiet < LULL_MS) {
      setTimeout(() => this.drain(), LULL_MS - quiet);
      return;
    }
    const [uri, version] = next.value;
    this.due.delete(uri);
    this.check(uri, version, () => setImmediate(() => this.drain()));
  }

  /**
   * Checks a chart and publishes the findings, then calls `done`. A chart over STEPWISE_CHARS runs
   * one rule per turn of the event loop: requests (hover, completion) are answered between the
   * rules, and a run whose chart changed meanwhile stops (the change has scheduled a newer one).
   * A smaller chart runs all its rules in this turn.
   */
  private check(uri: string, version: number, done: () => void): void {
    const { documents, log } = this.deps;
    this.pending.delete(uri);
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return done(); // closed or changed since: a newer run is scheduled
    const t0 = performance.now();
    const stepwise = doc.getText().length > STEPWISE_CHARS;
    const fail = (e: unknown) => {
      log.error('diagnostics failed', e);
      done();
    };
    let steps: Generator<string, Finding[]>;
    try {
      steps = this.deps.findingSteps(doc);
    } catch (e) {
      return fail(e);
    }
    const step = (): void => {
      if (documents.get(uri)?.version !== version) {
        log.info(`diagnostics: a run of ${Math.round(performance.now() - t0)} ms dropped, the chart changed`);
        return done();
      }
      try {
        for (let r = steps.next(); ; r = steps.next()) {
          if (r.done) {
            this.deps.publish(doc, r.value, performance.now() - t0);
            return done();
          }
          if (stepwise) break;
        }
      } catch (e) {
        return fail(e);
      }
      setImmediate(step);
    };
    if (stepwise) setImmediate(step);
    else step();
  }
}
