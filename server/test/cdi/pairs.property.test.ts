// The O(n log n) searches of the AKI, blood-loss anemia and sepsis rules (largest creatinine rise within
// 48 h, largest hemoglobin drop, FiO2 nearest a PaO2) against the enumeration of every pair of values they replaced
// (issue 15: quadratic memory on large charts), on generated series: values in the measurement
// model's time order, dated with and without times, undated, marked at baseline or pre-operative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Measurement } from '../../src/cdi/measurements';
import { largestRise, within } from '../../src/rules/cdi/aki';
import { highestBefore } from '../../src/rules/cdi/anemiaBloodLoss';
import { nearest } from '../../src/rules/cdi/sepsis';
import { RangeBest } from '../../src/cdi/rangeBest';

const ADMITTED_DAY = 10; // 2026-01-10

function series(points: { value: number; day: number | null; hour: number | null; flag: number }[]): Measurement[] {
  const ms = points.map((p, seq) => {
    const date = p.day === null ? null : `2026-01-${String(p.day).padStart(2, '0')}`;
    const time = date && p.hour !== null ? `${String(p.hour).padStart(2, '0')}:00` : null;
    const hours = date ? (p.day! - ADMITTED_DAY) * 24 + (time ? p.hour! : 12) : null;
    return {
      value: p.value,
      date,
      time,
      hours,
      seq,
      context: { atBaseline: p.flag === 0 ? true : undefined, preop: p.flag >= 8 ? true : undefined },
    } as unknown as Measurement;
  });
  // Time order (measurements.ts byTime): dated values by hours then document order, undated ones
  // where they were written. (The rules pair dated values in time order even where the model's
  // sort, whose comparator is not transitive across undated values, leaves them out of order.)
  const dated = ms.filter((m) => m.hours !== null).sort((a, b) => a.hours! - b.hours! || a.seq - b.seq);
  return ms.map((m) => (m.hours === null ? m : dated.shift()!));
}

/** The rule before issue 15: every pair i < j. */
function riseByPairs(values: Measurement[], eligible: (b: Measurement) => boolean): number | null {
  let best: number | null = null;
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) {
      const [a, b] = [values[i], values[j]];
      if (b.hours !== null && a.hours !== null && b.hours < a.hours) continue;
      if (!eligible(b) || !within(a, b, 48).ok) continue;
      if (best === null || b.value - a.value > best) best = b.value - a.value;
    }
  return best;
}

function dropByPairs(values: Measurement[]): number | null {
  let best: number | null = null;
  for (let i = 0; i < values.length; i++)
    for (let j = i + 1; j < values.length; j++) {
      const [a, b] = [values[i], values[j]];
      if (a.hours !== null && b.hours !== null && b.hours < a.hours) continue;
      if (a.hours === null && b.hours === null && !(a.context.preop && !b.context.preop)) continue;
      const [e, l] = b.context.preop && !a.context.preop ? [b, a] : [a, b];
      if (best === null || e.value - l.value > best) best = e.value - l.value;
    }
  return best;
}

const points = fc.array(
  fc.record({
    value: fc.integer({ min: 5, max: 40 }).map((v) => v / 10),
    day: fc.option(fc.integer({ min: 8, max: 16 }), { freq: 4 }),
    hour: fc.option(fc.integer({ min: 0, max: 23 }), { freq: 2 }),
    flag: fc.integer({ min: 0, max: 9 }),
  }),
  { maxLength: 40 },
);

test('AKI: the largest rise within 48 h equals the one every pair gives', () => {
  fc.assert(
    fc.property(points, (ps) => {
      const values = series(ps);
      const eligible = (b: Measurement) => !b.context.atBaseline;
      const found = largestRise(values, eligible);
      const expected = riseByPairs(values, eligible);
      assert.equal(found ? found.b.value - found.a.value : null, expected);
      if (found) assert.ok(within(found.a, found.b, 48).ok && eligible(found.b) && values.indexOf(found.a) < values.indexOf(found.b));
    }),
    { seed: 20261205, numRuns: 500 },
  );
});

test('anemia: the largest drop over "highest value before" equals the one every pair gives', () => {
  fc.assert(
    fc.property(points, (ps) => {
      const values = series(ps);
      const pairs = highestBefore(values);
      const found = pairs.length ? Math.max(...pairs.map(([a, b]) => a.value - b.value)) : null;
      assert.equal(found, dropByPairs(values));
    }),
    { seed: 20261205, numRuns: 500 },
  );
});

/** The sepsis rule's FiO2 lookup before issue 15: a scan of every FiO2 per PaO2. */
function nearestByScan(list: Measurement[], to: Measurement): Measurement | null {
  let best: Measurement | null = null;
  for (const m of list) {
    if (m.date !== to.date || m.hours === null || to.hours === null || Math.abs(m.hours - to.hours) > 1 || !m.time || !to.time) continue;
    if (!best || Math.abs(m.hours - to.hours) < Math.abs(best.hours! - to.hours)) best = m;
  }
  return best;
}

test('sepsis: the FiO2 nearest a PaO2 (same date, within 1 h) equals the one a scan finds', () => {
  const timed = fc.record({
    value: fc.integer({ min: 21, max: 100 }).map((v) => v / 100),
    day: fc.option(fc.integer({ min: 10, max: 12 }), { freq: 6 }),
    hour: fc.option(fc.integer({ min: 0, max: 23 }), { freq: 6 }),
    flag: fc.constant(5),
  });
  fc.assert(
    fc.property(fc.array(timed, { maxLength: 30 }), timed, (ps, p) => {
      const list = series(ps);
      const [to] = series([p]);
      assert.equal(nearest(list, to), nearestByScan(list, to));
    }),
    { seed: 20261205, numRuns: 1000 },
  );
});

test('RangeBest: the best of every range equals a scan (ties: the earlier item)', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }), fc.nat(), fc.nat(), (xs, p, q) => {
      const items = xs.map((v, i) => ({ v, i }));
      const best = new RangeBest(items, (x, y) => x.v < y.v);
      const [lo, hi] = [p % (xs.length + 2), q % (xs.length + 2)];
      let expected: { v: number; i: number } | null = null;
      for (let k = Math.max(0, lo); k < Math.min(hi, xs.length); k++) if (!expected || items[k].v < expected.v) expected = items[k];
      assert.equal(best.best(lo, hi), expected);
    }),
    { seed: 20261205, numRuns: 1000 },
  );
});
