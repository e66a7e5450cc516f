// The server's message reader on stdio: LSP base-protocol framing, read strictly. The library's
// reader logs nothing and waits forever after a malformed frame (a non-numeric Content-Length, a
// header ended by LF only), leaving a live server that never answers, which an editor does not
// restart. This one stops at the first framing error: main.ts logs one line (no message content)
// and exits non-zero, and the client starts a fresh server.
//
// It also answers every request that comes after `shutdown` with InvalidRequest, as the LSP
// specification asks, without handing it to the server.
import {
  AbstractMessageReader,
  ErrorCodes,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import type { Readable } from 'node:stream';

/** Longest header section accepted (a real one is under 100 bytes). */
const MAX_HEADER_BYTES = 8 * 1024;
/** Largest message accepted: a chart's documented maximum (50 MB) as JSON, with room to spare. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** A framing error: what was wrong, never the bytes themselves (they may be chart text). */
export class FramingError extends Error {}

export class StrictStreamMessageReader extends AbstractMessageReader implements MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = -1;
  private failed = false;
  /** Whether a `shutdown` request has come (an end of input then is an orderly exit). */
  shutdownReceived = false;

  constructor(
    private readonly readable: Readable,
    /** Where InvalidRequest answers to requests after `shutdown` are written. */
    private readonly writer?: MessageWriter,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.onData(chunk, callback);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('end', onClose);
        this.readable.off('close', onClose);
      },
    };
  }

  private fail(reason: string): void {
    this.failed = true;
    this.buffer = Buffer.alloc(0);
    this.fireError(new FramingError(reason));
  }

  private onData(chunk: Buffer, callback: DataCallback): void {
    if (this.failed) return;
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    while (!this.failed) {
      if (this.bodyLength < 0) {
        const headerEnd = this.buffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) {
          // Waiting for the rest of the header, unless what came cannot be the start of one.
          if (this.buffer.length > MAX_HEADER_BYTES) return this.fail('header section too long or not ended by CRLF CRLF');
          if (this.buffer.includes('\n\n')) return this.fail('header section ended by LF LF, not CRLF CRLF');
          return;
        }
        const length = contentLength(this.buffer.subarray(0, headerEnd).toString('ascii'));
        if (typeof length === 'string') return this.fail(length);
        this.bodyLength = length;
        this.buffer = this.buffer.subarray(headerEnd + 4);
      }
      if (this.buffer.length < this.bodyLength) return;
      const body = this.buffer.subarray(0, this.bodyLength).toString('utf8');
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      let message: Message | null = null;
      try {
        message = JSON.parse(body) as Message;
      } catch {
        /* answered below */
      }
      // A body of the right length that is not a JSON-RPC object: the stream is still in step, so
      // the sender gets an error and the server reads on (a body longer than its length leaves
      // bytes that fail as the next header, and that ends the connection).
      if (message === null || typeof message !== 'object' || Array.isArray(message)) {
        const parsed = message !== null;
        process.stderr.write(`[chartcoder] a message from the client is ${parsed ? 'not a JSON object' : 'not JSON'}; answered with an error\n`);
        void this.writer?.write({
          jsonrpc: '2.0',
          id: null,
          error: parsed
            ? { code: ErrorCodes.InvalidRequest, message: 'the message is not a JSON object' }
            : { code: ErrorCodes.ParseError, message: 'the message body is not JSON' },
        } as Message);
        continue;
      }
      if (this.answeredAfterShutdown(message)) continue;
      callback(message);
    }
  }

  /** A request after `shutdown` gets InvalidRequest here; `shutdown` itself passes (and is remembered). */
  private answeredAfterShutdown(message: Message): boolean {
    const { id, method } = message as { id?: unknown; method?: unknown };
    if (typeof method !== 'string' || (typeof id !== 'number' && typeof id !== 'string')) return false;
    if (!this.shutdownReceived) {
      if (method === 'shutdown') this.shutdownReceived = true;
      return false;
    }
    if (!this.writer) return false;
    void this.writer.write({ jsonrpc: '2.0', id, error: { code: ErrorCodes.InvalidRequest, message: `${method}: the server is shutting down` } } as Message);
    return true;
  }
}

/** The Content-Length of a header section, or what is wrong with it. */
export function contentLength(header: string): number | string {
  let length: number | null = null;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'header line without a name and a colon';
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name !== 'content-length') continue;
    if (!/^\d{1,10}$/.test(value)) return 'Content-Length is not a non-negative integer';
    length = Number(value);
  }
  if (length === null) return 'header without Content-Length';
  if (length > MAX_MESSAGE_BYTES) return `Content-Length over ${MAX_MESSAGE_BYTES} bytes`;
  return length;
}
