// Runtime view of the MS-DRG tables written by tables/importers/msdrg.ts (tables/build/msdrg/).
// One JSON file, parsed once; per-version facts are resolved lazily and cached per code.
import type { MsdrgMeta, FormulaRow, DxRow, PrRow, ClusterRow, HacInfoRow } from './format';
import { MSDRG_LINE_TABLES } from './format';
import { TABLE_FILES, TableStore } from '../tables/format';

/** A "key\tjson" line file; values are parsed on demand, one line at a time. */
class LineTable<T> {
  private starts: Int32Array;
  constructor(private readonly text: string) {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Int32Array(n + 1);
    let k = 0;
    let pos = 0;
    while (pos < text.length) {
      this.starts[k++] = pos;
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length : nl + 1;
    }
    this.starts = this.starts.subarray(0, k);
  }
  private keyAt(i: number): string {
    const s = this.starts[i]!;
    return this.text.slice(s, this.text.indexOf('\t', s));
  }
  /** key → line index, built on the first lookup (one pass; keeps loading itself cheap). */
  private index: Map<string, number> | null = null;
  get(key: string): T | undefined {
    if (!this.index) {
      this.index = new Map();
      for (let i = 0; i < this.starts.length; i++) this.index.set(this.keyAt(i), i);
    }
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const s = this.starts[i]! + key.length + 1;
    const e = this.text.indexOf('\n', s);
    return JSON.parse(this.text.slice(s, e < 0 ? undefined : e)) as T;
  }
  *keys(): Generator<string> {
    for (let i = 0; i < this.starts.length; i++) yield this.keyAt(i);
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
  source: { file: string; version: string };
}

export interface PrInfo {
  isOR: boolean;
  attributes: string[];
  hacOperands: string[];
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
    this.hacFormulas = data.hacFormulas.filter((h) => h[0] & bit).map((h) => ({ hac: h[1], formula: h[2] })).sort((a, b) => a.hac - b.hac);
  }

  dx(code: string): DxInfo | null {
    let hit = this.dxCache.get(code);
    if (hit !== undefined) return hit;
    hit = null;
    const row = this.store.dx.get(code)?.find((r) => r[0] & this.bit);
    if (row) {
      const [, mdc, sev, ops, hacPat, cat] = row;
      const attributes = [...(this.store.meta.dxPatterns[ops] ?? []), ...(cat ? this.store.meta.dxPatterns[cat] ?? [] : [])];
      const hacOperands = new Set(hacPat ? this.store.meta.dxPatterns[hacPat] ?? [] : []);
      const hacNums = new Set<number>();
      for (const h of this.store.hacInfo.get(code) ?? []) {
        if (!(h[0] & this.bit)) continue;
        h[1].forEach((o) => hacOperands.add(o));
        h[2].forEach((n) => hacNums.add(n));
      }
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
      for (const h of this.store.hacInfo.get(code) ?? []) if (h[0] & this.bit) hacOperands.push(...h[1]);
      const clusters = this.store.codeClusters.get(code)?.find((c) => c[0] & this.bit)?.[1] ?? [];
      hit = {
        isOR: !attributes.includes('nonor'),
        attributes,
        hacOperands,
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

  /** The tables of a version ("430" or "V430"); throws for an unknown version. */
  version(version: string): MsdrgVersionTables {
    const hit = this.views.get(version);
    if (hit) return hit;
    const v = version.replace(/^v/i, '').replace('.', '');
    let view = this.views.get(v);
    if (!view) {
      const i = this.versions.indexOf(v);
      if (i < 0) throw new Error(`MS-DRG version ${version} is not in the tables (have ${this.versions.join(', ')})`);
      this.views.set(v, (view = new MsdrgVersionTables(this.store, v, 1 << i)));
    }
    return view;
  }

  /** The version in force for a discharge date (YYYY-MM-DD), or null when none is. */
  versionFor(date: string): string | null {
    let best: string | null = null;
    for (const v of this.versions) if (versionStart(v) <= date) best = v;
    return best;
  }

  dxInfo(code: string, version: string): DxInfo | null {
    return this.version(version).dx(normalize(code));
  }
  prInfo(code: string, version: string): PrInfo | null {
    return this.version(version).pr(normalize(code));
  }
  drgTitle(drg: number | string, version: string): string | null {
    return this.version(version).drgTitle(Number(drg));
  }
  mdcTitle(mdc: number | string, version: string): string | null {
    return this.version(version).mdcTitle(Number(mdc));
  }
}

/** MS-DRG vNN.0 starts on October 1 of fiscal year 1983+NN - 1; vNN.1 on April 1 of that fiscal year. */
export function versionStart(version: string): string {
  const v = Number(version.replace(/^v/i, ''));
  const major = Math.floor(v / 10);
  const fy = 1983 + major;
  return v % 10 === 0 ? `${fy - 1}-10-01` : `${fy}-04-01`;
}

function normalize(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/** Loads the grouper's tables of a build (a TableStore, or the build folder to open), each file verified. */
export function loadMsdrgTables(from: TableStore | string): MsdrgTables {
  const store = typeof from === 'string' ? TableStore.open(from) : from;
  const meta = store.readJson<MsdrgMeta>(TABLE_FILES.msdrg.meta);
  const store_ = Object.fromEntries(MSDRG_LINE_TABLES.map((n) => [n, new LineTable<never>(store.readText(TABLE_FILES.msdrg.table(n)))])) as unknown as Omit<MsdrgStore, 'meta'>;
  return new MsdrgTables({ meta, ...store_ });
}
