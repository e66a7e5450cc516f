// The code tables at run time: reads the built tables (tables/build/, made by `npm run tables`),
// verifies each file against the checksum in the manifest, and answers lookups through the
// release chosen by a date. Loading is synchronous and fast (a few hundred ms); details that only
// hover needs (tabular notes, MS-DRG and MCE facts) are indexed on first use.
import * as path from 'node:path';
import { loadMceTables, type MceTables } from '../mce/tables';
import { TABLE_FILES, TableStore, type Manifest, type ManifestRelease, type NoteKind, type TabularHead, type TabularNode } from './format';
import { SortedLines } from './lines';
import { CodeList } from './codeList';
import { loadMsdrgTables, type MsdrgTables } from '../grouper/tables';
import { versionLabel } from '../base/versions';
import { dottedCm, normalizeCode } from '../base/codes';
import { indexOfSorted, lowerBound } from '../base/binarySearch';
import type {
  CodeChange,
  CodeDetails,
  CodeEntry,
  CodeHistory,
  CodeSystem,
  CodeTables,
  DrgInfo,
  IndexedSystem,
  LookupResult,
  MceFlag,
  PaymentRates,
  Release,
  ReleaseChoice,
  SearchDocument,
  Source,
  TabularNote,
} from './types';

export interface ReleaseInfo extends Release {
  years: ManifestRelease['years'];
  poaExempt?: ManifestRelease['poaExempt'];
}

/** One system's codes, in their compact form (./codeList.ts): codes, validity and billable masks by row, titles on demand. */
type SystemTable = CodeList;

/** The row of `code` in a system's code list (binary search), or undefined. */
function rowOf(t: SystemTable, code: string): number | undefined {
  return indexOfSorted(t.codes, code);
}

/** Opens the built tables in `dir` (default: defaultTablesDir() in ./format.ts) and reads the code lists. */
export function loadTables(dir?: string | TableStore): Tables {
  return new Tables(typeof dir === 'object' ? dir : TableStore.open(dir));
}

/** The facts of a code no table has anything to say about (yet): filled in by system. */
function noFacts(releaseId: string): Omit<CodeDetails, keyof CodeEntry> {
  return { releaseId, notes: null, seventhCharacter: null, msdrg: null, procedure: null, mce: [], poaExempt: null, poaSource: null };
}

/** drg.json: per release, the DRG weights (with their titles), the source they came from, and the payment rates. */
type DrgFile = Record<
  string,
  {
    weights: Record<string, Omit<DrgInfo, 'source' | 'titleSource'> & { titleSource?: string }>;
    source: number;
    rates: { labor: number; nonLabor: number; source: string };
  }
>;

export class Tables implements CodeTables {
  readonly releases: ReleaseInfo[];
  private readonly systems = new Map<CodeSystem, SystemTable>();
  private readonly sources: Source[];
  private lazy: Partial<{
    tabular: TabularIndex;
    /** The POA-exempt codes, sorted (found by binary search), and the releases each is exempt in (bit per release). */
    poa: { codes: string[]; bits: number[] };
    /** The CDC conversion tables, by previous code and by current code. */
    conversions: { byPrevious: Map<string, CodeChange[]>; byCurrent: Map<string, CodeChange[]> };
    drg: DrgFile;
  }> = {};
  private cpt: Map<string, string> | null = null;

  private cptSource: Source | null = null;

  private readonly manifest: Manifest;

  constructor(readonly store: TableStore) {
    this.manifest = store.manifest;
    this.releases = this.manifest.releases.map((r) => ({ ...r, msdrgVersion: r.msdrgVersion ?? null, msdrgNote: r.msdrgNote ?? null }));
    this.sources = this.manifest.sources.map((s) => ({ file: s.file, year: s.year }));
    for (const [system, file] of Object.entries(TABLE_FILES.codes) as [CodeSystem, string][]) this.systems.set(system, this.readSystem(file));
  }

  /** A built file's text, verified against the manifest's size and checksum. */
  private readFile(name: string): string {
    return this.store.readText(name);
  }

  private readSystem(file: string): SystemTable {
    return new CodeList(this.store.read(file), this.store.pathOf(file), this.releases.length);
  }

  /** Short title, and the title and its source in release r. */
  private rowTitles(t: SystemTable, i: number, r: number): { short: string; title: string | null; source: number | null } {
    return { short: t.shortTitle(i) ?? '', ...t.title(i, r) };
  }

  releaseFor(date: string): ReleaseChoice {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { kind: 'none', message: `"${date}" is not a date YYYY-MM-DD` };
    const first = this.releases[0];
    if (!first || date < first.start)
      return {
        kind: 'none',
        message: `No code-table release covers ${date}: the oldest installed release, ${first?.label ?? '(none)'}, starts ${first?.start ?? '—'}.`,
      };
    let chosen = first;
    for (const r of this.releases) if (r.start <= date) chosen = r;
    if (chosen.end && date > chosen.end) {
      return {
        kind: 'beyond-newest',
        release: chosen,
        message: `Discharged ${date}, after the newest installed release (${chosen.label}, through ${chosen.end}): checked against ${chosen.label}. Install the release for that date.`,
      };
    }
    return { kind: 'ok', release: chosen };
  }

  /** When a code was valid in the installed releases, and (ICD-10-CM) what replaced it or what it replaced, from the CDC conversion tables. */
  codeHistory(code: string, system?: CodeSystem): CodeHistory | null {
    const c = normalizeCode(code);
    for (const sys of system ? [system] : Tables.systemsFor(c)) {
      if (sys === 'cpt') continue;
      const t = this.systems.get(sys)!;
      const i = rowOf(t, c);
      const ranges: CodeHistory['ranges'] = [];
      if (i !== undefined) {
        this.releases.forEach((rel, k) => {
          if (!(t.valid[i] & (1 << k))) return;
          const billable = (t.billable[i] & (1 << k)) !== 0;
          const last = ranges[ranges.length - 1];
          if (last && last.billable === billable && last.releases[last.releases.length - 1] === this.releases[k - 1]?.id) {
            last.end = rel.end;
            last.releases.push(rel.id);
          } else ranges.push({ start: rel.start, end: rel.end, billable, releases: [rel.id] });
        });
      }
      const conv = sys === 'icd10cm' ? this.conversions() : null;
      const replacedBy = conv?.byPrevious.get(c) ?? [];
      const replaces = conv?.byCurrent.get(c) ?? [];
      if (!ranges.length && !replacedBy.length && !replaces.length) continue;
      return {
        code: c,
        system: sys,
        ranges,
        oldest: this.releases[0]?.start ?? '',
        newest: this.releases[this.releases.length - 1]?.id ?? '',
        replacedBy,
        replaces,
      };
    }
    return null;
  }

  /** The codes on the POA-exempt list a release uses, sorted. */
  poaExemptCodes(releaseId: string): string[] {
    const bit = 1 << this.releaseIndex(releaseId);
    const poa = this.poa();
    return poa.codes.filter((_, i) => (poa.bits[i] & bit) !== 0);
  }

  private conversions() {
    return (this.lazy.conversions ??= (() => {
      const byPrevious = new Map<string, CodeChange[]>();
      const byCurrent = new Map<string, CodeChange[]>();
      if (!this.store.has(TABLE_FILES.conversions)) return { byPrevious, byCurrent };
      const rows = this.store.readJson<{ current: string; effective: string; previous: string[]; source: number }[]>(TABLE_FILES.conversions);
      const add = (m: Map<string, CodeChange[]>, key: string, effective: string, code: string, source: number) => {
        let list = m.get(key);
        if (!list) m.set(key, (list = []));
        let change = list.find((x) => x.effective === effective);
        if (!change) list.push((change = { effective, codes: [], source: this.sources[source] ?? { file: 'conversion table', year: '' } }));
        if (!change.codes.includes(code)) change.codes.push(code);
      };
      for (const r of rows) {
        for (const p of r.previous) {
          add(byPrevious, p, r.effective, r.current, r.source);
          add(byCurrent, r.current, r.effective, p, r.source);
        }
      }
      return { byPrevious, byCurrent };
    })());
  }

  releaseById(id: string): ReleaseInfo | undefined {
    return this.releases.find((r) => r.id === id);
  }

  private releaseIndex(id: string): number {
    return this.releases.findIndex((r) => r.id === id);
  }

  /** Which systems a code could belong to, by its shape, most likely first. */
  static systemsFor(code: string): CodeSystem[] {
    const c = normalizeCode(code);
    const out: CodeSystem[] = [];
    if (/^[A-Z][0-9A-Z][0-9A-Z]{1,5}$/.test(c) && /^[A-Z]\d/.test(c)) out.push('icd10cm');
    if (/^[0-9A-HJ-NP-Z]{7}$/.test(c)) out.push('icd10pcs');
    if (/^[A-Z]\d{4}$/.test(c) || /^[A-Z0-9]{2}$/.test(c)) out.push('hcpcs');
    if (/^\d{4}[0-9A-Z]$/.test(c)) out.push('cpt');
    if (!out.includes('icd10cm') && /^[A-Z][0-9A-Z]/.test(c)) out.push('icd10cm');
    return out;
  }

  /** Answers repeat on every keystroke (same codes, same date): remembered by their raw inputs. */
  private readonly answers = new Map<string, LookupResult>();

  lookup(code: string, date: string, system?: CodeSystem): LookupResult {
    const key = `${date}|${system ?? ''}|${code}`;
    let answer = this.answers.get(key);
    if (!answer) {
      if (this.answers.size >= 20_000) this.answers.clear();
      answer = this.lookupUncached(code, date, system);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private lookupUncached(code: string, date: string, system?: CodeSystem): LookupResult {
    const c = normalizeCode(code);
    const choice = this.releaseFor(date);
    if (choice.kind === 'none') return { kind: 'no-release', code: c, message: choice.message };
    const release = choice.release as ReleaseInfo;
    const r = this.releaseIndex(release.id);
    const candidates = system ? [system] : Tables.systemsFor(c);
    let elsewhere: { system: CodeSystem; releases: string[] } | null = null;
    for (const sys of candidates) {
      if (sys === 'cpt') {
        if (this.cpt?.has(c)) return { kind: 'valid', release, entry: { ...this.cptEntry(c), ...noFacts(release.id) } };
        continue;
      }
      const t = this.systems.get(sys)!;
      const i = rowOf(t, c);
      if (i === undefined) continue;
      if (t.valid[i] & (1 << r)) return { kind: 'valid', release, entry: this.cachedEntry(sys, t, i, r) };
      elsewhere ??= { system: sys, releases: this.releases.filter((_, k) => t.valid[i] & (1 << k)).map((x) => x.id) };
    }
    if (elsewhere) return { kind: 'not-on-date', code: c, system: elsewhere.system, releases: elsewhere.releases, release };
    return { kind: 'unknown', code: c, system: system ?? candidates[0] ?? null };
  }

  /** The fast path for validity checks: valid in the release, billable. No details built. */
  status(code: string, system: IndexedSystem, releaseId: string): { exists: boolean; valid: boolean; billable: boolean } {
    const t = this.systems.get(system)!;
    const i = rowOf(t, normalizeCode(code));
    const r = this.releaseIndex(releaseId);
    if (i === undefined || r < 0) return { exists: i !== undefined, valid: false, billable: false };
    return { exists: true, valid: !!(t.valid[i] & (1 << r)), billable: !!(t.billable[i] & (1 << r)) };
  }

  *codes(system: CodeSystem, releaseId: string): Iterable<CodeEntry> {
    if (system === 'cpt') {
      for (const c of this.cpt?.keys() ?? []) yield this.cptEntry(c);
      return;
    }
    const t = this.systems.get(system)!;
    const r = this.releaseIndex(releaseId);
    if (r < 0) return;
    for (let i = 0; i < t.codes.length; i++) {
      if (!(t.valid[i] & (1 << r))) continue;
      yield this.basicEntry(system, t, i, r);
    }
  }

  private basicEntry(system: CodeSystem, t: SystemTable, i: number, r: number): CodeEntry {
    const code = t.codes[i];
    const { short, title, source } = this.rowTitles(t, i, r);
    return {
      code,
      display: system === 'icd10cm' ? dottedCm(code) : code,
      system,
      title,
      shortTitle: short || null,
      titleSource: source === null ? null : this.sources[source],
      billable: !!(t.billable[i] & (1 << r)),
    };
  }

  /** The children of a CM header in a release: the codes one level below it. */
  children(code: string, releaseId: string): string[] {
    const t = this.systems.get('icd10cm')!;
    const r = this.releaseIndex(releaseId);
    const c = normalizeCode(code);
    const out: string[] = [];
    for (let len = c.length + 1; len <= 7 && out.length === 0; len++) {
      // The nearest existing level below: I50 → I50.x; S72.03 → S72.031 …; W01.0 → W01.0XXA.
      for (const [k, i] of this.prefixRange(c)) if (k.length === len && t.valid[i] & (1 << r)) out.push(k);
    }
    return out;
  }

  private *prefixRange(prefix: string): Generator<[string, number]> {
    const t = this.systems.get('icd10cm')!;
    // Codes are sorted: the first code ≥ prefix, then every code that starts with it.
    for (let i = lowerBound(0, t.codes.length, (k) => t.codes[k] < prefix); i < t.codes.length && t.codes[i].startsWith(prefix); i++)
      if (t.codes[i] !== prefix) yield [t.codes[i], i];
  }

  /** Lookups repeat (every keystroke re-checks the same codes): the last few thousand are kept. */
  private readonly entryCache = new Map<string, CodeDetails>();
  private cachedEntry(system: CodeSystem, t: SystemTable, i: number, r: number): CodeDetails {
    const key = `${r}:${system}:${t.codes[i]}`;
    let e = this.entryCache.get(key);
    if (!e) {
      if (this.entryCache.size >= 5000) this.entryCache.clear();
      e = this.entry(system, t, i, r);
      this.entryCache.set(key, e);
    }
    return e;
  }

  private entry(system: CodeSystem, t: SystemTable, i: number, r: number): CodeDetails {
    const base = this.basicEntry(system, t, i, r);
    const release = this.releases[r];
    const details: CodeDetails = { ...base, ...noFacts(release.id) };
    if (!base.billable && system === 'icd10cm') details.children = this.children(base.code, release.id);
    if (base.title === null)
      details.titleMissing =
        `No title in the ${release.label} sources for ${base.display}` +
        (system === 'icd10cm' ? ' (a header new since the FY2021 order file)' : ' (added without a title in the source)');
    if (system === 'icd10cm') this.addCmDetails(details, release);
    if (system === 'icd10pcs') this.addPcsDetails(details, release);
    return details;
  }

  private addCmDetails(d: CodeDetails, release: ReleaseInfo): void {
    const tab = this.tabular();
    const chain = tab.chain(d.code);
    if (chain.length === 0) {
      d.notesMissing = `${d.display} is not in the ${tab.source.year} tabular list (${tab.source.file}): no instructional notes are known for it, so note-based checks stay silent.`;
    } else {
      const node = chain[0];
      const section = tab.sections[node.section];
      const chapterNum = section?.chapter;
      const chapter = tab.chapters.find((c) => c.num === chapterNum);
      d.chapter = chapter ? { num: chapter.num, title: chapter.title } : null;
      d.section = section ? { id: node.section, title: section.title } : null;
      const category = chain[chain.length - 1];
      d.category = { code: dottedCm(category.code), title: category.title };
      const exact = chain[0].code === d.code;
      if (!exact)
        d.notesMissing = `${d.display} itself is not in the ${tab.source.year} tabular list; the notes shown are those of ${dottedCm(chain[0].code)} and above.`;
      d.notes = tab.notesOf(chain, node.section, chapterNum);
      const def = chain.find((n) => n.sevenChrDef);
      if (def) {
        d.seventhCharacter = { values: def.sevenChrDef!, from: dottedCm(def.code), note: def.sevenChrNote ?? null, source: tab.source };
        d.placeholder = d.billable && d.code.length === 7 && d.code.slice(3, 6).includes('X');
      }
    }
    const version = release.msdrgVersion;
    const grouper = version ? this.grouper(version, release) : null;
    if (typeof grouper === 'string') d.msdrgMissing = `${d.display}: ${grouper}`;
    else if (grouper && version) {
      const v = grouper.version(version);
      const info = v.dxFacts(d.code);
      if (info) {
        d.msdrg = {
          version,
          mdc: String(info.mdc).padStart(2, '0'),
          severity: info.severity,
          ccExclusionGroups: info.ccExclusionGroups.map(String),
          hacs: info.hacs.map((n) => ({ number: Number(n), title: v.hacTitle(Number(n)) })),
          source: grouper.source(version),
        };
      } else if (d.billable) {
        d.msdrgMissing = `${d.display} is not in the MS-DRG ${versionLabel(version)} tables${release.msdrgNote ? ` (${release.msdrgNote})` : ''}: the grouper does not know it.`;
      }
    }
    d.mce = this.mceFlags('dx', d.code, release);
    const poa = this.poa();
    const p = indexOfSorted(poa.codes, d.code);
    d.poaExempt = p !== undefined && (poa.bits[p] & (1 << this.releaseIndex(release.id))) !== 0;
    // The list of the release's own fiscal year (manifest), or the one list of an older build.
    const list = release.poaExempt;
    d.poaSource = list ? { file: list.file, year: list.year } : this.sourceNamed('poa_exempt');
    if (list?.note) d.poaNote = list.note;
  }

  private addPcsDetails(d: CodeDetails, release: ReleaseInfo): void {
    const version = release.msdrgVersion;
    const grouper = version ? this.grouper(version, release) : null;
    if (typeof grouper === 'string') d.msdrgMissing = `${d.code}: ${grouper}`;
    else if (grouper && version) {
      const info = grouper.prInfo(d.code, version);
      d.procedure = { version, isOR: info?.isOR ?? false, hacs: (info?.hacs ?? []).map(Number), source: grouper.source(version) };
      if (!info) d.msdrgMissing = `${d.code} is not in the MS-DRG ${versionLabel(version)} tables${release.msdrgNote ? ` (${release.msdrgNote})` : ''}.`;
    }
    d.mce = this.mceFlags('pr', d.code, release);
  }

  /** The grouper's tables when they hold `version`; else why not (a sentence), so lookups say it. */
  private grouper(version: string, release: ReleaseInfo): MsdrgTables | string {
    let g: MsdrgTables;
    try {
      g = this.grouperTables();
    } catch (e) {
      return `no MS-DRG facts: the grouper's tables are not loaded (${(e as Error).message})`;
    }
    return g.hasVersion(version)
      ? g
      : `no MS-DRG facts: the MS-DRG ${versionLabel(version)} tables are not installed${release.msdrgNote ? ` (${release.msdrgNote})` : ''}`;
  }

  /** Code Editor flags in force during the release (the Code Editor's own tables, tables/build/mce). */
  private mceFlags(kind: 'dx' | 'pr', code: string, release: ReleaseInfo): MceFlag[] {
    const mce = this.mceEngine();
    if (!mce) return [];
    const source: Source = { file: mce.sources[0]?.file ?? 'mce', year: mce.version ? `MCE ${versionLabel(mce.version)}` : 'MCE' };
    const flags = new Map<string, MceFlag>();
    for (const date of [release.start, release.end ?? release.start]) {
      for (const f of (kind === 'dx' ? mce.dxFlags(code, date) : mce.prFlags(code, date)) ?? [])
        flags.set(`${f.flag}|${f.start}`, { flag: f.flag, start: f.start, end: f.end, source });
    }
    return [...flags.values()];
  }

  private mceEngine(): MceTables | null {
    try {
      return this.mceTables();
    } catch {
      return null; // the hover then shows no Code Editor flags; the server says why at start
    }
  }

  private mceLoad: { tables: MceTables } | { error: Error } | null = null;
  private grouperLoad: { tables: MsdrgTables } | { error: Error } | null = null;

  /**
   * The MS-DRG grouper's tables of this build: loaded once, and the one source of MS-DRG facts —
   * the grouper groups with them, lookups take CC/MCC, MDC, HAC and O.R. facts from them, and the
   * DRG feature names DRG titles and CC exclusions from them. Throws, every time, the error that
   * kept them from loading.
   */
  grouperTables(): MsdrgTables {
    if (!this.grouperLoad) {
      try {
        this.grouperLoad = { tables: loadMsdrgTables(this.store) };
      } catch (e) {
        this.grouperLoad = { error: e as Error };
      }
    }
    if ('error' in this.grouperLoad) throw this.grouperLoad.error;
    return this.grouperLoad.tables;
  }

  /**
   * The Medicare Code Editor's tables of this build (loaded once, shared by lookups and the mce.*
   * rules); throws, every time, the error that kept them from loading.
   */
  mceTables(): MceTables {
    if (!this.mceLoad) {
      try {
        this.mceLoad = { tables: loadMceTables(this.store) };
      } catch (e) {
        this.mceLoad = { error: e as Error };
      }
    }
    if ('error' in this.mceLoad) throw this.mceLoad.error;
    return this.mceLoad.tables;
  }

  /**
   * Loading each table that is otherwise read on first use (tabular notes, MS-DRG facts, weights,
   * POA list, Code Editor), one step each (20–90 ms): the server runs them one by one after the
   * handshake, between requests, so that the first hover, completion or check does not pay for them.
   */
  warmUpSteps(): { name: string; run: () => void }[] {
    return [
      { name: 'tabular notes', run: () => void this.tabular() },
      { name: 'MS-DRG grouper tables', run: () => void this.grouperTables() },
      { name: 'DRG weights and rates', run: () => void this.drg() },
      { name: 'POA-exempt list', run: () => void this.poa() },
      { name: 'conversion tables', run: () => void this.conversions() },
      { name: 'Code Editor tables', run: () => void this.mceEngine() },
    ];
  }

  drgInfo(drg: string, releaseId: string): DrgInfo | null {
    const rel = this.drg()[releaseId];
    const w = rel?.weights[drg.padStart(3, '0')];
    if (!w) return null;
    const release = this.releaseById(releaseId)!;
    const grouper = release.msdrgVersion ? this.grouper(release.msdrgVersion, release) : null;
    const grouperTitle = grouper && typeof grouper !== 'string' ? grouper.drgTitle(drg, release.msdrgVersion!) : null;
    const ownTitle = w.title;
    // The title of the DRG in this release's grouper logic when known; else the weight table's own.
    const title = grouperTitle ?? ownTitle ?? null;
    const titleSource: Source | null =
      grouperTitle && typeof grouper !== 'string'
        ? grouper!.source(release.msdrgVersion!)
        : ownTitle
          ? { file: this.sources[rel.source].file, year: w.titleSource?.includes('fy2026') ? 'FY2026 title' : this.sources[rel.source].year }
          : null;
    return {
      drg: w.drg,
      title,
      titleSource,
      weight: w.weight,
      gmlos: w.gmlos,
      amlos: w.amlos,
      postAcute: w.postAcute,
      specialPay: w.specialPay,
      type: w.type ?? null,
      source: this.sources[rel.source],
    };
  }

  paymentRates(releaseId: string): PaymentRates | null {
    const rates = this.drg()[releaseId]?.rates;
    if (!rates) return null;
    return { standardizedAmount: Math.round((rates.labor + rates.nonLabor) * 100) / 100, labor: rates.labor, nonLabor: rates.nonLabor, source: rates.source };
  }

  /** Adds a user-supplied CPT table (see loadCptTable). */
  setCptTable(codes: Map<string, string>, file: string): void {
    this.answers.clear();
    this.cpt = codes;
    this.cptSource = { file: path.basename(file), year: 'user-supplied CPT table' };
  }

  private cptEntry(code: string): CodeEntry {
    return { code, display: code, system: 'cpt', title: this.cpt?.get(code) ?? null, titleSource: this.cptSource, billable: true };
  }

  /** Codes added, removed and retitled between two releases (for `tables diff`). */
  compareReleases(
    system: IndexedSystem,
    fromId: string,
    toId: string,
  ): {
    added: CodeEntry[];
    removed: CodeEntry[];
    retitled: { code: string; display: string; from: string | null; to: string | null }[];
    becameHeader: string[];
    becameBillable: string[];
  } {
    const t = this.systems.get(system)!;
    const a = this.releaseIndex(fromId);
    const b = this.releaseIndex(toId);
    const out = {
      added: [] as CodeEntry[],
      removed: [] as CodeEntry[],
      retitled: [] as { code: string; display: string; from: string | null; to: string | null }[],
      becameHeader: [] as string[],
      becameBillable: [] as string[],
    };
    for (let i = 0; i < t.codes.length; i++) {
      const inA = !!(t.billable[i] & (1 << a));
      const inB = !!(t.billable[i] & (1 << b));
      if (inB && !inA) {
        out.added.push(this.basicEntry(system, t, i, b));
        if (t.valid[i] & (1 << a)) out.becameBillable.push(t.codes[i]);
      } else if (inA && !inB) {
        out.removed.push(this.basicEntry(system, t, i, a));
        if (t.valid[i] & (1 << b)) out.becameHeader.push(t.codes[i]);
      } else if (inA && inB) {
        const ta = this.rowTitles(t, i, a).title;
        const tb = this.rowTitles(t, i, b).title;
        if (ta !== tb) out.retitled.push({ code: t.codes[i], display: system === 'icd10cm' ? dottedCm(t.codes[i]) : t.codes[i], from: ta, to: tb });
      }
    }
    return out;
  }

  /** DRG weights in a release (all DRGs). */
  drgWeights(releaseId: string): Map<string, DrgInfo> {
    const out = new Map<string, DrgInfo>();
    for (const drg of Object.keys(this.drg()[releaseId]?.weights ?? {})) {
      const info = this.drgInfo(drg, releaseId);
      if (info) out.set(drg, info);
    }
    return out;
  }

  /**
   * Every code of a system across all releases, for building a search index: the newest title,
   * the validity and billable bits per release, and (CM) the tabular inclusion terms of the code.
   */
  *searchDocuments(system: IndexedSystem): Generator<SearchDocument> {
    const t = this.systems.get(system)!;
    const terms = system === 'icd10cm' ? this.tabular().allInclusionTerms() : null;
    for (let i = 0; i < t.codes.length; i++) {
      const extra = terms?.get(t.codes[i]) ?? [];
      yield { code: t.codes[i], title: this.searchTitle(system, i), valid: t.valid[i], billable: t.billable[i], extra };
    }
  }

  /** The code list of a system in row order (the order of `searchDocuments`), for the search engine. Read-only. */
  searchRows(system: IndexedSystem): { codes: readonly string[]; valid: Uint32Array; billable: Uint32Array } {
    const t = this.systems.get(system)!;
    return { codes: t.codes, valid: t.valid, billable: t.billable };
  }

  /** The title search shows for row `i`: the newest release's title among the releases that have the code. */
  searchTitle(system: IndexedSystem, i: number): string {
    const t = this.systems.get(system)!;
    for (let r = this.releases.length - 1; r >= 0; r--) if (t.valid[i] & (1 << r)) return this.rowTitles(t, i, r).title ?? '';
    return '';
  }

  /** The ICD-10-PCS tables file (pcs-tables.json), verified against the manifest, for the search engine's PCS module. */
  pcsTablesText(): string {
    return this.store.readText(TABLE_FILES.pcsTables);
  }

  /** The prebuilt search index (search-index.bin, written by `npm run tables`), verified against the manifest. */
  searchIndexBytes(): Buffer {
    return this.store.read(TABLE_FILES.searchIndex);
  }

  /** The bit of a release in validity masks. */
  releaseBit(releaseId: string): number {
    return 1 << this.releaseIndex(releaseId);
  }

  /** Counts per system and release (for `tables check`). */
  counts(): { system: CodeSystem; release: string; valid: number; billable: number }[] {
    const out = [];
    for (const [system, t] of this.systems) {
      for (let r = 0; r < this.releases.length; r++) {
        let valid = 0;
        let billable = 0;
        for (let i = 0; i < t.codes.length; i++) {
          if (t.valid[i] & (1 << r)) valid++;
          if (t.billable[i] & (1 << r)) billable++;
        }
        out.push({ system, release: this.releases[r].id, valid, billable });
      }
    }
    return out;
  }

  manifestInfo(): Manifest {
    return this.manifest;
  }

  // ── lazily indexed detail tables ─────────────────────────────────────────

  private sourceNamed(prefix: string): Source {
    return this.sources.find((s) => s.file.startsWith(prefix)) ?? { file: prefix, year: '' };
  }

  private poa() {
    return (this.lazy.poa ??= (() => {
      const codes: string[] = [];
      const bits: number[] = [];
      for (const line of this.readFile(TABLE_FILES.poaExempt).split('\n')) {
        const tab = line.indexOf('\t');
        codes.push(tab < 0 ? line : line.slice(0, tab));
        bits.push(tab < 0 ? -1 : parseInt(line.slice(tab + 1), 16));
      }
      return { codes, bits };
    })());
  }
  private drg() {
    return (this.lazy.drg ??= this.store.readJson<DrgFile>(TABLE_FILES.drg));
  }
  private tabular(): TabularIndex {
    return (this.lazy.tabular ??= new TabularIndex(
      this.store.readJson<TabularHead>(TABLE_FILES.tabularHead),
      new SortedLines(this.store.read(TABLE_FILES.tabularNodes), this.store.pathOf(TABLE_FILES.tabularNodes)),
    ));
  }
}

/**
 * The tabular list: its head (chapters, sections, chapter notes) parsed, its nodes kept as the
 * sorted line text they were read as, each parsed when a lookup asks (and the most recent kept).
 */
class TabularIndex {
  readonly source: Source;
  readonly chapters: TabularHead['chapters'];
  readonly sections: TabularHead['sections'];
  readonly chapterNotes: TabularHead['chapterNotes'];
  private readonly nodes: SortedLines;
  /** Parsed nodes and the notes each carries (shared by every code below it), the most recent kept. */
  private readonly parsed = new Map<string, { node: TabularNode; notes: TabularNote[] } | null>();
  /** The notes a section or a chapter carries, built once each. */
  private readonly groupNotes = new Map<string, TabularNote[]>();

  constructor(head: TabularHead, nodes: SortedLines) {
    this.source = head.source;
    this.chapters = head.chapters;
    this.sections = head.sections;
    this.chapterNotes = head.chapterNotes;
    this.nodes = nodes;
  }

  private entry(code: string): { node: TabularNode; notes: TabularNote[] } | null {
    let e = this.parsed.get(code);
    if (e !== undefined) return e;
    const [first, end] = this.nodes.range(code);
    if (first < end) {
      const node: TabularNode = { code, ...(JSON.parse(this.nodes.restAt(first)) as Omit<TabularNode, 'code'>) };
      e = { node, notes: this.notesFrom(node.notes, dottedCm(code)) };
    } else e = null;
    // Ancestors repeat from lookup to lookup (I50, I50.3 …): a bounded set is kept.
    if (this.parsed.size >= 10_000) this.parsed.clear();
    this.parsed.set(code, e);
    return e;
  }

  private notesFrom(notes: Partial<Record<NoteKind, string[]>>, from: string, kinds?: readonly NoteKind[]): TabularNote[] {
    const out: TabularNote[] = [];
    for (const [kind, texts] of Object.entries(notes) as [NoteKind, string[] | undefined][])
      if (!kinds || kinds.includes(kind)) for (const text of texts ?? []) out.push({ kind, text, from, source: this.source });
    return out;
  }

  /**
   * The notes that apply to a code: its node's and its ancestors' (nearest first), its section's,
   * and its chapter's Excludes notes (the chapter's other notes are general guidance, not
   * instructions for every code). The note objects are shared between lookups: read-only.
   */
  notesOf(chain: TabularNode[], section: string, chapter: string | undefined): TabularNote[] {
    const out: TabularNote[] = [];
    for (const n of chain) out.push(...(this.entry(n.code)?.notes ?? []));
    const sectionKey = `section ${section}`;
    let sectionNotes = this.groupNotes.get(sectionKey);
    if (!sectionNotes) this.groupNotes.set(sectionKey, (sectionNotes = this.notesFrom(this.sections[section]?.notes ?? {}, section)));
    out.push(...sectionNotes);
    const chapterKey = `chapter ${chapter}`;
    let chapterNotes = this.groupNotes.get(chapterKey);
    if (!chapterNotes)
      this.groupNotes.set(chapterKey, (chapterNotes = this.notesFrom(this.chapterNotes[chapter ?? ''] ?? {}, chapterKey, ['excludes1', 'excludes2'])));
    out.push(...chapterNotes);
    return out;
  }

  private node(code: string): TabularNode | null {
    return this.entry(code)?.node ?? null;
  }

  /** Every node's own inclusion terms (not inherited), by code: the extra words search finds a code by (read when the index is built). */
  allInclusionTerms(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    // Most nodes list none: a line is parsed only when it names any.
    for (let i = 0; i < this.nodes.count; i++) {
      if (!this.nodes.restIncludes(i, '"inclusionTerm"')) continue;
      const terms = (JSON.parse(this.nodes.restAt(i)) as Omit<TabularNode, 'code'>).notes.inclusionTerm;
      if (terms?.length) out.set(this.nodes.keyAt(i), terms);
    }
    return out;
  }

  /** The code's node and its ancestors (nearest first). A code missing from the tabular (new since) uses its nearest listed prefix. */
  chain(code: string): TabularNode[] {
    let c = code;
    while (c.length >= 3 && !this.node(c)) c = c.slice(0, -1);
    const out: TabularNode[] = [];
    for (let n = this.node(c); n; n = n.parent ? this.node(n.parent) : null) out.push(n);
    return out;
  }
}
