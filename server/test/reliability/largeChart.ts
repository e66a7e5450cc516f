// A large hostile chart for the memory and time bounds (large-chart.test.ts, docs/security.md):
// the note sections and the results rows of two CDI evaluation charts (a creatinine rise, a
// hemoglobin drop after surgery), repeated until the chart reaches the wanted size. Every copy
// feeds the CDI rules: the creatinine and hemoglobin series grow with the chart, and the
// conditions stay undocumented, so no rule stops early; one results block per copy (a block's
// text must not cost a pass over the whole chart).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'cdi', 'fixtures', 'dev');

function parts(file: string): { header: string; notes: string; results: string[]; abstract: string } {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const end = text.indexOf('\n---\n', 4) + 5;
  const header = text.slice(0, end);
  const fence = text.indexOf('```results\n');
  const close = text.indexOf('```\n', fence + 11);
  return {
    header,
    notes: text.slice(end, fence),
    results: text
      .slice(fence + 11, close)
      .split('\n')
      .filter(Boolean),
    abstract: text.slice(close + 4),
  };
}

/**
 * Rows that each rule matches against other rows (a sodium's glucose, a PaCO2's pH, a PaO2's FiO2),
 * none matching: a rule that scans every row per row is quadratic on them.
 */
const HOSTILE_ROWS = [
  '2026-01-13T06:00  sodium       128   mmol/L',
  '2026-01-15T06:00  glucose      250   mg/dL',
  '2026-01-13T07:00  paco2        58    mmHg',
  '2026-01-15T07:00  ph           7.29',
  '2026-01-13T08:00  pao2         55    mmHg    # on 4 L nasal cannula',
  '2026-01-14T11:00  fio2         40    %',
];

/** A chart of about `bytes` bytes: note sections, each followed by a results block of about the same size, repeated. */
export function largeChart(bytes: number): string {
  const a = parts('d01-pneumonia-creatinine-rise.chart');
  const b = parts('d24-hip-orif-hgb-drop.chart');
  const notes = a.notes + b.notes;
  const rows = [...a.results, ...b.results, ...HOSTILE_ROWS].join('\n') + '\n';
  const unit = `${notes}\`\`\`results\n${rows.repeat(Math.max(1, Math.round(notes.length / rows.length)))}\`\`\`\n\n`;
  return `${a.header}${unit.repeat(Math.max(1, Math.round(bytes / unit.length)))}${a.abstract}`;
}
