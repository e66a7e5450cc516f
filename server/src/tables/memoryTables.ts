// An in-memory CodeTables built from a small literal list: the test double that feature tests
// (completion, hover, DRG impact, rules, search) run on, so they need neither the built tables nor
// the official sources. It follows the same contract as the built tables (./load.ts): releases
// chosen by date, "not-on-date" for a code that exists in another release, "unknown" for one that
// never existed, "no-release" before the first; lookups give whole CodeDetails (the facts a fixture
// names, none otherwise); DRG weights and rates; and a search source the engine indexes itself.
import { dottedCm, normalizeCode } from '../base/codes';
import { lowerBound } from '../base/binarySearch';
import type {
  CodeDetails,
  CodeEntry,
  CodeSystem,
  CodeTables,
  DrgInfo,
  IndexedSystem,
  LookupResult,
  PaymentRates,
  Release,
  ReleaseChoice,
  SearchDocument,
  Source,
} from './types';

/** One code of the double. */
export interface MemoryCode {
  code: string; // any case, dotted or not
  system: CodeSystem;
  title: string | null;
  shortTitle?: string | null;
  billable?: boolean; // default true
  /** Release ids the code is valid in; default: every release. */
  releases?: string[];
  /** Where the title comes from; default: the double itself. */
  titleSource?: Source;
  /** The facts a lookup gives beyond the entry (notes, 7th characters, msdrg, procedure, mce, POA …), as the built tables would. */
  facts?: Partial<Omit<CodeDetails, keyof CodeEntry | 'releaseId'>>;
}

/** One DRG's weight and title, in every release or in those named. */
export interface MemoryDrg {
  drg: string;
  title: string | null;
  weight: number;
  gmlos?: number | null;
  releases?: string[];
  /** Where the weight comes from; default: the double itself. */
  source?: Source;
}

export interface MemoryTablesOptions {
  releases?: readonly Release[];
  drgs?: readonly MemoryDrg[];
  /** The national operating rate of every release (labor and non-labor shares, USD), and where it comes from. */
  rate?: { labor: number; nonLabor: number; source?: string };
}

/** The real releases' shape: FY2026, its Apr-1 update and FY2027 (which ends 2027-09-30). */
export const MEMORY_RELEASES: readonly Release[] = [
  { id: 'FY2026', start: '2025-10-01', end: '2026-03-31', msdrgVersion: 'V430', msdrgNote: null, label: 'FY2026 (Oct 2025)' },
  { id: 'FY2026.1', start: '2026-04-01', end: '2026-09-30', msdrgVersion: 'V431', msdrgNote: null, label: 'FY2026 (Apr 2026 update)' },
  {
    id: 'FY2027',
    start: '2026-10-01',
    end: '2027-09-30',
    msdrgVersion: 'V431',
    msdrgNote: 'MS-DRG v43.1 logic — v44 logic not installed',
    label: 'FY2027 (Oct 2026)',
  },
];

const DOUBLE: Source = { file: 'memoryTables (test double)', year: 'test' };
const INDEXED: readonly IndexedSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs'];

interface Rows {
  codes: string[];
  entries: MemoryCode[];
  valid: Uint32Array;
  billable: Uint32Array;
}

export class MemoryTables implements CodeTables {
  readonly releases: readonly Release[];
  private readonly byCode = new Map<string, MemoryCode[]>();
  private readonly drgs: readonly MemoryDrg[];
  private readonly rate: MemoryTablesOptions['rate'];
  private rows: Map<IndexedSystem, Rows> | null = null;

  constructor(codes: readonly MemoryCode[], options: MemoryTablesOptions = {}) {
    const releases = options.releases ?? MEMORY_RELEASES;
    if (releases.length === 0) throw new Error('MemoryTables: at least one release is needed');
    this.releases = [...releases].sort((a, b) => a.start.localeCompare(b.start));
    const ids = new Set(this.releases.map((r) => r.id));
    for (const c of codes) {
      for (const r of c.releases ?? [])
        if (!ids.has(r)) throw new Error(`MemoryTables: ${c.code} names release "${r}", which is not one of ${[...ids].join(', ')}`);
      this.add(c);
    }
    this.drgs = options.drgs ?? [];
    for (const d of this.drgs)
      for (const r of d.releases ?? [])
        if (!ids.has(r)) throw new Error(`MemoryTables: DRG ${d.drg} names release "${r}", which is not one of ${[...ids].join(', ')}`);
    this.rate = options.rate;
  }

  private add(c: MemoryCode): void {
    const key = normalizeCode(c.code);
    const list = (this.byCode.get(key) ?? []).filter((m) => m.system !== c.system);
    list.push(c);
    this.byCode.set(key, list);
    this.rows = null;
  }

  releaseFor(date: string): ReleaseChoice {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { kind: 'none', message: `"${date}" is not a date YYYY-MM-DD` };
    const first = this.releases[0];
    if (date < first.start)
      return { kind: 'none', message: `No code-table release covers ${date}: the oldest installed release, ${first.label}, starts ${first.start}.` };
    let chosen = first;
    for (const r of this.releases) if (r.start <= date) chosen = r;
    if (chosen.end && date > chosen.end && chosen === this.releases[this.releases.length - 1]) {
      return {
        kind: 'beyond-newest',
        release: chosen,
        message: `Discharged ${date}, after the newest installed release (${chosen.label}, through ${chosen.end}): checked against ${chosen.label}.`,
      };
    }
    return { kind: 'ok', release: chosen };
  }

  lookup(code: string, date: string, system?: CodeSystem): LookupResult {
    const c = normalizeCode(code);
    const choice = this.releaseFor(date);
    if (choice.kind === 'none') return { kind: 'no-release', code: c, message: choice.message };
    const release = choice.release;
    const candidates = (this.byCode.get(c) ?? []).filter((m) => !system || m.system === system);
    const here = candidates.find((m) => this.validIn(m, release.id));
    if (here) return { kind: 'valid', release, entry: this.details(here, release) };
    if (candidates.length > 0) {
      const m = candidates[0];
      return { kind: 'not-on-date', code: c, system: m.system, releases: this.releases.filter((r) => this.validIn(m, r.id)).map((r) => r.id), release };
    }
    return { kind: 'unknown', code: c, system: system ?? null };
  }

  *codes(system: CodeSystem, releaseId: string): Iterable<CodeEntry> {
    for (const list of this.byCode.values()) for (const m of list) if (m.system === system && this.validIn(m, releaseId)) yield this.entry(m);
  }

  setCptTable(codes: Map<string, string>, file: string): void {
    for (const [code, title] of codes) this.add({ code, system: 'cpt', title, titleSource: { file, year: 'user-supplied CPT table' } });
  }

  drgInfo(drg: string, releaseId: string): DrgInfo | null {
    const d = this.drgs.find((x) => Number(x.drg) === Number(drg) && (!x.releases || x.releases.includes(releaseId)));
    if (!d || !this.releases.some((r) => r.id === releaseId)) return null;
    const source = d.source ?? DOUBLE;
    return {
      drg: d.drg.padStart(3, '0'),
      title: d.title,
      titleSource: d.title === null ? null : source,
      weight: d.weight,
      gmlos: d.gmlos ?? null,
      amlos: null,
      postAcute: false,
      specialPay: false,
      type: null,
      source,
    };
  }

  paymentRates(releaseId: string): PaymentRates | null {
    if (!this.rate || !this.releases.some((r) => r.id === releaseId)) return null;
    const { labor, nonLabor, source } = this.rate;
    return { standardizedAmount: Math.round((labor + nonLabor) * 100) / 100, labor, nonLabor, source: source ?? DOUBLE.file };
  }

  releaseBit(releaseId: string): number {
    return 1 << this.releases.findIndex((r) => r.id === releaseId);
  }

  searchRows(system: IndexedSystem): { codes: readonly string[]; valid: Uint32Array; billable: Uint32Array } {
    return this.rowsOf(system);
  }

  searchTitle(system: IndexedSystem, row: number): string {
    return this.rowsOf(system).entries[row]?.title ?? '';
  }

  *searchDocuments(system: IndexedSystem): Generator<SearchDocument> {
    const rows = this.rowsOf(system);
    for (let i = 0; i < rows.codes.length; i++) {
      const m = rows.entries[i];
      const own = (m.facts?.notes ?? []).filter((n) => n.kind === 'inclusionTerm' && normalizeCode(n.from) === rows.codes[i]).map((n) => n.text);
      yield { code: rows.codes[i], title: m.title ?? '', valid: rows.valid[i], billable: rows.billable[i], extra: own };
    }
  }

  /** None: the search engine builds its word index from searchDocuments. */
  searchIndexBytes(): null {
    return null;
  }
  /** The double holds no ICD-10-PCS tables: PCS search and the code builder say so and step aside. */
  pcsTablesText(): string {
    throw new Error('the in-memory tables hold no ICD-10-PCS tables');
  }

  /** Nothing is read lazily. */
  warmUpSteps(): { name: string; run: () => void }[] {
    return [];
  }

  private rowsOf(system: IndexedSystem): Rows {
    if (!this.rows) {
      this.rows = new Map();
      for (const s of INDEXED) {
        const entries: MemoryCode[] = [];
        for (const list of this.byCode.values()) for (const m of list) if (m.system === s) entries.push(m);
        entries.sort((a, b) => (normalizeCode(a.code) < normalizeCode(b.code) ? -1 : 1));
        const valid = new Uint32Array(entries.length);
        const billable = new Uint32Array(entries.length);
        entries.forEach((m, i) => {
          for (const r of this.releases) {
            if (!this.validIn(m, r.id)) continue;
            valid[i] |= this.releaseBit(r.id);
            if (m.billable ?? true) billable[i] |= this.releaseBit(r.id);
          }
        });
        this.rows.set(s, { codes: entries.map((m) => normalizeCode(m.code)), entries, valid, billable });
      }
    }
    return this.rows.get(system)!;
  }

  private validIn(m: MemoryCode, releaseId: string): boolean {
    return !m.releases || m.releases.includes(releaseId);
  }

  private entry(m: MemoryCode): CodeEntry {
    const code = normalizeCode(m.code);
    return {
      code,
      display: m.system === 'icd10cm' ? dottedCm(code) : code,
      system: m.system,
      title: m.title,
      shortTitle: m.shortTitle ?? null,
      titleSource: m.title === null ? null : (m.titleSource ?? DOUBLE),
      billable: m.billable ?? true,
    };
  }

  private details(m: MemoryCode, release: Release): CodeDetails {
    const entry = this.entry(m);
    const d: CodeDetails = {
      ...entry,
      releaseId: release.id,
      notes: null,
      seventhCharacter: null,
      msdrg: null,
      procedure: null,
      mce: [],
      poaExempt: null,
      poaSource: null,
      ...m.facts,
    };
    if (!entry.billable && m.system === 'icd10cm') d.children = this.children(entry.code, release.id);
    return d;
  }

  /** The codes one level below a header in a release (the nearest existing level, as the built tables give them). */
  private children(code: string, releaseId: string): string[] {
    const rows = this.rowsOf('icd10cm');
    const from = lowerBound(0, rows.codes.length, (i) => rows.codes[i] < code);
    const below: string[] = [];
    for (let i = from; i < rows.codes.length && rows.codes[i].startsWith(code); i++)
      if (rows.codes[i] !== code && this.validIn(rows.entries[i], releaseId)) below.push(rows.codes[i]);
    const nearest = Math.min(...below.map((c) => c.length));
    return below.filter((c) => c.length === nearest);
  }
}

/** A CodeTables double from a literal list, e.g. `memoryTables([{ code: 'I50.33', system: 'icd10cm', title: '…' }])`. */
export function memoryTables(codes: readonly MemoryCode[], options?: MemoryTablesOptions): MemoryTables {
  return new MemoryTables(codes, options);
}
