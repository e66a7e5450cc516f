// `chartcoder tables import FILE…`: official files a hospital downloads from CMS/CDC, taken in as
// published, into an installed table build (docs/tables.md, "Bring your own official files").
//
//   1. Identify and verify every file first (format by content, year by content and, when the file
//      name has one, by name too): a file that is not what it claims, or whose year disagrees with
//      itself, is refused with one line naming it, and nothing is installed.
//   2. Compare each with what is installed: an identical file (same sha256) changes nothing; an
//      older year than the installed one is refused (never a silent step back); several files of
//      one kind in one import are refused (never two years mixed).
//   3. Write the changed tables into a copy of the installed build, rebuild the search index from
//      it, record each file's checksum and provenance in the manifest (`sources` and `imports`),
//      and install the copy through the same atomic swap as `tables build`
//      (server/src/tables/install.ts): a failure anywhere leaves the installed tables as they were.
//
// Kinds: the CDC ICD-10-CM conversion table of a year (.xlsx: its rows merged in, newest first);
// the CDC POA-exempt zip of a fiscal year (POAexemptCodesFYyy.zip: the list of that year's
// releases, replacing the previous year's list a release fell back on); a CMS MS-DRG grouper data jar (msdrg-binary-access-*.jar: runtime_buffers/msdrg_combined.bin,
// the same protobuf tables/importers/msdrg.ts reads — every MS-DRG version the jar carries), and the
// ICD-10-CM tabular list (the CDC XML, alone or inside the "table and index" zip).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { decodeGrouperData, writeMsdrgData } from './importers/msdrg';
import { ProtobufError } from './importers/msdrg/protobuf';
import { readTabularXml, type Tabular } from './importers/tabular';
import type { SourceFile } from './importers/source';
import { openCmsArchive } from './importers/cmsArchive';
import { readPoaExemptList } from './importers/ipps';
import { readConversionTable, type Conversion } from './importers/conversion';
import type { MsdrgData, MsdrgMeta } from '../server/src/grouper/format';
import {
  TABLE_FILES,
  TableStore,
  TableWriter,
  tabularNodeLines,
  type ManifestImport,
  type ManifestRelease,
  type ManifestSource,
  type TabularHead,
} from '../server/src/tables/format';
import { installBuild, partialDirOf, removeStaleLeftovers } from '../server/src/tables/install';
import { loadTables } from '../server/src/tables/load';
import { buildSearchIndex, encodeSearchIndex } from '../server/src/search/searchIndex';

/** A file refused (not recognised, wrong or inconsistent year, older than installed, …): one line, naming it. */
export class ImportRefused extends Error {}

const GROUPER_MEMBER = 'runtime_buffers/msdrg_combined.bin';
const GROUPER_METADATA = 'runtime_buffers/msdrg_combined_metadata.txt';
const POA_MEMBER = /^POAexemptCodesFY(\d{2})\.txt$/i;
const TABULAR_MEMBER = /(^|\/)icd10cm[_-]tabular[_-]?(\d{4})?[^/]*\.xml$/i;

interface GrouperFile {
  kind: 'msdrg-grouper';
  file: string;
  name: string;
  sha256: string; // of the jar
  year: string; // FY of its newest version
  data: MsdrgData;
  dataSha256: string; // of msdrg_combined.bin (what the installed meta.json cites)
  built: string | null; // the jar's own "Date/time" line
}

interface TabularFile {
  kind: 'icd10cm-tabular';
  file: string;
  name: string; // as facts cite it ("x.zip/icd10cm_tabular_2026.xml" for a member)
  sha256: string; // of the XML itself
  year: string; // FY of its <version>
  tabular: Tabular;
}

interface PoaExemptFile {
  kind: 'poa-exempt';
  file: string;
  name: string; // "POAexemptCodesFY26.zip/POAexemptCodesFY26.txt"
  sha256: string; // of the list itself (the member)
  year: string; // FY2026
  codes: string[];
}

interface ConversionFile {
  kind: 'conversion-table';
  file: string;
  name: string; // "ICD-10-CM-Conversion-Table-FY2027.xlsx"
  sha256: string;
  year: string; // FY2027
  rows: Conversion[];
}

/** An identified file; `sha256` is of the data its facts cite (an archive member), `fileSha256` of the file as downloaded. */
export type OfficialFile = (GrouperFile | TabularFile | PoaExemptFile | ConversionFile) & { fileSha256: string };

export interface ImportOutcome {
  file: string;
  kind: OfficialFile['kind'];
  year: string;
  sha256: string;
  status: 'identical' | 'replaced';
  message: string;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The outcome row of one file: what it is, and what importing it did, after the file's name. */
function outcomeOf(f: OfficialFile, status: ImportOutcome['status'], what: string): ImportOutcome {
  return { file: f.file, kind: f.kind, year: f.year, sha256: f.sha256, status, message: `${f.name}: ${what}` };
}

/** The fiscal year whose release an MS-DRG version number belongs to: 400 → FY2023 (v40 starts 2022-10-01), 441 → FY2027 (April). */
export function msdrgVersionYear(version: string): { fiscalYear: number; april: boolean } {
  const n = Number(version.replace(/^V/i, ''));
  if (!Number.isInteger(n) || n < 100) throw new Error(`not an MS-DRG version number: ${version}`);
  return { fiscalYear: 1983 + Math.floor(n / 10), april: n % 10 === 1 };
}

/** The release id an MS-DRG version serves in releases.json's naming: V440 → FY2027, V441 → FY2027.1. */
export function releaseIdOfMsdrgVersion(version: string): string {
  const { fiscalYear, april } = msdrgVersionYear(version);
  return `FY${fiscalYear}${april ? '.1' : ''}`;
}

const versionRange = (vs: string[]) => (vs.length === 1 ? `V${vs[0]}` : `V${vs[0]}–V${vs[vs.length - 1]}`);

/** Zip members (name → uncompressed size); null when the bytes are not a zip. */
function zipMembers(bytes: Uint8Array): string[] | null {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return null;
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('/')) names.push(f.name);
        return false;
      },
    });
  } catch (e) {
    throw new ImportRefused(`not a readable zip archive (${(e as Error).message})`);
  }
  return names;
}

function zipMember(bytes: Uint8Array, name: string): Uint8Array {
  const data = unzipSync(bytes, { filter: (f) => f.name === name })[name];
  if (!data) throw new ImportRefused(`${name}: cannot be read from the archive`);
  return data;
}

function tabularFrom(text: string, file: string, name: string, fileSha: string, nameYear: string | null): TabularFile {
  const src: SourceFile = { path: file, name, text: text.replace(/^\uFEFF/, ''), sha256: fileSha };
  let tabular: Tabular;
  try {
    tabular = readTabularXml(src);
  } catch (e) {
    throw new ImportRefused(`not a valid ICD-10-CM tabular XML: ${(e as Error).message}`);
  }
  if (!/^\d{4}$/.test(tabular.version)) throw new ImportRefused(`the tabular list's <version> is "${tabular.version}", not a year`);
  if (tabular.nodes.size === 0) throw new ImportRefused('the tabular list has no codes');
  if (nameYear && nameYear !== tabular.version)
    throw new ImportRefused(`the file name says ${nameYear} but the tabular list inside is version ${tabular.version}; not imported`);
  return { kind: 'icd10cm-tabular', file, name, sha256: fileSha, year: `FY${tabular.version}`, tabular };
}

/** The CDC POA-exempt zip: its full list (POAexemptCodesFYyy.txt), the year agreed by the archive's name, the member's and its header ("Order26"). */
function poaExemptFrom(file: string, base: string, member: string): PoaExemptFile {
  const yy = POA_MEMBER.exec(member.split('/').pop()!)![1]!;
  const zipYy = /FY(\d{2})/i.exec(base)?.[1];
  if (zipYy && zipYy !== yy) throw new ImportRefused(`the archive's name says FY${zipYy} but it holds ${member}; not imported`);
  let src: SourceFile;
  try {
    src = openCmsArchive(file).read(member.split('/').pop()!);
  } catch (e) {
    throw new ImportRefused((e as Error).message);
  }
  const headerYy = /^Order(\d{2})\t/i.exec(src.text)?.[1];
  if (!headerYy) throw new ImportRefused(`${member}: the first line is not the CDC header (OrderYY, POAexemptCode, Description)`);
  if (headerYy !== yy) throw new ImportRefused(`${member}: its header says Order${headerYy} (FY20${headerYy}) but its name says FY${yy}; not imported`);
  let codes: string[];
  try {
    codes = readPoaExemptList(src);
  } catch (e) {
    throw new ImportRefused(`not a valid POA-exempt list: ${(e as Error).message}`);
  }
  return { kind: 'poa-exempt', file, name: src.name, sha256: src.sha256, year: `FY20${yy}`, codes };
}

/**
 * The CDC ICD-10-CM conversion table of a fiscal year (ICD-10-CM-Conversion-Table-FYyyyy.xlsx): the
 * year in its name, and its newest codes must take effect within that fiscal year (each year's
 * table is cumulative: FY2026's newest rows are of 2025-10-01).
 */
function conversionFrom(file: string, base: string): ConversionFile {
  const fy = /FY\s?(\d{4})/i.exec(base)?.[1];
  if (!fy) throw new ImportRefused('a spreadsheet without a fiscal year in its name: the CDC conversion table is named ICD-10-CM-Conversion-Table-FYyyyy.xlsx');
  let table: ReturnType<typeof readConversionTable>;
  try {
    table = readConversionTable(file);
  } catch (e) {
    throw new ImportRefused(`not a CDC ICD-10-CM conversion table: ${(e as Error).message}`);
  }
  if (table.rows.length === 0) throw new ImportRefused('the conversion table has no rows');
  const newest = table.rows.reduce((m, r) => (r.effective > m ? r.effective : m), '');
  const start = `${Number(fy) - 1}-10-01`;
  const end = `${fy}-09-30`;
  if (newest < start || newest > end)
    throw new ImportRefused(`its name says FY${fy} but its newest codes take effect on ${newest} (FY${fy} runs ${start} to ${end}); not imported`);
  return { kind: 'conversion-table', file, name: base, sha256: table.sha256, year: `FY${fy}`, rows: table.rows };
}

/** Identifies and verifies one official file; throws ImportRefused (one line, without the file name) when it is not one. */
export function identifyOfficialFile(file: string): OfficialFile {
  if (!fs.existsSync(file)) throw new ImportRefused('no such file');
  if (!fs.statSync(file).isFile()) throw new ImportRefused('a folder, not a file: name the downloaded files themselves');
  const bytes = new Uint8Array(fs.readFileSync(file));
  return { ...identify(file, bytes), fileSha256: sha(bytes) };
}

function identify(file: string, bytes: Uint8Array): GrouperFile | TabularFile | PoaExemptFile | ConversionFile {
  const base = path.basename(file);
  const nameYear = /(?:^|[^\d])(20\d\d)(?:[^\d]|$)/.exec(base)?.[1] ?? null;
  const members = zipMembers(bytes);
  if (members && members.includes('xl/workbook.xml')) return conversionFrom(file, base);
  if (members) {
    if (members.includes(GROUPER_MEMBER)) {
      const bin = zipMember(bytes, GROUPER_MEMBER);
      const dataSha256 = sha(bin);
      let data: MsdrgData;
      try {
        data = decodeGrouperData(bin, { file: `${base}/${GROUPER_MEMBER}`, sha256: dataSha256 });
      } catch (e) {
        if (e instanceof ProtobufError) throw new ImportRefused(`${GROUPER_MEMBER} is not a valid MS-DRG grouper data file (${e.message})`);
        throw e;
      }
      if (data.versions.length === 0 || data.formulas.length === 0) throw new ImportRefused(`${GROUPER_MEMBER} holds no MS-DRG version`);
      const meta = members.includes(GROUPER_METADATA) ? Buffer.from(zipMember(bytes, GROUPER_METADATA)).toString('utf8') : '';
      const built = /Date\/time:\s*(.+)/.exec(meta)?.[1].trim() ?? null;
      const newest = data.versions[data.versions.length - 1]!;
      return { kind: 'msdrg-grouper', file, name: base, sha256: sha(bytes), year: `FY${msdrgVersionYear(newest).fiscalYear}`, data, dataSha256, built };
    }
    const program = [...new Set(members.map((m) => /^gov\/agency\/msdrg\/v(\d{3})\//.exec(m)?.[1]).filter((v): v is string => !!v))].sort();
    if (program.length) {
      throw new ImportRefused(
        `the MS-DRG grouper's program (${program.map((v) => `V${v}`).join(', ')}), not its data tables: import msdrg-binary-access-*.jar from the same CMS download (it holds ${GROUPER_MEMBER})`,
      );
    }
    if (members.includes('mce.bin'))
      throw new ImportRefused("the Medicare Code Editor's jar: its tables are not importable yet (the MCE tables come with `tables build`)");
    const poa = members.filter((m) => POA_MEMBER.test(m.split('/').pop()!));
    if (poa.length === 1) return poaExemptFrom(file, base, poa[0]!);
    const tab = members.filter((m) => TABULAR_MEMBER.test(m));
    if (tab.length === 1) {
      const m = tab[0]!;
      const xml = zipMember(bytes, m);
      const memberYear = TABULAR_MEMBER.exec(m)?.[2] ?? null;
      if (nameYear && memberYear && nameYear !== memberYear) throw new ImportRefused(`the archive's name says ${nameYear} but it holds ${m}; not imported`);
      return tabularFrom(Buffer.from(xml).toString('utf8'), file, `${base}/${m.split('/').pop()}`, sha(xml), memberYear ?? nameYear);
    }
    if (tab.length > 1) throw new ImportRefused(`holds several tabular lists (${tab.join(', ')}); import one year at a time`);
    throw new ImportRefused(
      `a zip archive ChartCoder cannot import (no ${GROUPER_MEMBER}, no icd10cm_tabular_YYYY.xml; members: ${members.slice(0, 8).join(', ')}${members.length > 8 ? ', …' : ''})`,
    );
  }
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  if (/<ICD10CM\.tabular[\s>]/.test(head)) return tabularFrom(Buffer.from(bytes).toString('utf8'), file, base, sha(bytes), nameYear);
  throw new ImportRefused(
    'not an official file ChartCoder can import: expected a CMS MS-DRG grouper jar (msdrg-binary-access-*.jar), an ICD-10-CM tabular XML (icd10cm_tabular_YYYY.xml) or the ICD-10-CM table-and-index zip holding it, a CDC POA-exempt zip (POAexemptCodesFYyy.zip) or a CDC conversion table (ICD-10-CM-Conversion-Table-FYyyyy.xlsx)',
  );
}

export interface ImportOptions {
  files: string[];
  /** The installed build to extend (tables/build by default in the CLI). */
  tablesDir: string;
  log?: (message: string) => void;
  /** Clock for the manifest's import records (tests). */
  now?: () => Date;
}

/**
 * Imports official files into the installed build at `tablesDir`: all verified first, then written
 * into a copy and installed in one swap (nothing is installed when every file is already there).
 * Throws ImportRefused naming the file when one is refused; the installed build is then unchanged.
 */
export function importOfficialFiles(opts: ImportOptions): { outcomes: ImportOutcome[]; installed: boolean } {
  const log = opts.log ?? (() => {});
  if (opts.files.length === 0) throw new ImportRefused('no files to import');
  let store: TableStore;
  try {
    store = TableStore.open(opts.tablesDir);
  } catch (e) {
    throw new ImportRefused(
      `${opts.tablesDir}: ${(e as Error).message.replace(`${opts.tablesDir}: `, '')}; import extends an installed build (build it first: npm run tables)`,
    );
  }
  const damaged = store.verifyAll();
  if (damaged.length)
    throw new ImportRefused(
      `${opts.tablesDir}: the installed tables are damaged (${damaged[0]}${damaged.length > 1 ? ` and ${damaged.length - 1} more` : ''}); rebuild them before importing`,
    );

  // 1. identify and verify every file
  const files: OfficialFile[] = [];
  for (const f of opts.files) {
    try {
      files.push(identifyOfficialFile(f));
    } catch (e) {
      if (e instanceof ImportRefused) throw new ImportRefused(`${f}: ${e.message}`);
      throw e;
    }
  }
  for (const kind of ['msdrg-grouper', 'icd10cm-tabular', 'poa-exempt', 'conversion-table'] as const) {
    const same = files.filter((f) => f.kind === kind);
    if (same.length > 1)
      throw new ImportRefused(
        `${same.map((f) => path.basename(f.file)).join(', ')}: several files of one kind (${kind}) in one import; import one at a time so no two years are mixed`,
      );
  }

  // 2. compare with what is installed
  const manifest = store.manifest;
  const releases: ManifestRelease[] = manifest.releases.map((r) => ({ ...r }));
  const sources: ManifestSource[] = [...manifest.sources];
  const outcomes: ImportOutcome[] = [];
  const changes: (() => void)[] = [];
  const records: ManifestImport[] = [];
  const now = (opts.now ?? (() => new Date()))().toISOString();
  let out: TableWriter | null = null;
  const writer = () => out!;

  for (const f of files) {
    if (f.kind === 'msdrg-grouper') {
      const installed = store.readJson<MsdrgMeta>(TABLE_FILES.msdrg.meta);
      const detail = `MS-DRG ${versionRange(f.data.versions)} (${f.data.formulas.length} formulas${f.built ? `; built ${f.built}` : ''})`;
      if (installed.source.sha256 === f.dataSha256) {
        outcomes.push(
          outcomeOf(f, 'identical', `${detail} — already installed (identical grouper data, sha256 ${f.dataSha256.slice(0, 16)}…); nothing changed`),
        );
        continue;
      }
      const missing = installed.versions.filter((v) => !f.data.versions.includes(v));
      if (missing.length)
        throw new ImportRefused(
          `${f.file}: lacks MS-DRG ${missing.map((v) => `V${v}`).join(', ')} that the installed tables have (${versionRange(installed.versions)}); not imported (a CMS grouper jar carries every version since v40: use the newer jar)`,
        );
      const added = f.data.versions.filter((v) => !installed.versions.includes(v));
      const said: string[] = [];
      for (const v of added) {
        const id = releaseIdOfMsdrgVersion(v);
        const rel = releases.find((r) => r.id === id);
        if (!rel) said.push(`V${v} added; no installed release ${id} uses it yet (add the release with tables build --release)`);
        else if (rel.msdrgVersion !== `V${v}`) {
          said.push(`${id} now groups with V${v} (was ${rel.msdrgVersion ?? 'none'}${rel.msdrgNote ? `: ${rel.msdrgNote}` : ''})`);
          rel.msdrgVersion = `V${v}`;
          rel.msdrgNote = null;
        }
      }
      const replaced = `replaced the MS-DRG tables ${versionRange(installed.versions)} (${installed.source.file}, sha256 ${installed.source.sha256.slice(0, 16)}…)${added.length ? `; adds ${added.map((v) => `V${v}`).join(', ')}` : '; same versions, revised data'}${said.length ? `; ${said.join('; ')}` : ''}`;
      sources.push({ file: `${f.name}/${GROUPER_MEMBER}`, year: `MS-DRG ${versionRange(f.data.versions)}`, sha256: f.dataSha256 });
      records.push({ file: f.name, kind: f.kind, year: f.year, sha256: f.sha256, fileSha256: f.fileSha256, importedAt: now, replaced });
      changes.push(() => writeMsdrgData(writer(), f.data));
      outcomes.push(outcomeOf(f, 'replaced', `${detail} — ${replaced}`));
    } else if (f.kind === 'conversion-table') {
      const detail = `ICD-10-CM conversion table ${f.year} (${f.rows.length} code changes)`;
      const installed = store.has(TABLE_FILES.conversions) ? store.readJson<(Conversion & { source: number })[]>(TABLE_FILES.conversions) : [];
      const cited = [...new Set(installed.map((r) => r.source))].map((i) => manifest.sources[i]).filter((x): x is ManifestSource => !!x);
      if (cited.some((c) => c.sha256 === f.sha256)) {
        outcomes.push(outcomeOf(f, 'identical', `${detail} — already installed (identical, sha256 ${f.sha256.slice(0, 16)}…); nothing changed`));
        continue;
      }
      const newestYear =
        cited
          .map((c) => c.year)
          .sort()
          .pop() ?? null;
      if (newestYear && f.year < newestYear)
        throw new ImportRefused(
          `${f.file}: the conversion table of ${f.year} is older than the installed ${newestYear} one (each year's table holds the earlier years'); not imported`,
        );
      const src = sources.length;
      sources.push({ file: f.name, year: f.year, sha256: f.sha256 });
      const merged = new Map(installed.map((r) => [`${r.current}|${r.effective}`, r]));
      const before = merged.size;
      for (const r of f.rows) merged.set(`${r.current}|${r.effective}`, { ...r, source: src });
      const replaced = `${merged.size - before} code changes added to the ${before} installed${
        newestYear
          ? ` (newest table ${newestYear}: ${cited
              .filter((c) => c.year === newestYear)
              .map((c) => c.file)
              .join(', ')})`
          : ''
      }; every row it holds now cites it`;
      records.push({ file: f.name, kind: f.kind, year: f.year, sha256: f.sha256, fileSha256: f.fileSha256, importedAt: now, replaced });
      changes.push(() =>
        writer().write(
          TABLE_FILES.conversions,
          JSON.stringify([...merged.values()].sort((a, b) => a.current.localeCompare(b.current) || a.effective.localeCompare(b.effective))),
        ),
      );
      outcomes.push(outcomeOf(f, 'replaced', `${detail} — ${replaced}`));
    } else if (f.kind === 'poa-exempt') {
      // The list of a fiscal year is the list of its releases (October and April), never a union.
      const targets = releases.map((r, i) => [r, i] as const).filter(([r]) => r.id === f.year || r.id.startsWith(`${f.year}.`));
      const detail = `POA-exempt list ${f.year} (${f.codes.length} codes)`;
      if (targets.length === 0)
        throw new ImportRefused(
          `${f.file}: no installed release of ${f.year} (installed: ${releases.map((r) => r.id).join(', ')}); add the release first (tables build --release), then import its list`,
        );
      const citedSha = (r: ManifestRelease) => manifest.sources.find((s) => s.file === r.poaExempt?.file && s.year === r.poaExempt?.year)?.sha256;
      if (targets.every(([r]) => r.poaExempt?.year === f.year && !r.poaExempt.note && citedSha(r) === f.sha256)) {
        outcomes.push(
          outcomeOf(
            f,
            'identical',
            `${detail} — already installed for ${targets.map(([r]) => r.id).join(', ')} (identical, sha256 ${f.sha256.slice(0, 16)}…); nothing changed`,
          ),
        );
        continue;
      }
      const was = targets.map(
        ([r]) => `${r.id} used ${r.poaExempt ? `${r.poaExempt.file} (${r.poaExempt.year})${r.poaExempt.note ? `: ${r.poaExempt.note}` : ''}` : 'no list'}`,
      );
      const replaced = `replaced the POA-exempt list of ${targets.map(([r]) => r.id).join(', ')} (${was.join('; ')})`;
      sources.push({ file: f.name, year: f.year, sha256: f.sha256 });
      records.push({ file: f.name, kind: f.kind, year: f.year, sha256: f.sha256, fileSha256: f.fileSha256, importedAt: now, replaced });
      for (const [r] of targets) r.poaExempt = { file: f.name, year: f.year, note: null };
      changes.push(() => {
        const bits = new Map<string, number>();
        for (const line of store.readText(TABLE_FILES.poaExempt).split('\n')) {
          const [code, hex] = line.split('\t');
          if (code && hex) bits.set(code, parseInt(hex, 16));
        }
        const mask = targets.reduce((m, [, i]) => m | (1 << i), 0);
        for (const [code, b] of bits) bits.set(code, b & ~mask);
        for (const code of f.codes) bits.set(code, (bits.get(code) ?? 0) | mask);
        const lines = [...bits].filter(([, b]) => b !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        writer().write(TABLE_FILES.poaExempt, lines.map(([c, b]) => `${c}\t${b.toString(16)}`).join('\n'));
      });
      outcomes.push(outcomeOf(f, 'replaced', `${detail} — ${replaced}`));
    } else {
      const head = store.readJson<TabularHead>(TABLE_FILES.tabularHead);
      const installedSha = manifest.sources.find((s) => s.file === head.source.file)?.sha256 ?? null;
      const detail = `ICD-10-CM tabular list ${f.year} (${f.tabular.nodes.size} codes and headers)`;
      if (installedSha === f.sha256) {
        outcomes.push(outcomeOf(f, 'identical', `${detail} — already installed (identical, sha256 ${f.sha256.slice(0, 16)}…); nothing changed`));
        continue;
      }
      const installedYear = Number(/\d{4}/.exec(head.source.year)?.[0] ?? 0);
      if (Number(f.tabular.version) < installedYear)
        throw new ImportRefused(
          `${f.file}: the tabular list of ${f.year} is older than the installed one (${head.source.year}, ${head.source.file}); not imported`,
        );
      const replaced = `replaced the ${head.source.year} tabular list (${head.source.file}${installedSha ? `, sha256 ${installedSha.slice(0, 16)}…` : ''}); its notes now apply to every release (the tables hold one tabular list)`;
      sources.push({ file: f.name, year: f.year, sha256: f.sha256 });
      records.push({ file: f.name, kind: f.kind, year: f.year, sha256: f.sha256, fileSha256: f.fileSha256, importedAt: now, replaced });
      changes.push(() => {
        const t = f.tabular;
        const newHead: TabularHead = { source: { file: f.name, year: f.year }, chapters: t.chapters, sections: t.sections, chapterNotes: t.chapterNotes };
        writer().write(TABLE_FILES.tabularHead, JSON.stringify(newHead));
        writer().write(TABLE_FILES.tabularNodes, tabularNodeLines(t.nodes.values()));
      });
      outcomes.push(outcomeOf(f, 'replaced', `${detail} — ${replaced}`));
    }
  }
  if (changes.length === 0) return { outcomes, installed: false };

  // 3. write into a copy of the installed build and install it in one swap
  const finalDir = opts.tablesDir;
  for (const gone of removeStaleLeftovers(finalDir)) log(`removed the leftover of an interrupted build: ${gone}`);
  const partial = partialDirOf(finalDir);
  fs.rmSync(partial, { recursive: true, force: true });
  try {
    fs.mkdirSync(partial, { recursive: true });
    for (const stored of Object.keys(manifest.files)) {
      fs.mkdirSync(path.dirname(path.join(partial, stored)), { recursive: true });
      fs.copyFileSync(path.join(finalDir, stored), path.join(partial, stored));
    }
    out = new TableWriter(partial);
    Object.assign(out.files, manifest.files);
    for (const change of changes) change();
    const imports = [...(manifest.imports ?? []), ...records];
    const fields = { releases, sources, checks: manifest.checks ?? [], imports };
    out.writeManifest(fields);
    log('Search index …');
    out.write(TABLE_FILES.searchIndex, encodeSearchIndex(buildSearchIndex(loadTables(partial))));
    out.writeManifest(fields);
    installBuild(partial, finalDir);
  } catch (e) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw e;
  }
  return { outcomes, installed: true };
}
