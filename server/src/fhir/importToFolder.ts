// The import as both faces run it (`chartcoder import fhir`, the editor's "Import FHIR
// Encounter…"): read the files, build the charts, write each into the output folder without
// replacing any file there (unless forced), and say what happened.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importFhir, type ImportResult } from './importer';
import { FhirInputError, sourceFromFile, type SourceOptions } from './source';
import { sameFile } from '../base/safeRead';
import { WouldOverwriteError, writeFileSafely } from './write';

export interface ImportToFolderOptions extends SourceOptions {
  files: string[];
  outDir: string;
  encounters?: string[];
  force?: boolean;
  importedOn?: string;
}

export interface ImportToFolderResult {
  result: ImportResult;
  /** Absolute paths of the charts written. */
  written: string[];
  /** Charts not written because a file of that name exists (and force was not given). */
  kept: string[];
}

export async function importToFolder(o: ImportToFolderOptions): Promise<ImportToFolderResult> {
  const sources = o.files.map((f) => sourceFromFile(f, path.basename(f), o));
  const result = await importFhir(sources, { encounters: o.encounters, importedOn: o.importedOn });
  const outDir = path.resolve(o.outDir);
  if (result.charts.length) fs.mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const kept: string[] = [];
  for (const chart of result.charts) {
    const file = path.join(outDir, chart.fileName);
    // Never replace an input, even with force (the same path, or the same file through a link).
    if (o.files.some((f) => sameFile(file, f))) throw new FhirInputError(`${file}: is one of the input files; not replaced — import into another folder`);
    try {
      writeFileSafely(file, chart.text, o.force);
      written.push(file);
    } catch (e) {
      if (e instanceof WouldOverwriteError) kept.push(file);
      else throw e;
    }
  }
  return { result, written, kept };
}
