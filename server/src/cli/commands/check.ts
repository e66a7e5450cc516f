// `chartcoder check <file|dir>…`: the editor's diagnostics, headless. Text output
// (`file:line:col severity rule-id message`) or a stable JSON array; exit 1 when any error.
// Charts are read and checked one at a time, so 10,000 charts stream in bounded memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliCommand, CliIO } from '../types';
import { parseArgs } from '../args';
import { loadCliExtras, loadCliTables } from '../context';
import { LanguageService } from '../../service/languageService';
import { DEFAULT_SETTINGS, type Finding, type Settings } from '../../service/context';
import { resolveSettings, ruleArgsLayer } from '../../service/settings';
import { findProjectSettings, nodeFileSystem } from '../../service/projectSettings';
import { Progress } from '../progress';

const USAGE = `Usage: chartcoder check <file.chart|directory>… [options]

Checks charts against the coding guidelines and prints one line per finding:
  file:line:col severity rule-id message
A directory argument checks every .chart file below it.

Options:
  --format text|json|jsonl
                        json: one array of {uri, range, severity, code, message, source, suppressed?, data?};
                        jsonl: the same objects, one per line, as each chart is checked (docs/reports.md)
                        (data: what a quick fix needs; for cdi.opportunity.* the evidence, candidates,
                        drgImpact and the drafted query)
  --rule <id>=<level>   change a rule's severity (error|warning|info|hint|off); repeatable;
                        a family pattern works too: --rule 'mce.*=off'
  --tables <dir>        use built tables from <dir> (default: the installed tables)
  --quiet               print errors only

Settings are also read from the nearest .chartcoder.json at or above each chart's folder
({"rules": {"doc.no-evidence": "off"}}), as the editor reads them; --rule wins over it.
Exit code: 0 no errors, 1 errors found, 2 bad usage.`;

export interface JsonFinding {
  uri: string;
  range: Finding['range'];
  severity: Finding['severity'];
  code: string;
  message: string;
  source: 'chartcoder';
  suppressed?: { reason: string };
  /** The finding's data when it has any (CDI opportunities: evidence, candidates, drgImpact, query). */
  data?: unknown;
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check charts and print their diagnostics (exit 1 on errors).',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['format', 'tables'], repeated: ['rule'], booleans: ['quiet'] });
    const format = a.values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'jsonl') throw new Error(`--format must be text, json or jsonl; got "${format}"`);
    if (a.positionals.length === 0) {
      io.err(USAGE);
      return 2;
    }
    const files: string[] = [];
    for (const p of a.positionals) {
      const abs = path.resolve(io.cwd, p);
      if (!fs.existsSync(abs)) {
        io.err(`chartcoder check: ${p}: no such file or directory`);
        return 2;
      }
      if (fs.statSync(abs).isDirectory()) collectCharts(abs, files);
      else files.push(abs);
    }
    const { tables, error } = loadCliTables(a.values.tables);
    if (error) io.err(`chartcoder check: code tables not loaded, codes are not checked: ${error}`);
    const extras = tables ? loadCliExtras(tables, (m) => io.err(`chartcoder check: ${m}`)) : { mce: null, grouper: null };
    const service = new LanguageService({ tables, tablesError: error, settings: DEFAULT_SETTINGS, ...extras });
    const settingsCache = new Map<string, Settings>();

    let errors = 0;
    let first = true;
    if (format === 'json') io.out('[');
    const progress = new Progress(files.length, 'check', io.isTTY && files.length > 20);
    for (const file of files) {
      progress.tick();
      const settings = settingsFor(path.dirname(file), settingsCache, a.repeated.rule ?? [], io);
      if (!settings) return 2;
      service.updateSettings(settings);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        io.err(`chartcoder check: ${file}: ${(e as Error).message}`);
        errors++;
        continue;
      }
      const doc = { uri: file, version: 0, text, settings };
      const findings = service.findings(doc);
      if (format === 'text' && !a.booleans.has('quiet')) {
        // Which release each chart was checked against (stderr, so stdout stays one finding a line).
        const r = service.release(doc);
        if (r?.release) io.err(`${path.relative(io.cwd, file) || file}: checked against ${r.release.label}${(r.release as { msdrgNote?: string | null }).msdrgNote ? ` · ${(r.release as { msdrgNote?: string | null }).msdrgNote}` : ''}`);
      }
      service.forget(file);
      for (const f of findings) {
        if (f.severity === 'error' && !f.suppressed) errors++;
        if (format === 'json' || format === 'jsonl') {
          const item: JsonFinding = { uri: pathToFileURL(file).href, range: f.range, severity: f.severity, code: f.rule, message: f.message, source: 'chartcoder' };
          if (f.suppressed) item.suppressed = f.suppressed;
          if (f.data !== undefined) item.data = f.data;
          io.out(format === 'jsonl' ? JSON.stringify(item) : (first ? '  ' : ', ') + JSON.stringify(item));
          first = false;
        } else if (!f.suppressed && (!a.booleans.has('quiet') || f.severity === 'error')) {
          io.out(`${path.relative(io.cwd, file) || file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`);
        }
      }
    }
    progress.finish();
    if (format === 'json') io.out(']');
    return errors > 0 ? 1 : 0;
  },
};

export function collectCharts(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) collectCharts(p, out);
    else if (entry.name.endsWith('.chart')) out.push(p);
  }
}

/** Settings for charts in `dir`: the nearest .chartcoder.json at or above it, then --rule arguments (the order of service/settings.ts). */
function settingsFor(dir: string, cache: Map<string, Settings>, ruleArgs: string[], io: CliIO): Settings | null {
  const cached = cache.get(dir);
  if (cached) return cached;
  const project = findProjectSettings(dir, nodeFileSystem);
  if (project && project.error !== undefined) {
    io.err(`chartcoder check: ${project.error}`);
    return null;
  }
  for (const p of project?.problems ?? []) io.err(`chartcoder check: ${p}`);
  const args = ruleArgsLayer(ruleArgs);
  if (args.usage) {
    io.err(`chartcoder check: ${args.usage}`);
    return null;
  }
  for (const p of args.problems) io.err(`chartcoder check: ${p}`);
  const settings = resolveSettings([project?.layer, args.layer]);
  cache.set(dir, settings);
  return settings;
}
