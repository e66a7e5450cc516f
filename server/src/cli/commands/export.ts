// `chartcoder export <chart>… --format fhir|csv [--out FILE]`: the final abstract of each chart as
// a FHIR R4 institutional Claim (one chart) or a Bundle of Claims (several), or as CSV rows
// (encounter, role, sequence, code, POA, date) for billing systems. The MS-DRG comes from the same
// grouper as the editor's code lens.
import * as path from 'node:path';
import type { Bundle, Claim } from 'fhir/r4';
import type { CliCommand } from '../types';
import { parseArgs } from '../args';
import { loadCliExtras, loadCliTables } from '../context';
import { chartInput, LanguageService } from '../../service/languageService';
import { DEFAULT_SETTINGS } from '../../service/context';
import { CSV_HEADER, chartToClaim, chartToRows, rowsToCsv, type ExportOptions, type ExportRow } from '../../fhir/export';
import { writeFileSafely, WouldOverwriteError } from '../../fhir/write';
import { checkOutputFile } from '../output';
import { MAX_CHART_BYTES, readUserFile } from '../../base/safeRead';

const USAGE = `Usage: chartcoder export <file.chart>… --format fhir|csv [--out <file>] [--abstract coder|auditor] [--force]

Exports the final abstract of each chart:
  fhir  a FHIR R4 institutional Claim (a Bundle of type collection for several charts):
        diagnosis with sequence, type and onAdmission (POA), the MS-DRG in the principal
        diagnosis' packageCode, procedures with their dates (docs/fhir.md)
  csv   one row per code: encounter,role,sequence,code,poa,date (role: principal, admitting,
        secondary, procedure, ms-drg)

Charts whose status is to-code, in-progress or query-pending are not final and are refused
(--include-uncoded exports them anyway). Without --out the result goes to stdout; --out never
replaces an existing file unless --force is given.
Exit code: 0 ok, 1 a chart could not be exported (the others are), 2 bad usage.`;

const NOT_FINAL = new Set(['to-code', 'in-progress', 'query-pending']);

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export the final abstract as a FHIR R4 Claim or CSV rows.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['format', 'out', 'abstract', 'tables', 'created'], booleans: ['force', 'include-uncoded'] });
    const format = a.values.format;
    if ((format !== 'fhir' && format !== 'csv') || a.positionals.length === 0) {
      io.err(format && format !== 'fhir' && format !== 'csv' ? `chartcoder export: --format must be fhir or csv; got "${format}"` : USAGE);
      return 2;
    }
    const which = (a.values.abstract ?? 'coder') as 'coder' | 'auditor';
    if (which !== 'coder' && which !== 'auditor') throw new Error(`--abstract must be coder or auditor; got "${a.values.abstract}"`);
    // Checked before any work: the output's folder exists and the output is none of the charts read.
    const outPath = a.values.out === undefined ? null : checkOutputFile(a.values.out, a.positionals, io.cwd);
    const dir = a.values.tables ? path.resolve(io.cwd, a.values.tables) : undefined;
    const loaded = loadCliTables(dir);
    const service = loaded.tables
      ? new LanguageService({
          tables: loaded.tables,
          ...loadCliExtras(loaded.tables, (m) => io.err(`chartcoder export: ${m}`)),
          settings: { ...DEFAULT_SETTINGS },
        })
      : null;
    if (!service) io.err(`chartcoder export: ${loaded.error}; exporting without the MS-DRG`);

    const claims: Claim[] = [];
    const rows: ExportRow[] = [];
    let failed = 0;
    for (const file of a.positionals) {
      const abs = path.resolve(io.cwd, file);
      let text: string;
      try {
        text = readUserFile(abs, { maxBytes: MAX_CHART_BYTES, what: 'chart', label: file });
      } catch (e) {
        io.err(`chartcoder export: ${(e as Error).message}`);
        failed++;
        continue;
      }
      const input = chartInput(abs, text);
      const chart = service ? service.chart(input) : (await import('../../chart/parse')).parseChart(text);
      if (chart.header?.status && NOT_FINAL.has(chart.header.status) && !a.booleans.has('include-uncoded')) {
        io.err(`chartcoder export: ${file}: status is ${chart.header.status}, not final (code it and set status: coded, or pass --include-uncoded)`);
        failed++;
        continue;
      }
      const drg = service?.drgOf(input, which);
      const options: ExportOptions = {
        abstract: which,
        created: a.values.created,
        drg: drg && 'drg' in drg ? drg : null,
        title: service ? (system, code) => service.codeTitle(code, chart.header?.discharged, system) : undefined,
      };
      if (drg && 'reason' in drg) io.err(`chartcoder export: ${file}: not grouped — ${drg.reason}`);
      const got = format === 'fhir' ? chartToClaim(chart, options) : chartToRows(chart, options);
      if (!got.ok) {
        io.err(`chartcoder export: ${file}: ${got.message}`);
        failed++;
        continue;
      }
      for (const w of got.warnings) if (!w.startsWith('no MS-DRG') || !drg || !('reason' in drg)) io.err(`chartcoder export: ${file}: ${w}`);
      if (format === 'fhir') claims.push(got.value as Claim);
      else rows.push(...(got.value as ExportRow[]));
    }
    let output: string;
    if (format === 'fhir') {
      if (claims.length === 0) return 1;
      const bundle: Bundle = { resourceType: 'Bundle', type: 'collection', entry: claims.map((resource) => ({ resource })) };
      output = JSON.stringify(claims.length === 1 ? claims[0] : bundle, null, 2) + '\n';
    } else {
      output = [CSV_HEADER, rowsToCsv(rows)].filter(Boolean).join('\r\n') + '\r\n';
    }
    if (outPath) {
      try {
        writeFileSafely(outPath, output, a.booleans.has('force'));
      } catch (e) {
        if (e instanceof WouldOverwriteError) {
          io.err(`chartcoder export: ${a.values.out} exists; not overwritten (use --force to replace it)`);
          return 1;
        }
        throw e;
      }
    } else io.out(output.replace(/\r?\n$/, ''));
    return failed ? 1 : 0;
  },
};
