// `chartcoder report <file|dir>…`: the coding team's report — charts by status, CMI as coded,
// the MS-DRG distribution, MCC/CC capture, findings by rule, open queries and their age, and the
// audit summary where auditors' abstracts exist (docs/reports.md). `--jobs N` uses N worker
// threads; `--format jsonl` streams one record per chart, and `--merge` builds the report from
// such records (the shards of a larger run).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { availableParallelism } from 'node:os';
import type { CliCommand, CliIO } from '../types';
import { parseArgs } from '../args';
import { writeOutput } from '../output';
import { Progress } from '../progress';
import { chartFiles, parseBaseRate } from './audit';
import { runRecords, type RecordResult } from '../../report/pool';
import type { ChartRecord } from '../../report/record';
import { teamReport } from '../../report/summary';
import { REPORT_CSV_HEADER, reportCsvRow, reportHtml, reportText } from '../../report/format';
import { csvRow } from '../../base/csv';

const USAGE = `Usage: chartcoder report <file.chart|directory>… [options]
       chartcoder report --merge <records.jsonl>… [--format text|json|html|csv] [--out FILE]

The coding team's report over the charts: charts by status (header \`status:\`), the case-mix index
as coded (mean relative weight of the coders' MS-DRGs, each with the weights of its discharge
date's release), the MS-DRG distribution, MCC/CC capture rate, findings by rule, open queries and
their age, and the audit summary where charts have an auditor's abstract. Definitions:
docs/reports.md.

Options:
  --format text|json|html|csv|jsonl   json keys: charts, cmi, byStatus, drgs, capture, findingsByRule,
                                      openQueries, audit; csv and jsonl: one row / record per chart
  --out FILE            write there instead of stdout (never over a .chart file)
  --jobs N              worker threads (default: the number of cores, at most 4)
  --no-findings         skip the guideline rules (no findings by rule; several times faster)
  --today YYYY-MM-DD    the date query ages are counted to (default: today)
  --base-rate DOLLARS   price audit changes with your base rate
  --merge               the arguments are jsonl record files (from --format jsonl) to combine
  --tables <dir>        use built tables from <dir>
Progress (count, rate, time left) goes to stderr when it is a terminal.
Exit code: 0 ok, 1 some charts could not be read, 2 bad usage.`;

const isError = (r: RecordResult): r is { file: string; error: string } => 'error' in r && !('drg' in r);

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Team report: charts by status, CMI, DRG mix, MCC/CC capture, findings, open queries, audit.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['format', 'out', 'jobs', 'today', 'tables', 'base-rate'], booleans: ['no-findings', 'merge'] });
    const format = a.values.format ?? 'text';
    if (!['text', 'json', 'html', 'csv', 'jsonl'].includes(format)) throw new Error(`--format must be text, json, html, csv or jsonl; got "${format}"`);
    const today = a.values.today ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new Error(`--today must be a date YYYY-MM-DD; got "${today}"`);
    const jobs = a.values.jobs === undefined ? Math.min(4, availableParallelism()) : Number(a.values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new Error(`--jobs must be a whole number from 1 to 64; got "${a.values.jobs}"`);
    if (!a.positionals.length) {
      io.err(USAGE);
      return 2;
    }
    if (a.booleans.has('merge')) {
      if (format === 'jsonl') throw new Error('--merge combines jsonl records into a report: choose --format text, json, html or csv');
      const records = await readRecords(a.positionals, io);
      if (!records) return 2;
      await writeReport(records, format, a.values.out, a.positionals, io);
      return 0;
    }
    const found = chartFiles(a.positionals, io);
    if ('error' in found) {
      io.err(`chartcoder report: ${found.error}`);
      return 2;
    }
    const files = found.map((file) => ({ file, shownAs: path.relative(io.cwd, file) || file }));
    const progress = new Progress(files.length, 'report', io.isTTY && files.length > 20);
    const records: (ChartRecord | undefined)[] = new Array(files.length);
    let unreadable = 0;
    // jsonl streams in file order: a result that arrives early waits for the ones before it.
    const sink = format === 'jsonl' ? lineSink(io, a.values.out, found) : null;
    let nextOut = 0;
    const pending = new Map<number, RecordResult>();
    await runRecords(
      files,
      { jobs, tablesDir: a.values.tables, baseRate: parseBaseRate(a.values['base-rate']), record: { today, findings: !a.booleans.has('no-findings') } },
      (index, result) => {
        progress.tick();
        if (isError(result)) {
          unreadable++;
          io.err(`chartcoder report: ${result.file}: ${result.error}`);
        } else if (!sink) records[index] = result;
        if (sink) {
          pending.set(index, result);
          while (pending.has(nextOut)) {
            const r = pending.get(nextOut)!;
            pending.delete(nextOut++);
            if (!isError(r)) sink.write(JSON.stringify(r));
          }
        }
      },
      (m) => io.err(`chartcoder report: ${m}`),
    );
    progress.finish();
    if (sink) sink.close();
    else
      await writeReport(
        records.filter((r): r is ChartRecord => r !== undefined),
        format,
        a.values.out,
        found,
        io,
      );
    return unreadable ? 1 : 0;
  },
};

/** Lines to stdout or to the --out file, written in batches. */
function lineSink(io: CliIO, out: string | undefined, inputs: string[]): { write(line: string): void; close(): void } {
  const lines: string[] = [];
  let fd: number | null = null;
  if (out && out !== '-') {
    writeOutput(io, out, '', inputs); // the same checks as every output (never over a chart), and an empty file
    fd = fs.openSync(path.resolve(io.cwd, out), 'w');
  }
  const flush = () => {
    if (!lines.length) return;
    if (fd !== null) fs.writeSync(fd, lines.join('\n') + '\n');
    else io.out(lines.join('\n'));
    lines.length = 0;
  };
  return {
    write(line) {
      lines.push(line);
      if (lines.length >= 256) flush();
    },
    close() {
      flush();
      if (fd !== null) fs.closeSync(fd);
    },
  };
}

async function writeReport(records: ChartRecord[], format: string, out: string | undefined, inputs: string[], io: CliIO): Promise<void> {
  const report = teamReport(records);
  let text: string;
  if (format === 'json') text = JSON.stringify(report, null, 2);
  else if (format === 'csv') text = [csvRow(REPORT_CSV_HEADER), ...records.map(reportCsvRow)].join('\n');
  else if (format === 'html') text = await reportHtml(report, records);
  else text = reportText(report);
  writeOutput(io, out, text, inputs);
}

/** Chart records from jsonl files (`report --format jsonl` output); null after a message when one cannot be read. */
async function readRecords(files: string[], io: CliIO): Promise<ChartRecord[] | null> {
  const out: ChartRecord[] = [];
  for (const f of files) {
    const abs = path.resolve(io.cwd, f);
    if (!fs.existsSync(abs)) {
      io.err(`chartcoder report: ${f}: no such file`);
      return null;
    }
    let n = 0;
    for await (const line of readline.createInterface({ input: fs.createReadStream(abs), crlfDelay: Infinity })) {
      n++;
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as ChartRecord;
        if (typeof r.file !== 'string' || !('drg' in r) || typeof r.findings !== 'object')
          throw new Error('not a chart record of `chartcoder report --format jsonl`');
        out.push(r);
      } catch (e) {
        io.err(`chartcoder report: ${f}:${n}: ${(e as Error).message}`);
        return null;
      }
    }
  }
  return out;
}
