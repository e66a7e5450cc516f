// An in-memory CodeTables built from a small literal list: a test double for other features'
// tests, so they need neither the built tables nor the official sources. It follows the same
// contract as the real tables (./load.ts): releases chosen by date, "not-on-date" for a code that
// exists in another release, "unknown" for one that never existed, "no-release" before the first.
import {
  dottedCm,
  normalizeCode,
  type CodeEntry,
  type CodeSystem,
  type CodeTables,
  type LookupResult,
  type Release,
  type ReleaseChoice,
} from './types';

/** One code of the double. Extra fields (notes, msdrg, mce …) are copied into the entry as given. */
export interface MemoryCode {
  code: string; // any case, dotted or not
  system: CodeSystem;
  title: string | null;
  shortTitle?: string | null;
  billable?: boolean; // default true
  /** Release ids the code is valid in; default: every release. */
  releases?: string[];
  /** Any further CodeEntry fields (e.g. `msdrg`, `notes`), copied into the lookup entry as given. */
  extra?: Record<string, unknown>;
}

/** The real releases' shape: FY2026, its Apr-1 update and FY2027 (which ends 2027-09-30). */
export const MEMORY_RELEASES: readonly Release[] = [
  { id: 'FY2026', start: '2025-10-01', end: '2026-03-31', msdrgVersion: 'V430', label: 'FY2026 (Oct 2025)' },
  { id: 'FY2026.1', start: '2026-04-01', end: '2026-09-30', msdrgVersion: 'V431', label: 'FY2026 (Apr 2026 update)' },
  { id: 'FY2027', start: '2026-10-01', end: '2027-09-30', msdrgVersion: 'V431', label: 'FY2027 (Oct 2026)' },
];

export class MemoryTables implements CodeTables {
  readonly releases: readonly Release[];
  private readonly byCode = new Map<string, MemoryCode[]>();
  private readonly source = { file: 'memoryTables (test double)', year: 'test' };

  constructor(codes: readonly MemoryCode[], releases: readonly Release[] = MEMORY_RELEASES) {
    if (releases.length === 0) throw new Error('MemoryTables: at least one release is needed');
    this.releases = [...releases].sort((a, b) => a.start.localeCompare(b.start));
    const ids = new Set(this.releases.map((r) => r.id));
    for (const c of codes) {
      for (const r of c.releases ?? []) if (!ids.has(r)) throw new Error(`MemoryTables: ${c.code} names release "${r}", which is not one of ${[...ids].join(', ')}`);
      const key = normalizeCode(c.code);
      const list = this.byCode.get(key) ?? [];
      list.push(c);
      this.byCode.set(key, list);
    }
  }

  releaseFor(date: string): ReleaseChoice {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { kind: 'none', message: `"${date}" is not a date YYYY-MM-DD` };
    const first = this.releases[0];
    if (date < first.start) return { kind: 'none', message: `No code-table release covers ${date}: the oldest installed release, ${first.label}, starts ${first.start}.` };
    let chosen = first;
    for (const r of this.releases) if (r.start <= date) chosen = r;
    if (chosen.end && date > chosen.end && chosen === this.releases[this.releases.length - 1]) {
      return { kind: 'beyond-newest', release: chosen, message: `Discharged ${date}, after the newest installed release (${chosen.label}, through ${chosen.end}): checked against ${chosen.label}.` };
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
    if (here) return { kind: 'valid', release, entry: this.entry(here) };
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
    for (const [code, title] of codes) {
      const key = normalizeCode(code);
      const list = (this.byCode.get(key) ?? []).filter((m) => m.system !== 'cpt');
      list.push({ code: key, system: 'cpt', title, extra: { titleSource: { file, year: 'user-supplied CPT table' } } });
      this.byCode.set(key, list);
    }
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
      titleSource: m.title === null ? null : this.source,
      billable: m.billable ?? true,
      ...m.extra,
    };
  }
}

/** A CodeTables double from a literal list, e.g. `memoryTables([{ code: 'I50.33', system: 'icd10cm', title: '…' }])`. */
export function memoryTables(codes: readonly MemoryCode[], releases?: readonly Release[]): MemoryTables {
  return new MemoryTables(codes, releases);
}
