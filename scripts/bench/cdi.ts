// CDI opportunities on a 20-page chart: keystroke → findings (parse + every rule, the CDI rules with
// their measurement model, DRG impact through the grouper and drafted queries), warm. Target ≤ 50 ms
// (issue #19). The chart: the development CDI charts' notes one after another (≈ 1,100 lines of
// prose with values, treatments and other clinicians' notes), a results block of 240 values, one
// abstract.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../server/src/chart/parse';
import { computeFindings } from '../../server/src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../server/src/service/context';
import { loadTables } from '../../server/src/tables/load';
import { defaultTablesDir } from '../../server/src/tables/format';
import { loadMsdrgTables } from '../../server/src/grouper/tables';
import { CDI_OPPORTUNITY_RULES } from '../../server/src/rules/cdi/index';
import { chartRelease } from '../../server/src/service/release';
import { chartMeasurements } from '../../server/src/cdi/measurements';
import { fmt, percentile, timeRuns } from './util';

const root = join(__dirname, '..', '..');

export function twentyPageCdiChart(): string {
  const dir = join(root, 'server', 'test', 'cdi', 'fixtures', 'dev');
  // The notes of the charts where an opportunity fires (the worst case: every rule has evidence to weigh).
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
  const bodies = readdirSync(dir)
    .filter((f) => f.endsWith('.chart') && expected[f]?.length)
    .sort()
    .map(
      (f) =>
        readFileSync(join(dir, f), 'utf8')
          .replace(/^---[\s\S]*?\n---\n/, '')
          .split(/^```/m)[0],
    );
  const header = '---\nencounter: BENCH-CDI\nage: 74\nsex: M\nadmitted: 2026-01-12\ndischarged: 2026-01-30\ndisposition: 01\n---\n';
  const parts = [header];
  let lines = 0;
  for (let i = 0; lines < 1100; i++) {
    const b = bodies[i % bodies.length];
    parts.push(b);
    lines += b.split('\n').length;
  }
  const results = ['```results'];
  const names = [
    'creatinine 1.1 mg/dL',
    'sodium 134 mmol/L',
    'hemoglobin 11.2 g/dL',
    'platelets 180 K/uL',
    'wbc 11.5 K/uL',
    'lactate 1.8 mmol/L',
    'spo2 93 %',
    'rr 22 /min',
  ];
  for (let d = 0; d < 30; d++) for (const n of names) results.push(`2026-01-${String(12 + (d % 18)).padStart(2, '0')}T0${d % 10}:00  ${n}`);
  results.push('```');
  parts.push(results.join('\n'), '```abstract\nPDX  J18.9  Y\nSDX  I10    Y\nSDX  E11.9  Y\nSDX  I50.9  Y\n```\n');
  return parts.join('\n');
}

export async function bench(): Promise<void> {
  const dir = defaultTablesDir();
  const ctx: ServiceContext = { tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: DEFAULT_SETTINGS };
  const text = twentyPageCdiChart();
  const chart = parseChart(text);
  const first = performance.now();
  const findings = computeFindings(chart, ctx);
  const cdi = findings.filter((f) => f.rule.startsWith('cdi.opportunity.'));
  console.log(
    `cdi: chart of ${chart.lineCount} lines (${(text.length / 1024).toFixed(0)} KB), ${chartMeasurements(chart).all.length} measurements; first run ${fmt(performance.now() - first)}, ${cdi.length} CDI findings (${[...new Set(cdi.map((f) => f.rule.slice(16)))].join(', ')})`,
  );
  // A keystroke: one character changes in one paragraph (the others' extraction is cached by their text).
  let n = 0;
  const cpu0 = process.cpuUsage();
  const full = timeRuns(30, () => computeFindings(parseChart(text.replace('Cough improving', n++ % 2 ? 'Cough improvinh' : 'Cough improving')), ctx), 3);
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `cdi: keystroke → findings (parse + all rules incl. CDI + DRG impact), p50 ${fmt(percentile(full, 50))}, p95 ${fmt(percentile(full, 95))}, min ${fmt(full[0]!)} · CPU ${fmt((cpu.user + cpu.system) / 1000 / 33)} per run (target ≤ 50 ms)`,
  );
  let k = 0;
  const fresh = timeRuns(5, () => computeFindings(parseChart(text.replace(/creatinine/g, `creatinine${'\u200b'.repeat(k++ % 3)}`)), ctx), 0);
  console.log(`cdi: every paragraph new (nothing cached, e.g. a chart just opened), p50 ${fmt(percentile(fresh, 50))}`);
  let m = 0;
  const model = timeRuns(30, () => chartMeasurements(parseChart(text.replace('productive cough', m++ % 2 ? 'productive coughs' : 'productive cough'))), 3);
  const parse = timeRuns(30, () => parseChart(text), 3);
  console.log(`cdi: of which parse p50 ${fmt(percentile(parse, 50))}; parse + measurement model p50 ${fmt(percentile(model, 50))}`);
  const ruleCtx = { ...ctx, chart, release: chartRelease(chart, ctx.tables!) };
  const per = CDI_OPPORTUNITY_RULES.map((r) => ({
    id: r.id.slice(16),
    ms: percentile(
      timeRuns(10, () => r.check(ruleCtx), 1),
      50,
    ),
  })).sort((a, b) => b.ms - a.ms);
  console.log(`cdi: per rule, the chart's model built (p50): ${per.map((p) => `${p.id} ${fmt(p.ms)}`).join(', ')}`);
}

if (require.main === module) void bench();
