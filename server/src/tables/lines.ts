// A sorted line table: the text of a built file whose lines are `key<TAB>rest`, sorted by key (a
// key may repeat on consecutive lines), kept as it was read and searched in place. Loading only
// notes where each line starts (one typed array); nothing is parsed until a key is asked for, so
// the grouper's, the Code Editor's and the tabular list's tables cost their text and 4 bytes a line.
import { lowerBound } from '../base/binarySearch';

const TAB = 9;
const NEWLINE = 10;

export class SortedLines {
  /** Start offset of each line, plus one past the end of the text (so a line ends at starts[i + 1] - 1). */
  private readonly starts: Uint32Array;
  readonly count: number;

  /** `where` names the file in errors (a line out of order, or without a tab). */
  constructor(
    readonly text: string,
    where: string,
  ) {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    if (text.length > 0 && text.charCodeAt(text.length - 1) !== NEWLINE) n++;
    const starts = new Uint32Array(n + 1);
    let pos = 0;
    for (let k = 0; k < n; k++) {
      starts[k] = pos;
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length + 1 : nl + 1;
    }
    starts[n] = pos;
    this.starts = starts;
    this.count = n;
    for (let i = 0; i < n; i++) {
      if (text.indexOf('\t', starts[i]) < 0 || text.indexOf('\t', starts[i]) >= starts[i + 1]) throw new Error(`${where}:${i + 1}: expected key<TAB>value; rebuild the tables`);
      if (i > 0 && this.compareLines(i - 1, i) > 0) throw new Error(`${where}:${i + 1}: out of order; rebuild the tables`);
    }
  }

  /** The key of line i. */
  keyAt(i: number): string {
    const s = this.starts[i];
    return this.text.slice(s, this.text.indexOf('\t', s));
  }

  /** Line i after its key and tab. */
  restAt(i: number): string {
    const s = this.starts[i];
    return this.text.slice(this.text.indexOf('\t', s) + 1, this.starts[i + 1] - 1);
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
    const t = this.text;
    let p = this.starts[i];
    for (let k = 0; k < key.length; k++, p++) {
      const c = t.charCodeAt(p);
      if (c === TAB) return -1; // the line's key is a proper prefix of `key`
      const d = c - key.charCodeAt(k);
      if (d !== 0) return d;
    }
    return t.charCodeAt(p) === TAB ? 0 : 1;
  }

  private compareLines(a: number, b: number): number {
    const t = this.text;
    for (let p = this.starts[a], q = this.starts[b]; ; p++, q++) {
      const c = t.charCodeAt(p);
      const d = t.charCodeAt(q);
      if (c === TAB || d === TAB) return c === d ? 0 : c === TAB ? -1 : 1;
      if (c !== d) return c - d;
    }
  }
}
