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
import { resolveSettings, ruleArgsLayer, type SettingsLayer } from '../../service/settings';
import { findProjectSettings, nodeFileSystem } from '../../service/projectSettings';
import { isWithin, MAX_CHART_BYTES, readUserFile, realPath } from '../../base/safeRead';
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
  --allow-missing-tables
                        check even when the code tables are missing or damaged (with what loads;
                        no tables: no code is checked); without it that is exit 2, so a CI gate
                        never passes a check that checked nothing
  --trust               let a .chartcoder.json name a CPT table outside its own folder tree (as a
                        trusted workspace in the editor); without it such a path is not read
  --                    end of options: every later argument is a file or folder

Settings are also read from the nearest .chartcoder.json at or above each chart's folder
({"rules": {"doc.no-evidence": "off"}}), as the editor reads them; --rule wins over it.
A folder argument is walked without following a symbolic link out of it; only regular files are
read, each chart up to 64 MB (docs/cli.md, "Safety").
Exit code: 0 no errors, 1 errors found, 2 bad usage, tables that failed to load, or a chart,
folder or .chartcoder.json that could not be read (each said on stderr; the rest is checked).`;

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
    const a = parseArgs(args, { values: ['format', 'tables'], repeated: ['rule'], booleans: ['quiet', 'trust', 'allow-missing-tables'] });
    const format = a.values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'jsonl') throw new Error(`--format must be text, json or jsonl; got "${format}"`);
    if (a.positionals.length === 0) {
      io.err(USAGE);
      return 2;
    }
    // --rule is checked once, before anything is read: an unknown rule id or level is a usage error.
    const ruleArgs = ruleArgsLayer(a.repeated.rule ?? []);
    if (ruleArgs.usage) throw new Error(ruleArgs.usage);
    if (ruleArgs.problems.length)
      throw new Error(ruleArgs.problems.map((p) => p.replace(/^--rule\.rules\./, '--rule ').replace(/ \(ignored\)\.$/, '.')).join(' '));
    let notChecked = 0; // charts, folders and settings files that could not be used: the run ends with exit 2
    const problem = (message: string) => {
      notChecked++;
      io.err(`chartcoder check: ${message}`);
    };
    const files: string[] = [];
    for (const p of a.positionals) {
      const abs = path.resolve(io.cwd, p);
      if (!fs.existsSync(abs)) {
        io.err(`chartcoder check: ${shownPath(p)}: no such file or directory`);
        return 2;
      }
      if (fs.statSync(abs).isDirectory()) collectCharts(abs, files, problem);
      else files.push(abs);
    }
    const { tables, error, repaired } = loadCliTables(a.values.tables);
    if (repaired) io.err(`chartcoder check: ${repaired}`);
    const allowMissing = a.booleans.has('allow-missing-tables');
    // A check without its tables checks no code: a failure, unless the caller says that is fine.
    const tablesFailed = (message: string): boolean => {
      if (allowMissing) {
        io.err(`chartcoder check: ${message}; checking without what failed to load (--allow-missing-tables)`);
        return false;
      }
      io.err(`chartcoder check: tables failed to load: ${message} (pass --allow-missing-tables to check without them)`);
      return true;
    };
    if (error && tablesFailed(error)) return 2;
    const damaged = tables ? tables.store.verifyAll() : [];
    if (
      damaged.length &&
      tablesFailed(
        `${damaged.length} damaged or missing file${damaged.length === 1 ? '' : 's'}: ${damaged.slice(0, 3).join('; ')}${damaged.length > 3 ? ' …' : ''}`,
      )
    )
      return 2;
    const extrasFailed: string[] = [];
    const extras = tables ? loadCliExtras(tables, (m) => extrasFailed.push(m)) : { mce: null, grouper: null };
    for (const m of extrasFailed) if (tablesFailed(m)) return 2;
    const service = new LanguageService({ tables, tablesError: error, settings: DEFAULT_SETTINGS, ...extras });
    const settingsCache = new Map<string, Settings | null>();
    const trust = a.booleans.has('trust');

    let errors = 0;
    let first = true;
    if (format === 'json') io.out('[');
    const progress = new Progress(files.length, 'check', io.isTTY && files.length > 20);
    for (const file of files) {
      progress.tick();
      const shown = shownPath(path.relative(io.cwd, file) || file);
      const settings = settingsFor(path.dirname(file), settingsCache, ruleArgs.layer, trust, io);
      if (!settings) {
        // The folder's .chartcoder.json is unusable (said once): its charts are not checked, the others are.
        notChecked++;
        continue;
      }
      // Loading the CPT table the settings name (once per table): a refused or bad file is said here.
      for (const p of service.updateSettings(settings)) io.err(`chartcoder check: ${shownPath(p)}`);
      let text: string;
      try {
        text = readUserFile(file, { maxBytes: MAX_CHART_BYTES, what: 'chart', label: shown });
      } catch (e) {
        problem((e as Error).message);
        continue;
      }
      const doc = { uri: file, version: 0, text, settings };
      const findings = service.findings(doc);
      if (format === 'text' && !a.booleans.has('quiet')) {
        // Which release each chart was checked against (stderr, so stdout stays one finding a line).
        const r = service.release(doc);
        if (r?.release)
          io.err(
            `${shown}: checked against ${r.release.label}${(r.release as { msdrgNote?: string | null }).msdrgNote ? ` · ${(r.release as { msdrgNote?: string | null }).msdrgNote}` : ''}`,
          );
      }
      service.forget(file);
      for (const f of findings) {
        if (f.severity === 'error' && !f.suppressed) errors++;
        if (format === 'json' || format === 'jsonl') {
          const item: JsonFinding = {
            uri: pathToFileURL(file).href,
            range: f.range,
            severity: f.severity,
            code: f.rule,
            message: f.message,
            source: 'chartcoder',
          };
          if (f.suppressed) item.suppressed = f.suppressed;
          if (f.data !== undefined) item.data = f.data;
          io.out(format === 'jsonl' ? JSON.stringify(item) : (first ? '  ' : ', ') + JSON.stringify(item));
          first = false;
        } else if (!f.suppressed && (!a.booleans.has('quiet') || f.severity === 'error')) {
          io.out(`${shown}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule} ${f.message}`);
        }
      }
    }
    progress.finish();
    if (format === 'json') io.out(']');
    if (notChecked) {
      io.err(`chartcoder check: ${notChecked} chart${notChecked === 1 ? '' : 's'} or folder${notChecked === 1 ? '' : 's'} not checked (see above)`);
      return 2;
    }
    return errors > 0 ? 1 : 0;
  },
};

/**
 * A path as one line of output: a control character in a file name (a newline, a tab, an escape)
 * is written as a JSON-style escape, so a name can never split its line or forge another.
 */
export function shownPath(p: string): string {
  // eslint-disable-next-line no-control-regex
  return p.replace(/[\u0000-\u001f\u007f\u2028\u2029\\]/g, (c) => (c === '\\' && path.sep === '\\' ? c : JSON.stringify(c).slice(1, -1)));
}

/**
 * The .chart files below `dir`, sorted, into `out`. Hidden entries and node_modules are skipped.
 * A symbolic link is followed only to a file inside the walked folder (never out of it, so a
 * repository's `x.chart -> /dev/zero` or `-> ~/.ssh/…` is not read); a linked folder is not
 * descended (the walk reaches whatever is inside the tree anyway, and no loop is possible).
 * A folder that cannot be read is reported through `problem` and the walk goes on.
 */
export function collectCharts(dir: string, out: string[], problem: (message: string) => void = () => {}, root = realPath(dir)): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problem(`${shownPath(dir)}: folder not read (${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message}); skipped`);
    return;
  }
  for (const entry of entries.sort((x, y) => x.name.localeCompare(y.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) collectCharts(p, out, problem, root);
    else if (entry.isSymbolicLink()) {
      if (!entry.name.endsWith('.chart')) continue;
      if (!fs.existsSync(p)) problem(`${shownPath(p)}: a symbolic link to nothing; skipped`);
      else if (!isWithin(root, p)) problem(`${shownPath(p)}: a symbolic link out of ${shownPath(dir)}'s folder tree; not followed`);
      else if (!fs.statSync(p).isDirectory()) out.push(p);
    } else if (entry.name.endsWith('.chart')) out.push(p);
  }
}

/**
 * Settings for charts in `dir`: the nearest .chartcoder.json at or above it, then the --rule
 * arguments (the order of service/settings.ts); null (said once) when that file is unusable.
 * A cptTable the file names outside its own folder tree is not used without --trust: the
 * repository's content chooses no file elsewhere on the machine (the editor's workspace-trust rule).
 */
function settingsFor(dir: string, cache: Map<string, Settings | null>, ruleLayer: SettingsLayer, trust: boolean, io: CliIO): Settings | null {
  if (cache.has(dir)) return cache.get(dir)!;
  const project = findProjectSettings(dir, nodeFileSystem);
  let settings: Settings | null = null;
  if (project && project.error !== undefined) io.err(`chartcoder check: ${shownPath(project.error)}; the charts it governs are not checked`);
  else {
    for (const p of project?.problems ?? []) io.err(`chartcoder check: ${p}`);
    let layer = project?.layer;
    if (project && layer?.cptTable !== undefined && !trust && !isWithin(path.dirname(project.file), layer.cptTable)) {
      io.err(
        `chartcoder check: ${project.file}: cptTable ${layer.cptTable} is outside the folder of the .chartcoder.json; not read (pass --trust to allow it)`,
      );
      layer = { ...layer, cptTable: undefined };
    }
    settings = resolveSettings([layer, ruleLayer]);
  }
  // One message per folder tree: every folder under the same settings file shares the verdict.
  cache.set(dir, settings);
  return settings;
}
