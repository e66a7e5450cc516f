/* eslint-disable @typescript-eslint/no-explicit-any -- these tests walk FHIR JSON as it is, untyped */
// The FHIR import on the real sample data (../shared/fhir-samples): every inpatient encounter
// becomes a chart that parses without errors, whose results block carries the source
// Observations' values and units under the measurement names, whose notes carry the EHR text,
// and every resource read is accounted for. Expectations are computed from the source bundles
// here, independently of the importer's code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { importFhir, type ImportResult } from '../../src/fhir/importer';
import { FhirInputError, sourceFromFile, sourceFromValue } from '../../src/fhir/source';
import { parseChart } from '../../src/chart/parse';
import { HAVE_SAMPLES, NO_SAMPLES, SYNTHEA, SYNTHEA_INPATIENT, bundle, r4Example, readJson, readYaml } from './helpers';

const ON = '2026-01-15';

/** Measurement names the results block must use for these LOINC codes (docs/format.md names; LOINC terms). */
const EXPECTED_NAMES: Record<string, string> = {
  '2339-0': 'glucose',
  '6299-2': 'bun',
  '38483-4': 'creatinine',
  '2947-0': 'sodium',
  '6298-4': 'potassium',
  '718-7': 'hemoglobin',
  '4544-3': 'hematocrit',
  '777-3': 'platelets',
  '6690-2': 'wbc',
  '8480-6': 'sbp',
  '8462-4': 'dbp',
  '8867-4': 'heart rate',
  '9279-1': 'respiratory rate',
  '29463-7': 'weight',
  '39156-5': 'bmi',
  '8310-5': 'temperature',
  '8331-1': 'temperature',
  '33762-6': 'nt-probnp',
  '1751-7': 'albumin',
  '1975-2': 'bilirubin',
  '2823-3': 'potassium',
};

/** How a results line writes a UCUM unit (UCUM print symbols; laboratory notation for powers of ten); others as the EHR wrote them. */
const UNIT_AS_WRITTEN: Record<string, string | undefined> = {
  'mm[Hg]': 'mm Hg',
  Cel: '°C',
  '10*3/uL': 'x10^3/uL',
  '10*6/uL': 'x10^6/uL',
  '{score}': undefined,
  'mL/min/{1.73_m2}': 'mL/min/1.73 m2',
};
const written = (u: string) => (u in UNIT_AS_WRITTEN ? UNIT_AS_WRITTEN[u] : u);

function accounted(r: ImportResult): number {
  return r.imported + Object.values(r.used).reduce((a, b) => a + b, 0) + Object.values(r.skipped).reduce((a, b) => a + (b ?? 0), 0);
}

/** Observations of an encounter that the importer must turn into result lines: lab/vital, numeric value(s). */
function expectedResults(b: any, encounterId: string): { loinc: string; value: number; unit: string | undefined }[] {
  const refs = new Set([`urn:uuid:${encounterId}`, `Encounter/${encounterId}`]);
  const out: { loinc: string; value: number; unit: string | undefined }[] = [];
  for (const { resource: r } of b.entry) {
    if (r.resourceType !== 'Observation' || !refs.has(r.encounter?.reference)) continue;
    const cats = (r.category ?? []).flatMap((c: any) => (c.coding ?? []).map((x: any) => x.code));
    const loinc = r.code.coding.find((c: any) => c.system === 'http://loinc.org')?.code;
    if (!cats.includes('laboratory') && !cats.includes('vital-signs') && !(loinc in EXPECTED_NAMES)) continue;
    const quantities = [[r.code, r.valueQuantity], ...(r.component ?? []).map((c: any) => [c.code, c.valueQuantity])];
    for (const [code, q] of quantities) {
      if (q?.value === undefined) continue;
      out.push({ loinc: code.coding.find((c: any) => c.system === 'http://loinc.org')?.code, value: q.value, unit: written(q.unit ?? q.code) });
    }
  }
  return out;
}

for (const [file, inpatient] of Object.entries(SYNTHEA_INPATIENT)) {
  test(`${file.split('_')[0]}: ${inpatient} inpatient encounters import into charts that parse cleanly`, { skip: !HAVE_SAMPLES && NO_SAMPLES }, async () => {
    const full = path.join(SYNTHEA, file);
    const b = readJson(full);
    const r = await importFhir([sourceFromFile(full, file)], { importedOn: ON });
    assert.equal(r.charts.length, inpatient);
    assert.equal(r.total, b.entry.length, 'every entry read');
    assert.equal(accounted(r), r.total, `imported + used + skipped = total (${r.summary})`);
    assert.match(r.summary, new RegExp(`^imported ${inpatient} encounters?: \\d+ notes?, \\d+ results?, `));
    for (const c of r.charts) {
      const doc = parseChart(c.text);
      assert.deepEqual(
        doc.errors.map((e) => `${e.range.start.line + 1}: ${e.message}`),
        [],
        `${c.fileName} parses without errors or warnings`,
      );
      const enc = b.entry.find((e: any) => e.resource.resourceType === 'Encounter' && e.resource.id === c.encounterId).resource;
      assert.equal(enc.class.code, 'IMP');
      const patient = b.entry.find((e: any) => e.resource.resourceType === 'Patient').resource;
      assert.equal(doc.header?.encounter, enc.id);
      assert.equal(doc.header?.admitted, enc.period.start.slice(0, 10));
      assert.equal(doc.header?.discharged, enc.period.end.slice(0, 10));
      assert.equal(doc.header?.sex, patient.gender === 'male' ? 'M' : 'F');
      const [by, bm, bd] = patient.birthDate.split('-').map(Number);
      const [ay, am, ad] = enc.period.start.slice(0, 10).split('-').map(Number);
      assert.equal(doc.header?.age, ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0));
      assert.equal(doc.header?.status, 'to-code');
      const nubc = enc.hospitalization?.dischargeDisposition?.coding?.find((x: any) => /nubc/.test(x.system))?.code;
      assert.equal(doc.header?.disposition, nubc, 'disposition from the NUBC coding, absent when the EHR gives none');
      // The results block: one entry per numeric value, with the expected name, value and unit.
      const entries = doc.results.flatMap((x) => x.entries);
      const expected = expectedResults(b, enc.id);
      assert.equal(entries.length, expected.length, 'one results line per numeric lab/vital value');
      for (const want of expected) {
        const hit = entries.find((e) => e.comment?.value.includes(`LOINC ${want.loinc}`) && e.value.value === want.value && e.unit?.value === want.unit);
        assert.ok(hit, `${want.loinc} ${want.value} ${want.unit} is in the results block`);
        if (EXPECTED_NAMES[want.loinc]) assert.equal(hit!.name.value, EXPECTED_NAMES[want.loinc]);
        assert.ok(hit!.date, 'each result has its date');
      }
      // The abstract is the EHR's proposal: Synthea codes conditions in SNOMED CT only, so no code is proposed and each is listed.
      assert.ok(doc.abstract, 'a proposed abstract block');
      assert.match(c.text, /PROPOSED from the EHR/);
      assert.equal(doc.abstract!.lines.length, 0, 'no ICD-10 code in the bundle, so no abstract line (SNOMED is never mapped)');
      for (const k of c.record.uncoded) assert.ok(c.text.includes(`${k.system} ${k.code}`), `${k.system} ${k.code} listed as a comment`);
    }
  });
}

test(
  'notes: base64 text/plain DocumentReference text, once (the DiagnosticReport copy is a duplicate), headings under the note',
  { skip: !HAVE_SAMPLES && NO_SAMPLES },
  async () => {
    const file = 'Isaura563_Turner526_a4abb8bd-c78c-e552-3037-471a46cac3c7.json';
    const b = readJson(path.join(SYNTHEA, file));
    const r = await importFhir([sourceFromValue(file, b)], { importedOn: ON });
    assert.equal(r.skipped.duplicate, 10, 'the 10 DiagnosticReports repeat their DocumentReference');
    for (const c of r.charts) {
      const doc = parseChart(c.text);
      const refs = new Set([`urn:uuid:${c.encounterId}`]);
      const docRef = b.entry.map((e: any) => e.resource).find((x: any) => x.resourceType === 'DocumentReference' && refs.has(x.context.encounter[0].reference));
      const text = Buffer.from(docRef.content[0].attachment.data, 'base64').toString('utf8');
      const firstHeading = /^# (.+)$/m.exec(text)![1];
      assert.ok(
        doc.sections.some((s) => s.level === 2 && s.title.value === firstHeading.trim()),
        `the note's "# ${firstHeading}" is a level-2 heading under the note`,
      );
      const noteSection = doc.sections.find((s) => s.level === 1 && /History and physical note|Evaluation\+Plan note/.test(s.title.value));
      assert.ok(noteSection, 'one section per note, titled by its type');
      assert.match(noteSection!.title.value, /— \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, 'with its date');
      assert.equal(noteSection!.author, undefined, 'the author is a conditional reference outside the bundle: no role');
      assert.match(c.text, /author Practitioner\?identifier=http:\/\/hl7\.org\/fhir\/sid\/us-npi\|\d+ is not in the input/);
    }
    assert.ok(
      r.unresolved.some((u) => u.startsWith('Practitioner?identifier=')),
      'the unresolved conditional reference is reported',
    );
  },
);

test(
  'a huge bundle streams: the streaming reader and NDJSON give the same charts as the whole-file reader',
  { skip: !HAVE_SAMPLES && NO_SAMPLES },
  async () => {
    const file = path.join(SYNTHEA, 'Miguel_Garibay_0ce26404-7c79-45e1-8cd0-2e0d37740aaf.json');
    const whole = await importFhir([sourceFromFile(file, 'm.json')], { importedOn: ON });
    const streamed = await importFhir([sourceFromFile(file, 'm.json', { streamAbove: 0 })], { importedOn: ON });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fhir-'));
    const ndjson = path.join(tmp, 'export.ndjson');
    fs.writeFileSync(
      ndjson,
      readJson(file)
        .entry.map((e: any) => JSON.stringify(e.resource))
        .join('\n') + '\n',
    );
    const fromNdjson = await importFhir([sourceFromFile(ndjson, 'm.json')], { importedOn: ON });
    fs.rmSync(tmp, { recursive: true });
    assert.deepEqual(
      streamed.charts.map((c) => c.text),
      whole.charts.map((c) => c.text),
    );
    assert.equal(streamed.summary, whole.summary);
    // NDJSON has no fullUrl: references by urn:uuid resolve through Type/id only when ids match, which Synthea's do.
    assert.deepEqual(
      fromNdjson.charts.map((c) => c.fileName),
      whole.charts.map((c) => c.fileName),
    );
    assert.equal(fromNdjson.total, whole.total);
  },
);

test(
  'US Core and FHIR R4 examples: discharge summary text, NUBC disposition, ICD-10-CM/PCS proposed, unlinked lab skipped',
  { skip: !HAVE_SAMPLES && NO_SAMPLES },
  async () => {
    // Composed from the official US Core examples: they reference Encounter/example-1 and
    // Patient/example, so Encounter 1036 is given that id and a Patient is added.
    const encounter = { ...readYaml('encounter-1036.yml'), id: 'example-1' };
    const patient = { resourceType: 'Patient', id: 'example', gender: 'female', birthDate: '1960-02-03' };
    const resources = [
      encounter,
      patient,
      readYaml('documentreference-discharge-summary.yml'),
      readYaml('condition-encounter-diagnosis-example1.yml'),
      readYaml('procedure-rehab.yml'),
      readYaml('observation-serum-potassium.yml'),
    ];
    const r = await importFhir([sourceFromValue('us-core', bundle(resources))], { importedOn: ON });
    assert.equal(r.charts.length, 1);
    const text = r.charts[0]!.text;
    const doc = parseChart(text);
    assert.deepEqual(
      doc.errors.filter((e) => e.severity === 'error'),
      [],
    );
    assert.deepEqual(
      doc.errors.map((e) => e.code),
      ['missing-age', 'missing-discharged'],
      'in progress, no period: the header says what is missing',
    );
    assert.equal(doc.header?.disposition, '01', 'NUBC PatDischargeStatus 01');
    assert.equal(doc.header?.sex, 'F');
    assert.ok(
      doc.sections.some((s) => s.title.value === 'Discharge Summary'),
      'the note is a section titled by its type',
    );
    assert.ok(text.includes('No activity restriction, regular diet, follow up in two to three weeks with primary care provider.'));
    const lines = doc.abstract!.lines.map((l) => `${l.kind.value} ${l.code?.value} ${l.date?.value ?? ''}`.trim());
    assert.deepEqual(lines, ['PDX T2021', 'PROC HZ30ZZZ 2002-05-23'], 'the ICD-10-CM and ICD-10-PCS codings are proposed');
    assert.match(text, /SNOMED CT 39065001/, 'the SNOMED coding is listed, not mapped');
    assert.match(text, /the EHR ranks no diagnosis: first listed/, 'an unranked principal says so');
    assert.equal(r.skipped['no-encounter'], 1, 'the potassium example has no encounter link');
  },
);

test(
  'FHIR R4 examples: Encounter.diagnosis AD/DD, a patient outside the input reported, an in-progress ED→inpatient stay',
  { skip: !HAVE_SAMPLES && NO_SAMPLES },
  async () => {
    const r = await importFhir(
      [
        sourceFromValue(
          'r4',
          bundle(
            ['Encounter-f203.json', 'Condition-stroke.json', 'Condition-f201.json', 'Encounter-emerg.json', 'DocumentReference-example.json'].map(r4Example),
          ),
        ),
      ],
      { importedOn: ON },
    );
    assert.deepEqual(r.charts.map((c) => c.encounterId).sort(), ['emerg', 'f203']);
    const f203 = r.charts.find((c) => c.encounterId === 'f203')!;
    assert.ok(r.unresolved.includes('Patient/f201'), 'the missing patient is reported');
    assert.match(f203.text, /# age, sex: the patient Patient\/f201 is not in the input/);
    assert.equal(f203.record.counts.conditions, 2, 'both Encounter.diagnosis conditions are the encounter’s');
    assert.match(f203.text, /SNOMED CT 422504002 · "Ischemic stroke \(disorder\)"/);
    assert.equal(accounted(r), r.total);
    for (const c of r.charts)
      assert.deepEqual(
        parseChart(c.text).errors.filter((e) => e.severity === 'error'),
        [],
      );
  },
);

// ── malformed input: one clear error naming the file, the entry and the resource ─────────────

const MALFORMED: { name: string; content: string; error: RegExp }[] = [
  {
    name: 'truncated JSON',
    content: '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"o1","status":"final"',
    error: /bad\.json:1:\d+: not valid JSON \(in or after Observation\/o1\)/,
  },
  {
    name: 'entry without resource',
    content: JSON.stringify({ resourceType: 'Bundle', entry: [{ fullUrl: 'urn:uuid:1' }] }),
    error: /bad\.json: Bundle\.entry 1 has no resource \(fullUrl urn:uuid:1\)/,
  },
  {
    name: 'resource without resourceType',
    content: JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { id: 'x1' } }] }),
    error: /bad\.json: Bundle\.entry 1: resource without a valid resourceType \(id x1\)/,
  },
  {
    name: 'entry not an array',
    content: JSON.stringify({ resourceType: 'Bundle', entry: { first: { resource: { resourceType: 'Patient' } } } }),
    error: /bad\.json: Bundle\.entry must be an array/,
  },
  { name: 'not a resource', content: '[1,2]', error: /bad\.json: not a FHIR resource/ },
  {
    name: 'a lab value that is a string',
    content: JSON.stringify(
      bundle([
        { resourceType: 'Encounter', id: 'e1', status: 'finished', class: { code: 'IMP' }, period: { start: '2025-01-01', end: '2025-01-03' } },
        {
          resourceType: 'Observation',
          id: 'o9',
          status: 'final',
          category: [{ coding: [{ code: 'laboratory' }] }],
          code: { coding: [{ system: 'http://loinc.org', code: '2160-0' }] },
          encounter: { reference: 'Encounter/e1' },
          valueQuantity: { value: '1.2' },
        },
      ]),
    ),
    error: /bad\.json: Observation\/o9 \(Bundle\.entry 2\): valueQuantity\.value must be a number, got "1\.2"/,
  },
  {
    name: 'an encounter period that is not a date',
    content: JSON.stringify(bundle([{ resourceType: 'Encounter', id: 'e2', status: 'finished', class: { code: 'IMP' }, period: { start: 'yesterday' } }])),
    error: /bad\.json: Encounter\/e2 \(Bundle\.entry 1\): period\.start "yesterday" is not a FHIR dateTime/,
  },
];

for (const c of MALFORMED) {
  for (const streaming of [false, true]) {
    test(`malformed input (${c.name}${streaming ? ', streamed' : ''}): one error naming the resource`, async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-fhir-'));
      const file = path.join(tmp, 'bad.json');
      fs.writeFileSync(file, c.content);
      try {
        await assert.rejects(importFhir([sourceFromFile(file, 'bad.json', { streamAbove: streaming ? 0 : undefined })]), (e: Error) => {
          assert.ok(e instanceof FhirInputError, `a FhirInputError, got ${e.message}`);
          if (!streaming || !/not valid JSON|not a FHIR resource/.test(c.error.source)) assert.match(e.message, c.error);
          else assert.match(e.message, /bad\.json: (not valid JSON|a JSON file this large must be a Bundle)/);
          return true;
        });
      } finally {
        fs.rmSync(tmp, { recursive: true });
      }
    });
  }
}

test('--encounter picks any encounter by id; an unknown id names the inpatient ones', { skip: !HAVE_SAMPLES && NO_SAMPLES }, async () => {
  const file = path.join(SYNTHEA, 'Dino214_Parisian75_40d82b80-b682-cd8b-da6d-396809878641.json');
  const b = readJson(file);
  const amb = b.entry.find((e: any) => e.resource.resourceType === 'Encounter' && e.resource.class.code === 'AMB').resource;
  const r = await importFhir([sourceFromValue('d', b)], { encounters: [amb.id], importedOn: ON });
  assert.equal(r.charts.length, 1);
  assert.match(r.charts[0]!.text, /^type: outpatient$/m, 'an ambulatory encounter is an outpatient chart');
  await assert.rejects(importFhir([sourceFromValue('d', b)], { encounters: ['nope'] }), /no Encounter "nope" in the input \(inpatient encounters: 5f61d40d/);
});
