// The one binary search of the server: sorted code lists, line tables, postings and word lists all
// find their range with it.

/**
 * The first index in [lo, hi) at which `before(i)` is false, for a predicate that is true on a
 * prefix of the range and false after it (a lower bound; `hi` when it is true everywhere). E.g.
 * the first code ≥ "I50" in a sorted list: `lowerBound(0, codes.length, (i) => codes[i] < 'I50')`.
 */
export function lowerBound(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The first index in [lo, hi) of the ascending numbers `sorted` whose value is not less than
 * `value`: lowerBound for typed arrays, without a predicate call per step (the search engine's
 * postings are cut this way thousands of times a query).
 */
export function lowerBoundOf(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of `key` in the ascending list `sorted`, or undefined. */
export function indexOfSorted(sorted: ArrayLike<string>, key: string): number | undefined {
  // The loop written out (no predicate call per step): every code lookup and validity check runs it.
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === key ? lo : undefined;
}
