// The best item of any index range of a fixed array (a sparse table): O(n log n) to set up, O(1)
// per query. The CDI rules use it to find, for each value, the lowest (or highest) earlier value in
// a time window without building every pair of values (quadratic on a long stay or a hostile chart).

export class RangeBest<T> {
  private readonly levels: Int32Array[] = [];

  /** `better(x, y)`: x is strictly better than y (ties keep the earlier item). */
  constructor(
    private readonly items: readonly T[],
    private readonly better: (x: T, y: T) => boolean,
  ) {
    const n = items.length;
    const first = new Int32Array(n);
    for (let k = 0; k < n; k++) first[k] = k;
    this.levels.push(first);
    for (let w = 1; 2 * w <= n; w *= 2) {
      const prev = this.levels[this.levels.length - 1];
      const row = new Int32Array(n - 2 * w + 1);
      for (let k = 0; k < row.length; k++) row[k] = this.pick(prev[k], prev[k + w]);
      this.levels.push(row);
    }
  }

  private pick(x: number, y: number): number {
    return this.better(this.items[y], this.items[x]) ? y : x;
  }

  /** The best item in [lo, hi), or null when the range is empty. */
  best(lo: number, hi: number): T | null {
    lo = Math.max(0, lo);
    hi = Math.min(this.items.length, hi);
    if (hi <= lo) return null;
    const level = 31 - Math.clz32(hi - lo);
    const row = this.levels[level];
    return this.items[this.pick(row[lo], row[hi - (1 << level)])];
  }
}

/** The first index in [0, n) at which `atLeast(k)` holds, for a predicate that is false then true. */
export function lowerBound(n: number, atLeast: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atLeast(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
