// A minimal LSP client for tests: Content-Length framing, requests with ids, notifications
// collected by method, requests from the server answered (and recorded). RpcTestClient speaks over
// any pair of streams (an in-process server: server/test/helpers/inProcess.ts); LspClient drives
// the real, bundled server (dist/server.js) over stdio.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { SERVER_NODE_FLAGS } from '../../src/lsp/launch';

export const SERVER_BUNDLE = join(__dirname, '..', '..', '..', 'dist', 'server.js');

type Json = Record<string, unknown>;

export class RpcTestClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly notifications: { method: string; params: Json }[] = [];
  /** Requests the server sent (workspace/applyEdit, client/registerCapability …), in order. */
  readonly serverRequests: { method: string; params: Json }[] = [];
  private readonly listeners: (() => void)[] = [];
  stderr = '';
  /** Sent in `initialize`; an in-process server must get null (else it watches this process). */
  processId: number | null = process.pid;

  constructor(
    private readonly toServer: Writable,
    fromServer: Readable,
  ) {
    fromServer.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Json;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Json): void {
    if (typeof message.id === 'number' && ('result' in message || 'error' in message)) {
      const w = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error) w?.reject(new Error(JSON.stringify(message.error)));
      else w?.resolve(message.result);
    } else if (message.method && message.id !== undefined) {
      // A request from the server (workspace/configuration, window/workDoneProgress/create …).
      this.serverRequests.push({ method: message.method as string, params: (message.params ?? {}) as Json });
      const result =
        message.method === 'workspace/configuration'
          ? (message.params as { items: unknown[] }).items.map(() => this.configuration)
          : message.method === 'workspace/applyEdit'
            ? { applied: true }
            : null;
      this.write({ jsonrpc: '2.0', id: message.id, result });
      for (const l of this.listeners.splice(0)) l();
    } else if (message.method) {
      this.notifications.push({ method: message.method as string, params: (message.params ?? {}) as Json });
      for (const l of this.listeners.splice(0)) l();
    }
  }

  /** Settings answered to workspace/configuration. */
  configuration: unknown = {};

  private write(message: Json): void {
    const body = Buffer.from(JSON.stringify(message));
    this.toServer.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.toServer.write(body);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 10_000): Promise<T> {
    const id = this.nextId++;
    this.write({ jsonrpc: '2.0', id, method, params: params as Json });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out; stderr: ${this.stderr}`)), timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params: params as Json });
  }

  /** Waits for a notification that satisfies `match` (including ones already received after `since`). */
  async waitFor(method: string, match: (params: Json) => boolean = () => true, timeoutMs = 10_000, since = 0): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    let seen = since;
    for (;;) {
      for (; seen < this.notifications.length; seen++) {
        const n = this.notifications[seen];
        if (n.method === method && match(n.params)) return n.params;
      }
      if (Date.now() > deadline) throw new Error(`no ${method} within ${timeoutMs} ms; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async initialize(rootUri: string | null = null, capabilities: Json = {}): Promise<Json> {
    const result = await this.request<Json>('initialize', { processId: this.processId, rootUri, capabilities, initializationOptions: {} });
    this.notify('initialized', {});
    return result;
  }

  /** Waits for a request from the server that satisfies `match` (including ones already received after `since`). */
  async waitForServerRequest(method: string, match: (params: Json) => boolean = () => true, timeoutMs = 10_000, since = 0): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (let seen = since; ;) {
      for (; seen < this.serverRequests.length; seen++) {
        const r = this.serverRequests[seen];
        if (r.method === method && match(r.params)) return r.params;
      }
      if (Date.now() > deadline) throw new Error(`no ${method} request within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.listeners.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The `shutdown` request (no `exit`: for an in-process server that would end this process). */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    return null;
  }
}

export class LspClient extends RpcTestClient {
  readonly proc: ChildProcessWithoutNullStreams;

  constructor(args: string[] = ['--stdio'], env: NodeJS.ProcessEnv = process.env) {
    // Started the way the VS Code client starts it (the same Node flags).
    const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, SERVER_BUNDLE, ...args], { env });
    super(proc.stdin, proc.stdout);
    this.proc = proc;
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** shutdown, exit, and the server process's exit code. */
  override async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.on('exit', (code) => resolve(code));
    });
  }
}
