// The DRG impact of findings (service/features/drgImpact.ts) on the keystroke path: the time it
// adds to a diagnostic pass on the 20-page chart of ./rules.ts and on a sample chart, when the
// keystroke is in the note (the abstract unchanged: every candidate abstract already grouped)
// and when it is in the abstract (a POA value toggled: the candidates grouped afresh).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../server/src/chart/parse';
import { computeFindings } from '../../server/src/service/features/diagnostics';
import { withDrgImpacts } from '../../server/src/service/features/drgImpact';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../server/src/service/context';
import { loadTables } from '../../server/src/tables/load';
import { loadMsdrgTables } from '../../server/src/grouper/tables';
import { defaultTablesDir } from '../../server/src/tables/format';
import { chartRelease } from '../../server/src/service/release';
import { twentyPageChart } from './rules';
import { fmt, percentile, timeRuns } from './util';

const root = join(__dirname, '..', '..');

export async function bench(): Promise<void> {
  const ctx: ServiceContext = { tables: loadTables(), grouper: loadMsdrgTables(defaultTablesDir()), settings: DEFAULT_SETTINGS };
  const charts: [string, string, string][] = [
    ['20-page chart', twentyPageChart(), 'SDX  I10  Y'],
    ['pneumonia-hf test chart', readFileSync(join(root, 'server', 'test', 'service', 'charts', 'pneumonia-hf.chart'), 'utf8'), 'SDX  N18.31  Y'],
  ];
  for (const [name, text, poaLine] of charts) {
    const chart = parseChart(text);
    const release = chartRelease(chart, ctx.tables!);
    const raw = computeFindings(chart, { ...ctx, grouper: null });
    const withImpact = withDrgImpacts(raw, chart, ctx, release, () => false);
    const moved = withImpact.filter((f) => (f.data as { drgImpact?: unknown } | undefined)?.drgImpact).length;
    const note = timeRuns(40, () => withDrgImpacts(raw, chart, ctx, release, () => false), 3);
    let n = 0;
    const abstractEdits = [0, 1].map((i) => parseChart(text.replace(poaLine, poaLine.replace(/Y$/, i ? 'N' : 'U'))));
    const fresh = timeRuns(
      40,
      () => {
        // A new abstract each run: toggle the POA, then clear the outcomes kept for it by another base rate.
        const c = abstractEdits[n % 2];
        withDrgImpacts(raw, c, { ...ctx, settings: { ...DEFAULT_SETTINGS, baseRate: 5000 + n++ } }, release, () => false);
      },
      3,
    );
    let k = 0;
    const pass = timeRuns(20, () => computeFindings(parseChart(text.replace('orthopnea', k++ % 2 ? 'orthopnoea' : 'orthopnea')), ctx), 3);
    console.log(
      `drg-impact: ${name}: ${raw.length} findings, ${moved} move the DRG; added per pass p50 ${fmt(percentile(note, 50))} (keystroke in the note) · ${fmt(percentile(fresh, 50))} (abstract edited) · whole keystroke pass p50 ${fmt(percentile(pass, 50))}`,
    );
  }
}

if (require.main === module) void bench();
