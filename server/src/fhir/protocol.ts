// The custom requests of the FHIR import, in one place (the client imports the types and method
// names only). They move into the shared protocol module with the other chartcoder/* requests.
//
//   chartcoder/fhirEncounters {files}                     → the encounters of the input
//   chartcoder/importFhir {files, outDir, encounters?}    → the charts written (never replacing a file)
// The server does the reading and writing; the client only picks the files and the folder.
import type { EncounterSummary } from './importer';

export const FHIR_ENCOUNTERS_METHOD = 'chartcoder/fhirEncounters';
export const IMPORT_FHIR_METHOD = 'chartcoder/importFhir';

export interface FhirEncountersParams {
  /** Absolute paths of the FHIR files (Bundles, resources, NDJSON). */
  files: string[];
}
export type FhirEncountersResult = { encounters: EncounterSummary[] } | { error: string };

export interface ImportFhirParams {
  files: string[];
  /** Absolute path of the folder the charts go to (created if needed). */
  outDir: string;
  /** Encounter ids to import; default: every inpatient encounter. */
  encounters?: string[];
}
export type ImportFhirResult =
  | { written: string[]; kept: string[]; summary: string; unresolved: string[] }
  | { error: string };

/** Checks request params from the wire: arrays of non-empty strings, an absolute folder. */
export function checkImportParams(p: unknown): ImportFhirParams | string {
  const o = (p ?? {}) as Record<string, unknown>;
  const files = o.files;
  if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string' && f !== '')) return 'files must be a non-empty list of paths';
  if (typeof o.outDir !== 'string' || o.outDir === '') return 'outDir must be a folder path';
  const encounters = o.encounters;
  if (encounters !== undefined && (!Array.isArray(encounters) || !encounters.every((e) => typeof e === 'string'))) return 'encounters must be a list of ids';
  return { files: files as string[], outDir: o.outDir, encounters: encounters as string[] | undefined };
}
