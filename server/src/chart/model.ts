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
}

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
  range: Range; // the whole line
}

export interface AbstractBlock {
  range: Range; // fence to fence
  bodyRange: Range;
  lines: AbstractLine[];
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
  abstract: AbstractBlock | null;
  /** Further abstract blocks after the first (an error: a chart has at most one abstract). */
  extraAbstracts: AbstractBlock[];
  queries: QueryBlock[];
  suppressions: Suppression[];
  errors: ParseError[];
}
