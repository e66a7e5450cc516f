/* eslint-disable @typescript-eslint/no-explicit-any -- these tests walk FHIR JSON as it is, untyped */
// Export of the final abstract as a FHIR R4 Claim (validated against the official FHIR R4 JSON
// schema with ajv) and as CSV rows, and the round trip import → code → export: an EHR bundle that
// carries ICD-10-CM codes gives a proposed abstract that groups, and once coded exports with its
// MS-DRG, POA and the references back to the EHR's Encounter and Patient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Claim } from 'fhir/r4';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { parseChart } from '../../src/chart/parse';
import { chartToClaim, chartToRows, provenanceOf, type ExportOptions } from '../../src/fhir/export';
import { importFhir } from '../../src/fhir/importer';
import { sourceFromValue } from '../../src/fhir/source';
import { HAVE_SAMPLES, NO_SAMPLES, REPO, SYNTHEA, fhirValidators, readJson, schemaErrors } from './helpers';
import { CMS_POA, ICD10CM, ICD10PCS, MS_DRG } from '../../src/fhir/systems';

const dir = defaultTablesDir();
const service = new LanguageService({ tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } });
const SAMPLES = fs.readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.chart'));

function options(key: string, text: string): ExportOptions {
  const drg = service.drgOf(chartInput(key, text));
  const chart = service.chart(chartInput(key, text));
  return { created: '2026-06-01', drg: 'drg' in drg ? drg : null, title: (system, code) => service.codeTitle(code, chart.header?.discharged, system) };
}

for (const name of SAMPLES) {
  test(`samples/${name}: the Claim validates as FHIR R4 and carries every abstract line`, () => {
    const text = fs.readFileSync(path.join(REPO, 'samples', name), 'utf8');
    const chart = parseChart(text);
    const got = chartToClaim(chart, options(name, text));
    assert.ok(got.ok, !got.ok ? got.message : '');
    const claim = got.value;
    const v = fhirValidators().claim;
    assert.ok(v(claim), schemaErrors(v));
    const lines = chart.abstract!.lines.filter((l) => l.code);
    const dx = lines.filter((l) => l.kind.value !== 'PROC');
    // PDX first, then ADX, then SDX in the abstract's order.
    const order = [...dx.filter((l) => l.kind.value === 'PDX'), ...dx.filter((l) => l.kind.value === 'ADX'), ...dx.filter((l) => l.kind.value === 'SDX')];
    assert.deepEqual(
      claim.diagnosis!.map((d) => d.diagnosisCodeableConcept!.coding![0]!.code!.replace('.', '')),
      order.map((l) => l.code!.value),
    );
    assert.deepEqual(
      claim.diagnosis!.map((d) => d.sequence),
      order.map((_, i) => i + 1),
    );
    assert.deepEqual(
      claim.diagnosis!.map((d) => d.onAdmission?.coding?.find((c) => c.system === CMS_POA)?.code),
      order.map((l) => l.poa?.value),
    );
    assert.ok(
      claim.diagnosis!.every((d) => d.diagnosisCodeableConcept!.coding![0]!.system === ICD10CM && d.diagnosisCodeableConcept!.coding![0]!.display),
      'ICD-10-CM with titles',
    );
    const procs = lines.filter((l) => l.kind.value === 'PROC');
    assert.deepEqual(
      (claim.procedure ?? []).map((p) => [p.procedureCodeableConcept!.coding![0]!.system, p.procedureCodeableConcept!.coding![0]!.code, p.date]),
      procs.map((l) => [ICD10PCS, l.code!.value, l.date?.value]),
    );
    // The MS-DRG is the grouper's (the same answer `chartcoder group` gives) in the principal's packageCode.
    const drg = service.drgOf(chartInput(name, text));
    assert.ok('drg' in drg);
    assert.equal(claim.diagnosis![0]!.packageCode?.coding?.[0]?.code, drg.drg);
    assert.equal(claim.diagnosis![0]!.packageCode?.coding?.[0]?.system, MS_DRG);
    assert.equal(claim.billablePeriod?.end, chart.header?.discharged);
  });
}

test('all samples together: a Bundle of Claims that validates; CSV rows match the abstracts', () => {
  const claims: Claim[] = [];
  for (const name of SAMPLES) {
    const text = fs.readFileSync(path.join(REPO, 'samples', name), 'utf8');
    const chart = parseChart(text);
    const got = chartToClaim(chart, options(name, text));
    assert.ok(got.ok);
    claims.push(got.value);
    const rows = chartToRows(chart, options(name, text));
    assert.ok(rows.ok);
    const n = chart.abstract!.lines.filter((l) => l.code).length;
    assert.equal(rows.value.filter((r) => r.role !== 'ms-drg').length, n, 'one row per abstract line');
    assert.equal(rows.value.filter((r) => r.role === 'ms-drg').length, 1);
    assert.ok(rows.value.every((r) => r.encounter === chart.header!.encounter));
  }
  const v = fhirValidators().bundle;
  assert.ok(v({ resourceType: 'Bundle', type: 'collection', entry: claims.map((resource) => ({ resource })) }), schemaErrors(v));
});

test('the schema check is real: a Claim without patient or with a text sequence fails', () => {
  const text = fs.readFileSync(path.join(REPO, 'samples', SAMPLES[0]!), 'utf8');
  const got = chartToClaim(parseChart(text), options('x', text));
  assert.ok(got.ok);
  const v = fhirValidators().claim;
  const noPatient: any = { ...got.value };
  delete noPatient.patient;
  assert.equal(v(noPatient), false);
  assert.equal(v({ ...got.value, diagnosis: [{ ...got.value.diagnosis![0], sequence: 'one' }] }), false);
});

test('charts that cannot be exported say why', () => {
  const cases: [string, RegExp][] = [
    ['---\nage: 50\nsex: M\ndischarged: 2026-01-02\n---\n', /no abstract/],
    ['---\nage: 50\nsex: M\ndischarged: 2026-01-02\n---\n```abstract\nSDX I10 Y\n```\n', /no PDX line/],
    ['---\nage: 50\nsex: M\ndischarged: 2026-01-02\n---\n```abstract\nPDX I10 Q\n```\n', /syntax errors \(line 7: POA must be/],
  ];
  for (const [text, why] of cases) {
    const got = chartToClaim(parseChart(text));
    assert.ok(!got.ok && why.test(got.message), !got.ok ? got.message : 'exported');
  }
});

// ── round trip: import → code → export ───────────────────────────────────────────────────────

/**
 * An EHR-style bundle from a real Synthea stay (Tracey Witting's pneumonia admission): what Epic and
 * Oracle Health send — the Condition coded in ICD-10-CM beside SNOMED CT, the institutional claim
 * with POA — and the stay moved to October 2025 so the installed code tables (FY2026 on) cover it.
 */
function ehrStyleBundle(): any {
  const file = path.join(SYNTHEA, 'Tracey_Witting_7fb6d3c6-15ee-4a01-904c-5ac610760b95.json');
  const b = JSON.parse(fs.readFileSync(file, 'utf8').replace(/2018-09-2(\d)T/g, '2025-10-2$1T'));
  for (const { resource: r } of b.entry) {
    if (r.resourceType === 'Condition' && r.code.coding[0].code === '233604007' && r.encounter?.reference?.includes('c7659826')) {
      r.code.coding.push({ system: ICD10CM, code: 'J18.9', display: 'Pneumonia, unspecified organism' });
    }
    if (r.resourceType === 'Claim' && JSON.stringify(r.item).includes('c7659826')) r.diagnosis[0].onAdmission = { coding: [{ system: CMS_POA, code: 'Y' }] };
  }
  return b;
}

test(
  'round trip: the EHR codes become a proposed abstract that groups, and after coding export as a valid Claim back to the encounter',
  { skip: !HAVE_SAMPLES && NO_SAMPLES },
  async () => {
    const r = await importFhir([sourceFromValue('tracey.json', ehrStyleBundle())], {
      encounters: ['c7659826-4622-445a-a9b1-a42629b52b3c'],
      importedOn: '2026-01-15',
    });
    const imported = r.charts[0]!;
    const doc = parseChart(imported.text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(
      doc.abstract!.lines.map((l) => [l.kind.value, l.code?.value, l.poa?.value]),
      [['PDX', 'J189', 'Y']],
      'PDX from the ICD-10-CM coding, POA from the claim',
    );
    assert.match(imported.text, /principal on the EHR's claim/);
    // The proposed abstract groups, through the service, as the code lens does.
    const proposed = service.drgOf(chartInput('imported.chart', imported.text));
    assert.ok('drg' in proposed, 'reason' in proposed ? proposed.reason : '');
    assert.equal(proposed.drg, '195', 'simple pneumonia without CC/MCC (MS-DRG v43.0, FY2026)');
    assert.equal(proposed.version, '430');
    // The results block feeds measurements: names, values and units as the CDI checks read them.
    const results = doc.results.flatMap((b) => b.entries);
    assert.ok(results.length > 0);
    assert.ok(
      results.every((e) => e.date && e.name.value && e.unit),
      'every line has a date, a name and a unit',
    );
    // The coder's step: disposition, a secondary diagnosis with POA, status coded.
    const coded = imported.text
      .replace('status: to-code', 'status: coded\ndisposition: 01\ncoded: 2025-11-02')
      .replace(/^(PDX\s+J18\.9\s+Y).*$/m, '$1\nSDX  E87.1    Y')
      .replace(/^# disposition:.*\n/m, '');
    const chart = parseChart(coded);
    assert.deepEqual(chart.errors, []);
    const drg = service.drgOf(chartInput('coded.chart', coded));
    assert.ok('drg' in drg);
    assert.equal(drg.drg, '194', 'hyponatremia (E87.1) is a CC: pneumonia with CC');
    const got = chartToClaim(chart, { drg, title: (system, code) => service.codeTitle(code, '2025-10-29', system) });
    assert.ok(got.ok);
    const claim = got.value;
    const v = fhirValidators().claim;
    assert.ok(v(claim), schemaErrors(v));
    assert.equal(claim.created, '2025-11-02', 'created is the coded date');
    assert.deepEqual(provenanceOf(chart), {
      encounter: 'Encounter/c7659826-4622-445a-a9b1-a42629b52b3c',
      patient: 'Patient/e86e9cae-89a3-44bf-9033-32a2d56f5113',
    });
    assert.equal(claim.patient.reference, 'Patient/e86e9cae-89a3-44bf-9033-32a2d56f5113');
    assert.equal(claim.item?.[0]?.encounter?.[0]?.reference, 'Encounter/c7659826-4622-445a-a9b1-a42629b52b3c');
    assert.deepEqual(
      claim.diagnosis!.map((d) => [d.diagnosisCodeableConcept!.coding![0]!.code, d.onAdmission?.coding?.[0]?.code]),
      [
        ['J18.9', 'Y'],
        ['E87.1', 'Y'],
      ],
    );
    assert.equal(claim.diagnosis![0]!.packageCode!.coding![0]!.code, '194');
    assert.equal(claim.diagnosis![0]!.packageCode!.coding![0]!.version, '43.0');
    const rows = chartToRows(chart, { drg });
    assert.ok(rows.ok);
    assert.deepEqual(
      rows.value.map((x) => `${x.role}:${x.code}:${x.poa}`),
      ['principal:J18.9:Y', 'secondary:E87.1:Y', 'ms-drg:194:'],
    );
  },
);

test('round trip from a bundle without ICD-10 codes: the coder writes the abstract, the export validates', { skip: !HAVE_SAMPLES && NO_SAMPLES }, async () => {
  const b = readJson(path.join(SYNTHEA, 'Dino214_Parisian75_40d82b80-b682-cd8b-da6d-396809878641.json'));
  const r = await importFhir([sourceFromValue('dino.json', b)], { importedOn: '2026-01-15' });
  const text = r.charts[0]!.text.replace('status: to-code', 'status: coded').replace(
    /^```abstract$/m,
    '```abstract\nPDX  K35.80   Y\nPROC 0DTJ4ZZ  2009-01-08',
  );
  const chart = parseChart(text);
  assert.deepEqual(
    chart.errors.filter((e) => e.severity === 'error'),
    [],
  );
  const drg = service.drgOf(chartInput('dino.chart', text));
  assert.ok('reason' in drg, 'a 2009 stay: no installed MS-DRG version covers it');
  const got = chartToClaim(chart, { created: '2026-01-20' });
  assert.ok(got.ok);
  assert.ok(
    got.warnings.some((w) => /no MS-DRG/.test(w)),
    'the missing DRG is said',
  );
  const v = fhirValidators().claim;
  assert.ok(v(got.value), schemaErrors(v));
  assert.equal(got.value.procedure![0]!.date, '2009-01-08');
});
