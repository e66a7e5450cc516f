// `chartcoder group`: MS-DRG grouping from the command line.
//   chartcoder group --claims claims.jsonl [--version 430|431]   oracle claim lines → answer lines
//   chartcoder group chart.chart [--format json] [--version 431]  one chart's abstract
// Claims stream line by line (bounded memory for millions of claims); a bad line gets an error
// line naming its number and field, and the run goes on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliCommand, CliIO } from '../types';
import { parseArgs } from '../args';
import { loadMsdrgTables, type MsdrgTables } from '../../grouper/tables';
import { defaultTablesDir } from '../../tables/format';
import { groupClaim, type Claim, type GroupResult } from '../../grouper/group';
import { ClaimFormatError, formatAnswer, parseClaimLine } from '../../grouper/claims';
import { loadMceTables, type MceTables } from '../../mce/tables';
import { runMce } from '../../mce/edits';
import { chartAbstract } from '../../drg/chartAbstract';
import { groupAbstract } from '../../grouper/impact';
import { versionKey, versionLabel } from '../../base/versions';
import { parseChart } from '../../chart/parse';
import { checkOutputFile, OutputStream } from '../output';
import { MAX_CHART_BYTES, openRegularFile, readUserFile } from '../../base/safeRead';
import { collectCharts } from './check';
import { Progress } from '../progress';

const USAGE = `Usage:
  chartcoder group --claims <claims.jsonl|-> [--version 430|431|…] [--out <file>] [--no-mce]
  chartcoder group <chart.chart> [--format text|json] [--version 430|431|…]
  chartcoder group <chart.chart|directory>… --format jsonl [--version …]   one JSON line per chart

--claims reads one claim per line in the oracle format
  {"id", "age", "sex": "M"|"F"|"U", "dstat": "01", "pdx": "I5023", "sdx": ["N184:Y", …], "procs": [...]}
and writes one answer per line (id, version, drg, mdc, medsurg, return_code, initial_drg, severity,
hac_status, sdx[], procs[], mce[], mce_edit_type). A line that cannot be read gets
{"line": n, "id": …, "error": "…", "field": "…"} and the run goes on. Without --version a claim's
"discharged" date chooses the version (default 430).
mce[] lists the Medicare Code Editor edits of the claim's diagnoses ({"code", "edit"}: principal, then
secondary diagnoses in claim order), mce_edit_type the claim's edit type (procedure and claim edits
count there), as CMS's MCE and the oracle harness return them
for the claim's "discharged" date (without one: 2026-01-15, or 2026-06-01 for a vNN.1 version, as the
oracle harness does) and its optional "los" (length of stay; default 3, the oracle harness's).
--no-mce leaves both out.
affects_drg follows CMS's marking logic (the codes that made the DRG's formula true); it is the one
field that may differ from CMS's answer (on 4–10 % of claims; see docs/grouper.md).

With a chart, the header gives age, sex, disposition and the discharge date (which chooses the
grouper version unless --version is given); the abstract gives PDX, SDX (with POA) and PROC.

--out <file> writes the answers there instead of stdout: through a temporary file in the same
folder, renamed into place when complete; never onto the claims file itself (refused, exit 2).
--tables <dir> uses built tables from <dir> (default: the installed tables/build).
Exit code: 0 ok, 1 some claims could not be read, 2 bad usage, an unreadable input or no tables.`;

export const groupCommand: CliCommand = {
  name: 'group',
  summary: 'MS-DRG grouping of claim files (oracle format) or of a chart abstract.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['claims', 'version', 'format', 'tables', 'out'], booleans: ['no-mce'] });
    let tables: MsdrgTables;
    try {
      tables = loadMsdrgTables(a.values.tables ? path.resolve(io.cwd, a.values.tables) : defaultTablesDir());
    } catch (e) {
      io.err(`chartcoder group: ${(e as Error).message}`);
      return 2;
    }
    const version = a.values.version === undefined ? undefined : versionKey(a.values.version);
    if (version !== undefined && !tables.versions.includes(version)) {
      io.err(`chartcoder group: --version ${a.values.version}: not in the tables (have ${tables.versions.join(', ')})`);
      return 2;
    }
    if (a.values.claims) {
      let mce: MceTables | null = null;
      if (!a.booleans.has('no-mce')) {
        try {
          mce = loadMceTables(a.values.tables ? path.resolve(io.cwd, a.values.tables) : defaultTablesDir());
        } catch (e) {
          io.err(`chartcoder group: ${(e as Error).message}`);
          return 2;
        }
      }
      return groupClaims(tables, mce, a.values.claims, version, a.values.out, io);
    }
    const format = a.values.format ?? 'text';
    if (format === 'jsonl' && a.positionals.length > 0) return groupChartsJsonl(tables, a.positionals, version, io);
    if (a.positionals.length !== 1) {
      io.err(USAGE);
      return 2;
    }
    if (format !== 'text' && format !== 'json') {
      io.err(`chartcoder group: --format must be text, json or jsonl; got "${format}"`);
      return 2;
    }
    return groupChart(tables, a.positionals[0]!, version, format, io);
  },
};

/** The claim's discharge date for the MCE: its own, else the oracle harness's default for the version. */
export function mceDischargeDate(discharged: string | undefined, version: string): string {
  return discharged ?? (version.endsWith('1') ? '2026-06-01' : '2026-01-15');
}

/**
 * One claim's answer in the oracle format: the grouper's result and, with MCE tables, the Code
 * Editor's edits (the one Code Editor, server/src/mce/) as CMS's harness reports them: the edits of
 * the principal and the secondary diagnoses in claim order (the harness lists no procedure or claim
 * edits: they show in the claim's edit type, which counts every edit).
 */
export function claimAnswer(
  tables: MsdrgTables,
  mce: MceTables | null,
  claim: Claim,
  version: string,
): GroupResult & { mce?: { code: string; edit: string }[]; mce_edit_type?: string } {
  const r: GroupResult & { mce?: { code: string; edit: string }[]; mce_edit_type?: string } = groupClaim(tables, claim, version, { affectsDrg: true });
  if (!mce) return r;
  const m = runMce(mce, {
    age: claim.age,
    sex: claim.sex,
    dstat: claim.dstat,
    pdx: claim.pdx,
    sdx: claim.sdx,
    procs: claim.procs,
    discharged: mceDischargeDate(claim.discharged, version),
    los: claim.los ?? 3,
  });
  r.mce = [];
  for (const e of m.edits) if (e.position === 'pdx' || e.position === 'sdx') r.mce.push({ code: e.code, edit: e.edit });
  r.mce_edit_type = m.editType;
  return r;
}

async function groupClaims(
  tables: MsdrgTables,
  mce: MceTables | null,
  file: string,
  version: string | undefined,
  outFile: string | undefined,
  io: CliIO,
): Promise<number> {
  // The output is checked before the input is opened: never the input itself, its folder must exist.
  const outPath = outFile === undefined ? null : checkOutputFile(outFile, [file], io.cwd);
  let input: NodeJS.ReadableStream;
  if (file === '-') input = process.stdin;
  else {
    // A regular file only (a FIFO or /dev/zero is refused at once), then streamed from the opened descriptor.
    let fd: number;
    try {
      fd = openRegularFile(path.resolve(io.cwd, file), file).fd;
    } catch (e) {
      io.err(`chartcoder group: ${(e as Error).message}`);
      return 2;
    }
    input = fs.createReadStream('', { fd });
  }
  // Answers are written in batches: one io.out call per line would dominate the run time.
  const sink = outPath ? new OutputStream(outPath) : null;
  const batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join('\n');
    batch.length = 0;
    if (sink) await sink.write(text + '\n');
    else io.out(text);
  };
  let n = 0;
  let bad = 0;
  try {
    for await (const line of boundedLines(input, MAX_CLAIM_LINE)) {
      n++;
      if (line === null) {
        bad++;
        batch.push(JSON.stringify({ line: n, field: '(line)', error: `${file}:${n}: (line): longer than ${MAX_CLAIM_LINE / 1024 / 1024} MB; skipped` }));
        continue;
      }
      if (line.trim() === '') continue;
      try {
        const claim = parseClaimLine(line);
        const v = version ?? versionOfClaim(tables, claim);
        batch.push(formatAnswer(claimAnswer(tables, mce, claim, v)));
      } catch (e) {
        bad++;
        const field = e instanceof ClaimFormatError ? e.field : '(line)';
        const id = /"id"\s*:\s*"([^"]*)"/.exec(line)?.[1];
        batch.push(JSON.stringify({ line: n, id, field, error: `${file}:${n}: ${field}: ${(e as Error).message}` }));
      }
      if (batch.length >= 512) await flush();
    }
    await flush();
    if (sink) await sink.commit();
  } catch (e) {
    await sink?.abort(); // the output file, if any, is left as it was
    throw e;
  }
  if (bad) io.err(`chartcoder group: ${bad} of ${n} lines could not be read (see the error lines)`);
  return bad ? 1 : 0;
}

/** The longest claim line read (a claim with 100,000 secondary diagnoses is about 1 MB). */
const MAX_CLAIM_LINE = 64 * 1024 * 1024;

/**
 * The lines of `input` (without `\n` or `\r\n`); a line longer than `max` characters comes as
 * null and is not kept, so a file without newlines (a binary, a log) costs bounded memory.
 */
async function* boundedLines(input: NodeJS.ReadableStream, max: number): AsyncGenerator<string | null> {
  input.setEncoding('utf8');
  let pending = '';
  let skipping = false; // inside a line already too long: drop up to its end
  const line = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of input as AsyncIterable<string>) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', start)) {
      const piece = chunk.slice(start, nl);
      start = nl + 1;
      if (skipping || pending.length + piece.length > max) {
        skipping = false;
        pending = '';
        yield null;
      } else {
        yield line(pending + piece);
        pending = '';
      }
    }
    if (skipping) continue;
    pending += chunk.slice(start);
    if (pending.length > max) {
      skipping = true;
      pending = '';
    }
  }
  if (skipping) yield null;
  else if (pending !== '') yield line(pending);
}

/** A claim's optional "discharged" date picks the version; v43.0 otherwise (the oracle's default). */
function versionOfClaim(tables: MsdrgTables, claim: Claim): string {
  const d = claim.discharged;
  const v = d ? tables.versionFor(d) : null;
  if (v) return v;
  if (d) throw new ClaimFormatError('discharged', `no MS-DRG version covers ${d}`);
  return tables.versions.includes('430') ? '430' : tables.versions[tables.versions.length - 1]!;
}

function groupChart(tables: MsdrgTables, file: string, version: string | undefined, format: 'text' | 'json', io: CliIO): number {
  let text: string;
  try {
    text = readUserFile(path.resolve(io.cwd, file), { maxBytes: MAX_CHART_BYTES, what: 'chart', label: file });
  } catch (e) {
    io.err(`chartcoder group: ${(e as Error).message}`);
    return 2;
  }
  const doc = parseChart(text);
  const built = chartAbstract(doc, tables, version);
  if (!built.ok) {
    io.err(`chartcoder group: ${file}: ${built.message}`);
    return 1;
  }
  const r = groupAbstract(tables, built.abstract);
  if (format === 'json') {
    io.out(JSON.stringify({ file, ...r, title: tables.drgTitle(r.drg, r.version) }, null, 2));
    return 0;
  }
  const title = tables.drgTitle(r.drg, r.version) ?? '';
  io.out(`${file}: MS-DRG ${r.drg} ${title} (MDC ${r.mdc}, ${r.medsurg}, ${versionLabel(r.version)})`);
  if (r.return_code !== 'OK') io.out(`  ungroupable: ${r.return_code}`);
  if (r.hac_status !== 'NOT_APPLICABLE') io.out(`  HAC: ${r.hac_status} (initial DRG ${r.initial_drg})`);
  for (const s of r.sdx)
    io.out(
      `  SDX ${s.code} POA ${s.poa || '-'}: ${s.severity}${s.cc_excluded ? ' (CC-excluded by the PDX)' : ''}${s.usage.endsWith('BY_DRG_LOGIC') ? ' (not counted by this DRG)' : ''}${s.hacMet.length ? ` (hospital-acquired condition: HAC ${s.hacMet.map((n) => String(n).padStart(2, '0')).join(', ')})` : ''}`,
    );
  for (const p of r.procs) io.out(`  PROC ${p.code}: ${p.is_or ? 'O.R.' : 'non-O.R.'}`);
  return 0;
}

/**
 * Every chart of the arguments (directories searched), one JSON line each as it is grouped:
 * {"file", "version", "drg", "mdc", …, "title"} or {"file", "error"}. Exit 1 when some chart could not be grouped.
 */
function groupChartsJsonl(tables: MsdrgTables, paths: string[], version: string | undefined, io: CliIO): number {
  const files: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(io.cwd, p);
    if (!fs.existsSync(abs)) {
      io.err(`chartcoder group: ${p}: no such file or directory`);
      return 2;
    }
    if (fs.statSync(abs).isDirectory()) collectCharts(abs, files);
    else files.push(abs);
  }
  let failed = 0;
  const batch: string[] = [];
  const progress = new Progress(files.length, 'group', io.isTTY && files.length > 20);
  for (const abs of files) {
    progress.tick();
    const file = path.relative(io.cwd, abs) || abs;
    let line: string;
    try {
      const built = chartAbstract(parseChart(fs.readFileSync(abs, 'utf8')), tables, version);
      if (!built.ok) throw new Error(built.message);
      const r = groupAbstract(tables, built.abstract);
      delete r.path;
      line = JSON.stringify({ file, ...r, title: tables.drgTitle(r.drg, r.version) });
    } catch (e) {
      failed++;
      line = JSON.stringify({ file, error: (e as Error).message });
    }
    batch.push(line);
    if (batch.length >= 256) io.out(batch.splice(0).join('\n'));
  }
  if (batch.length) io.out(batch.join('\n'));
  progress.finish();
  return failed ? 1 : 0;
}
