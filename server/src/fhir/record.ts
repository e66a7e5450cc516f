// What the importer extracts for one encounter, in plain data: the input of chartText.ts.
// Everything here comes from the FHIR resources as they are; nothing is inferred beyond the
// mappings named in docs/fhir.md (UB-04 disposition, LOINC measurement names, author roles).

export interface EncounterRecord {
  /** The FHIR reference of the encounter (`Encounter/<id>`) and of its patient. */
  encounterRef: string;
  patientRef?: string;
  header: RecordHeader;
  /** The encounter's own facts, shown in the "Encounter (from the EHR)" section. */
  facts: { label: string; value: string }[];
  notes: RecordNote[];
  results: RecordResult[];
  diagnoses: ProposedDiagnosis[];
  procedures: ProposedProcedure[];
  /** Conditions and procedures without an ICD-10 code: listed as comments (SNOMED CT is never mapped). */
  uncoded: UncodedItem[];
  /** References of this encounter's resources that resolve to nothing in the input. */
  unresolved: string[];
  counts: { notes: number; results: number; observations: number; conditions: number; procedures: number };
}

export interface RecordHeader {
  encounter: string;
  age?: number;
  sex?: 'M' | 'F' | 'U';
  admitted?: string;
  discharged?: string;
  disposition?: string;
  type: 'inpatient' | 'outpatient';
  /** `# …` lines explaining a field the EHR did not give (or gave in a form that does not map). */
  comments: string[];
}

export interface RecordNote {
  title: string;
  /** `YYYY-MM-DD HH:MM` or `YYYY-MM-DD`, as the EHR wrote it (its own time zone). */
  date?: string;
  /** `{author=…}`: a role the EHR states; undefined for a provider or an unknown role (see authorNote). */
  author?: string;
  authorNote?: string;
  text: string;
  source: string;
  status?: string;
}

export interface RecordResult {
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
  date?: string;
  name: string;
  value: number;
  comparator?: '<' | '<=' | '>=' | '>';
  unit?: string;
  loinc?: string;
  /** The EHR's display of the code, kept in the line's comment. */
  display?: string;
  status?: string;
}

export type DiagnosisRole = 'principal' | 'admitting' | 'secondary';

export interface ProposedDiagnosis {
  code: string; // as the EHR wrote it (dotted or not)
  display?: string;
  role: DiagnosisRole;
  poa?: string;
  /** Why this role: "rank 1 of Encounter.diagnosis (billing)", "Claim/123 principal" … */
  basis: string;
  sources: string[];
  note?: string;
}

export interface ProposedProcedure {
  code: string;
  date?: string;
  display?: string;
  sources: string[];
  note?: string;
}

export interface UncodedItem {
  kind: 'condition' | 'procedure';
  system: string;
  code: string;
  display?: string;
  source: string;
  note?: string;
}
