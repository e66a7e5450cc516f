// Guideline diagnostics on a 20-page chart: the time from a changed text to the full list of
// findings (parse + every rule + severities + suppressions), warm (tables loaded, lookups
// memoised as they are while typing). Target: ≤ 50 ms (issue #6).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../server/src/chart/parse';
import { computeFindings } from '../../server/src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../server/src/service/context';
import { loadTables } from '../../server/src/tables/load';
import { RULES } from '../../server/src/rules';
import { chartRelease } from '../../server/src/service/release';
import { fmt, percentile, timeRuns } from './util';

const root = join(__dirname, '..', '..');

/** About 20 pages (≈ 1,100 lines): the sample notes repeated, one abstract of 25 codes, queries. */
export function twentyPageChart(): string {
  const sample = readFileSync(join(root, 'samples', 'hf-ckd.chart'), 'utf8');
  const [, header, rest] = sample.split(/^---$/m);
  const body = rest.split('```abstract')[0];
  const parts = [`---${header}---`];
  for (let i = 0; parts.join('\n').split('\n').length < 1100; i++) parts.push(body.replace(/^# /gm, `# Day ${i + 1} — `));
  const codes = [
    'I13.0 Y',
    'I50.33 Y',
    'N18.4 Y',
    'E11.22 Y',
    'Z79.4 1',
    'E78.5 Y',
    'Z87.891 1',
    'I10 Y',
    'E11.9 Y',
    'J96.01 Y',
    'D63.1 Y',
    'R65.20 Y',
    'A41.9 Y',
    'N17.9 Y',
    'E87.1 Y',
    'J18.9 Y',
    'i509 Y',
    'S72.001 N',
    'W01.0A 1',
    'Q99.99 Y',
    'G93.41 Y',
    'E43 Y',
    'D62 Y',
    'F02.80 Y',
    'Z68.41 1',
  ];
  parts.push('```abstract', ...codes.map((c, i) => `${i === 0 ? 'PDX' : 'SDX'}  ${c.replace(' ', '  ')}`), '```', sample.slice(sample.indexOf('```query')));
  return parts.join('\n');
}

export async function bench(): Promise<void> {
  const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };
  const text = twentyPageChart();
  const chart = parseChart(text);
  console.log(
    `rules: ${RULES.length} rule files, chart of ${chart.lineCount} lines, ${chart.annotations.length} annotations, ${chart.abstract?.lines.length ?? 0} abstract lines`,
  );
  const first = performance.now();
  const findings = computeFindings(chart, ctx);
  console.log(`rules: first run (cold lookups) ${fmt(performance.now() - first)}, ${findings.length} findings`);
  // A keystroke: the text changes (one character in the note), the chart is parsed and checked.
  let n = 0;
  const full = timeRuns(40, () => computeFindings(parseChart(text.replace('orthopnea', n++ % 2 ? 'orthopnoea' : 'orthopnea')), ctx), 3);
  console.log(
    `rules: keystroke → findings (parse + all rules), p50 ${fmt(percentile(full, 50))}, p95 ${fmt(percentile(full, 95))}, max ${fmt(full[full.length - 1]!)} (target ≤ 50 ms)`,
  );
  const ruleCtx = { ...ctx, chart, release: chartRelease(chart, ctx.tables!) };
  const per = RULES.map((r) => ({
    id: r.id,
    ms: percentile(
      timeRuns(20, () => r.check(ruleCtx), 2),
      50,
    ),
  })).sort((a, b) => b.ms - a.ms);
  console.log(
    `rules: slowest rules (p50): ${per
      .slice(0, 5)
      .map((p) => `${p.id} ${fmt(p.ms)}`)
      .join(', ')}`,
  );
}

if (require.main === module) void bench();
