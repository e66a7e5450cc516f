// Spelling correction for query words that match no title word: the vocabulary words within a
// small edit distance (insertions, deletions, substitutions and transpositions of adjacent
// letters), nearest first and, among equally near ones, the words more codes use
// ("osteoperosis" → osteoporosis before osteopetrosis). A letter-count comparison rules out most
// of the ~17,000 words before any distance is computed; the first letter may differ ("neumonia").

/** Edits allowed for a word of this length. */
export function maxEdits(length: number): number {
  return length < 4 ? 0 : length < 6 ? 1 : length < 10 ? 2 : 3;
}

/** Damerau–Levenshtein (optimal string alignment) distance, or `limit + 1` once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Int32Array(n + 1);
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

const LETTERS = 36;

function countLetters(word: string, into: Uint8Array, at: number): void {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) into[at + c - 97]++;
    else if (c >= 48 && c <= 57) into[at + 26 + c - 48]++;
  }
}

export interface Near {
  word: string;
  /** 1 − edits / length: how close the word is. */
  quality: number;
}

/** Nearest vocabulary words for misspellings, over a fixed vocabulary (built once, on first use). */
export class TypoIndex {
  private readonly candidates: number[] = [];
  private readonly counts: Uint8Array;
  private readonly cache = new Map<string, Near[]>();

  /** `words` by id; `frequency(id)` how many codes use the word (breaks ties between equally near words). */
  constructor(
    private readonly words: readonly string[],
    private readonly frequency: (id: number) => number,
  ) {
    for (let id = 0; id < words.length; id++) if (words[id].length >= 3 && !/\d/.test(words[id])) this.candidates.push(id);
    this.counts = new Uint8Array(this.candidates.length * LETTERS);
    this.candidates.forEach((id, k) => countLetters(words[id], this.counts, k * LETTERS));
  }

  /** Up to `limit` words near `word` (never the word itself), nearest and most used first. Remembered per word. */
  near(word: string, limit = 5): Near[] {
    const known = this.cache.get(word);
    if (known) return known;
    const edits = maxEdits(word.length);
    const out: { word: string; quality: number; rank: number }[] = [];
    if (edits > 0) {
      const mine = new Uint8Array(LETTERS);
      countLetters(word, mine, 0);
      // Each edit changes at most two letter counts.
      const budget = 2 * edits;
      for (let k = 0; k < this.candidates.length; k++) {
        const id = this.candidates[k];
        const w = this.words[id];
        if (Math.abs(w.length - word.length) > edits || w === word) continue;
        let diff = 0;
        for (let c = 0, at = k * LETTERS; c < LETTERS && diff <= budget; c++) diff += Math.abs(this.counts[at + c] - mine[c]);
        if (diff > budget) continue;
        const d = editDistance(word, w, edits);
        if (d > edits) continue;
        const quality = 1 - d / Math.max(word.length, w.length);
        // A shared first letter is the commoner case; use tells equally near words apart.
        out.push({ word: w, quality, rank: quality + (w[0] === word[0] ? 0.02 : 0) + 0.01 * Math.log10(1 + this.frequency(id)) });
      }
    }
    const result = out
      .sort((a, b) => b.rank - a.rank)
      .slice(0, limit)
      .map(({ word: w, quality }) => ({ word: w, quality }));
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }
}
