// `chartcoder audit <file|dir>…`: the coder's abstract against the auditor's (```abstract
// by=auditor```) in every chart — both MS-DRGs, the changes and their reasons, and the accuracy
// summary overall and per coder (docs/audit.md). Charts without an auditor's abstract are listed
// as not audited and left out of the rates.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand, CliIO } from '../types';
import { parseArgs } from '../args';
import { loadCliExtras, loadCliTables } from '../context';
import { writeOutput } from '../output';
import { collectCharts } from './check';
import { parseChart } from '../../chart/parse';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../service/context';
import { chartRelease } from '../../service/release';
import { auditChart } from '../../audit/chartAudit';
import { auditJson, auditSummary, type AuditEntry } from '../../audit/summary';
import { auditCsv, auditText } from '../../audit/format';
import { auditHtml } from '../../audit/html';

const USAGE = `Usage: chartcoder audit <file.chart|directory>… [--format text|json|csv|html] [--out FILE]

Compares each chart's coder's abstract with its auditor's abstract (\`\`\`abstract by=auditor):
diagnoses added, deleted and revised (same 3-character category), principal diagnosis changed,
POA changes, procedures added, deleted and revised (same first 3 characters); both MS-DRGs grouped
with the release of the discharge date, their weights and estimated payments; a reason for each
change. Then the accuracy summary (DRG, PDX, code and POA accuracy, payment impact), overall and
per coder (header \`coder:\`). Charts without an auditor's abstract are listed as not audited and
left out of the rates. The definitions are in docs/audit.md.

Options:
  --format text|json|csv|html  json: {"charts": [...], "summary": {...}}; csv: one row per chart;
                               html: one self-contained page with plots (use with --out)
  --out FILE                   write there instead of stdout (never over a .chart file)
  --base-rate DOLLARS          price with your base rate (default: the national standardized amount)
  --tables <dir>               use built tables from <dir>
Exit code: 0 ok, 2 bad usage or an unreadable path.`;

/** The chart files named by the arguments (directories searched for .chart files), or a message. */
export function chartFiles(positionals: string[], io: CliIO): string[] | { error: string } {
  const files: string[] = [];
  for (const p of positionals) {
    const abs = path.resolve(io.cwd, p);
    if (!fs.existsSync(abs)) return { error: `${p}: no such file or directory` };
    if (fs.statSync(abs).isDirectory()) collectCharts(abs, files);
    else files.push(abs);
  }
  return files;
}

/** One chart read and audited (null audit: not audited). */
export function auditEntry(file: string, text: string, ctx: ServiceContext, shownAs: string): AuditEntry {
  const chart = parseChart(text);
  const h = chart.header;
  const release = ctx.tables ? chartRelease(chart, ctx.tables) : null;
  return {
    file: shownAs,
    coderId: h?.coder ?? null,
    auditorId: h?.auditor ?? null,
    audited: h?.audited ?? null,
    discharged: h?.discharged ?? null,
    audit: auditChart(chart, ctx, release),
  };
}

/** The service context a batch command groups with: the tables, the grouper, default settings (or a base rate). */
export function batchContext(tablesDir: string | undefined, baseRate: number | null, io: CliIO, command: string): ServiceContext | null {
  const { tables, error } = loadCliTables(tablesDir);
  if (!tables) {
    io.err(`chartcoder ${command}: ${error}`);
    return null;
  }
  const { grouper } = loadCliExtras(tables, (m) => io.err(`chartcoder ${command}: ${m}`));
  return { tables, grouper, settings: { ...DEFAULT_SETTINGS, baseRate } };
}

export function parseBaseRate(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--base-rate must be a positive number of dollars; got "${value}"`);
  return n;
}

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: "Compare coders' abstracts with auditors': DRG changes, reasons, accuracy per coder.",
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['format', 'out', 'tables', 'base-rate'] });
    const format = a.values.format ?? 'text';
    if (!['text', 'json', 'csv', 'html'].includes(format)) throw new Error(`--format must be text, json, csv or html; got "${format}"`);
    if (!a.positionals.length) {
      io.err(USAGE);
      return 2;
    }
    const baseRate = parseBaseRate(a.values['base-rate']);
    const files = chartFiles(a.positionals, io);
    if ('error' in files) {
      io.err(`chartcoder audit: ${files.error}`);
      return 2;
    }
    const ctx = batchContext(a.values.tables, baseRate, io, 'audit');
    if (!ctx) return 2;
    const entries: AuditEntry[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        io.err(`chartcoder audit: ${file}: ${(e as Error).message}`);
        continue;
      }
      entries.push(auditEntry(file, text, ctx, path.relative(io.cwd, file) || file));
    }
    const summary = auditSummary(entries);
    let text: string;
    if (format === 'json') text = JSON.stringify(auditJson(entries), null, 2);
    else if (format === 'csv') text = auditCsv(entries);
    else if (format === 'html') text = await auditHtml(entries, summary);
    else text = auditText(entries, summary);
    writeOutput(io, a.values.out, text, files);
    return 0;
  },
};
