// A system's code list in its compact form — the same on disk (codes-<system>.bin, written by
// tables/build.ts through encodeCodeList) and in memory (CodeList reads typed-array views of the
// file as read, copying nothing but the codes). Titles are stored once each as token numbers into
// a dictionary of words with the punctuation and space after them ("Resection ", "Gallbladder, "):
// 18.6 MB of title text is 5.3 MB of tokens, and a title is rebuilt in about a microsecond.
//
// Layout (little-endian; each section padded to 4 bytes): "CCCL"; u32 × 10: table format, rows,
// releases, variants, titles, tokens, dictionary words, dictionary bytes, code bytes, source
// patterns; then valid u32[rows], billable u32[rows], short title u32[rows], source pattern
// u16[rows], variant start u32[rows + 1], variant title u32[variants], variant release
// u8[variants], source patterns u16[patterns × releases], title start u32[titles + 1], tokens
// (u16, or u32 past 65,536 words)[tokens], word start (byte offset into the dictionary)
// u32[words + 1], the dictionary (UTF-8, words one after another) and the codes (ASCII, one a line).
//
// A row's title in release r is its last variant whose release is ≤ r: a title that stays the same
// from release to release is one variant, although each release cites its own year's file. Which
// file each release cites is the row's source pattern (one source index per release, 0xffff for
// none): the rows of a system share a few dozen patterns ("the order file of each year"), so the
// 1.3 million (title, source) changes of nine releases are 180,000 title changes and 177,000
// two-byte pattern numbers. Title and short-title numbers are 1-based (0: none).
import { TABLE_FORMAT } from './format';

const MAGIC = 'CCCL';
const HEADER_WORDS = 10;
const NO_SOURCE = 0xffff;
/** A word with the non-alphanumeric characters before and after it, or a run of them alone: the tokens concatenate back to the title. */
const TOKEN = /[^A-Za-z0-9]*[A-Za-z0-9]+[^A-Za-z0-9]*|[^A-Za-z0-9]+/g;

/** One code as the builder has it: validity and billable bits per release, short title, title and source index per release. */
export interface CodeListRow {
  code: string;
  valid: number;
  billable: number;
  short: string | null;
  /** Per release: the title (null: none in that release's source) and its source's index in the manifest. */
  titles: (string | null)[];
  sources: (number | null)[];
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The bytes of codes-<system>.bin for rows sorted by code. */
export function encodeCodeList(rows: readonly CodeListRow[], releases: number): Buffer {
  if (releases > 255) throw new Error('code list: at most 255 releases');
  const titleIds = new Map<string, number>();
  const titleTokens: number[][] = [];
  const words = new Map<string, number>();
  const wordList: string[] = [];
  const titleRef = (title: string | null): number => {
    if (title === null || title === '') return 0;
    let id = titleIds.get(title);
    if (id === undefined) {
      const tokens: number[] = [];
      for (const w of title.match(TOKEN) ?? []) {
        let k = words.get(w);
        if (k === undefined) {
          k = wordList.length;
          words.set(w, k);
          wordList.push(w);
        }
        tokens.push(k);
      }
      if (tokens.map((k) => wordList[k]).join('') !== title) throw new Error(`code list: title does not tokenize back: ${title}`);
      titleTokens.push(tokens);
      id = titleTokens.length;
      titleIds.set(title, id);
    }
    return id;
  };
  const valid = new Uint32Array(rows.length);
  const billable = new Uint32Array(rows.length);
  const short = new Uint32Array(rows.length);
  const pattern = new Uint16Array(rows.length);
  const patternIds = new Map<string, number>();
  const patternSources: number[] = [];
  const variantStart = new Uint32Array(rows.length + 1);
  const vTitle: number[] = [];
  const vFrom: number[] = [];
  rows.forEach((row, i) => {
    if (i > 0 && !(rows[i - 1].code < row.code)) throw new Error(`code list: ${row.code} is out of order`);
    if (!/^[\x21-\x7e]+$/.test(row.code)) throw new Error(`code list: code "${row.code}" is not printable ASCII`);
    valid[i] = row.valid >>> 0;
    billable[i] = row.billable >>> 0;
    short[i] = titleRef(row.short);
    const sources = Array.from({ length: releases }, (_, r) => {
      const source = row.sources[r] ?? null;
      if (source !== null && (source < 0 || source >= NO_SOURCE)) throw new Error('code list: too many sources');
      return source ?? NO_SOURCE;
    });
    const key = sources.join(',');
    let p = patternIds.get(key);
    if (p === undefined) {
      p = patternIds.size;
      if (p > 0xffff) throw new Error('code list: more than 65,536 source patterns');
      patternIds.set(key, p);
      patternSources.push(...sources);
    }
    pattern[i] = p;
    variantStart[i] = vTitle.length;
    for (let r = 0; r < releases; r++) {
      const title = row.titles[r] ?? null;
      if (r > 0 && title === (row.titles[r - 1] ?? null)) continue;
      vTitle.push(titleRef(title));
      vFrom.push(r);
    }
  });
  variantStart[rows.length] = vTitle.length;
  const titleStart = new Uint32Array(titleTokens.length + 1);
  let tokenCount = 0;
  titleTokens.forEach((t, i) => {
    titleStart[i] = tokenCount;
    tokenCount += t.length;
  });
  titleStart[titleTokens.length] = tokenCount;
  const wide = wordList.length > 0x10000;
  const tokens = wide ? new Uint32Array(tokenCount) : new Uint16Array(tokenCount);
  let k = 0;
  for (const t of titleTokens) for (const w of t) tokens[k++] = w;
  const wordStart = new Uint32Array(wordList.length + 1);
  let bytes = 0;
  wordList.forEach((w, i) => {
    wordStart[i] = bytes;
    bytes += Buffer.byteLength(w, 'utf8'); // the reader copies a title's words' bytes and decodes them once
  });
  wordStart[wordList.length] = bytes;
  const dictionary = Buffer.from(wordList.join(''), 'utf8');
  const codes = Buffer.from(rows.map((r) => r.code).join('\n'), 'latin1');
  const sections: Uint8Array[] = [
    new Uint8Array(valid.buffer),
    new Uint8Array(billable.buffer),
    new Uint8Array(short.buffer),
    new Uint8Array(pattern.buffer),
    new Uint8Array(variantStart.buffer),
    new Uint8Array(Uint32Array.from(vTitle).buffer),
    Uint8Array.from(vFrom),
    new Uint8Array(Uint16Array.from(patternSources).buffer),
    new Uint8Array(titleStart.buffer),
    new Uint8Array(tokens.buffer),
    new Uint8Array(wordStart.buffer),
    dictionary,
    codes,
  ];
  const header = Buffer.alloc(4 + 4 * HEADER_WORDS);
  header.write(MAGIC, 0, 'latin1');
  [
    TABLE_FORMAT,
    rows.length,
    releases,
    vTitle.length,
    titleTokens.length,
    tokenCount,
    wordList.length,
    dictionary.length,
    codes.length,
    patternIds.size,
  ].forEach((v, i) => header.writeUInt32LE(v, 4 + 4 * i));
  const parts: Uint8Array[] = [header];
  for (const s of sections) {
    parts.push(s);
    const gap = pad4(s.length) - s.length;
    if (gap) parts.push(new Uint8Array(gap));
  }
  return Buffer.concat(parts);
}

/** A code list read from its bytes: codes, masks and titles by row. `where` names the file in errors. */
export class CodeList {
  readonly codes: string[];
  readonly valid: Uint32Array;
  readonly billable: Uint32Array;
  private readonly shortTitles: Uint32Array;
  private readonly sourcePattern: Uint16Array;
  private readonly variantStart: Uint32Array;
  private readonly variantTitle: Uint32Array;
  private readonly variantFrom: Uint8Array;
  /** Source index by pattern and release: `patternSource[pattern × releases + r]`. */
  private readonly patternSource: Uint16Array;
  private readonly releases: number;
  private readonly titleStart: Uint32Array;
  private readonly tokens: Uint16Array | Uint32Array;
  private readonly wordStart: Uint32Array;
  private readonly dictionary: Uint8Array;
  /** The dictionary as text when it is all ASCII (byte offsets are then character offsets): titles are its slices joined. */
  private readonly asciiText: string | null;
  /** Where a title's bytes are put together before it is decoded (one flat string per title), and a Buffer over it to decode. */
  private scratch = new Uint8Array(1024);
  private scratchBuffer = Buffer.from(this.scratch.buffer);

  constructor(bytes: Buffer, where: string, releases: number) {
    const fail = (why: string): never => {
      throw new Error(`${where}: ${why}; rebuild the tables (npm run tables)`);
    };
    if (bytes.length < 4 + 4 * HEADER_WORDS || bytes.toString('latin1', 0, 4) !== MAGIC) fail('not a ChartCoder code list');
    const h = (i: number) => bytes.readUInt32LE(4 + 4 * i);
    if (h(0) !== TABLE_FORMAT) fail(`code list of table format ${h(0)}, this version reads ${TABLE_FORMAT}`);
    const [rows, count, variants, titles, tokenCount, words, dictBytes, codeBytes, patterns] = [h(1), h(2), h(3), h(4), h(5), h(6), h(7), h(8), h(9)];
    if (count !== releases) fail(`${count} releases in the code list, ${releases} in the manifest`);
    // The file's buffer is copied once when it does not start on a 4-byte boundary (typed views need it).
    const buf = bytes.byteOffset % 4 === 0 ? bytes : copyOf(bytes);
    let at = 4 + 4 * HEADER_WORDS;
    const take = <T>(make: (offset: number, length: number) => T, length: number, width: number): T => {
      if (at + length * width > buf.length) fail('truncated');
      const view = make(buf.byteOffset + at, length);
      at += pad4(length * width);
      return view;
    };
    const u32 = (n: number) => take((o, l) => new Uint32Array(buf.buffer, o, l), n, 4);
    this.valid = u32(rows);
    this.billable = u32(rows);
    this.shortTitles = u32(rows);
    const u16 = (n: number) => take((o, l) => new Uint16Array(buf.buffer, o, l), n, 2);
    this.sourcePattern = u16(rows);
    this.variantStart = u32(rows + 1);
    this.variantTitle = u32(variants);
    this.variantFrom = take((o, l) => new Uint8Array(buf.buffer, o, l), variants, 1);
    this.patternSource = u16(patterns * releases);
    this.releases = releases;
    this.titleStart = u32(titles + 1);
    this.tokens = words > 0x10000 ? u32(tokenCount) : take((o, l) => new Uint16Array(buf.buffer, o, l), tokenCount, 2);
    this.wordStart = u32(words + 1);
    this.dictionary = take((o, l) => new Uint8Array(buf.buffer, o, l), dictBytes, 1);
    this.asciiText = this.dictionary.every((b) => b < 0x80)
      ? Buffer.from(this.dictionary.buffer, this.dictionary.byteOffset, this.dictionary.length).toString('latin1')
      : null;
    const codes = take((o, l) => buf.toString('latin1', o - buf.byteOffset, o - buf.byteOffset + l), codeBytes, 1);
    if (at !== buf.length) fail(`${buf.length - at} bytes after the end`);
    this.codes = rows === 0 ? [] : codes.split('\n');
    if (this.codes.length !== rows) fail(`${this.codes.length} codes, the header says ${rows}`);
    for (let i = 1; i < rows; i++) if (!(this.codes[i - 1] < this.codes[i])) fail(`${this.codes[i]} is out of order`);
    if (this.variantStart[rows] !== variants || this.titleStart[titles] !== tokenCount || this.wordStart[words] !== dictBytes)
      fail('its sections do not add up');
    if (this.sourcePattern.some((p) => p >= patterns)) fail('a row names a source pattern it does not have');
  }

  get length(): number {
    return this.codes.length;
  }

  /** The title of row i in release r and the index of its source (null: none in that release's source). */
  title(i: number, r: number): { title: string | null; source: number | null } {
    let v = this.variantStart[i + 1] - 1;
    while (v > this.variantStart[i] && this.variantFrom[v] > r) v--;
    const source = this.patternSource[this.sourcePattern[i] * this.releases + r];
    return { title: this.text(this.variantTitle[v]), source: source === NO_SOURCE ? null : source };
  }

  /** The short title of row i (the CDC order file's), or null. */
  shortTitle(i: number): string | null {
    return this.text(this.shortTitles[i]);
  }

  private text(ref: number): string | null {
    if (ref === 0) return null;
    const { tokens, wordStart, dictionary, asciiText } = this;
    if (asciiText !== null) {
      let s = '';
      for (let k = this.titleStart[ref - 1], end = this.titleStart[ref]; k < end; k++) s += asciiText.slice(wordStart[tokens[k]], wordStart[tokens[k] + 1]);
      return s;
    }
    // Words with other characters: their UTF-8 bytes put together, decoded once.
    let out = this.scratch;
    let n = 0;
    for (let k = this.titleStart[ref - 1], end = this.titleStart[ref]; k < end; k++) {
      const w = tokens[k];
      const from = wordStart[w];
      const to = wordStart[w + 1];
      if (n + to - from > out.length) {
        const bigger = new Uint8Array(2 * (n + to - from));
        bigger.set(out.subarray(0, n));
        this.scratch = out = bigger;
        this.scratchBuffer = Buffer.from(bigger.buffer);
      }
      for (let b = from; b < to; b++) out[n++] = dictionary[b];
    }
    return this.scratchBuffer.toString('utf8', 0, n);
  }
}

/** A copy in a buffer of its own (Buffer.alloc never hands out a slice of the shared pool). */
function copyOf(bytes: Buffer): Buffer {
  const copy = Buffer.alloc(bytes.length);
  bytes.copy(copy);
  return copy;
}
