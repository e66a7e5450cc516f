// The search engine's word index. Building it reads ~186,000 titles and inclusion terms (about
// 1.5 s), so `npm run tables` builds it once into tables/build/search-index.bin and the server
// reads it back in tens of milliseconds (the manifest's checksum ties it to the code lists it was
// built from). Everything the engine knows about a code besides its words (code, validity,
// billable, title) still comes from the tables themselves, by row.
//
// File layout (little-endian): "CCSI"; u32 table format (TABLE_FORMAT: a change here bumps it);
// u32 counts (docs, words, doc-word entries, vocabulary bytes); u32 × 4 system starts; the
// vocabulary as UTF-8 joined by "\n", in id order (the most frequent words first, so that most
// entries fit in one byte); then one stream of unsigned LEB128 varints: per doc its entry count,
// where its title's head ends (the words before its first comma) and where its inclusion-term
// words start (each inclusion term after the separator word "|"); every doc-word entry (id × 2, + 1 for a nonessential word); the doc ids in code
// order; the word ids in alphabetical order; and per word the number of docs it occurs in.
import type { IndexedSystem, SearchSource } from '../tables/types';
import { TABLE_FILES, TABLE_FORMAT } from '../tables/format';

export type { IndexedSystem };
/** Doc ids run over the systems in this order, each in the tables' row order. */
export const INDEXED_SYSTEMS: readonly IndexedSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs'];

const MAGIC = 'CCSI';

/**
 * The word that stands before each inclusion term of a doc: no query word is ever "|" (words()
 * splits on it), so it matches nothing and only marks where an inclusion term starts.
 */
export const TERM_SEPARATOR = '|';

export interface SearchIndex {
  /** Where each system's docs start, plus the end: length 4. */
  systemStart: Uint32Array;
  /** Word by id. */
  vocabulary: string[];
  /** Where each doc's words start in `docWords` (length docs + 1). */
  docStart: Uint32Array;
  /**
   * Title words (a nonessential word, in parentheses or brackets, as ~id), then the inclusion terms,
   * each after a TERM_SEPARATOR (their nonessential words flagged the same way). Two bytes a word
   * while the vocabulary has at most 32,768 words (about 17,000 today): 3.9 MB less to hold.
   */
  docWords: Int16Array | Int32Array;
  /** Per doc: the offset from its start of its first inclusion-term word. */
  extraStart: Uint16Array;
  /**
   * Per doc: the offset of the first title word after the title's first comma (= extraStart when
   * there is none). Titles name the thing first and qualify it after the comma: "Walker, folding",
   * "Seat attachment, walker", "Resection of Gallbladder, Percutaneous Endoscopic Approach".
   */
  headEnd: Uint16Array;
  /** Doc ids sorted by code (for code-prefix ranges). */
  codeOrder: Int32Array;
  /** Word ids sorted by word (for word-prefix ranges). */
  sortedWords: Int32Array;
  /** Derived when read: the docs of each word, ascending, each once — `postings[postingStart[w] … postingStart[w + 1])`. */
  postingStart: Uint32Array;
  postings: Int32Array;
}

/** The most words whose ids (and ~ids) fit an Int16Array. */
const SHORT_IDS = 0x8000;

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9>]+/)
    .filter(Boolean);
}

/**
 * Title words, in order; with `parentheses`, words in (parentheses) or [brackets] — nonessential
 * modifiers in ICD-10-CM — are flagged. Returns how many words come before the first comma
 * outside brackets (all of them when there is none).
 */
function titleWords(title: string, parentheses: boolean, out: { word: string; nonessential: boolean }[]): number {
  let depth = 0;
  let head = -1;
  for (const part of title.split(/([()[\],])/)) {
    if (part === '(' || part === '[') depth++;
    else if (part === ')' || part === ']') depth = Math.max(0, depth - 1);
    else if (part === ',') {
      if (depth === 0 && head < 0) head = out.length;
    } else for (const word of words(part)) out.push({ word, nonessential: parentheses && depth > 0 });
  }
  return head < 0 ? out.length : head;
}

/** The word index of a search source: its prebuilt index read back (a few ms), or built from its codes when it has none (a test double). */
export function readSearchIndex(source: SearchSource): SearchIndex {
  const bytes = source.searchIndexBytes();
  return bytes ? decodeSearchIndex(bytes, TABLE_FILES.searchIndex) : buildSearchIndex(source);
}

/** Reads every code of the tables into an index (about 1.5 s; `npm run tables` does it once). */
export function buildSearchIndex(tables: Pick<SearchSource, 'searchDocuments'>): SearchIndex {
  const provisional = new Map<string, number>();
  const counts: number[] = [];
  const vocabulary: string[] = [];
  const entries: number[] = []; // provisional id × 2 + nonessential
  const docStart: number[] = [0];
  const extraStart: number[] = [];
  const headEnd: number[] = [];
  const codes: string[] = [];
  const systemStart = new Uint32Array(INDEXED_SYSTEMS.length + 1);
  const scratch: { word: string; nonessential: boolean }[] = [];
  const add = (word: string, nonessential: boolean) => {
    let id = provisional.get(word);
    if (id === undefined) {
      id = vocabulary.length;
      provisional.set(word, id);
      vocabulary.push(word);
      counts.push(0);
    }
    counts[id]++;
    entries.push(id * 2 + (nonessential ? 1 : 0));
  };
  INDEXED_SYSTEMS.forEach((system, s) => {
    systemStart[s] = codes.length;
    for (const d of tables.searchDocuments(system)) {
      const start = entries.length;
      scratch.length = 0;
      // Only ICD-10-CM uses the parenthesis convention; PCS and HCPCS titles are plain text.
      const head = titleWords(d.title, system === 'icd10cm', scratch);
      for (const w of scratch) add(w.word, w.nonessential);
      const extra = entries.length - start;
      if (extra > 0xffff) throw new Error(`search index: the title of ${d.code} has over 65,535 words`);
      extraStart.push(extra);
      headEnd.push(head);
      // Each inclusion term after a separator, so that one term can be told from the next ("X NOS").
      // Their nonessential modifiers are flagged as in titles ("Postpartum hemorrhage (atonic) NOS").
      for (const term of d.extra) {
        add(TERM_SEPARATOR, false);
        scratch.length = 0;
        titleWords(term, true, scratch);
        for (const w of scratch) add(w.word, w.nonessential);
      }
      docStart.push(entries.length);
      codes.push(d.code);
    }
  });
  systemStart[INDEXED_SYSTEMS.length] = codes.length;

  // Renumber: the most frequent words get the smallest ids (one-byte entries in the file).
  const byFrequency = vocabulary.map((_, i) => i).sort((a, b) => counts[b] - counts[a] || (vocabulary[a] < vocabulary[b] ? -1 : 1));
  const renumber = new Int32Array(vocabulary.length);
  byFrequency.forEach((old, id) => (renumber[old] = id));
  const docWords = vocabulary.length <= SHORT_IDS ? new Int16Array(entries.length) : new Int32Array(entries.length);
  for (let k = 0; k < entries.length; k++) {
    const id = renumber[entries[k] >> 1];
    docWords[k] = entries[k] & 1 ? ~id : id;
  }
  const finalVocabulary = byFrequency.map((old) => vocabulary[old]);
  const codeOrder = Int32Array.from(codes.map((_, i) => i).sort((a, b) => (codes[a] < codes[b] ? -1 : codes[a] > codes[b] ? 1 : a - b)));
  const sortedWords = Int32Array.from(finalVocabulary.map((_, i) => i).sort((a, b) => (finalVocabulary[a] < finalVocabulary[b] ? -1 : 1)));
  return withPostings({
    systemStart,
    vocabulary: finalVocabulary,
    docStart: Uint32Array.from(docStart),
    docWords,
    extraStart: Uint16Array.from(extraStart),
    headEnd: Uint16Array.from(headEnd),
    codeOrder,
    sortedWords,
    postingStart: new Uint32Array(0),
    postings: new Int32Array(0),
  });
}

/**
 * Fills in the postings (each word's docs, ascending, once each) from the docs' words. `counts`
 * (postings per word, stored in the file) saves the counting pass when given.
 */
function withPostings(index: SearchIndex, counts?: Uint32Array): SearchIndex {
  const { docStart, docWords } = index;
  const docs = docStart.length - 1;
  const words = index.vocabulary.length;
  // `lastDoc` keeps a word that occurs twice in a doc to one posting; x ^ (x >> 31) is ~x for a
  // negative (nonessential) entry and x otherwise.
  const postingStart = new Uint32Array(words + 1);
  const lastDoc = new Int32Array(words).fill(-1);
  if (counts) postingStart.set(counts, 1);
  else {
    for (let d = 0, k = 0; d < docs; d++) {
      for (const end = docStart[d + 1]; k < end; k++) {
        const w = docWords[k] ^ (docWords[k] >> 31);
        if (lastDoc[w] !== d) {
          lastDoc[w] = d;
          postingStart[w + 1]++;
        }
      }
    }
    lastDoc.fill(-1);
  }
  for (let w = 0; w < words; w++) postingStart[w + 1] += postingStart[w];
  const postings = new Int32Array(postingStart[words]);
  const fill = postingStart.slice(0, words);
  for (let d = 0, k = 0; d < docs; d++) {
    for (const end = docStart[d + 1]; k < end; k++) {
      const w = docWords[k] ^ (docWords[k] >> 31);
      if (lastDoc[w] !== d) {
        lastDoc[w] = d;
        postings[fill[w]++] = d;
      }
    }
  }
  for (let w = 0; w < words; w++)
    if (fill[w] !== postingStart[w + 1]) throw new Error(`search index: the posting count of "${index.vocabulary[w]}" does not match its docs`);
  return { ...index, postingStart, postings };
}

/** The index as the bytes of search-index.bin. */
export function encodeSearchIndex(index: SearchIndex): Buffer {
  const vocabularyBytes = Buffer.from(index.vocabulary.join('\n'), 'utf8');
  const docs = index.docStart.length - 1;
  const stream: number[] = [];
  const varint = (v: number) => {
    while (v >= 0x80) {
      stream.push((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    stream.push(v);
  };
  for (let d = 0; d < docs; d++) {
    varint(index.docStart[d + 1] - index.docStart[d]);
    varint(index.headEnd[d]);
    varint(index.extraStart[d]);
  }
  for (const e of index.docWords) varint(e < 0 ? ~e * 2 + 1 : e * 2);
  for (const d of index.codeOrder) varint(d);
  for (const w of index.sortedWords) varint(w);
  for (let w = 0; w < index.vocabulary.length; w++) varint(index.postingStart[w + 1] - index.postingStart[w]);
  const header = Buffer.alloc(4 + 4 * 5 + 4 * index.systemStart.length);
  header.write(MAGIC, 0, 'latin1');
  let o = 4;
  for (const v of [TABLE_FORMAT, docs, index.vocabulary.length, index.docWords.length, vocabularyBytes.length, ...index.systemStart]) {
    header.writeUInt32LE(v, o);
    o += 4;
  }
  return Buffer.concat([header, vocabularyBytes, Uint8Array.from(stream)]);
}

/** Reads search-index.bin back; `where` names the file in errors. Throws on a file it cannot read whole. */
export function decodeSearchIndex(bytes: Uint8Array, where: string): SearchIndex {
  const fail = (why: string): never => {
    throw new Error(`${where}: ${why}; rebuild the tables (npm run tables)`);
  };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = 4 + 4 * 5 + 4 * (INDEXED_SYSTEMS.length + 1);
  if (buf.length < headerBytes || buf.toString('latin1', 0, 4) !== MAGIC) fail('not a ChartCoder search index');
  const u32 = (i: number) => buf.readUInt32LE(4 + 4 * i);
  if (u32(0) !== TABLE_FORMAT) fail(`search index of table format ${u32(0)}, this version reads ${TABLE_FORMAT}`);
  const docs = u32(1);
  const vocabularySize = u32(2);
  const entries = u32(3);
  const vocabularyLength = u32(4);
  const systemStart = new Uint32Array(INDEXED_SYSTEMS.length + 1);
  for (let s = 0; s < systemStart.length; s++) systemStart[s] = u32(5 + s);
  let p = headerBytes + vocabularyLength;
  if (p > buf.length) fail('truncated (vocabulary)');
  const vocabulary = vocabularySize === 0 ? [] : buf.toString('utf8', headerBytes, p).split('\n');
  if (vocabulary.length !== vocabularySize) fail(`vocabulary has ${vocabulary.length} words, header says ${vocabularySize}`);
  // The varint stream in one loop (inline: a function call per value costs ~10× here), each
  // section decoded straight into its final array (no intermediate copy of the whole stream). A
  // byte read past the end is undefined, which ends the value.
  const perDoc = new Uint32Array(3 * docs);
  // Entries (id × 2 + flag) fit two unsigned bytes when ids do; turned into signed ids in place below.
  const rawWords = vocabularySize <= SHORT_IDS ? new Uint16Array(entries) : new Int32Array(entries);
  const codeOrder = new Int32Array(docs);
  const sortedWords = new Int32Array(vocabularySize);
  const counts = new Uint32Array(vocabularySize);
  const u8 = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength); // plain indexing is faster than a Buffer's
  for (const out of [perDoc, rawWords, codeOrder, sortedWords, counts]) {
    for (let i = 0, n = out.length; i < n; i++) {
      let v = u8[p++];
      if (v >= 0x80) {
        v &= 0x7f;
        let shift = 7;
        let b: number;
        do {
          b = u8[p++];
          v |= (b & 0x7f) << shift;
          shift += 7;
        } while (b >= 0x80);
      }
      out[i] = v;
    }
  }
  if (p !== buf.length) fail(p > buf.length ? 'truncated' : `${buf.length - p} bytes after the end of the index`);
  const docStart = new Uint32Array(docs + 1);
  const headEnd = new Uint16Array(docs);
  const extraStart = new Uint16Array(docs);
  for (let d = 0, at = 0; d < docs; d++, at += 3) {
    docStart[d + 1] = docStart[d] + perDoc[at];
    headEnd[d] = perDoc[at + 1];
    extraStart[d] = perDoc[at + 2];
  }
  if (docStart[docs] !== entries) fail(`docs hold ${docStart[docs]} words, header says ${entries}`);
  // Entries are id × 2 (+ 1 for a nonessential word, kept as ~id), in place.
  const docWords = rawWords instanceof Uint16Array ? new Int16Array(rawWords.buffer, rawWords.byteOffset, rawWords.length) : rawWords;
  for (let k = 0; k < entries; k++) {
    const v = rawWords[k];
    const id = v >>> 1;
    if (id >= vocabularySize) fail(`word id out of range at entry ${k}`);
    docWords[k] = v & 1 ? ~id : id;
  }
  // Ids out of range would read past arrays silently.
  for (let i = 0; i < docs; i++) if (codeOrder[i] >= docs) fail(`doc id out of range in the code order`);
  for (let i = 0; i < vocabularySize; i++) if (sortedWords[i] >= vocabularySize) fail(`word id out of range in the word order`);
  const index = {
    systemStart,
    vocabulary,
    docStart,
    docWords,
    extraStart,
    headEnd,
    codeOrder,
    sortedWords,
    postingStart: new Uint32Array(0),
    postings: new Int32Array(0),
  };
  try {
    return withPostings(index, counts);
  } catch (e) {
    return fail((e as Error).message);
  }
}
