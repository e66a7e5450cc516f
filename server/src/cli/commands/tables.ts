// `chartcoder tables build|check|diff`: what a table maintainer runs at each Oct 1 / Apr 1 update.
//   build  [--sources <dir>] [--out <dir>] [--release <dir>]…   build the tables from the official files
//   check  [--tables <dir>] [--format json]                     counts, source checksums, cross-checks, PCS tables
//   diff   <date> <date> [--limit N] [--format json]            what changed between two releases
//   import FILE… [--tables <dir>] [--format json]               official files as published, into the installed build
import * as path from 'node:path';
import type { CliCommand, CliIO } from '../types';
import { parseArgs } from '../args';
import { loadCliTables } from '../context';
import type { Tables } from '../../tables/load';
import { buildTables, defaultSourcesDir, projectRoot } from '../../../../tables/build';
import { ImportRefused, importOfficialFiles } from '../../../../tables/import';
import { PcsStructure } from '../../search/pcs/structure';
import { defaultTablesDir } from '../../tables/format';
import { condensedCodes } from '../../tables/history';
import { dottedCm } from '../../base/codes';

const USAGE = `Usage:
  chartcoder tables build [--sources <dir>] [--out <dir>] [--release <dir>]…
      Build the code tables from the official files (default sources: ../shared/code-sets or
      $CHARTCODER_SOURCES). --release adds a release from a folder of official files of a new
      year with its release.json (see docs/tables.md).
  chartcoder tables check [--tables <dir>] [--format text|json]
      Counts per system and release, the sha256 of every source, and cross-checks (every code
      the MS-DRG tables name exists in the code files …); the ICD-10-PCS tables and every table
      whose titles the derived axis meanings do not re-generate. Exit 1 when a check fails.
  chartcoder tables diff <date> <date> [--limit N] [--format text|json]
      Codes added, removed (with what replaced them, from the CDC conversion tables) and
      retitled, CC/MCC changes, POA-exempt list changes and DRG weight changes between the
      releases of two discharge dates (any dates from 2022-10-01), e.g. tables diff 2026-09-30 2026-10-01.
  chartcoder tables import FILE… [--tables <dir>] [--format text|json]
      Official files as CMS/CDC publish them, into the installed tables: a CMS MS-DRG grouper
      data jar (msdrg-binary-access-*.jar: every MS-DRG version it carries), an ICD-10-CM tabular
      XML or the table-and-index zip holding it. Each is verified (format, year), compared with
      what is installed (identical: nothing changes; older: refused), recorded with its sha256 in
      the manifest, and installed atomically. Also a CDC POA-exempt zip (POAexemptCodesFYyy.zip)
      and a CDC conversion table (ICD-10-CM-Conversion-Table-FYyyyy.xlsx). Exit 2 when a file is
      refused (nothing installed). See docs/tables.md, "Bring your own official files".`;

export const tablesCommand: CliCommand = {
  name: 'tables',
  summary: 'Build, check and compare the code-table releases.',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'build') return build(rest, io);
    if (sub === 'check') return check(rest, io);
    if (sub === 'diff') return diff(rest, io);
    if (sub === 'import') return importFiles(rest, io);
    io.err(USAGE);
    return 2;
  },
};

async function build(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { values: ['sources', 'out'], repeated: ['release'] });
  const root = projectRoot();
  const sourcesDir = path.resolve(io.cwd, a.values.sources ?? defaultSourcesDir(root));
  const outDir = path.resolve(io.cwd, a.values.out ?? defaultTablesDir());
  const { ms, bytes } = await buildTables({
    sourcesDir,
    outDir,
    extraReleaseDirs: (a.repeated.release ?? []).map((d) => path.resolve(io.cwd, d)),
    log: (m) => io.err(m),
  });
  io.out(`built ${outDir} in ${(ms / 1000).toFixed(1)} s (${(bytes / 1024 / 1024).toFixed(1)} MB)`);
  return 0;
}

function load(dir: string | undefined): Tables {
  const { tables, error } = loadCliTables(dir);
  if (!tables) throw new Error(error);
  return tables;
}

async function check(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { values: ['tables', 'format'] });
  const tables = load(a.values.tables);
  const manifest = tables.manifestInfo();
  const counts = tables.counts();
  const checks: { name: string; ok: boolean; detail: string }[] = [];
  for (const r of tables.releases) {
    if (!r.msdrgVersion) continue;
    const grouper = tables.grouperTables();
    if (!grouper.hasVersion(r.msdrgVersion)) {
      checks.push({
        name: `${r.id}: the MS-DRG ${r.msdrgVersion} tables are installed`,
        ok: !!r.msdrgNote,
        detail: r.msdrgNote ?? `not in the grouper's tables (have ${grouper.versions.join(', ')})`,
      });
      continue;
    }
    const { dx, pr } = grouper.codes(r.msdrgVersion);
    // The grouper version of a release must know no code that the release's code files lack.
    const missingDx = dx.filter((c) => !tables.status(c, 'icd10cm', r.id).billable);
    // The grouper's procedure table also holds its own pseudo-codes (e.g. "Z@0217"): only real PCS codes count.
    const missingPr = pr.filter((c) => /^[0-9A-HJ-NP-Z]{7}$/.test(c) && !tables.status(c, 'icd10pcs', r.id).valid);
    // A newer code set may legitimately carry codes the (older) grouper logic does not know: report, don't fail.
    const strict = !r.msdrgNote;
    checks.push({
      name: `${r.id}: every ICD-10-CM code in the MS-DRG ${r.msdrgVersion} tables is a billable code of the release`,
      ok: !strict || missingDx.length === 0,
      detail: missingDx.length ? `${missingDx.length} not in the release (first: ${missingDx.slice(0, 5).join(', ')})` : 'all present',
    });
    checks.push({
      name: `${r.id}: every ICD-10-PCS code in the MS-DRG ${r.msdrgVersion} tables is a code of the release`,
      ok: !strict || missingPr.length === 0,
      detail: missingPr.length ? `${missingPr.length} not in the release (first: ${missingPr.slice(0, 5).join(', ')})` : 'all present',
    });
    const weights = tables.drgWeights(r.id);
    const untitled = [...weights.values()].filter((w) => !w.title).map((w) => w.drg);
    checks.push({
      name: `${r.id}: every DRG with a weight has a title`,
      ok: untitled.length === 0,
      detail: untitled.length ? `untitled: ${untitled.join(', ')}` : `${weights.size} DRGs`,
    });
  }
  // What the build found comparing each release's code list with the MCE's validity dates (CMS
  // re-issues a year's files with the April codes in them; an April release is derived from the
  // dates): reported, not failed — the release follows the MCE.
  for (const c of manifest.checks ?? [])
    checks.push({ name: `${c.release}: the ${c.system} code list agrees with the MCE's validity dates`, ok: true, detail: c.message });
  // The PCS tables: every table titled by an order file; the derived axis meanings re-generate the
  // titles (a table where they do not is listed — CMS words some titles its own way — not a failure).
  let pcs: ReturnType<PcsStructure['checkSummary']> = [];
  try {
    pcs = PcsStructure.load(tables).checkSummary();
  } catch (e) {
    checks.push({ name: 'ICD-10-PCS tables (pcs-tables.json)', ok: false, detail: (e as Error).message });
  }
  for (const p of pcs) {
    checks.push({ name: `${p.release}: the ICD-10-PCS tables come from an order file`, ok: true, detail: `${p.tables} tables; ${p.note}` });
    checks.push({
      name: `${p.release}: the PCS axis meanings re-generate every title from its parts`,
      ok: true,
      detail: `${p.regenerated} of ${p.titles} titles; ${p.failing.length} tables where that fails (listed below); ${p.unnamed} values without a meaning`,
    });
  }
  const ok = checks.every((c) => c.ok);
  if (a.values.format === 'json') {
    io.out(
      JSON.stringify(
        { format: manifest.format, releases: manifest.releases, counts, sources: manifest.sources, imports: manifest.imports ?? [], checks, pcs, ok },
        null,
        2,
      ),
    );
    return ok ? 0 : 1;
  }
  io.out('Releases:');
  for (const r of tables.releases)
    io.out(`  ${r.id.padEnd(9)} ${r.start} → ${r.end ?? 'open'}  ${r.label}; MS-DRG ${r.msdrgVersion ?? '—'}${r.msdrgNote ? ` (${r.msdrgNote})` : ''}`);
  io.out('\nCodes (valid incl. headers / billable):');
  for (const c of counts) io.out(`  ${c.system.padEnd(9)} ${c.release.padEnd(9)} ${String(c.valid).padStart(7)} / ${String(c.billable).padStart(7)}`);
  io.out('\nSources (sha256):');
  for (const s of manifest.sources) io.out(`  ${s.sha256.slice(0, 16)}…  ${s.file} (${s.year})`);
  if (manifest.imports?.length) {
    io.out('\nImported (tables import):');
    for (const i of manifest.imports) io.out(`  ${i.sha256.slice(0, 16)}…  ${i.file} (${i.kind}, ${i.year}) ${i.importedAt}: ${i.replaced}`);
  }
  io.out('\nChecks:');
  for (const c of checks) io.out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  for (const p of pcs) {
    if (!p.failing.length) continue;
    io.out(`\nICD-10-PCS tables of ${p.release} whose titles are not all re-generated from the derived meanings (${p.failing.length}):`);
    for (const f of p.failing)
      io.out(`  ${f.table} ${f.title ?? '(no title)'}: ${f.problems.find((x) => /re-generated|template/.test(x)) ?? f.problems[0] ?? ''}`);
  }
  return ok ? 0 : 1;
}

async function diff(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { values: ['tables', 'format', 'limit'] });
  if (a.positionals.length !== 2) {
    io.err(USAGE);
    return 2;
  }
  const limit = a.values.limit === undefined ? 20 : Number(a.values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`--limit must be a whole number; got "${a.values.limit}"`);
  const tables = load(a.values.tables);
  const [fromDate, toDate] = a.positionals;
  const pick = (date: string) => {
    const c = tables.releaseFor(date);
    if (c.kind === 'none') throw new Error(c.message);
    return tables.releaseById(c.release.id)!;
  };
  const from = pick(fromDate);
  const to = pick(toDate);
  const systems = (['icd10cm', 'icd10pcs', 'hcpcs'] as const).map((system) => ({ system, ...tables.compareReleases(system, from.id, to.id) }));
  const severity =
    from.msdrgVersion && to.msdrgVersion && from.msdrgVersion !== to.msdrgVersion
      ? tables.grouperTables().severityChanges(from.msdrgVersion, to.msdrgVersion)
      : [];
  const wa = tables.drgWeights(from.id);
  const wb = tables.drgWeights(to.id);
  // 998/999 (ungroupable) carry a zero weight in the Pricer table and none in the weights lists: not DRG changes.
  const payable = (m: Map<string, { weight: number }>, d: string) => (m.get(d)?.weight ?? 0) > 0;
  const newDrgs = [...wb.keys()].filter((d) => payable(wb, d) && !payable(wa, d)).sort();
  const goneDrgs = [...wa.keys()].filter((d) => payable(wa, d) && !payable(wb, d)).sort();
  // POA exemption: each release's own list, compared.
  const poaFrom = new Set(tables.poaExemptCodes(from.id));
  const poaTo = new Set(tables.poaExemptCodes(to.id));
  const poa = { added: [...poaTo].filter((c) => !poaFrom.has(c)), removed: [...poaFrom].filter((c) => !poaTo.has(c)), to: to.poaExempt ?? null };
  // What replaced each removed ICD-10-CM code (the CDC conversion tables).
  const replacedBy = (code: string): string[] => {
    const change = tables.codeHistory(code, 'icd10cm')?.replacedBy.find((c) => c.effective > from.start && c.effective <= to.start);
    return change?.codes ?? [];
  };
  const weightChanges = [...wb.keys()]
    .filter((d) => wa.has(d) && wa.get(d)!.weight !== wb.get(d)!.weight)
    .map((d) => ({ drg: d, from: wa.get(d)!.weight, to: wb.get(d)!.weight, title: wb.get(d)!.title }));
  if (a.values.format === 'json') {
    const shown = systems.map((s) => (s.system === 'icd10cm' ? { ...s, removed: s.removed.map((e) => ({ ...e, replacedBy: replacedBy(e.code) })) } : s));
    io.out(
      JSON.stringify(
        { from: from.id, to: to.id, systems: shown, severityChanges: severity, drgs: { added: newDrgs, removed: goneDrgs, weightChanges }, poaExempt: poa },
        null,
        2,
      ),
    );
    return 0;
  }
  io.out(`${from.label} (${from.id}) → ${to.label} (${to.id})`);
  if (from.id === to.id) io.out('  (both dates fall in the same release: nothing changes)');
  for (const s of systems) {
    io.out(
      `\n${s.system}: ${s.added.length} added, ${s.removed.length} removed, ${s.retitled.length} retitled${s.becameHeader.length ? `, ${s.becameHeader.length} became headers` : ''}`,
    );
    for (const e of s.added.slice(0, limit)) io.out(`  + ${e.display.padEnd(9)} ${e.title ?? '(no title in the source)'}`);
    if (s.added.length > limit) io.out(`  … ${s.added.length - limit} more added`);
    for (const e of s.removed.slice(0, limit)) {
      const by = s.system === 'icd10cm' ? replacedBy(e.code) : [];
      io.out(
        `  - ${e.display.padEnd(9)} ${e.title ?? ''}${s.becameHeader.includes(e.code) ? '  (now a header)' : ''}${by.length ? `  → ${condensedCodes(by, 'icd10cm').join(', ')}` : ''}`,
      );
    }
    if (s.removed.length > limit) io.out(`  … ${s.removed.length - limit} more removed`);
    for (const r of s.retitled.slice(0, limit))
      io.out(`  ~ ${r.display.padEnd(9)} ${r.from === null ? '(no title)' : `"${r.from}"`} → ${r.to === null ? '(no title)' : `"${r.to}"`}`);
  }
  io.out(`\nCC/MCC changes (MS-DRG ${from.msdrgVersion ?? '—'} → ${to.msdrgVersion ?? '—'}): ${severity.length}${to.msdrgNote ? ` — ${to.msdrgNote}` : ''}`);
  for (const c of severity.slice(0, limit)) io.out(`  ${c.code.padEnd(8)} ${c.from ?? '(none)'} → ${c.to ?? '(none)'}`);
  io.out(
    `\nPOA-exempt list (${to.poaExempt ? `${to.poaExempt.file}, ${to.poaExempt.year}` : '—'}): ${poa.added.length} codes became exempt, ${poa.removed.length} no longer exempt${to.poaExempt?.note ? ` — ${to.poaExempt.note}` : ''}`,
  );
  if (poa.added.length)
    io.out(
      `  + ${poa.added
        .slice(0, limit)
        .map((c) => dottedCm(c))
        .join(', ')}${poa.added.length > limit ? ' …' : ''}`,
    );
  if (poa.removed.length)
    io.out(
      `  - ${poa.removed
        .slice(0, limit)
        .map((c) => dottedCm(c))
        .join(', ')}${poa.removed.length > limit ? ' …' : ''}`,
    );
  io.out(`\nDRGs: ${newDrgs.length} new, ${goneDrgs.length} deleted, ${weightChanges.length} weight changes`);
  if (newDrgs.length) io.out(`  new: ${newDrgs.join(', ')}`);
  if (goneDrgs.length) io.out(`  deleted: ${goneDrgs.join(', ')}`);
  for (const w of weightChanges.sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from)).slice(0, limit))
    io.out(`  ${w.drg} ${w.from.toFixed(4)} → ${w.to.toFixed(4)}  ${w.title ?? ''}`);
  return 0;
}

async function importFiles(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args, { values: ['tables', 'format'] });
  if (a.positionals.length === 0) {
    io.err(USAGE);
    return 2;
  }
  const tablesDir = path.resolve(io.cwd, a.values.tables ?? defaultTablesDir());
  let result: ReturnType<typeof importOfficialFiles>;
  try {
    result = importOfficialFiles({ files: a.positionals.map((f) => path.resolve(io.cwd, f)), tablesDir, log: (m) => io.err(m) });
  } catch (e) {
    if (!(e instanceof ImportRefused)) throw e;
    io.err(`chartcoder tables import: ${e.message}`);
    return 2;
  }
  if (a.values.format === 'json') {
    io.out(JSON.stringify({ tables: tablesDir, installed: result.installed, files: result.outcomes }, null, 2));
    return 0;
  }
  for (const o of result.outcomes) io.out(o.message);
  io.out(result.installed ? `installed in ${tablesDir}` : `nothing to install: ${tablesDir} already has every file`);
  return 0;
}
