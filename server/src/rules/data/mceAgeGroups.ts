// MCE age groups (years) for the age-conflict edits, as in the Medicare Code Editor v43.1 table
// mce_age_ranges.tsv (CMS MCE Definitions Manual, "Age conflict"). Used until the MCE tables
// expose them to the rules. Columns: group <TAB> min <TAB> max <TAB> start <TAB> end (blank = open) <TAB> source.
import { parseTable } from './table';

const TABLE = `
newborn	0	0	1984-03-01	-	CMS MCE v43.1 mce_age_ranges.tsv (Definitions of Medicare Code Edits, edit 4 age conflict)
pediatric	0	17	1984-03-01	-	CMS MCE v43.1 mce_age_ranges.tsv (Definitions of Medicare Code Edits, edit 4 age conflict)
maternity	12	55	1984-03-01	2019-09-30	CMS MCE v43.1 mce_age_ranges.tsv (Definitions of Medicare Code Edits, edit 4 age conflict)
maternity	9	64	2019-10-01	-	CMS MCE v43.1 mce_age_ranges.tsv (Definitions of Medicare Code Edits, edit 4 age conflict)
adult	15	124	1984-03-01	-	CMS MCE v43.1 mce_age_ranges.tsv (Definitions of Medicare Code Edits, edit 4 age conflict)
`;

export const MCE_AGE_GROUPS = parseTable('mceAgeGroups.ts', TABLE, 6).map(([group, min, max, start, end, source]) => ({
  group,
  min: Number(min),
  max: Number(max),
  start,
  end: end === '-' ? null : end,
  source,
}));

export function ageGroupOn(group: string, date: string) {
  return MCE_AGE_GROUPS.find((g) => g.group === group && g.start <= date && (!g.end || g.end >= date)) ?? null;
}
