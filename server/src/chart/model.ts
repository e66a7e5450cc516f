// The chart model: what the parser makes of a `.chart` text. Every node carries its range
// (zero-based line, UTF-16 character, as LSP counts), so any feature can point at it.
// The parser never fails: a half-typed chart gives a partial model plus `errors`.

/** The code systems a chart can name (annotation keys and abstract lines map to one each). */
export type CodeSystem = 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'cpt';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** A piece of text with its place in the document. */
export interface Located<T = string> {
  value: T;
  range: Range;
}

export interface HeaderField {
  key: Located;
  value: Located;
  range: Range; // the whole line
}

export type Sex = 'M' | 'F' | 'U';
export type EncounterType = 'inpatient' | 'outpatient';

export interface Header {
  range: Range; // from the opening to the closing `---` (or the end of the document when unclosed)
  fields: HeaderField[];
  /** Parsed values of the known keys; undefined when absent or invalid (the error says which). */
  encounter?: string;
  age?: number;
  sex?: Sex;
  admitted?: string; // YYYY-MM-DD
  discharged?: string; // YYYY-MM-DD
  disposition?: string; // 2 digits
  type: EncounterType;
  birthweight?: number;
  // Format 1.1: audits and the worklist.
  /** Free-text id of the coder who coded the chart. */
  coder?: string;
  /** Free-text id of the auditor who re-coded it (`abstract by=auditor`). */
  auditor?: string;
  audited?: string; // YYYY-MM-DD
  /** Where the chart stands in the coder's worklist. */
  status?: ChartStatus;
  /** Free-text id of the coder the chart is assigned to. */
  assigned?: string;
  coded?: string; // YYYY-MM-DD
}

export type ChartStatus = 'to-code' | 'in-progress' | 'query-pending' | 'coded' | 'audited';
export const CHART_STATUS_VALUES: readonly ChartStatus[] = ['to-code', 'in-progress', 'query-pending', 'coded', 'audited'];

export interface Section {
  title: Located;
  level: number; // number of `#`
  author?: Located; // `{author=RN}` on the heading
  headingRange: Range;
  range: Range; // heading to the line before the next heading of the same or a higher level
}

export type AnnotationKey = 'dx' | 'pcs' | 'hcpcs' | 'cpt' | 'ind' | 'poa' | 'date' | 'status' | 'note';
export const ANNOTATION_KEYS: readonly AnnotationKey[] = ['dx', 'pcs', 'hcpcs', 'cpt', 'ind', 'poa', 'date', 'status', 'note'];
export type CodeKey = 'dx' | 'pcs' | 'hcpcs' | 'cpt' | 'ind';
export const CODE_KEYS: readonly CodeKey[] = ['dx', 'pcs', 'hcpcs', 'cpt', 'ind'];

export type EvidenceStatus = 'confirmed' | 'uncertain' | 'ruled-out' | 'history';

export interface Attribute {
  key: Located;
  value: Located; // without quotes
  range: Range; // key=value
}

/** One code written in an annotation (`dx=E11.22,N18.4` gives two). */
export interface CodeRef {
  key: CodeKey; // which attribute it came from
  code: string; // normalised: upper case, no dot
  written: string; // as written
  range: Range;
}

export interface Annotation {
  span: Located; // the annotated text, without brackets
  attributes: Attribute[];
  codes: CodeRef[];
  poa?: Located;
  date?: Located;
  status: EvidenceStatus;
  note?: Located;
  section: Section | null; // the section it sits in
  range: Range; // `[` … `}`
  attributesRange: Range; // `{` … `}` (end = document end when unclosed)
  closed: boolean; // false while the `}` is not typed yet
}

export type AbstractKind = 'PDX' | 'ADX' | 'SDX' | 'PROC';

export interface AbstractLine {
  kind: Located<AbstractKind>;
  code: Located | null; // normalised code in value; null when missing
  written: string | null;
  poa?: Located;
  date?: Located;
  comment?: Located;
  /** The text after `# reason:` in the comment (an auditor's reason for a difference). */
  reason?: Located;
  range: Range; // the whole line
}

/** Whose coding an abstract block holds: the coder's (`abstract`, `abstract by=coder`) or the auditor's. */
export type AbstractAuthor = 'coder' | 'auditor';

export interface AbstractBlock {
  by: AbstractAuthor;
  range: Range; // fence to fence
  bodyRange: Range;
  lines: AbstractLine[];
  closed: boolean;
}

/** One measurement line of a ```results block: `2026-03-02T06:10  creatinine  2.6  mg/dL  # comment`. */
export interface ResultEntry {
  /** ISO date or date-time (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`); null when the line has none or it is invalid. */
  date: Located | null;
  /** The measurement name as written (case kept; compare case-insensitively). */
  name: Located;
  /** The numeric value; for a pair such as `120/80` the first number (the second is in `value2`). */
  value: Located<number>;
  value2?: number;
  /** `<`, `>`, `<=`, `>=` written before the value (a result reported as below/above a limit). */
  comparator?: '<' | '>' | '<=' | '>=';
  unit?: Located;
  comment?: Located;
  range: Range; // the whole line
}

export interface ResultsBlock {
  range: Range; // fence to fence
  bodyRange: Range;
  entries: ResultEntry[];
  closed: boolean;
}

export type QueryStatus = 'open' | 'answered' | 'withdrawn';

export interface QueryBlock {
  id?: Located;
  to?: Located;
  status?: Located<QueryStatus>;
  attributes: Attribute[];
  question: Located[]; // body lines that are not options or the answer
  options: Located[]; // `- ` lines, text after the dash
  answer?: Located;
  range: Range;
  bodyRange: Range;
  closed: boolean;
}

export interface Suppression {
  ruleId: Located;
  reason: Located | null;
  range: Range; // the comment
  /** The line the suppression applies to: the next non-blank line after the comment (or null). */
  targetLine: number | null;
}

export interface ParseError {
  code: string; // stable id of the syntax problem, e.g. "unclosed-annotation"; rule id is chart.syntax / chart.header
  rule: 'chart.syntax' | 'chart.header';
  message: string;
  range: Range;
  severity: 'error' | 'warning';
}

export interface ChartDocument {
  text: string;
  lineCount: number;
  header: Header | null;
  sections: Section[];
  annotations: Annotation[];
  /** The coder's abstract (`abstract` or `abstract by=coder`): what is grouped and checked. */
  abstract: AbstractBlock | null;
  /** The auditor's abstract (`abstract by=auditor`, format 1.1), when the chart has been audited. */
  auditorAbstract: AbstractBlock | null;
  /** Further abstract blocks of the same author after the first (an error: at most one each). */
  extraAbstracts: AbstractBlock[];
  /** ```results blocks (format 1.1): labs and vital signs as an EHR extract. */
  results: ResultsBlock[];
  queries: QueryBlock[];
  suppressions: Suppression[];
  errors: ParseError[];
}

/** Every abstract block of the chart, the coder's first (for features that work on any abstract line). */
export function allAbstracts(chart: ChartDocument): AbstractBlock[] {
  const out: AbstractBlock[] = [];
  if (chart.abstract) out.push(chart.abstract);
  if (chart.auditorAbstract) out.push(chart.auditorAbstract);
  out.push(...chart.extraAbstracts);
  return out;
}
