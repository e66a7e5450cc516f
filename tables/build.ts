// Builds the code tables from the official sources into tables/build/ (`npm run tables`,
// `chartcoder tables build`). Releases are listed in tables/releases.json; a maintainer adds a
// new year with `--release <dir>` (a folder of official files plus its release.json). The
// manifest, written last, records every release, the sha256 of every source and of every built
// file (verified at load).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSource, PCS_CODE, CM_CODE, type SourceFile } from './importers/source';
import { openCmsArchive, type CmsArchive } from './importers/cmsArchive';
import { readPcsOrderFile } from './importers/pcsTables';
import { readConversionTable, type Conversion } from './importers/conversion';
import { applyAddenda, readAddenda, readCmCodesFile, readCmOrderFile } from './importers/icd10cm';
import { readPcsCodesFile, readPcsDerivedTsv } from './importers/icd10pcs';
import { importPcsTables } from './importers/pcs';
import { readHcpcsCsv } from './importers/hcpcs';
import { readTabularXml } from './importers/tabular';
import { readMceMaster } from './importers/mceFlags';
import { importMsdrg } from './importers/msdrg';
import { importMce } from './importers/mce';
import { loadTables } from '../server/src/tables/load';
import { TABLE_FILES, TableWriter, defaultTablesDir, tabularNodeLines, type ManifestRelease, type TabularHead } from '../server/src/tables/format';
import { installBuild, partialDirOf, removeStaleLeftovers } from '../server/src/tables/install';
import { isWithin } from '../server/src/base/safeRead';
import { buildSearchIndex, encodeSearchIndex } from '../server/src/search/searchIndex';
import { encodeCodeList } from '../server/src/tables/codeList';
import {
  readDrgDescriptions,
  readNationalRates,
  readPoaExempt,
  readPoaExemptList,
  readPricerDrgTable,
  readRatex,
  readWeightsTsv,
  type DrgWeight,
} from './importers/ipps';

interface SystemSpec {
  codes?: string; // a full codes file of this year
  derived?: string; // a derived TSV list (PCS)
  order?: string; // CM: the CMS order file of this year (headers and their titles, short titles); PCS: the CMS order file (zip archive or text) of the release's tables; default history/cms_YYYY_pr.zip
  orderCodes?: string; // PCS: the valid codes (flag 1 rows) of a CMS order file (an archive member "x.zip:member")
  csv?: string; // HCPCS CSV
  from?: string; // previous release id this one builds on
  addenda?: string; // CMS addenda applied to `from`
  check?: string; // a full list the result must equal
  mceValidity?: string; // adjust `from` by the MCE's validity on this release's start date
  year: string;
}

export interface ReleaseSpec {
  id: string;
  label: string;
  start: string;
  end?: string;
  msdrgVersion: string | null;
  msdrgNote?: string;
  icd10cm: SystemSpec;
  icd10pcs: SystemSpec;
  hcpcs: SystemSpec;
  weights: { pricer?: string; titles?: string; tsv?: string; year: string };
  rates: { national?: string; ratex?: string; standardizedAmount?: { labor: number; nonLabor: number }; source?: string };
  /** The CDC POA-exempt list of the release's fiscal year (an archive member "x.zip:member"); `note` says when it is another year's. */
  poaExempt?: { list: string; year: string; note?: string };
  /** Folder its paths are relative to (the sources folder, or a --release folder). */
  dir?: string;
}

interface ReleasesFile {
  releases: ReleaseSpec[];
  shared: { icd10cmOrder: string; tabular: string; msdrg: string; poaExempt: string; conversionTables?: string[]; drgDescriptions?: string };
}

export interface BuildOptions {
  sourcesDir: string;
  outDir: string;
  extraReleaseDirs?: string[];
  log?: (message: string) => void;
}

interface Code {
  valid: number; // bit per release
  billable: number; // bit per release
  titles: (string | null)[]; // per release (null = no title in that release's source)
  titleSources: (number | null)[]; // index into sources, per release
  short?: string;
}

/** The project folder (holding tables/releases.json), from the sources or from the bundle in dist/. */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'tables', 'releases.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`tables/releases.json not found above ${__dirname}`);
  }
}

export function defaultSourcesDir(root = projectRoot()): string {
  return process.env.CHARTCODER_SOURCES ?? path.join(root, '..', 'shared', 'code-sets');
}

export async function buildTables(opts: BuildOptions): Promise<{ ms: number; bytes: number }> {
  const started = Date.now();
  const log = opts.log ?? ((m: string) => process.stderr.write(m + '\n'));
  const spec = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'tables', 'releases.json'), 'utf8')) as ReleasesFile;
  const releases = [...spec.releases.map((r) => ({ ...r, dir: opts.sourcesDir }))];
  for (const dir of opts.extraReleaseDirs ?? []) {
    const file = path.join(dir, 'release.json');
    if (!fs.existsSync(file)) throw new Error(`${file}: a --release folder needs a release.json describing the release (see docs/tables.md)`);
    const extra = JSON.parse(fs.readFileSync(file, 'utf8')) as ReleaseSpec;
    for (const k of ['id', 'label', 'start'] as const) if (!extra[k]) throw new Error(`${file}: missing "${k}"`);
    if (releases.some((r) => r.id === extra.id)) throw new Error(`${file}: release ${extra.id} already exists`);
    releases.push({ ...extra, dir });
  }
  releases.sort((a, b) => a.start.localeCompare(b.start));
  for (let i = 0; i < releases.length; i++) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(releases[i].start)) throw new Error(`release ${releases[i].id}: start must be YYYY-MM-DD`);
    // A release ends the day before the next one starts.
    if (i + 1 < releases.length) releases[i].end = dayBefore(releases[i + 1].start);
  }
  const R = releases.length;
  if (R > 30) throw new Error('at most 30 releases fit the table format');

  const sources: { file: string; year: string; sha256: string }[] = [];
  const sourceIndex = (src: SourceFile, year: string) => {
    const i = sources.findIndex((s) => s.file === src.name && s.year === year);
    if (i >= 0) return i;
    sources.push({ file: src.name, year, sha256: src.sha256 });
    return sources.length - 1;
  };
  const cache = new Map<string, SourceFile>();
  const archives = new Map<string, CmsArchive>();
  // "history/cms_2023_dx.zip:icd10cm_codes_2023.txt" reads a member straight out of the archive
  // as distributed (tables/importers/cmsArchive.ts); any other path is a plain file.
  const read = (dir: string, rel: string) => {
    const [file, member] = rel.split(/(?<=\.zip):/);
    const p = path.resolve(dir, file);
    const key = member ? `${p}:${member}` : p;
    let s = cache.get(key);
    if (!s) {
      if (member) {
        let a = archives.get(p);
        if (!a) archives.set(p, (a = openCmsArchive(p)));
        s = a.read(member);
      } else s = readSource(p);
      cache.set(key, s);
    }
    return s;
  };
  // Disagreements between a release's code list and the MCE's validity dates (`tables check` lists them).
  const checks: { release: string; system: string; message: string }[] = [];
  const sharedDir = opts.sourcesDir;

  // Build into a fresh folder beside the target and install it at the end (server/src/tables/install.ts):
  // a failed, killed or concurrent build never leaves a half-written table set where the server or the tests read.
  const finalDir = opts.outDir;
  checkInstallTarget(finalDir, [opts.sourcesDir, ...(opts.extraReleaseDirs ?? [])]);
  for (const gone of removeStaleLeftovers(finalDir)) log(`removed the leftover of an interrupted build: ${gone}`);
  opts = { ...opts, outDir: partialDirOf(finalDir) };
  fs.rmSync(opts.outDir, { recursive: true, force: true });
  // Every file goes through the writer (server/src/tables/format.ts): checksummed for the manifest.
  const out = new TableWriter(opts.outDir);
  const write = (name: string, content: string | Uint8Array) => out.write(name, content);

  // ── ICD-10-CM ────────────────────────────────────────────────────────────
  log('ICD-10-CM: codes files, addenda, order file (headers) …');
  const order = readCmOrderFile(read(sharedDir, spec.shared.icd10cmOrder));
  const orderSrc = sourceIndex(read(sharedDir, spec.shared.icd10cmOrder), 'FY2021');
  const cm = new Map<string, Code>();
  const cmByRelease: Map<string, string>[] = [];
  // Each release's order file (headers with their titles): its own year's, else the one of the
  // release it builds on, else the FY2021 order file.
  const cmOrderByRelease: { rows: ReturnType<typeof readCmOrderFile>; src: number }[] = [];
  const mceDx = readMceMaster(read(sharedDir, 'mce/mce_i10dx_master.tsv'));
  releases.forEach((rel, r) => {
    const s = rel.icd10cm;
    let titles: Map<string, string>;
    let src: number;
    if (s.order) {
      const file = read(rel.dir!, s.order);
      cmOrderByRelease.push({ rows: readCmOrderFile(file), src: sourceIndex(file, s.year) });
    } else {
      const from = s.from ? releases.findIndex((x) => x.id === s.from) : r - 1;
      cmOrderByRelease.push(cmOrderByRelease[from] ?? { rows: order, src: orderSrc });
    }
    const relOrder = cmOrderByRelease[r];
    if (s.codes) {
      const file = read(rel.dir!, s.codes);
      titles = readCmCodesFile(file);
      src = sourceIndex(file, s.year);
      if (s.order) {
        // The order file's billable rows must be the codes file's codes.
        const billable = [...relOrder.rows.values()].filter((o) => o.billable).map((o) => o.code);
        const notInCodes = billable.filter((c) => !titles.has(c));
        const notInOrder = [...titles.keys()].filter((c) => !relOrder.rows.get(c)?.billable);
        if (notInCodes.length || notInOrder.length)
          checks.push({
            release: rel.id,
            system: 'icd10cm',
            message: `${s.order} and ${s.codes} disagree: ${notInCodes.length} billable in the order file only (${notInCodes.slice(0, 5).join(', ')}), ${notInOrder.length} in the codes file only (${notInOrder.slice(0, 5).join(', ')})`,
          });
      }
      checkAgainstMce(checks, rel.id, 'icd10cm', s.codes, titles, mceDx, rel.start, !!s.mceValidity);
      // CMS re-issues a year's files with the April update's codes in them: the MCE's validity
      // dates decide what holds on the release's start date.
      if (s.mceValidity) titles = adjustByMce(titles, readMceMaster(read(rel.dir!, s.mceValidity)), rel.start);
    } else if (s.from && s.addenda) {
      const base = cmByRelease[releases.findIndex((x) => x.id === s.from)];
      if (!base) throw new Error(`release ${rel.id}: icd10cm.from names unknown release ${s.from}`);
      const file = read(rel.dir!, s.addenda);
      titles = applyAddenda(base, readAddenda(file, CM_CODE), file.name);
      src = sourceIndex(file, s.year);
      if (s.check) {
        const full = readCmCodesFile(read(rel.dir!, s.check));
        const diff = [...full.keys()].filter((c) => titles.get(c) !== full.get(c)).concat([...titles.keys()].filter((c) => !full.has(c)));
        if (diff.length)
          throw new Error(
            `release ${rel.id}: the addenda applied to ${s.from} differ from ${s.check} on ${diff.length} codes (first: ${diff.slice(0, 5).join(', ')})`,
          );
        src = sourceIndex(read(rel.dir!, s.check), s.year);
      }
    } else if (s.from && s.mceValidity) {
      const base = cmByRelease[releases.findIndex((x) => x.id === s.from)];
      titles = adjustByMce(base, readMceMaster(read(rel.dir!, s.mceValidity)), rel.start);
      src = sourceIndex(read(rel.dir!, s.mceValidity), s.year);
      reportMceAdjustment(checks, rel.id, 'icd10cm', s.from, base, titles);
    } else throw new Error(`release ${rel.id}: icd10cm needs "codes", or "from" with "addenda" or "mceValidity"`);
    cmByRelease.push(titles);
    // The previous release's titles carry over their source when unchanged.
    const prev = r > 0 ? cmByRelease[r - 1] : null;
    for (const [code, title] of titles) {
      const c = getCode(cm, code, R);
      c.valid |= 1 << r;
      c.billable |= 1 << r;
      // A release with a code file of its own cites it (its year confirms the title); a derived
      // release (April update, addenda) keeps the source of an unchanged title.
      const ownFile = !!s.codes;
      const carried = !ownFile && prev && prev.get(code) === title && r > 0 ? c.titleSources[r - 1] : null;
      c.titles[r] = title === '' ? null : title;
      c.titleSources[r] = title === '' ? null : (carried ?? src);
      const o = relOrder.rows.get(code) ?? order.get(code);
      if (title === '' && o?.billable) {
        // A code only the MCE's dates give (e.g. deleted in an April update the re-issued file already has): the order file's title.
        c.titles[r] = o.title;
        c.titleSources[r] = relOrder.rows.has(code) ? relOrder.src : orderSrc;
      }
      if (o && !c.short) c.short = o.shortTitle;
    }
    // Headers: every proper prefix (3+ characters, not ending in the X placeholder) of a billable code.
    for (const code of titles.keys()) {
      for (let len = 3; len < code.length; len++) {
        const prefix = code.slice(0, len);
        if (prefix.endsWith('X') || titles.has(prefix)) continue;
        const h = getCode(cm, prefix, R);
        if (h.valid & (1 << r)) continue;
        h.valid |= 1 << r;
        // A header's title: the release's order file's, else the FY2021 order file's; a former
        // billable code keeps its last title.
        const own = relOrder.rows.get(prefix);
        const o = own ?? order.get(prefix);
        const earlier = [...cmByRelease]
          .reverse()
          .find((m) => m.has(prefix))
          ?.get(prefix);
        h.titles[r] = o?.title ?? earlier ?? null;
        h.titleSources[r] = own
          ? relOrder.src
          : o
            ? orderSrc
            : earlier
              ? (h.titleSources
                  .slice(0, r)
                  .reverse()
                  .find((x) => x !== null) ?? null)
              : null;
        if (o && !h.short) h.short = o.shortTitle;
      }
    }
    log(`  ${rel.id}: ${titles.size} billable codes`);
  });
  titleFromLaterRelease(cm, R);
  write(TABLE_FILES.codes.icd10cm, serializeCodes(cm, R));

  // ── ICD-10-PCS ───────────────────────────────────────────────────────────
  log('ICD-10-PCS: codes files …');
  const pcs = new Map<string, Code>();
  const pcsByRelease: Map<string, string>[] = [];
  const mcePr = readMceMaster(read(sharedDir, 'mce/mce_i10sg_master.tsv'));
  releases.forEach((rel, r) => {
    const s = rel.icd10pcs;
    let titles: Map<string, string>;
    let src: number;
    if (s.codes) {
      const file = read(rel.dir!, s.codes);
      titles = readPcsCodesFile(file);
      src = sourceIndex(file, s.year);
    } else if (s.orderCodes) {
      const file = read(rel.dir!, s.orderCodes);
      titles = new Map([...readPcsOrderFile(file).codes].map(([code, o]) => [code, o.title]));
      src = sourceIndex(file, s.year);
      checkAgainstMce(checks, rel.id, 'icd10pcs', s.orderCodes, titles, mcePr, rel.start, !!s.mceValidity);
      if (s.mceValidity) titles = adjustByMce(titles, readMceMaster(read(rel.dir!, s.mceValidity)), rel.start);
    } else if (s.derived) {
      const file = read(rel.dir!, s.derived);
      titles = readPcsDerivedTsv(file);
      src = sourceIndex(file, s.year);
      if (s.addenda) {
        // The CMS addenda must agree with the derived list: every add present, every delete gone.
        const addenda = readAddenda(read(rel.dir!, s.addenda), PCS_CODE);
        for (const code of addenda.added.keys()) if (!titles.has(code)) throw new Error(`${s.addenda}: adds ${code}, missing from ${s.derived}`);
        for (const code of addenda.deleted.keys()) if (titles.has(code)) throw new Error(`${s.addenda}: deletes ${code}, still in ${s.derived}`);
      }
    } else if (s.from && s.mceValidity) {
      const base = pcsByRelease[releases.findIndex((x) => x.id === s.from)];
      titles = adjustByMce(base, readMceMaster(read(rel.dir!, s.mceValidity)), rel.start);
      src = sourceIndex(read(rel.dir!, s.mceValidity), s.year);
      reportMceAdjustment(checks, rel.id, 'icd10pcs', s.from, base, titles);
    } else if (s.from && s.addenda) {
      const base = pcsByRelease[releases.findIndex((x) => x.id === s.from)];
      const file = read(rel.dir!, s.addenda);
      titles = applyAddenda(base, readAddenda(file, PCS_CODE), file.name);
      src = sourceIndex(file, s.year);
    } else throw new Error(`release ${rel.id}: icd10pcs needs "codes", "derived", or "from" with "addenda" or "mceValidity"`);
    pcsByRelease.push(titles);
    const prev = r > 0 ? pcsByRelease[r - 1] : null;
    for (const [code, title] of titles) {
      const c = getCode(pcs, code, R);
      c.valid |= 1 << r;
      c.billable |= 1 << r;
      const ownFile = !!(s.codes || s.orderCodes || s.derived);
      const carried = !ownFile && prev && prev.get(code) === title ? c.titleSources[r - 1] : null;
      c.titles[r] = title === '' ? null : title;
      c.titleSources[r] = title === '' ? null : (carried ?? src);
    }
    log(`  ${rel.id}: ${titles.size} codes (${[...titles.values()].filter((t) => t === '').length} without a title in the source)`);
  });
  titleFromLaterRelease(pcs, R);
  write(TABLE_FILES.codes.icd10pcs, serializeCodes(pcs, R));
  // The PCS tables (3-character tables, meanings of characters 4–7) of each release: server/src/search/pcs.
  importPcsTables(sharedDir, write, releases, pcsByRelease, log);

  // ── HCPCS ────────────────────────────────────────────────────────────────
  log('HCPCS …');
  const hcpcs = new Map<string, Code>();
  releases.forEach((rel, r) => {
    const file = read(rel.dir!, rel.hcpcs.csv!);
    const src = sourceIndex(file, rel.hcpcs.year);
    for (const row of readHcpcsCsv(file).values()) {
      const c = getCode(hcpcs, row.code, R);
      c.valid |= 1 << r;
      c.billable |= 1 << r;
      c.titles[r] = row.title;
      c.titleSources[r] = src;
      c.short ??= row.shortTitle;
    }
  });
  write(TABLE_FILES.codes.hcpcs, serializeCodes(hcpcs, R));

  // ── Tabular notes (FY2021) ───────────────────────────────────────────────
  log('Tabular list (instructional notes) …');
  const tabFile = read(sharedDir, spec.shared.tabular);
  const tabular = readTabularXml(tabFile);
  const tabularHead: TabularHead = {
    source: { file: tabFile.name, year: `FY${tabular.version}` },
    chapters: tabular.chapters,
    sections: tabular.sections,
    chapterNotes: tabular.chapterNotes,
  };
  write(TABLE_FILES.tabularHead, JSON.stringify(tabularHead));
  write(TABLE_FILES.tabularNodes, tabularNodeLines(tabular.nodes.values()));
  sourceIndex(tabFile, `FY${tabular.version}`);

  // The Code Editor's tables (every flag, from CMS's data file) are written by importMce below.

  // ── POA exemption, per release: the CDC list of its fiscal year (never a union) ──
  // poa-exempt.txt: `CODE<TAB>hex bits` (bit r = exempt in release r), sorted by code.
  log('POA-exempt lists …');
  const poaBits = new Map<string, number>();
  const poaByRelease: { file: string; year: string; note: string | null }[] = [];
  releases.forEach((rel, r) => {
    let codes: string[];
    let cite: { file: string; year: string; note: string | null };
    if (rel.poaExempt) {
      const file = read(rel.dir!, rel.poaExempt.list);
      codes = readPoaExemptList(file);
      sourceIndex(file, rel.poaExempt.year);
      cite = { file: file.name, year: rel.poaExempt.year, note: rel.poaExempt.note ?? null };
    } else if (r > 0) {
      // No list of its own: the previous release's, and it says so.
      codes = [...poaBits].filter(([, b]) => b & (1 << (r - 1))).map(([c]) => c);
      const prev = poaByRelease[r - 1];
      cite = { ...prev, note: `no POA-exempt list for ${rel.id} installed: the ${prev.year} list applies` };
    } else {
      const file = read(sharedDir, spec.shared.poaExempt);
      const poa = readPoaExempt(file);
      codes = poa.codes;
      cite = { file: file.name, year: `FY2025 (v${poa.version})`, note: null };
      sourceIndex(file, cite.year);
    }
    for (const code of codes) poaBits.set(code, (poaBits.get(code) ?? 0) | (1 << r));
    poaByRelease.push(cite);
    log(`  ${rel.id}: ${codes.length} exempt codes (${cite.file}${cite.note ? `; ${cite.note}` : ''})`);
  });
  write(
    TABLE_FILES.poaExempt,
    [...poaBits.keys()]
      .sort()
      .map((c) => `${c}\t${poaBits.get(c)!.toString(16)}`)
      .join('\n'),
  );

  // ── conversion tables: which codes a new code replaced (CDC) ─────────────
  const conversions = new Map<string, Conversion & { source: number }>();
  for (const rel of spec.shared.conversionTables ?? []) {
    const table = readConversionTable(path.resolve(sharedDir, rel));
    const year = /FY\s?(\d{4})/i.exec(table.name)?.[0].toUpperCase().replace(/\s/, '') ?? '';
    const src = sourceIndex({ path: rel, name: table.name, text: '', sha256: table.sha256 }, year);
    // Each year's table is cumulative: a newer file's row replaces an older one's.
    for (const row of table.rows) conversions.set(`${row.current}|${row.effective}`, { ...row, source: src });
  }
  if (conversions.size) log(`Conversion tables: ${conversions.size} code changes`);
  write(
    TABLE_FILES.conversions,
    JSON.stringify([...conversions.values()].sort((a, b) => a.current.localeCompare(b.current) || a.effective.localeCompare(b.effective))),
  );

  // ── DRG weights, titles and payment rates per release ────────────────────
  log('DRG weights and payment rates …');
  const drgTitles = spec.shared.drgDescriptions ? readDrgDescriptions(read(sharedDir, spec.shared.drgDescriptions)) : null;
  if (spec.shared.drgDescriptions) sourceIndex(read(sharedDir, spec.shared.drgDescriptions), 'MS-DRG v40.0–v43.1');
  const drg: Record<
    string,
    { weights: Record<string, DrgWeight & { titleSource?: string }>; source: number; rates: { labor: number; nonLabor: number; source: string } }
  > = {};
  for (const rel of releases) {
    let weights: Map<string, DrgWeight & { titleSource?: string }>;
    let src: number;
    if (rel.weights.pricer) {
      const file = read(rel.dir!, rel.weights.pricer);
      weights = readPricerDrgTable(file);
      src = sourceIndex(file, rel.weights.year);
      if (rel.weights.titles) {
        // Full titles from the DRG list (the Pricer table truncates them to 26 characters).
        for (const [d, w] of readWeightsTsv(read(rel.dir!, rel.weights.titles))) {
          const p = weights.get(d);
          if (p) {
            p.title = w.title;
            p.type = w.type;
          }
        }
      }
    } else if (rel.weights.tsv) {
      const file = read(rel.dir!, rel.weights.tsv);
      weights = readWeightsTsv(file);
      src = sourceIndex(file, rel.weights.year);
    } else throw new Error(`release ${rel.id}: weights need "pricer" or "tsv"`);
    if (!rel.weights.titles && drgTitles && rel.msdrgVersion) {
      // Full titles of the release's own MS-DRG version (the Pricer table truncates them).
      for (const [d, title] of drgTitles.get(rel.msdrgVersion) ?? []) {
        const p = weights.get(d);
        if (p) p.title = title;
      }
    }
    let rates: { labor: number; nonLabor: number; source: string };
    if (rel.rates.ratex) {
      const file = read(rel.dir!, rel.rates.ratex);
      rates = { ...readRatex(file), source: `${file.name} (table 1, national, wage index > 1)` };
      sourceIndex(file, rel.weights.year);
    } else if (rel.rates.national) {
      const file = read(rel.dir!, rel.rates.national);
      rates = { ...readNationalRates(file), source: `${file.name}` };
    } else if (rel.rates.standardizedAmount) rates = { ...rel.rates.standardizedAmount, source: rel.rates.source ?? 'release.json' };
    else throw new Error(`release ${rel.id}: rates need "national" or "standardizedAmount"`);
    drg[rel.id] = { weights: Object.fromEntries(weights), source: src, rates };
  }
  write(TABLE_FILES.drg, JSON.stringify(drg));

  // ── the grouper's own decision tables (server/src/grouper) ───────────────
  // The one source of MS-DRG facts: the grouper groups with them, and lookups, hover and the DRG
  // feature take CC/MCC, MDC, CC exclusions, HAC, O.R. status and titles from them.
  log('MS-DRG grouper logic and facts …');
  const md = (f: string) => read(sharedDir, path.join(spec.shared.msdrg, f));
  for (const f of ['raw/msdrg_combined.bin', 'msdrg_drg_formulas.tsv']) sourceIndex(md(f), 'MS-DRG v40.0–v43.1');
  await importMsdrg(sharedDir, out, log);

  // ── the Medicare Code Editor's tables (server/src/mce) ───────────────────
  log('MCE edit tables …');
  await importMce(sharedDir, out, log);

  const releasesOut: ManifestRelease[] = releases.map((r, i) => ({
    id: r.id,
    label: r.label,
    start: r.start,
    end: r.end ?? null,
    msdrgVersion: r.msdrgVersion,
    msdrgNote: r.msdrgNote ?? null,
    years: { icd10cm: r.icd10cm.year, icd10pcs: r.icd10pcs.year, hcpcs: r.hcpcs.year, weights: r.weights.year },
    poaExempt: poaByRelease[i],
  }));
  out.writeManifest({ releases: releasesOut, sources, checks });

  // ── the search engine's word index, read from the tables just written ────
  // (server/src/search/searchIndex.ts; building it takes ~1.5 s, reading it back a few ms)
  log('Search index …');
  const index = encodeSearchIndex(buildSearchIndex(loadTables(opts.outDir)));
  out.write(TABLE_FILES.searchIndex, index);
  log(`  ${(index.length / 1024 / 1024).toFixed(1)} MB`);

  // ── manifest, last ───────────────────────────────────────────────────────
  out.writeManifest({ releases: releasesOut, sources, checks });
  installBuild(opts.outDir, finalDir);
  const bytes = out.bytes;
  log(`tables built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${(bytes / 1024 / 1024).toFixed(1)} MB in ${finalDir}`);
  return { ms: Date.now() - started, bytes };
}

/**
 * The install replaces `dir` whole: refuse when it is not a table build (an existing folder with
 * files but no manifest.json — someone's folder, given to --out by mistake) or when it holds the
 * sources the build reads.
 */
export function checkInstallTarget(dir: string, inputs: string[]): void {
  for (const input of inputs) {
    if (isWithin(dir, input)) throw new Error(`--out ${dir}: holds the sources ${input}; the build replaces its output folder whole, so write it elsewhere`);
  }
  if (!fs.existsSync(dir)) return;
  if (!fs.statSync(dir).isDirectory()) throw new Error(`--out ${dir}: exists and is not a folder; not replaced`);
  if (fs.readdirSync(dir).length > 0 && !fs.existsSync(path.join(dir, TABLE_FILES.manifest))) {
    throw new Error(`--out ${dir}: exists and is not a built table folder (no ${TABLE_FILES.manifest}); not replaced — give an empty or new folder`);
  }
}

function getCode(map: Map<string, Code>, code: string, releases: number): Code {
  let c = map.get(code);
  if (!c) {
    c = { valid: 0, billable: 0, titles: new Array(releases).fill(null), titleSources: new Array(releases).fill(null) };
    map.set(code, c);
  }
  return c;
}

/** A system's codes in their compact form (server/src/tables/codeList.ts), sorted by code. */
function serializeCodes(map: Map<string, Code>, releases: number): Buffer {
  const rows = [...map.keys()].sort().map((code) => {
    const c = map.get(code)!;
    return { code, valid: c.valid, billable: c.billable, short: c.short ?? null, titles: c.titles, sources: c.titleSources };
  });
  return encodeCodeList(rows, releases);
}

/** A code set adjusted to the MCE's validity on `date`: codes the MCE starts on that date are added (without a title when no source has one), codes it ends before are removed. */
function adjustByMce(base: Map<string, string>, mceRows: string[], date: string): Map<string, string> {
  const validOn = new Set<string>();
  const known = new Set<string>();
  for (const row of mceRows) {
    const [code, , start, end] = row.split('\t');
    known.add(code);
    if (start <= date && (end === '' || end >= date)) validOn.add(code);
  }
  const out = new Map<string, string>();
  for (const [code, title] of base) if (!known.has(code) || validOn.has(code)) out.set(code, title);
  for (const code of validOn) if (!out.has(code)) out.set(code, '');
  return out;
}

/** A full code list of a release against the MCE's validity on its start date: both directions, as a `tables check` finding. */
function checkAgainstMce(
  checks: { release: string; system: string; message: string }[],
  release: string,
  system: string,
  file: string,
  codes: Map<string, string>,
  mceRows: string[],
  date: string,
  mceApplied: boolean,
): void {
  const validOn = new Set<string>();
  for (const row of mceRows) {
    const [code, , start, end] = row.split('\t');
    if (start <= date && (end === '' || end >= date)) validOn.add(code);
  }
  const notInMce = [...codes.keys()].filter((c) => !validOn.has(c));
  const notInList = [...validOn].filter((c) => !codes.has(c));
  if (notInMce.length || notInList.length) {
    checks.push({
      release,
      system,
      message: `${file} against the MCE validity dates on ${date}: ${notInMce.length} codes in the list the MCE does not have valid (${notInMce.slice(0, 5).join(', ')}), ${notInList.length} MCE-valid codes not in the list (${notInList.slice(0, 5).join(', ')})${mceApplied ? " — the release follows the MCE's dates" : ''}`,
    });
  }
}

/** What an April update changed against the release it builds on (from the MCE's validity dates), as a `tables check` note. */
function reportMceAdjustment(
  checks: { release: string; system: string; message: string }[],
  release: string,
  system: string,
  from: string,
  base: Map<string, string>,
  out: Map<string, string>,
): void {
  const added = [...out.keys()].filter((c) => !base.has(c));
  const removed = [...base.keys()].filter((c) => !out.has(c));
  checks.push({
    release,
    system,
    message: `derived from ${from} by the MCE validity dates: ${added.length} codes added (${added.slice(0, 5).join(', ')}), ${removed.length} removed (${removed.slice(0, 5).join(', ')}) — no code file of its own to check against`,
  });
}

/**
 * A code a release has without a title (known only from the MCE's dates: an April addition, or a
 * code a re-issued file already dropped) takes the title of the nearest release that has one —
 * the next, else the previous — citing that file.
 */
function titleFromLaterRelease(map: Map<string, Code>, releases: number): void {
  for (const c of map.values()) {
    for (let r = 0; r < releases; r++) {
      if (!(c.billable & (1 << r)) || c.titles[r] !== null) continue;
      for (let d = 1; d < releases; d++) {
        const k = [r + d, r - d].find((x) => x >= 0 && x < releases && c.titles[x] !== null);
        if (k !== undefined) {
          c.titles[r] = c.titles[k];
          c.titleSources[r] = c.titleSources[k];
          break;
        }
      }
    }
  }
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

// Run as a script (`npm run tables`, `npx tsx tables/build.ts`), never from a bundle: bundled, every
// module shares the bundle's `module`, so `require.main === module` alone also held when
// `node dist/cli.js --help` ran, and it built the tables. scripts/build.mjs defines CHARTCODER_BUNDLE.
declare const CHARTCODER_BUNDLE: boolean | undefined;
if (typeof CHARTCODER_BUNDLE === 'undefined' && require.main === module) {
  const root = projectRoot();
  buildTables({ sourcesDir: defaultSourcesDir(root), outDir: defaultTablesDir() }).catch((e: Error) => {
    process.stderr.write(`tables: ${e.message}\n`);
    process.exit(1);
  });
}
