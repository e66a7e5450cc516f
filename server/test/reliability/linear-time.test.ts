// Linear time on long lines: each construct that reads a line of chart text (or a search query)
// is timed on lines of 10 KB, 100 KB and 1 MB built to defeat a backtracking regex (long runs of
// spaces, digits, words). Time must grow about linearly: the 1 MB / 100 KB ratio stays under a
// generous bound (a quadratic pattern gives ~100×), scaled by the ratio a plain linear scan shows
// in the same run, so a loaded 2-core machine does not fail it. Each time is the best of 3 runs.
// Before the fix a 100 KB heading line took 5–12 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { headerFieldOf, headingOf, suppressionsOf } from '../../src/chart/lineSyntax';
import { splitAtCause } from '../../src/search/engine';
import { extractLine } from '../../src/cdi/extract';
import { tidy } from '../../src/fhir/noteText';

const CDI_LINE = { stay: { admitted: '2026-02-03', discharged: '2026-02-08' }, sectionDate: '2026-02-05' } as unknown as Parameters<typeof extractLine>[1];

const SIZES = [10_000, 100_000, 1_000_000] as const;
const HEADER = '---\nage: 40\nsex: M\ndischarged: 2026-03-06\n---\n';
const spaces = (n: number) => ' '.repeat(n);

/** Best of `runs` timings of fn(input), in ms. */
function best(fn: (s: string) => unknown, input: string, runs = 3): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(input);
    min = Math.min(min, performance.now() - t0);
    if (min > 1000) break; // already far too slow: no need to repeat it
  }
  return min;
}

/** A plain linear pass over the string: the machine's speed right now, for the same sizes. */
function linearBaseline(s: string): number {
  let blanks = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 32) blanks++;
  return blanks;
}

const CONSTRUCTS: [name: string, make: (n: number) => string, run: (s: string) => unknown][] = [
  ['heading with a run of spaces (parser)', (n) => `${HEADER}# a${spaces(n)}b\n`, parseChart],
  ['heading ending in spaces (headingOf)', (n) => `# a${spaces(n)}`, headingOf],
  ['header field with a run of spaces (parser)', (n) => `---\nage: 4${spaces(n)}0\nsex: M\ndischarged: 2026-03-06\n---\n`, parseChart],
  ['header field with spaces then a line separator (headerFieldOf)', (n) => `age:${spaces(n)}\u2028x`, headerFieldOf],
  ['suppression reason with a run of spaces (parser)', (n) => `${HEADER}<!-- chartcoder-ignore icd.excludes1: x${spaces(n)}y -->\n[x]{dx=I10}\n`, parseChart],
  ['many unclosed suppression comments (suppressionsOf)', (n) => '<!-- chartcoder-ignore a: '.repeat(n / 26), suppressionsOf],
  ['a suppression id and spaces without a colon (parser)', (n) => `${HEADER}<!-- chartcoder-ignore a${spaces(n)}b -->\n`, parseChart],
  ['"X due to Y" split with a run of spaces (search)', (n) => `a${spaces(n)}b`, splitAtCause],
  ['"due" and a run of spaces (search)', (n) => `a due${spaces(n)}b`, splitAtCause],
  ['lab value after a run of spaces (CDI numbers)', (n) => `Hgb${spaces(n)}x 7.1`, (s) => extractLine(s, CDI_LINE)],
  ['short name, spaces, then a value (CDI tight gap)', (n) => `K${spaces(n)}: 3.1 on 2026-02-05`, (s) => extractLine(s, CDI_LINE)],
  ['a value, then spaces and a reference bracket (CDI reference words)', (n) => `Cr 1.9 (ref${spaces(n)}(: 0.6-1.2) and 2.0`, (s) => extractLine(s, CDI_LINE)],
  ['a long run of digits before a unit (CDI oxygen flow)', (n) => `SpO2 91% on ${'1'.repeat(n)}x L`, (s) => extractLine(s, CDI_LINE)],
  ['a results value of many digits (parser)', (n) => `${HEADER}\`\`\`results\n2026-03-05 Hgb ${'1'.repeat(n)}x\n\`\`\`\n`, parseChart],
  ['note text with a line of trailing blanks (FHIR import)', (n) => `a${spaces(n)}\u0001\nb`, tidy],
  ['prose of words and spaces (parser)', (n) => `${HEADER}# HPI\n${'word '.repeat(n / 5)}\n`, parseChart],
];

for (const [name, make, run] of CONSTRUCTS) {
  test(`linear time: ${name}`, () => {
    const inputs = SIZES.map((n) => make(n));
    const baselines = inputs.map((s) => best(linearBaseline, s, 5));
    const times: number[] = [];
    for (const [i, input] of inputs.entries()) {
      times.push(best(run, input));
      // A quadratic pattern shows already at 100 KB (and would take minutes at 1 MB): stop there.
      if (i === 1) assert.ok(times[1] < 3000, `${name}: 100 KB took ${times[1].toFixed(0)} ms`);
    }
    const baselineRatio = baselines[2] / Math.max(baselines[1], 0.01);
    const bound = 30 * Math.max(1, baselineRatio / 10);
    // Times under 5 ms are mostly noise: the ratio is taken against at least 5 ms.
    const ratio = times[2] / Math.max(times[1], 5);
    assert.ok(
      ratio <= bound,
      `${name}: 10 KB ${times[0].toFixed(1)} ms, 100 KB ${times[1].toFixed(1)} ms, 1 MB ${times[2].toFixed(1)} ms (ratio ${ratio.toFixed(1)}, bound ${bound.toFixed(1)})`,
    );
  });
}
