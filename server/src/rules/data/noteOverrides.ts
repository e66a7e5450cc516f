// Corrections to FY2021 tabular notes that later guidelines or tabular addenda changed.
// Columns: kind <TAB> code <TAB> other code <TAB> action <TAB> source (citation).
// `drop` removes the note relation between the two codes (both directions).
import { parseTable, prefixOf } from './table';

const TABLE = `
excludes1	Z79.4	Z79.84	drop	ICD-10-CM Guidelines FY2022+ I.C.4.a.3 (code Z79.4 and Z79.84 together when insulin and oral hypoglycemics are both used); FY2022 tabular addenda removed the Excludes1
excludes1	Z79.4	Z79.85	drop	ICD-10-CM Guidelines FY2022+ I.C.4.a.3 (injectable non-insulin antidiabetic drugs are coded with insulin); Z79.85 added FY2022
`;

export const NOTE_OVERRIDES = parseTable('noteOverrides.ts', TABLE, 5).map(([kind, a, b, action, source]) => ({
  kind,
  a: prefixOf(a),
  b: prefixOf(b),
  action,
  source,
}));

/** Is the note relation between two codes removed by an override? Returns the citation. */
export function overridden(kind: string, x: string, y: string): string | null {
  const row = NOTE_OVERRIDES.find(
    (o) => o.kind === kind && o.action === 'drop' && ((x.startsWith(o.a) && y.startsWith(o.b)) || (x.startsWith(o.b) && y.startsWith(o.a))),
  );
  return row?.source ?? null;
}
