// The contracts between the code tables and every feature that asks them a question: releases,
// code facts, DRG facts and the search source. Plain data only, no I/O. Two implementations:
// ./load.ts reads the built tables from disk; ./memoryTables.ts is an in-memory double that
// feature tests build from a few literal codes. Features type what they receive with these
// interfaces and never with either class.
import type { CodeSystem } from '../chart/model';
import type { NoteKind } from './format';
export type { CodeSystem, NoteKind };

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
  /** Why the grouper logic is not the release's own, e.g. "MS-DRG v43.1 logic — v44 logic not installed". */
  msdrgNote: string | null;
  label: string; // human text, e.g. "FY2026 code sets, MS-DRG v43.0"
}

export type ReleaseChoice =
  | { kind: 'ok'; release: Release }
  /** The date is after the newest release's nominal end: answers come from `release`, with a warning. */
  | { kind: 'beyond-newest'; release: Release; message: string }
  | { kind: 'none'; message: string };

/** A code's entry in one release, as listed (`codes()`). Every fact carries its source. */
export interface CodeEntry {
  code: string; // normalised, undotted, upper case: "I5033"
  display: string; // dotted display form for CM ("I50.33"); PCS/HCPCS as is
  system: CodeSystem;
  title: string | null; // long title; null when the source has none (say so, never invent)
  shortTitle?: string | null;
  titleSource: Source | null;
  billable: boolean; // false for headers/categories
  children?: string[]; // for headers: codes one level below (normalised)
}

/** One instructional note as it applies to a code, with where in the tabular it sits. */
export interface TabularNote {
  kind: NoteKind;
  text: string;
  /** The tabular node that carries it: the code itself, an ancestor code, a section id or a chapter. */
  from: string;
  source: Source;
}

export interface SeventhCharacter {
  /** The valid 7th characters and their meanings. */
  values: Record<string, string>;
  /** The tabular node whose sevenChrDef applies (e.g. "S72"). */
  from: string;
  note: string | null;
  source: Source;
}

/** A diagnosis's MS-DRG facts in the grouper version of a release (the grouper's own tables). */
export interface MsdrgFact {
  version: string; // e.g. "V430"
  mdc: string | null;
  severity: 'MCC' | 'CC' | 'NCC';
  /** The CC-exclusion lists the code applies as principal diagnosis. */
  ccExclusionGroups: string[];
  hacs: { number: number; title: string | null }[];
  source: Source;
}

/** A procedure's MS-DRG facts in the grouper version of a release. */
export interface ProcedureFact {
  version: string;
  isOR: boolean;
  hacs: number[];
  source: Source;
}

/** A Medicare Code Editor flag of a code and the date range it holds for. */
export interface MceFlag {
  flag: string; // e.g. "unacceptable", "manifestation", "newborn"
  start: string;
  end: string | null;
  source: Source;
}

/** What a lookup returns for a valid code: its entry plus the facts its system has. */
export interface CodeDetails extends CodeEntry {
  releaseId: string;
  chapter?: { num: string; title: string } | null;
  section?: { id: string; title: string } | null;
  category?: { code: string; title: string | null } | null;
  /** Tabular notes, inherited down from section and ancestors; null when the tabular lacks the code (say why). */
  notes: TabularNote[] | null;
  notesMissing?: string;
  seventhCharacter: SeventhCharacter | null;
  /** True when the code (a billable 7-character code) uses the X placeholder. */
  placeholder?: boolean;
  msdrg: MsdrgFact | null;
  procedure: ProcedureFact | null;
  msdrgMissing?: string;
  mce: MceFlag[];
  poaExempt: boolean | null;
  poaSource: Source | null;
  /** Why the POA-exempt list is not the release's own year's (e.g. FY2027 keeps FY2026's). */
  poaNote?: string;
  /** Why the title is null (the sources have none), never an invented title. */
  titleMissing?: string;
}

export type LookupResult =
  | { kind: 'valid'; entry: CodeDetails; release: Release }
  /** A real code, but not in the release of that date; `releases` lists the release ids that have it. */
  | { kind: 'not-on-date'; code: string; system: CodeSystem; releases: string[]; release: Release }
  | { kind: 'unknown'; code: string; system: CodeSystem | null }
  | { kind: 'no-release'; code: string; message: string };

/** A code change from the CDC conversion tables: on `effective`, `codes` took over (replacedBy) or were replaced (replaces). */
export interface CodeChange {
  effective: string; // YYYY-MM-DD
  codes: string[]; // normalised
  source: Source;
}

/** When a code was valid in the installed releases, and what replaced it or what it replaced. */
export interface CodeHistory {
  code: string;
  system: CodeSystem;
  /** Contiguous spans of installed releases in which the code is valid (billable or a header). */
  ranges: { start: string; end: string | null; billable: boolean; releases: string[] }[];
  /** The start of the oldest installed release (a range starting there may have begun earlier). */
  oldest: string;
  /** The id of the newest installed release (a range that reaches it has not ended). */
  newest: string;
  /** The codes that replaced it (it was deleted or expanded). */
  replacedBy: CodeChange[];
  /** The codes it replaced (it was created on `effective`). */
  replaces: CodeChange[];
}

/** A DRG's weight and title in a release. */
export interface DrgInfo {
  drg: string;
  title: string | null;
  titleSource: Source | null;
  weight: number;
  gmlos: number | null;
  amlos: number | null;
  postAcute: boolean;
  specialPay: boolean;
  type: string | null;
  source: Source;
}

export interface PaymentRates {
  standardizedAmount: number;
  labor: number;
  nonLabor: number;
  source: string;
}

// ── the contracts ────────────────────────────────────────────────────────────

/** The releases installed, and which one a discharge date selects. */
export interface Releases {
  readonly releases: readonly Release[];
  /** The release chosen by a discharge date (YYYY-MM-DD). */
  releaseFor(date: string): ReleaseChoice;
}

/** Code facts: what diagnostics, hover and completion ask about a code. */
export interface CodeFacts extends Releases {
  /** Look a code up (any case, dotted or not) in the release of `date`. */
  lookup(code: string, date: string, system?: CodeSystem): LookupResult;
  /** Every code of a system in a release (billable and headers). */
  codes(system: CodeSystem, releaseId: string): Iterable<CodeEntry>;
  /** When a code was valid and what replaced it (ICD-10-CM: the CDC conversion tables); null when no release has it and no change names it. Optional: a table double may not know history. */
  codeHistory?(code: string, system?: CodeSystem): CodeHistory | null;
  /** Installs a user-supplied CPT table (code → description) read from `file`. */
  setCptTable(codes: Map<string, string>, file: string): void;
}

/** DRG facts of a release: weights and titles, and the payment rates (the grouper itself is MsdrgTables). */
export interface DrgFacts {
  drgInfo(drg: string, releaseId: string): DrgInfo | null;
  paymentRates(releaseId: string): PaymentRates | null;
}

/** The systems the search engine indexes (CPT is searched in the user's table directly). */
export type IndexedSystem = Exclude<CodeSystem, 'cpt'>;

/** One code as the search index reads it: its newest title, validity and billable bits, extra words. */
export interface SearchDocument {
  code: string;
  title: string;
  valid: number;
  billable: number;
  /** Further words to find it by (ICD-10-CM: the tabular inclusion terms of the code itself). */
  extra: string[];
}

/**
 * What the search engine reads: every code of a system by row (a row is a doc of the index),
 * validity and billable bits per release, titles, and the prebuilt word index when there is one.
 */
export interface SearchSource extends CodeFacts {
  /** The bit of a release in the validity and billable masks. */
  releaseBit(releaseId: string): number;
  /** A system's codes in row order, with their masks. Read-only. */
  searchRows(system: IndexedSystem): { codes: readonly string[]; valid: Uint32Array; billable: Uint32Array };
  /** The title search shows for row `row`. */
  searchTitle(system: IndexedSystem, row: number): string;
  /** Every code of a system in row order, for building a word index. */
  searchDocuments(system: IndexedSystem): Iterable<SearchDocument>;
  /** The prebuilt word index (search-index.bin), verified; null when the source has none and the engine builds it. */
  searchIndexBytes(): Uint8Array | null;
  /** The ICD-10-PCS tables (pcs-tables.json: tables, axis meanings per release), verified; throws why when there are none. */
  pcsTablesText(): string;
}

/** Everything the language service asks of the tables; both the built tables and the double implement it. */
export interface CodeTables extends CodeFacts, DrgFacts, SearchSource {
  /** Tables otherwise read on first use, to load one per step between requests after start (the server's warm-up). */
  warmUpSteps(): { name: string; run: () => void }[];
}
