// The contract between the code tables and every feature that asks them a question.
// Plain data only: no I/O here. The loader (./load.ts) reads the built tables from disk;
// ./memoryTables.ts is an in-memory double for tests.

import type { CodeSystem } from '../chart/model';
export type { CodeSystem };

/** Where a fact came from: the official file and the year/version of that file. */
export interface Source {
  file: string; // e.g. "icd10cm_codes_2026.txt"
  year: string; // e.g. "FY2026", "CY2026", "MS-DRG v43.0"
}

/** One table release: the code sets in force for discharges between `start` and `end` (inclusive). */
export interface Release {
  id: string; // e.g. "FY2026", "FY2026.1" (Apr 1 update), "FY2027"
  start: string; // YYYY-MM-DD
  end: string | null; // YYYY-MM-DD, null = open ended (the newest release)
  msdrgVersion: string | null; // e.g. "V430", "V431": the grouper logic used for this release
  label: string; // human text, e.g. "FY2026 code sets, MS-DRG v43.0"
}

export type ReleaseChoice =
  | { kind: 'ok'; release: Release }
  /** The date is after the newest release's nominal end: answers come from `release`, with a warning. */
  | { kind: 'beyond-newest'; release: Release; message: string }
  | { kind: 'none'; message: string };

/** A code's entry in one release (the lookup result). Every fact carries its source. */
export interface CodeEntry {
  code: string; // normalised, undotted, upper case: "I5033"
  display: string; // dotted display form for CM ("I50.33"); PCS/HCPCS as is
  system: CodeSystem;
  title: string | null; // long title; null when the source has none (say so, never invent)
  shortTitle?: string | null;
  titleSource: Source | null;
  billable: boolean; // false for headers/categories
  children?: string[]; // for headers: codes one level below (normalised)
  [extra: string]: unknown; // the tables issue adds notes, MS-DRG and MCE facts, etc.
}

export type LookupResult =
  | { kind: 'valid'; entry: CodeEntry; release: Release }
  /** A real code, but not in the release of that date; `releases` lists the release ids that have it. */
  | { kind: 'not-on-date'; code: string; system: CodeSystem; releases: string[]; release: Release }
  | { kind: 'unknown'; code: string; system: CodeSystem | null }
  | { kind: 'no-release'; code: string; message: string };

export interface CodeTables {
  readonly releases: readonly Release[];
  /** The release chosen by a discharge date (YYYY-MM-DD). */
  releaseFor(date: string): ReleaseChoice;
  /** Look a code up (any case, dotted or not) in the release of `date`. */
  lookup(code: string, date: string, system?: CodeSystem): LookupResult;
  /** Every code of a system in a release (billable and headers), for search indexes. */
  codes(system: CodeSystem, releaseId: string): Iterable<CodeEntry>;
  /** Installs a user-supplied CPT table (code → description) read from `file`. */
  setCptTable?(codes: Map<string, string>, file: string): void;
}

/** "i50.33" / "I5033" → "I5033". */
export function normalizeCode(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/** ICD-10-CM display form: a dot after the third character. */
export function dottedCm(code: string): string {
  const c = normalizeCode(code);
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}
