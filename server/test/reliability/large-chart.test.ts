// Bounded memory and time on a large hostile chart (docs/security.md, "Robustness"): the note
// sections and results rows of two CDI evaluation charts repeated to 1 MB and 4 MB (largeChart.ts),
// each checked by the CLI in a fresh process. Time, and peak memory above a tiny chart's, must grow
// about linearly: the 4 MB / 1 MB ratio stays under a generous bound (linear gives ~4, quadratic
// ~16). Before the fix, every pair of creatinine and hemoglobin values was built: 1 MB took 40 s
// and 1.5 GB, 8 MB 1.3 GB+ and a 50 MB chart ran out of memory. The rows include pairs the rules
// match (sodium–glucose, PaCO2–pH, PaO2–FiO2) that never match, so a scan per row shows too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { largeChart } from './largeChart';

const RUNNER = join(__dirname, 'largeChartRun.ts');

function measure(file: string): { ms: number; maxRssKb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, file], { encoding: 'utf8', timeout: 600_000 });
  assert.equal(r.status, 0, `runner failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { code: number; ms: number; maxRssKb: number };
  assert.ok(out.code === 0 || out.code === 1, `check exited ${out.code}`);
  return out;
}

test('large chart: time and peak memory grow about linearly (1 MB → 4 MB)', { timeout: 900_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-large-'));
  try {
    const files = { tiny: join(dir, 'tiny.chart'), one: join(dir, 'one.chart'), four: join(dir, 'four.chart') };
    writeFileSync(files.tiny, largeChart(0));
    writeFileSync(files.one, largeChart(1_000_000));
    writeFileSync(files.four, largeChart(4_000_000));
    const tiny = measure(files.tiny);
    const one = measure(files.one);
    const four = measure(files.four);
    const above = (x: number, base: number) => Math.max(x - base, 1);
    // Time: the plain ratio (the tables' load, a second or so, is noise next to a tiny chart's time).
    const timeRatio = four.ms / one.ms;
    const memRatio = above(four.maxRssKb, tiny.maxRssKb) / above(one.maxRssKb, tiny.maxRssKb);
    const figures = `tiny ${Math.round(tiny.ms)} ms ${tiny.maxRssKb >> 10} MB; 1 MB ${Math.round(one.ms)} ms ${one.maxRssKb >> 10} MB; 4 MB ${Math.round(four.ms)} ms ${four.maxRssKb >> 10} MB`;
    t.diagnostic(`${figures}; time ×${timeRatio.toFixed(1)}, memory above a tiny chart ×${memRatio.toFixed(1)}`);
    assert.ok(timeRatio < 9, `time grows faster than linearly: ×${timeRatio.toFixed(1)} for ×4 the size (${figures})`);
    assert.ok(memRatio < 9, `memory grows faster than linearly: ×${memRatio.toFixed(1)} for ×4 the size (${figures})`);
    // The documented bound: at most 75 MB of peak memory per MB of chart above a tiny chart's (docs/security.md).
    assert.ok(four.maxRssKb - tiny.maxRssKb < 4 * 75 * 1024, `4 MB chart took ${(four.maxRssKb - tiny.maxRssKb) >> 10} MB above a tiny chart (${figures})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
