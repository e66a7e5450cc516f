// `chartcoder queries <file|dir>…`: every physician query of the charts with its status, age in
// days since discharge, the condition asked about and whether the answer was coded, and the CDI
// program summary (queries per chart, response rate, agreement rate, open > 7 days). Reads charts
// only; needs no code tables.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand } from '../types';
import { isCalendarDate, parseArgs } from '../args';
import { parseChart } from '../../chart/parse';
import { summarizeQueries, trackQueries, type TrackedQuery } from '../../service/features/queries';
import { collectCharts, shownPath } from './check';
import { MAX_CHART_BYTES, readUserFile } from '../../base/safeRead';

const USAGE = `Usage: chartcoder queries <file.chart|directory>… [--format text|json|csv] [--today YYYY-MM-DD]

Lists every physician query (\`\`\`query blocks) of the charts: status (open, answered, withdrawn;
a query without a status is answered when it records an answer, else open), age in days since the
chart's discharge date, the condition asked about, the answer, whether it agrees with a diagnosis
offered, and whether that diagnosis is coded in the abstract. Then a summary: queries per chart,
response rate (answered / open + answered), agreement rate (agreed / answered), queries open more
than 7 days.

Options:
  --format text|json|csv   json: {"queries": [...], "summary": {...}}; csv: one row per query
  --today YYYY-MM-DD       the date ages are counted to (default: today)
Exit code: 0 ok, 2 bad usage or an unreadable path (a chart or folder that cannot be read is
said on stderr and the others are listed).`;

interface Row extends TrackedQuery {
  file: string;
  encounter: string | null;
}

export const queriesCommand: CliCommand = {
  name: 'queries',
  summary: 'Track physician queries: status, age, condition, answer coded; response and agreement rates.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['format', 'today'] });
    const format = a.values.format ?? 'text';
    if (!['text', 'json', 'csv'].includes(format)) throw new Error(`--format must be text, json or csv; got "${format}"`);
    const today = a.values.today ?? new Date().toISOString().slice(0, 10);
    if (!isCalendarDate(today)) throw new Error(`--today must be a date YYYY-MM-DD; got "${today}"`);
    if (!a.positionals.length) {
      io.err(USAGE);
      return 2;
    }
    const files: string[] = [];
    let unreadable = 0; // charts and folders that could not be read: reported, the rest listed, exit 2
    const problem = (message: string) => {
      unreadable++;
      io.err(`chartcoder queries: ${message}`);
    };
    for (const p of a.positionals) {
      const abs = path.resolve(io.cwd, p);
      if (!fs.existsSync(abs)) {
        io.err(`chartcoder queries: ${shownPath(p)}: no such file or directory`);
        return 2;
      }
      if (fs.statSync(abs).isDirectory()) collectCharts(abs, files, problem);
      else files.push(abs);
    }
    const rows: Row[] = [];
    for (const file of files) {
      const shown = shownPath(path.relative(io.cwd, file) || file);
      let text: string;
      try {
        text = readUserFile(file, { maxBytes: MAX_CHART_BYTES, what: 'chart', label: shown });
      } catch (e) {
        problem((e as Error).message);
        continue;
      }
      const chart = parseChart(text);
      for (const q of trackQueries(chart, today)) rows.push({ file: shown, encounter: chart.header?.encounter ?? null, ...q });
    }
    const summary = summarizeQueries(rows, files.length);
    const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10} %`);
    if (format === 'json') {
      io.out(JSON.stringify({ queries: rows, summary }, null, 2));
    } else if (format === 'csv') {
      const cols: (keyof Row)[] = ['file', 'encounter', 'id', 'to', 'status', 'line', 'ageDays', 'condition', 'answer', 'agreed', 'coded'];
      io.out(cols.join(','));
      for (const r of rows) io.out(cols.map((c) => csv(r[c])).join(','));
    } else {
      for (const r of rows)
        io.out(
          `${r.file}:${r.line} ${r.id} ${r.status}${r.ageDays !== null ? ` ${r.ageDays} d` : ''} — ${r.condition ?? '(condition not named)'}${r.to ? ` — to ${r.to}` : ''}${r.answer ? ` — answer: ${r.answer} (${r.agreed ? 'agrees' : 'does not agree'}; coded: ${r.coded})` : ''}`,
        );
      io.out('');
      io.out(
        `${summary.charts} chart${summary.charts === 1 ? '' : 's'}, ${summary.queries} quer${summary.queries === 1 ? 'y' : 'ies'} (${summary.queriesPerChart} per chart): ${summary.open} open, ${summary.answered} answered, ${summary.withdrawn} withdrawn`,
      );
      io.out(
        `response rate ${pct(summary.responseRate)} · agreement rate ${pct(summary.agreementRate)} · open > 7 days: ${summary.openOver7Days} · answered and coded: ${summary.answeredAndCoded}`,
      );
    }
    return unreadable ? 2 : 0;
  },
};

function csv(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
