// Import FHIR Encounter… (protocol.ts: FhirEncountersRequest, ImportFhirRequest): the client picks
// the files, the encounters and the folder; the server reads, builds and writes (never replacing a
// file). Bad input is an answer with `error`, not a failed request; the log gets counts only,
// never chart text. The FHIR modules (and their HTML and streaming JSON parsers) load on the first
// import, not at start.
import * as path from 'node:path';
import type { Session } from '../session';
import { FhirEncountersRequest, ImportFhirRequest, type FhirEncountersResult, type ImportFhirResult } from '../protocol';
import { checkImportParams } from '../../fhir/protocol';

const fhirModules = async () => ({
  ...(await import('../../fhir/importToFolder')),
  ...(await import('../../fhir/importer')),
  ...(await import('../../fhir/source')),
});

export function registerFhirHandlers(session: Session): void {
  const { connection, log } = session;
  connection.onRequest(FhirEncountersRequest, async (params: unknown): Promise<FhirEncountersResult> => {
    const files = (params as { files?: unknown })?.files;
    if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) return { error: 'files must be a list of paths' };
    const { listEncounters, sourceFromFile, FhirInputError } = await fhirModules();
    try {
      return { encounters: await listEncounters(files.map((f: string) => sourceFromFile(f, path.basename(f)))) };
    } catch (e) {
      if (!(e instanceof FhirInputError)) log.error(`fhirEncounters failed (${(e as Error).name}); the user is told why`);
      return { error: (e as Error).message };
    }
  });

  connection.onRequest(ImportFhirRequest, async (params: unknown): Promise<ImportFhirResult> => {
    const p = checkImportParams(params);
    if (typeof p === 'string') return { error: p };
    const { importToFolder, FhirInputError } = await fhirModules();
    try {
      const t0 = Date.now();
      const r = await importToFolder({ files: p.files, outDir: p.outDir, encounters: p.encounters });
      log.info(`FHIR import: ${r.written.length} charts written, ${r.kept.length} kept, ${r.result.total} resources read in ${Date.now() - t0} ms`);
      return { written: r.written, kept: r.kept, summary: r.result.summary, unresolved: r.result.unresolved };
    } catch (e) {
      if (!(e instanceof FhirInputError)) log.error(`importFhir failed (${(e as Error).name}); the user is told why`);
      return { error: (e as Error).message };
    }
  });
}
