// `chartcoder import fhir <BUNDLE.json|export.ndjson>… [--encounter ID]… [--out DIR] [--force] [--list]`:
// one `.chart` per inpatient encounter of FHIR R4 input (Bundles, single resources, bulk NDJSON),
// written to --out (default: the current folder) without replacing existing files.
import * as path from 'node:path';
import type { CliCommand } from '../types';
import { parseArgs } from '../args';
import { importToFolder } from '../../fhir/importToFolder';
import { listEncounters } from '../../fhir/importer';
import { FhirInputError, sourceFromFile } from '../../fhir/source';

const USAGE = `Usage: chartcoder import fhir <file>… [--encounter <id>]… [--out <dir>] [--force] [--list]

Reads FHIR R4 input — Bundles (JSON), single resources, bulk-data NDJSON (one resource per line,
as \`$export\` writes) — and writes one .chart per inpatient encounter (Encounter.class IMP, ACUTE,
NONAC) into --out (default: the current folder). All files together are one record: a reference
in one file may point into another. Bundles above 64 MB are streamed.

Each chart has the header (encounter id, age at admission, sex, admitted/discharged, UB-04
disposition), one section per note (DocumentReference / DiagnosticReport text), the labs and
vital signs as a results block, and the EHR's ICD-10-CM/PCS codes as a PROPOSED abstract
(status: to-code); codes of other systems (SNOMED CT …) are listed as comments, never mapped.
See docs/fhir.md for the mapping.

Options:
  --encounter <id>  import this encounter (id or identifier value), whatever its class; repeatable
  --out <dir>       where to write the charts (created if needed)
  --force           replace charts of the same name (default: keep the existing file, exit 1)
  --list            list the encounters of the input and write nothing

Prints one summary line: what was imported, used and skipped (every resource is counted), and
the references that could not be resolved. Exit code: 0 ok, 1 nothing imported or a chart kept
because its file exists, 2 bad usage or unreadable input (one message naming the file and resource).`;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import inpatient encounters from FHIR R4 (Bundles, NDJSON) as charts.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['out', 'stream-above'], repeated: ['encounter'], booleans: ['force', 'list'] });
    const [format, ...files] = a.positionals;
    if (format !== 'fhir' || files.length === 0) {
      io.err(USAGE);
      return 2;
    }
    const resolved = files.map((f) => path.resolve(io.cwd, f));
    const streamAbove = a.values['stream-above'] !== undefined ? Number(a.values['stream-above']) : undefined;
    try {
      if (a.booleans.has('list')) {
        const list = await listEncounters(resolved.map((f, i) => sourceFromFile(f, files[i], { streamAbove })));
        for (const e of list)
          io.out([e.id, e.classCode ?? '-', e.start ?? '-', e.end ?? '-', e.type ?? '', e.reason ? `(${e.reason})` : ''].join('\t').trimEnd());
        io.err(`${list.length} encounters, ${list.filter((e) => e.inpatient).length} inpatient`);
        return 0;
      }
      const out = path.resolve(io.cwd, a.values.out ?? '.');
      const r = await importToFolder({ files: resolved, outDir: out, encounters: a.repeated.encounter, force: a.booleans.has('force'), streamAbove });
      for (const f of r.written) io.out(path.relative(io.cwd, f) || f);
      for (const f of r.kept) io.err(`chartcoder import: ${path.relative(io.cwd, f) || f} exists; kept (use --force to replace it)`);
      io.err(r.result.summary);
      if (r.result.unresolved.length)
        io.err(
          `references not found in the input (not fatal): ${r.result.unresolved.slice(0, 5).join(', ')}${r.result.unresolved.length > 5 ? ` and ${r.result.unresolved.length - 5} more` : ''}`,
        );
      return r.result.charts.length === 0 || r.kept.length ? 1 : 0;
    } catch (e) {
      if (e instanceof FhirInputError) {
        io.err(`chartcoder import: ${e.message}`);
        return 2;
      }
      throw e;
    }
  },
};
