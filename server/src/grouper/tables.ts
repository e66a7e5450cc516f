// Runtime view of the MS-DRG tables written by tables/importers/msdrg.ts (tables/build/msdrg/):
// meta.json parsed once; the per-code tables kept as sorted line text, searched in place and
// parsed one line at a time. Per-version facts are resolved lazily and cached per code. These are
// the one source of MS-DRG facts: the grouper's logic, and the CC/MCC, MDC, HAC and O.R. facts the
// code tables' lookups and the editor show.
import type { MsdrgData, MsdrgMeta, FormulaRow, DxRow, PrRow, ClusterRow, HacInfoRow, LineTableName } from './format';
import { MSDRG_LINE_TABLES, toLines } from './format';
import { TABLE_FILES, TableStore } from '../tables/format';
import { SortedLines } from '../tables/lines';
import { normalizeCode } from '../base/codes';
import { versionKey, versionLabel } from '../base/versions';

/** A sorted "key\tjson" line file; a key's value is parsed when asked for. */
class LineTable<T> {
  private readonly lines: SortedLines;
  constructor(bytes: Uint8Array, where: string) {
    this.lines = new SortedLines(bytes, where);
  }
  get(key: string): T | undefined {
    const [first, end] = this.lines.range(key);
    return first < end ? (JSON.parse(this.lines.restAt(first)) as T) : undefined;
  }
  *keys(): Generator<string> {
    for (let i = 0; i < this.lines.count; i++) yield this.lines.keyAt(i);
  }
  /** Each key with its parsed value, in key order. */
  *entries(): Generator<[string, T]> {
    for (let i = 0; i < this.lines.count; i++) yield [this.lines.keyAt(i), JSON.parse(this.lines.restAt(i)) as T];
  }
}

/** The loaded tables: meta (parsed) plus the per-code line tables. */
export interface MsdrgStore {
  meta: MsdrgMeta;
  dx: LineTable<DxRow[]>;
  pr: LineTable<PrRow[]>;
  codeClusters: LineTable<[number, string[]][]>;
  clusters: LineTable<ClusterRow[]>;
  exclusionGroups: LineTable<string[]>;
  sdxExclusionGroups: LineTable<[number, number][]>;
  hacInfo: LineTable<HacInfoRow[]>;
}

export type Severity = 'MCC' | 'CC' | 'NCC';
const SEVERITIES: Severity[] = ['MCC', 'CC', 'NCC'];

export interface DxInfo {
  /** MDC of the code as principal diagnosis (before sex-specific routing). */
  mdc: number;
  /** MDC by sex where it depends on it: { M: 12, F: 13 }. */
  mdcBySex?: { M?: number; F?: number };
  severity: Severity;
  /** CC-exclusion collections of the code as principal: each lists the secondary codes it demotes to non-CC. */
  ccExclusionGroups: number[];
  /** HAC categories whose diagnosis criteria the code meets (numbers as strings, "05"). */
  hacs: string[];
  /** Operands DRG formulas test (ami, strauma, dxc0505, …). */
  attributes: string[];
  /** HAC operands (HAC05, hac11_sdx, …). */
  hacOperands: string[];
  /** attributes ∪ hacOperands, for the grouper's lookups. */
  operandSet: ReadonlySet<string>;
  /**
   * The HAC entries CMS's grouper gives the code as a secondary diagnosis (DiagnosisAccess.getHacsForCode):
   * one per HAC number of the code's HAC information, each named by the first HAC operand that contains
   * the number ("hac06_show", "HAC12"). Empty unless one of the code's HAC operands starts with "HAC"
   * (SdxAttributeProcessor): E66.01 (hac11_pdx only) has none.
   */
  hacEntries: readonly HacEntry[];
  /** On the HAC 06 "show" list (hac06_show: N39.0, N10, …): a HAC only together with a catheter code that is one. */
  hacShowList: boolean;
  source: { file: string; version: string };
}

/** One HAC category entry of a secondary diagnosis (number and the HAC operand list it came from). */
export interface HacEntry {
  hac: number;
  list: string;
}

export interface PrInfo {
  isOR: boolean;
  attributes: string[];
  hacOperands: string[];
  /** HAC categories whose procedure criteria the code meets (numbers as strings, "05"). */
  hacs: string[];
  /** Procedure clusters the code belongs to (combinations that group together). */
  clusterIds: string[];
  /** attributes ∪ hacOperands, for the grouper's lookups. */
  operands: string[];
  source: { file: string; version: string };
}

export interface ClusterInfo {
  id: string;
  suppressionMdcs: number[];
  choices: string[][];
}

/** One grouper version's tables. */
export class MsdrgVersionTables {
  private dxCache = new Map<string, DxInfo | null>();
  private prCache = new Map<string, PrInfo | null>();
  private clusterCache = new Map<string, ClusterInfo | null>();
  readonly formulasByMdc = new Map<number, FormulaRow[]>();
  readonly hacFormulas: { hac: number; formula: string }[];
  private exclusionSets = new Map<number, Set<string>>();

  constructor(
    private readonly store: MsdrgStore,
    readonly version: string,
    private readonly bit: number,
  ) {
    const data = store.meta;
    for (const f of data.formulas) {
      if (f.ranks[version] === undefined) continue;
      let list = this.formulasByMdc.get(f.mdc);
      if (!list) this.formulasByMdc.set(f.mdc, (list = []));
      list.push(f);
    }
    for (const list of this.formulasByMdc.values()) list.sort((a, b) => a.ranks[version]! - b.ranks[version]!);
    this.hacFormulas = data.hacFormulas
      .filter((h) => h[0] & bit)
      .map((h) => ({ hac: h[1], formula: h[2] }))
      .sort((a, b) => a.hac - b.hac);
  }

  /**
   * What a code lookup shows of a diagnosis — MDC, severity, CC-exclusion lists, HAC categories —
   * read from the same rows as dx() without building the grouper's operand sets (a hover's first
   * lookup of a code pays for these alone; grouping builds the rest when it needs them).
   */
  dxFacts(code: string): Pick<DxInfo, 'mdc' | 'severity' | 'ccExclusionGroups' | 'hacs'> | null {
    const known = this.dxCache.get(code);
    if (known !== undefined) return known;
    const row = this.store.dx.get(code)?.find((r) => r[0] & this.bit);
    if (!row) return null;
    const hacs = new Set<number>();
    for (const h of this.store.hacInfo.get(code) ?? []) if (h[0] & this.bit) h[2].forEach((n) => hacs.add(n));
    return {
      mdc: row[1],
      severity: SEVERITIES[row[2]] ?? 'NCC',
      ccExclusionGroups: (this.store.sdxExclusionGroups.get(code) ?? []).filter((g) => g[0] & this.bit).map((g) => g[1]),
      hacs: [...hacs].sort((a, b) => a - b).map((n) => String(n).padStart(2, '0')),
    };
  }

  dx(code: string): DxInfo | null {
    let hit = this.dxCache.get(code);
    if (hit !== undefined) return hit;
    hit = null;
    const row = this.store.dx.get(code)?.find((r) => r[0] & this.bit);
    if (row) {
      const [, mdc, sev, ops, hacPat, cat] = row;
      const attributes = [...(this.store.meta.dxPatterns[ops] ?? []), ...(cat ? (this.store.meta.dxPatterns[cat] ?? []) : [])];
      const dxHacAttributes = hacPat ? (this.store.meta.dxPatterns[hacPat] ?? []) : [];
      const hacOperands = new Set(dxHacAttributes);
      const hacNums = new Set<number>();
      let hacEntries: HacEntry[] = [];
      for (const h of this.store.hacInfo.get(code) ?? []) {
        if (!(h[0] & this.bit)) continue;
        h[1].forEach((o) => hacOperands.add(o));
        h[2].forEach((n) => hacNums.add(n));
        hacEntries = hacEntriesOf(h[1], h[2]);
      }
      if (!dxHacAttributes.some((a) => a.startsWith('HAC'))) hacEntries = [];
      const gender = this.store.meta.genderMdc[code]?.find((g) => g[0] & this.bit);
      const groups = (this.store.sdxExclusionGroups.get(code) ?? []).filter((g) => g[0] & this.bit).map((g) => g[1]);
      hit = {
        mdc,
        severity: SEVERITIES[sev] ?? 'NCC',
        ccExclusionGroups: groups,
        hacs: [...hacNums].sort((a, b) => a - b).map((n) => String(n).padStart(2, '0')),
        attributes,
        hacOperands: [...hacOperands],
        operandSet: new Set([...attributes, ...hacOperands]),
        hacEntries,
        hacShowList: dxHacAttributes.includes('hac06_show'),
        source: { file: this.store.meta.source.file, version: this.version },
      };
      if (gender) hit.mdcBySex = { M: gender[1]['1'], F: gender[1]['2'] };
    }
    this.dxCache.set(code, hit);
    return hit;
  }

  pr(code: string): PrInfo | null {
    let hit = this.prCache.get(code);
    if (hit !== undefined) return hit;
    hit = null;
    const row = this.store.pr.get(code)?.find((r) => r[0] & this.bit);
    if (row) {
      const attributes = this.store.meta.prPatterns[row[1]] ?? [];
      const hacOperands: string[] = [];
      const hacNums = new Set<number>();
      for (const h of this.store.hacInfo.get(code) ?? []) {
        if (!(h[0] & this.bit)) continue;
        hacOperands.push(...h[1]);
        h[2].forEach((n) => hacNums.add(n));
      }
      const clusters = this.store.codeClusters.get(code)?.find((c) => c[0] & this.bit)?.[1] ?? [];
      hit = {
        isOR: !attributes.includes('nonor'),
        attributes,
        hacOperands,
        hacs: [...hacNums].sort((a, b) => a - b).map((n) => String(n).padStart(2, '0')),
        clusterIds: clusters,
        operands: [...attributes, ...hacOperands],
        source: { file: this.store.meta.source.file, version: this.version },
      };
    }
    this.prCache.set(code, hit);
    return hit;
  }

  cluster(id: string): ClusterInfo | null {
    let hit = this.clusterCache.get(id);
    if (hit !== undefined) return hit;
    const row = this.store.clusters.get(id)?.find((c) => c[0] & this.bit);
    hit = row ? { id, suppressionMdcs: row[1], choices: row[2] } : null;
    this.clusterCache.set(id, hit);
    return hit;
  }

  /** Is `code` in CC-exclusion collection `group`? */
  codeInExclusionGroup(group: number, code: string): boolean {
    let set = this.exclusionSets.get(group);
    if (!set) this.exclusionSets.set(group, (set = new Set(this.store.exclusionGroups.get(String(group)) ?? [])));
    return set.has(code);
  }

  private describe(kind: keyof MsdrgMeta['descriptions'], id: number): string | null {
    return this.store.meta.descriptions[kind][String(id)]?.find((d) => d[0] & this.bit)?.[1] ?? null;
  }
  drgTitle(drg: number): string | null {
    return this.describe('drg', drg);
  }
  mdcTitle(mdc: number): string | null {
    return this.describe('mdc', mdc);
  }
  hacTitle(hac: number): string | null {
    return this.describe('hac', hac);
  }
}

export class MsdrgTables {
  readonly versions: string[];
  private views = new Map<string, MsdrgVersionTables>();
  constructor(readonly store: MsdrgStore) {
    this.versions = store.meta.versions;
  }

  /** The tables of a version ("430", "V430" or "v43.0"); throws for an unknown version. */
  version(version: string): MsdrgVersionTables {
    const hit = this.views.get(version);
    if (hit) return hit;
    const v = versionKey(version);
    let view = this.views.get(v);
    if (!view) {
      const i = this.versions.indexOf(v);
      if (i < 0) throw new Error(`MS-DRG version ${version} is not in the tables (have ${this.versions.join(', ')})`);
      this.views.set(v, (view = new MsdrgVersionTables(this.store, v, 1 << i)));
    }
    this.views.set(version, view);
    return view;
  }

  /** The version in force for a discharge date (YYYY-MM-DD), or null when none is. */
  versionFor(date: string): string | null {
    let best: string | null = null;
    for (const v of this.versions) if (versionStart(v) <= date) best = v;
    return best;
  }

  /** Whether the tables hold a version ("430", "V430", "v43.0"). */
  hasVersion(version: string): boolean {
    return this.versions.includes(versionKey(version));
  }

  dxInfo(code: string, version: string): DxInfo | null {
    return this.version(version).dx(normalizeCode(code));
  }
  prInfo(code: string, version: string): PrInfo | null {
    return this.version(version).pr(normalizeCode(code));
  }
  /**
   * The CC-exclusion collection by which the principal diagnosis `pdx` demotes the CC/MCC `sdx`
   * to non-CC in a version, or null when it does not (the grouper's own test, named).
   */
  ccExclusionOf(sdx: string, pdx: string, version: string): number | null {
    const v = this.version(version);
    const s = normalizeCode(sdx);
    const info = v.dx(s);
    if (!info || info.severity === 'NCC') return null;
    return v.dx(normalizeCode(pdx))?.ccExclusionGroups.find((g) => v.codeInExclusionGroup(g, s)) ?? null;
  }
  /** Every diagnosis and procedure code a version knows (its own pseudo-codes included), for integrity checks. */
  codes(version: string): { dx: string[]; pr: string[] } {
    const bit = 1 << this.versions.indexOf(this.version(version).version);
    const pick = (t: LineTable<[number, ...unknown[]][]>) => [...t.entries()].filter(([, rows]) => rows.some((r) => r[0] & bit)).map(([code]) => code);
    return { dx: pick(this.store.dx), pr: pick(this.store.pr) };
  }
  /** Diagnoses whose CC/MCC severity differs between two versions (from or to CC/MCC), by code. */
  severityChanges(fromVersion: string, toVersion: string): { code: string; from: Severity | null; to: Severity | null }[] {
    const a = this.version(fromVersion);
    const b = this.version(toVersion);
    const out: { code: string; from: Severity | null; to: Severity | null }[] = [];
    for (const code of this.store.dx.keys()) {
      const from = a.dx(code)?.severity ?? null;
      const to = b.dx(code)?.severity ?? null;
      if (from !== to && (from === 'CC' || from === 'MCC' || to === 'CC' || to === 'MCC')) out.push({ code, from, to });
    }
    return out;
  }
  /** Where the facts come from: the grouper data file, and the version as people write it. */
  source(version: string): { file: string; year: string } {
    return { file: this.store.meta.source.file, year: `MS-DRG ${versionLabel(version)}` };
  }
  drgTitle(drg: number | string, version: string): string | null {
    return this.version(version).drgTitle(Number(drg));
  }
  mdcTitle(mdc: number | string, version: string): string | null {
    return this.version(version).mdcTitle(Number(mdc));
  }
}

/**
 * CMS's reading of one code's HAC information (CodeAccess.getHacsForCode, msdrg-model-v2): as many
 * entries as there are distinct HAC numbers, taken from the start of the number list, each named by
 * the first operand whose text contains the number.
 */
function hacEntriesOf(operands: string[], numbers: number[]): HacEntry[] {
  const distinct = new Set(numbers).size;
  const out: HacEntry[] = [];
  for (let i = 0; i < distinct; i++) {
    const hac = numbers[i]!;
    out.push({ hac, list: operands.find((o) => o.includes(String(hac))) ?? '' });
  }
  return out;
}

/** MS-DRG vNN.0 starts on October 1 of fiscal year 1983+NN - 1; vNN.1 on April 1 of that fiscal year. */
export function versionStart(version: string): string {
  const v = Number(versionKey(version));
  const major = Math.floor(v / 10);
  const fy = 1983 + major;
  return v % 10 === 0 ? `${fy - 1}-10-01` : `${fy}-04-01`;
}

/** Loads the grouper's tables of a build (a TableStore, or the build folder to open), each file verified. */
export function loadMsdrgTables(from: TableStore | string): MsdrgTables {
  const store = typeof from === 'string' ? TableStore.open(from) : from;
  const line = <T>(name: LineTableName) => new LineTable<T>(store.read(TABLE_FILES.msdrg.table(name)), store.pathOf(TABLE_FILES.msdrg.table(name)));
  return new MsdrgTables(storeOf(store.readJson<MsdrgMeta>(TABLE_FILES.msdrg.meta), line));
}

/**
 * The grouper's tables from decoded data held in memory (what the importer writes, never written):
 * small hand-made grouper logic for tests, run by the very same code as the built tables.
 */
export function msdrgTablesFromData(data: MsdrgData): MsdrgTables {
  const meta: Record<string, unknown> = { ...data };
  for (const name of MSDRG_LINE_TABLES) delete meta[name];
  return new MsdrgTables(storeOf(meta as MsdrgMeta, <T>(name: LineTableName) => new LineTable<T>(Buffer.from(toLines(data[name])), `(data).${name}`)));
}

function storeOf(meta: MsdrgMeta, line: <T>(name: LineTableName) => LineTable<T>): MsdrgStore {
  return {
    meta,
    dx: line('dx'),
    pr: line('pr'),
    codeClusters: line('codeClusters'),
    clusters: line('clusters'),
    exclusionGroups: line('exclusionGroups'),
    sdxExclusionGroups: line('sdxExclusionGroups'),
    hacInfo: line('hacInfo'),
  };
}
