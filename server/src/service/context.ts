// What every feature of the language service receives besides the chart: the code tables and
// the user's settings. Plain data in, plain data out; no LSP types anywhere in the service.
import type { CodeTables } from '../tables/types';
import type { MsdrgTables } from '../grouper/tables';
import type { MceTables } from '../mce/tables';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleLevel = Severity | 'off';

export interface Settings {
  /** Per-rule level overrides: `chartcoder.rules.<id>` (`error|warning|info|hint|off`). */
  rules: Record<string, RuleLevel>;
  /** Hospital base rate for payment estimates (USD); null = national standardized amount. */
  baseRate: number | null;
  /** Path of a user-supplied CPT table (CSV code,description); null = none. */
  cptTable: string | null;
  /**
   * Which sepsis definition the CDI sepsis screen applies (`chartcoder.cdi.sepsisCriteria`):
   * Sepsis-3 (infection + SOFA ≥ 2, the default) or Sepsis-2 (infection + ≥ 2 SIRS criteria, or SOFA ≥ 2).
   */
  sepsisCriteria?: 'sepsis-3' | 'sepsis-2';
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, baseRate: null, cptTable: null };

export interface ServiceContext {
  /** null when the tables could not be loaded: features degrade, the reason is in `tablesError`. */
  tables: CodeTables | null;
  tablesError?: string;
  /** The MS-DRG grouper's tables (null when not built/loaded: DRG features say so). */
  grouper?: MsdrgTables | null;
  /** The Medicare Code Editor's tables (loadMceTables); when absent, mce.* uses the MCE flags of the code tables (diagnosis edits only). */
  mce?: MceTables | null;
  settings: Settings;
}

/** A finding in plain data; the LSP layer and the CLI turn it into their own shapes. */
export interface Finding {
  rule: string; // stable rule id, e.g. "chart.syntax", "icd.excludes1"
  severity: Severity;
  message: string;
  range: import('../chart/model').Range;
  /** Set when a `chartcoder-ignore` comment silences it (kept for auditors). */
  suppressed?: { reason: string };
  data?: unknown; // for quick fixes
  /** Other places of the same problem (the note's annotation of a code the abstract reports): LSP relatedInformation. */
  related?: { range: import('../chart/model').Range; message: string }[];
}
