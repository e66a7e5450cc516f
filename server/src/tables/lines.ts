// A sorted line table: the bytes of a built file whose lines are `key<TAB>rest`, sorted by key (a
// key may repeat on consecutive lines; keys are ASCII), kept as they were read and searched in
// place. Loading only notes where each line starts (one typed array); nothing is decoded until a
// key is asked for, so the grouper's, the Code Editor's and the tabular list's tables cost their
// bytes (outside the JavaScript heap) and 4 bytes a line.
import { lowerBound } from '../base/binarySearch';

const TAB = 9;
const NEWLINE = 10;

export class SortedLines {
  /** Start offset of each line, plus one past the end of the text (so a line ends at starts[i + 1] - 1). */
  private readonly starts: Uint32Array;
  readonly count: number;

  /** The bytes as a plain Uint8Array (indexing one is faster than indexing a Buffer), and as a Buffer (to decode). */
  private readonly bytes: Uint8Array;

  /** `where` names the file in errors (a line out of order, or without a tab). */
  constructor(bytes: Uint8Array, where: string) {
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let n = 0;
    for (let i = buf.indexOf(NEWLINE); i >= 0; i = buf.indexOf(NEWLINE, i + 1)) n++;
    if (buf.length > 0 && buf[buf.length - 1] !== NEWLINE) n++;
    const starts = new Uint32Array(n + 1);
    const tabs = new Uint32Array(n);
    let pos = 0;
    for (let k = 0; k < n; k++) {
      starts[k] = pos;
      const nl = buf.indexOf(NEWLINE, pos);
      pos = nl < 0 ? buf.length + 1 : nl + 1;
      const tab = buf.indexOf(TAB, starts[k]);
      if (tab < 0 || tab >= pos - 1) throw new Error(`${where}:${k + 1}: expected key<TAB>value; rebuild the tables`);
      tabs[k] = tab;
    }
    starts[n] = pos;
    this.starts = starts;
    this.tabs = tabs;
    this.count = n;
    this.buf = buf;
    for (let i = 1; i < n; i++) if (this.compareLines(i - 1, i) > 0) throw new Error(`${where}:${i + 1}: out of order; rebuild the tables`);
  }

  private readonly buf: Buffer;
  /** Where each line's tab is. */
  private readonly tabs: Uint32Array;

  /** The key of line i. */
  keyAt(i: number): string {
    return this.buf.toString('latin1', this.starts[i], this.tabs[i]);
  }

  /** Line i after its key and tab (UTF-8). */
  restAt(i: number): string {
    return this.buf.toString('utf8', this.tabs[i] + 1, this.starts[i + 1] - 1);
  }

  /** Whether line i, after its key, contains `text` (ASCII), without decoding the line. */
  restIncludes(i: number, text: string): boolean {
    return this.buf.subarray(this.tabs[i] + 1, this.starts[i + 1] - 1).indexOf(text, 0, 'latin1') >= 0;
  }

  /** The lines whose key is `key`: [first, end) (empty when there is none). */
  range(key: string): [number, number] {
    const first = this.lowerBound(key);
    let end = first;
    while (end < this.count && this.compareKey(end, key) === 0) end++;
    return [first, end];
  }

  /** The first line whose key is not less than `key` (count when there is none). */
  lowerBound(key: string): number {
    return lowerBound(0, this.count, (i) => this.compareKey(i, key) < 0);
  }

  /** Line i's key compared with `key`, in place (JavaScript string order): <0, 0 or >0. */
  private compareKey(i: number, key: string): number {
    const b = this.bytes;
    let p = this.starts[i];
    for (let k = 0; k < key.length; k++, p++) {
      const c = b[p];
      if (c === TAB) return -1; // the line's key is a proper prefix of `key`
      const d = c - key.charCodeAt(k);
      if (d !== 0) return d;
    }
    return b[p] === TAB ? 0 : 1;
  }

  private compareLines(a: number, b: number): number {
    const t = this.bytes;
    for (let p = this.starts[a], q = this.starts[b]; ; p++, q++) {
      const c = t[p];
      const d = t[q];
      if (c === TAB || d === TAB) return c === d ? 0 : c === TAB ? -1 : 1;
      if (c !== d) return c - d;
    }
  }
}
