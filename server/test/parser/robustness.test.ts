// Parsing never fails: every prefix of every sample (each keystroke state while typing it from
// the top) and every single-line deletion parse without throwing, with well-formed ranges,
// within a time budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../src/chart/parse';
import type { ChartDocument, Range } from '../../src/chart/model';

const samplesDir = join(__dirname, '..', '..', '..', 'samples');
function samples(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.chart')) out.push({ name: e.name, text: readFileSync(join(dir, e.name), 'utf8') });
    }
  };
  walk(samplesDir);
  return out;
}

function assertRangesWellFormed(chart: ChartDocument, text: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  const check = (r: Range, what: string) => {
    assert.ok(r.start.line >= 0 && r.end.line < lines.length, `${what}: line out of the document`);
    assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: range not ordered`);
    assert.ok(r.start.character <= lines[r.start.line].length && r.end.character <= lines[r.end.line].length, `${what}: character past the line end`);
  };
  for (const e of chart.errors) check(e.range, `error ${e.code}`);
  for (const a of chart.annotations) {
    check(a.range, 'annotation');
    for (const c of a.codes) check(c.range, 'code');
  }
  for (const s of chart.sections) check(s.range, 'section');
  if (chart.abstract) for (const l of chart.abstract.lines) check(l.range, 'abstract line');
  for (const q of chart.queries) check(q.range, 'query');
}

test('every prefix of every sample parses, with ranges inside the text', () => {
  const all = samples();
  assert.ok(all.length >= 5, 'the samples are there');
  const started = performance.now();
  let parses = 0;
  for (const { name, text } of all) {
    for (let end = 0; end <= text.length; end++) {
      const prefix = text.slice(0, end);
      let chart: ChartDocument;
      try {
        chart = parseChart(prefix);
      } catch (e) {
        assert.fail(`${name}: parse threw at offset ${end}: ${(e as Error).message}`);
      }
      if (end % 7 === 0 || end === text.length) assertRangesWellFormed(chart, prefix);
      parses++;
    }
  }
  const ms = performance.now() - started;
  // Budget: a keystroke-sized chart parses in well under a millisecond on average.
  assert.ok(ms / parses < 2, `average ${(ms / parses).toFixed(3)} ms per prefix parse`);
});

test('deleting any one line of a sample leaves a parseable chart', () => {
  for (const { name, text } of samples()) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const mutated = [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
      assert.doesNotThrow(() => assertRangesWellFormed(parseChart(mutated), mutated), `${name} without line ${i + 1}`);
    }
  }
});

test('a 1 MB chart parses in linear time (budget 1 s even on a loaded CI machine)', () => {
  const body = readFileSync(
    join(
      samplesDir,
      readdirSync(samplesDir).find((f) => f.endsWith('.chart'))!,
    ),
    'utf8',
  );
  let big = body;
  while (big.length < 1_000_000) big += '\n# More notes\n' + body.replace(/^---[\s\S]*?\n---\n/, '').replace(/```abstract[\s\S]*?```/g, '');
  parseChart(big); // warm up
  const t0 = performance.now();
  const chart = parseChart(big);
  const ms = performance.now() - t0;
  assert.ok(chart.annotations.length > 100);
  assert.ok(ms < 1000, `1 MB parsed in ${ms.toFixed(1)} ms`);
});
