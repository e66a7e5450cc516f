// The compact MS-DRG table format written by the importer (tables/importers/msdrg.ts) and read by
// server/src/grouper/tables.ts. Versioned facts carry a bit mask over `versions` (bit i = versions[i]).

/** [versionMask, mdc, severity (0 MCC, 1 CC, 2 NCC), operandPattern, hacPattern, dxCatPattern] */
export type DxRow = [number, number, number, number, number, number];
/** [versionMask, operandPattern] */
export type PrRow = [number, number];
/** [versionMask, suppressionMdcs, choices (each a list of codes; one of each choice completes it)] */
export type ClusterRow = [number, number[], string[][]];
/** [versionMask, { "1": mdc for male, "2": mdc for female }] */
export type GenderRow = [number, Record<string, number>];
/** [versionMask, hacOperands, hacNumbers] */
export type HacInfoRow = [number, string[], number[]];

export interface FormulaRow {
  mdc: number;
  drg: number;
  baseDrg: number;
  surgical: string; // MEDICAL | SURGICAL | NA
  reroute: number;
  formula: string;
  suppression: string[]; // severity-suppression operands
  drgSeverity: number;
  returnCode: number;
  ranks: Record<string, number>; // version → evaluation rank within the MDC
}

export interface MsdrgData {
  source: { file: string; sha256: string };
  versions: string[]; // "400", "401", … ascending
  dxPatterns: Record<string, string[]>;
  prPatterns: Record<string, string[]>;
  dx: Record<string, DxRow[]>;
  pr: Record<string, PrRow[]>;
  codeClusters: Record<string, [number, string[]][]>;
  clusters: Record<string, ClusterRow[]>;
  exclusionGroups: Record<string, string[]>; // collection id → secondary diagnoses it excludes
  sdxExclusionGroups: Record<string, [number, number][]>; // principal code → [versionMask, collection id]
  genderMdc: Record<string, GenderRow[]>;
  formulas: FormulaRow[];
  hacFormulas: [number, number, string][]; // [versionMask, hacNumber, formula]
  hacInfo: Record<string, HacInfoRow[]>;
  descriptions: Record<'drg' | 'mdc' | 'baseDrg' | 'hac', Record<string, [number, string][]>>;
}

/**
 * On disk (tables/build/msdrg/, names in TABLE_FILES.msdrg): the small parts in meta.json, and each
 * large per-code table as a sorted "key<TAB>json" line file that the runtime searches without
 * parsing it all (fast start).
 */
export const MSDRG_LINE_TABLES = ['dx', 'pr', 'codeClusters', 'clusters', 'exclusionGroups', 'sdxExclusionGroups', 'hacInfo'] as const;
export type LineTableName = (typeof MSDRG_LINE_TABLES)[number];
export type MsdrgMeta = Omit<MsdrgData, LineTableName>;

/** Sorted "key\tjson" lines for one table (keys compared as plain JS strings). */
export function toLines(table: Record<string, unknown>): string {
  const keys = Object.keys(table).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => `${k}\t${JSON.stringify(table[k])}\n`).join('');
}
