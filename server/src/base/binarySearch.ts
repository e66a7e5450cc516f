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

/** The index of `key` in the ascending list `sorted`, or undefined. */
export function indexOfSorted(sorted: ArrayLike<string>, key: string): number | undefined {
  const i = lowerBound(0, sorted.length, (k) => sorted[k] < key);
  return i < sorted.length && sorted[i] === key ? i : undefined;
}
