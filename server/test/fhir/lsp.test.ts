// The editor's "Import FHIR Encounter…" runs in the server: the two custom requests over stdio
// with the bundled server (list the encounters, import the chosen ones into a folder, never over
// an existing file; bad input is an answer with an error, not a crash).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from '../helpers/lspClient';
import { FhirEncountersRequest, ImportFhirRequest, type FhirEncountersResult, type ImportFhirResult } from '../../src/lsp/protocol';

const FHIR_ENCOUNTERS_METHOD = FhirEncountersRequest.method;
const IMPORT_FHIR_METHOD = ImportFhirRequest.method;
import { HAVE_SAMPLES, NO_SAMPLES, SYNTHEA } from './helpers';

const TRACEY = path.join(SYNTHEA, 'Tracey_Witting_7fb6d3c6-15ee-4a01-904c-5ac610760b95.json');

test('chartcoder/fhirEncounters and chartcoder/importFhir over stdio', { skip: !HAVE_SAMPLES && NO_SAMPLES }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fhir-lsp-'));
  const client = new LspClient();
  try {
    await client.initialize();
    const listed = await client.request<FhirEncountersResult>(FHIR_ENCOUNTERS_METHOD, { files: [TRACEY] }, 30_000);
    assert.ok('encounters' in listed);
    const inpatient = listed.encounters.filter((e) => e.inpatient);
    assert.equal(inpatient.length, 6);
    const chosen = inpatient.slice(-1).map((e) => e.id);
    const r = await client.request<ImportFhirResult>(IMPORT_FHIR_METHOD, { files: [TRACEY], outDir: dir, encounters: chosen }, 30_000);
    assert.ok('written' in r, JSON.stringify(r));
    assert.equal(r.written.length, 1);
    assert.match(r.summary, /^imported 1 encounter: /);
    assert.match(fs.readFileSync(r.written[0]!, 'utf8'), /^status: to-code$/m);
    const again = await client.request<ImportFhirResult>(IMPORT_FHIR_METHOD, { files: [TRACEY], outDir: dir, encounters: chosen }, 30_000);
    assert.ok('kept' in again);
    assert.deepEqual(again.kept, r.written, 'an existing chart is kept, not replaced');
    const bad = await client.request<ImportFhirResult>(IMPORT_FHIR_METHOD, { files: [path.join(dir, 'nope.json')], outDir: dir });
    assert.deepEqual(bad, { error: 'nope.json: no such file' });
    assert.deepEqual(await client.request(IMPORT_FHIR_METHOD, { files: [], outDir: dir }), { error: 'files must be a non-empty list of paths' });
    assert.equal(await client.shutdown(), 0);
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});
