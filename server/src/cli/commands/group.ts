// `chartcoder group`: MS-DRG grouping from the command line.
//   chartcoder group --claims claims.jsonl [--version 430|431]   oracle claim lines → answer lines
//   chartcoder group chart.chart [--format json] [--version 431]  one chart's abstract
// Claims stream line by line (bounded memory for millions of claims); a bad line gets an error
// line naming its number and field, and the run goes on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { CliCommand, CliIO } from '../types';
import { parseArgs } from '../args';
import { loadMsdrgTables, type MsdrgTables } from '../../grouper/tables';
import { defaultTablesDir } from '../../tables/format';
import { groupClaim } from '../../grouper/group';
import { ClaimFormatError, formatAnswer, parseClaimLine } from '../../grouper/claims';
import { chartAbstract } from '../../service/features/drgAbstract';
import { groupAbstract } from '../../grouper/impact';
import { versionKey, versionLabel } from '../../base/versions';
import { parseChart } from '../../chart/parse';

const USAGE = `Usage:
  chartcoder group --claims <claims.jsonl|-> [--version 430|431|…] [--out <file>]
  chartcoder group <chart.chart> [--format text|json] [--version 430|431|…]

--claims reads one claim per line in the oracle format
  {"id", "age", "sex": "M"|"F"|"U", "dstat": "01", "pdx": "I5023", "sdx": ["N184:Y", …], "procs": [...]}
and writes one answer per line (id, version, drg, mdc, medsurg, return_code, initial_drg, severity,
hac_status, sdx[], procs[]). A line that cannot be read gets {"line": n, "id": …, "error": "…", "field": "…"}
and the run goes on. Without --version a claim's "discharged" date chooses the version (default 430).
affects_drg follows CMS's marking logic (the codes that made the DRG's formula true); it is the one
field that may differ from CMS's answer (on 4–10 % of claims; see docs/grouper.md).

With a chart, the header gives age, sex, disposition and the discharge date (which chooses the
grouper version unless --version is given); the abstract gives PDX, SDX (with POA) and PROC.

--tables <dir> uses built tables from <dir> (default: the installed tables/build).
Exit code: 0 ok, 1 some claims could not be read, 2 bad usage or no tables.`;

export const groupCommand: CliCommand = {
  name: 'group',
  summary: 'MS-DRG grouping of claim files (oracle format) or of a chart abstract.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['claims', 'version', 'format', 'tables', 'out'] });
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
    if (a.values.claims) return groupClaims(tables, a.values.claims, version, a.values.out, io);
    if (a.positionals.length !== 1) {
      io.err(USAGE);
      return 2;
    }
    const format = a.values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      io.err(`chartcoder group: --format must be text or json; got "${format}"`);
      return 2;
    }
    return groupChart(tables, a.positionals[0]!, version, format, io);
  },
};

async function groupClaims(tables: MsdrgTables, file: string, version: string | undefined, outFile: string | undefined, io: CliIO): Promise<number> {
  const input = file === '-' ? process.stdin : fs.createReadStream(path.resolve(io.cwd, file));
  const opened = await new Promise<Error | null>((resolve) => {
    if (file === '-') return resolve(null);
    input.once('open', () => resolve(null));
    input.once('error', (e: Error) => resolve(e));
  });
  if (opened) {
    io.err(`chartcoder group: ${file}: ${opened.message}`);
    return 2;
  }
  // Answers are written in batches: one io.out call per line would dominate the run time.
  const sink = outFile ? fs.createWriteStream(path.resolve(io.cwd, outFile)) : null;
  const batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const text = batch.join('\n');
    batch.length = 0;
    if (sink) {
      if (!sink.write(text + '\n')) await new Promise<void>((r) => sink.once('drain', () => r()));
    } else io.out(text);
  };
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let bad = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === '') continue;
    try {
      const claim = parseClaimLine(line);
      const v = version ?? versionOfLine(tables, line);
      batch.push(formatAnswer(groupClaim(tables, claim, v, { affectsDrg: true })));
    } catch (e) {
      bad++;
      const field = e instanceof ClaimFormatError ? e.field : '(line)';
      const id = /"id"\s*:\s*"([^"]*)"/.exec(line)?.[1];
      batch.push(JSON.stringify({ line: n, id, field, error: `${file}:${n}: ${field}: ${(e as Error).message}` }));
    }
    if (batch.length >= 512) await flush();
  }
  await flush();
  if (sink) await new Promise<void>((r) => sink.end(() => r()));
  if (bad) io.err(`chartcoder group: ${bad} of ${n} lines could not be read (see the error lines)`);
  return bad ? 1 : 0;
}

/** A claim's optional "discharged" date picks the version; v43.0 otherwise (the oracle's default). */
function versionOfLine(tables: MsdrgTables, line: string): string {
  const d = /"discharged"\s*:\s*"(\d{4}-\d{2}-\d{2})"/.exec(line)?.[1];
  const v = d ? tables.versionFor(d) : null;
  if (v) return v;
  if (d) throw new ClaimFormatError('discharged', `no MS-DRG version covers ${d}`);
  return tables.versions.includes('430') ? '430' : tables.versions[tables.versions.length - 1]!;
}

function groupChart(tables: MsdrgTables, file: string, version: string | undefined, format: 'text' | 'json', io: CliIO): number {
  const abs = path.resolve(io.cwd, file);
  if (!fs.existsSync(abs)) {
    io.err(`chartcoder group: ${file}: no such file`);
    return 2;
  }
  const doc = parseChart(fs.readFileSync(abs, 'utf8'));
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
  for (const s of r.sdx) io.out(`  SDX ${s.code} POA ${s.poa || '-'}: ${s.severity}${s.cc_excluded ? ' (CC-excluded by the PDX)' : ''}${s.usage.endsWith('BY_DRG_LOGIC') ? ' (not counted by this DRG)' : ''}`);
  for (const p of r.procs) io.out(`  PROC ${p.code}: ${p.is_or ? 'O.R.' : 'non-O.R.'}`);
  return 0;
}
