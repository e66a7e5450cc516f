/* eslint-disable @typescript-eslint/no-explicit-any -- these tests walk FHIR JSON as it is, untyped */
// `chartcoder import fhir` and `chartcoder export` as a user runs them (bin/chartcoder): charts
// written into --out, never over an existing file, one summary line, clear errors and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HAVE_SAMPLES, NO_SAMPLES, REPO, SYNTHEA, fhirValidators, schemaErrors } from './helpers';

const BIN = path.join(REPO, 'bin', 'chartcoder');
const DINO = path.join(SYNTHEA, 'Dino214_Parisian75_40d82b80-b682-cd8b-da6d-396809878641.json');
const JENA = path.join(SYNTHEA, 'Jena_Terry_5b386eef-1ca3-4f74-85e7-3a5b31602fff.json');

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fhir-cli-'));
}

test('import fhir: one chart per inpatient encounter, a summary line, and never over an existing file', { skip: !HAVE_SAMPLES && NO_SAMPLES }, () => {
  const dir = tmp();
  const first = cli(['import', 'fhir', DINO, JENA, '--out', 'charts'], dir);
  assert.equal(first.code, 0, first.err);
  const written = first.out.trim().split('\n');
  assert.equal(written.length, 3, '1 + 2 inpatient encounters');
  assert.match(first.err, /^imported 3 encounters: \d+ notes?, \d+ results?, \d+ conditions?, \d+ procedures?; used 2 patients; skipped \d+ resources \(/m);
  const files = fs.readdirSync(path.join(dir, 'charts')).sort();
  assert.deepEqual(files, written.map((w) => path.basename(w)).sort(), 'no temporary file left behind');
  // The coder edits a chart; a second import must not lose that.
  const edited = path.join(dir, 'charts', files[0]!);
  fs.writeFileSync(edited, fs.readFileSync(edited, 'utf8') + '\nMy coding notes.\n');
  const before = fs.readFileSync(edited, 'utf8');
  const again = cli(['import', 'fhir', DINO, JENA, '--out', 'charts'], dir);
  assert.equal(again.code, 1, 'files kept → exit 1');
  assert.match(again.err, /exists; kept \(use --force to replace it\)/);
  assert.equal(fs.readFileSync(edited, 'utf8'), before, 'the edited chart is untouched');
  assert.deepEqual(fs.readdirSync(path.join(dir, 'charts')).sort(), files, 'no temporary file left behind');
  const forced = cli(['import', 'fhir', DINO, JENA, '--out', 'charts', '--force'], dir);
  assert.equal(forced.code, 0, forced.err);
  assert.notEqual(fs.readFileSync(edited, 'utf8'), before, '--force replaces');
  fs.rmSync(dir, { recursive: true });
});

test('import fhir --list and --encounter; bad input is one message and exit 2', { skip: !HAVE_SAMPLES && NO_SAMPLES }, () => {
  const dir = tmp();
  const list = cli(['import', 'fhir', DINO, '--list'], dir);
  assert.equal(list.code, 0);
  assert.equal(list.out.trim().split('\n').length, 16);
  assert.match(list.err, /16 encounters, 1 inpatient/);
  const amb = list.out
    .split('\n')
    .find((l) => l.split('\t')[1] === 'AMB')!
    .split('\t')[0]!;
  const one = cli(['import', 'fhir', DINO, '--encounter', amb], dir);
  assert.equal(one.code, 0, one.err);
  assert.match(fs.readFileSync(path.join(dir, one.out.trim()), 'utf8'), /^type: outpatient$/m);
  fs.writeFileSync(path.join(dir, 'bad.json'), '{"resourceType":"Bundle","entry":[{"resource":{"id":"x"}}]}');
  const bad = cli(['import', 'fhir', 'bad.json'], dir);
  assert.equal(bad.code, 2);
  assert.equal(bad.err.trim(), 'chartcoder import: bad.json: Bundle.entry 1: resource without a valid resourceType (id x)');
  assert.equal(cli(['import', 'fhir', 'missing.json'], dir).err.trim(), 'chartcoder import: missing.json: no such file');
  assert.equal(cli(['import', 'csv', 'x'], dir).code, 2);
  fs.rmSync(dir, { recursive: true });
});

test('export: FHIR to stdout validates, CSV to a file, --out never overwrites, uncoded charts refused', () => {
  const dir = tmp();
  const samples = ['hf-ckd.chart', 'sepsis-aki.chart'].map((f) => path.join(REPO, 'samples', f));
  const fhir = cli(['export', ...samples, '--format', 'fhir', '--created', '2026-06-01'], dir);
  assert.equal(fhir.code, 0, fhir.err);
  const bundle: any = JSON.parse(fhir.out);
  const v = fhirValidators().bundle;
  assert.ok(v(bundle), schemaErrors(v));
  assert.deepEqual(
    bundle.entry.map((e: any) => e.resource.diagnosis[0].packageCode.coding[0].code),
    ['291', '872'],
  );
  const csv = cli(['export', samples[0]!, '--format', 'csv', '--out', 'out.csv'], dir);
  assert.equal(csv.code, 0, csv.err);
  const rows = fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').split('\r\n');
  assert.equal(rows[0], 'encounter,role,sequence,code,poa,date');
  assert.equal(rows[1], '2026-004217,principal,1,I13.0,Y,');
  assert.ok(rows.includes('2026-004217,ms-drg,1,291,,2026-03-06'));
  const again = cli(['export', samples[1]!, '--format', 'csv', '--out', 'out.csv'], dir);
  assert.equal(again.code, 1);
  assert.match(again.err, /out\.csv exists; not overwritten/);
  assert.equal(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8').split('\r\n')[1], '2026-004217,principal,1,I13.0,Y,', 'unchanged');
  const uncoded = fs.readFileSync(samples[0]!, 'utf8').replace('disposition: 01', 'disposition: 01\nstatus: to-code');
  fs.writeFileSync(path.join(dir, 'uncoded.chart'), uncoded);
  const refused = cli(['export', 'uncoded.chart', '--format', 'fhir'], dir);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /uncoded\.chart: status is to-code, not final/);
  assert.equal(cli(['export', 'uncoded.chart', '--format', 'fhir', '--include-uncoded'], dir).code, 0);
  assert.equal(cli(['export', samples[0]!, '--format', 'xml'], dir).code, 2);
  fs.rmSync(dir, { recursive: true });
});

test('import and export touch no network (the reliability guard patches every network entry point)', { skip: !HAVE_SAMPLES && NO_SAMPLES }, () => {
  const dir = tmp();
  const log = path.join(dir, 'attempts.log');
  const guard = path.join(REPO, 'server/test/reliability/fixtures/no-network-guard.cjs');
  const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${guard}`.trim(), CHARTCODER_NETWORK_LOG: log };
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env, encoding: 'utf8' });
  const imported = run(['import', 'fhir', path.join(SYNTHEA, 'Isaura563_Turner526_a4abb8bd-c78c-e552-3037-471a46cac3c7.json'), '--out', 'charts']);
  assert.equal(imported.status, 0, imported.stderr);
  const exported = run(['export', path.join(REPO, 'samples', 'hf-ckd.chart'), '--format', 'fhir']);
  assert.equal(exported.status, 0, exported.stderr);
  assert.equal(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '', '', 'network attempts were made');
  fs.rmSync(dir, { recursive: true });
});
