// The server's check of the FHIR import requests' params (the request types themselves are in the
// shared protocol module, server/src/lsp/protocol.ts: FhirEncountersRequest, ImportFhirRequest).
import type { ImportFhirParams } from '../lsp/protocol';

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
