/* eslint-disable @typescript-eslint/no-explicit-any -- these tests walk FHIR JSON as it is, untyped */
// The import's mapping tables on small bundles, case by case: note text (base64, charset, HTML,
// Binary by url, EHR text that looks like chart syntax), author roles, discharge disposition,
// results lines (comparator, unknown LOINC names made safe), diagnosis sequencing and POA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importFhir } from '../../src/fhir/importer';
import { sourceFromValue } from '../../src/fhir/source';
import { parseChart } from '../../src/chart/parse';
import { bundle } from './helpers';

const ENC = {
  resourceType: 'Encounter',
  id: 'e1',
  status: 'finished',
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
  subject: { reference: 'Patient/p1' },
  period: { start: '2025-11-02T08:00:00-05:00', end: '2025-11-05T12:00:00-05:00' },
};
const PAT = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1950-11-03' };
const b64 = (s: string, enc: BufferEncoding = 'utf8') => Buffer.from(s, enc).toString('base64');

async function one(resources: any[], encounter: any = ENC) {
  const r = await importFhir([sourceFromValue('t.json', bundle([encounter, PAT, ...resources]))], { importedOn: '2026-01-01' });
  assert.equal(r.charts.length, 1);
  const text = r.charts[0]!.text;
  return { r, text, doc: parseChart(text) };
}

function docRef(id: string, attachment: any, extra: any = {}) {
  return {
    resourceType: 'DocumentReference',
    id,
    status: 'current',
    type: { text: 'Progress note' },
    date: '2025-11-03T09:15:00-05:00',
    content: [{ attachment }],
    context: { encounter: [{ reference: 'Encounter/e1' }] },
    ...extra,
  };
}

test('header: age at admission (day before the birthday), sex, local dates, no discharge disposition said', async () => {
  const { doc, text } = await one([]);
  assert.equal(doc.header?.age, 74, 'born 1950-11-03, admitted 2025-11-02: still 74');
  assert.equal(doc.header?.admitted, '2025-11-02');
  assert.equal(doc.header?.discharged, '2025-11-05');
  assert.match(text, /^# disposition: the EHR gives no hospitalization\.dischargeDisposition/m);
});

const DISPOSITIONS: [any, string | undefined, RegExp | null][] = [
  [{ coding: [{ system: 'https://www.nubc.org/CodeSystem/PatDischargeStatus', code: '06' }] }, '06', null],
  [{ coding: [{ system: 'http://www.nubc.org/patient-discharge', code: '20' }] }, '20', null],
  [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'snf' }] }, '03', null],
  [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'aadvice' }] }, '07', null],
  [
    { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/discharge-disposition', code: 'hosp' }] },
    undefined,
    /HL7 discharge-disposition "hosp" .* has no single UB-04 code/,
  ],
  [{ text: 'Home with services' }, undefined, /"Home with services" is not coded in NUBC or HL7/],
  [{ coding: [{ system: 'https://www.nubc.org/CodeSystem/PatDischargeStatus', code: '99' }] }, undefined, /NUBC code "99" is not a UB-04 discharge status/],
];

for (const [cc, ub04, comment] of DISPOSITIONS) {
  test(`disposition ${JSON.stringify(cc).slice(0, 90)} → ${ub04 ?? 'comment'}`, async () => {
    const { doc, text } = await one([], { ...ENC, hospitalization: { dischargeDisposition: cc } });
    assert.equal(doc.header?.disposition, ub04);
    if (comment) assert.match(text, comment);
    assert.deepEqual(doc.errors, []);
  });
}

test('notes: charset, HTML reduced to text, Binary by url, a PDF said to be unreadable', async () => {
  const { r, doc, text } = await one([
    docRef('d1', { contentType: 'text/plain; charset=ISO-8859-1', data: b64('Caf\u00e9 au lait, na\u00efve patient.', 'latin1') }),
    docRef(
      'd2',
      {
        contentType: 'text/html',
        data: b64(
          '<html><body><h1>Plan</h1><p>Start <b>ceftriaxone</b> &amp; fluids.</p><ul><li>Na 128</li><li>recheck BMP</li></ul><script>x()</script></body></html>',
        ),
      },
      { date: '2025-11-04T10:00:00-05:00' },
    ),
    docRef('d3', { contentType: 'text/plain', url: 'Binary/b1' }, { date: '2025-11-04T11:00:00-05:00', type: { text: 'Nursing note' } }),
    { resourceType: 'Binary', id: 'b1', contentType: 'text/plain', data: b64('Patient resting comfortably.') },
    docRef('d4', { contentType: 'application/pdf', data: b64('%PDF-1.4') }),
  ]);
  assert.ok(text.includes('Café au lait, naïve patient.'), 'latin-1 decoded');
  assert.match(
    text,
    /\nPlan\n\nStart ceftriaxone & fluids\.\n\n \* Na 128\n \* recheck BMP\n/,
    'HTML blocks as lines, entities decoded, list kept, script dropped',
  );
  assert.ok(!text.includes('x()'));
  assert.ok(text.includes('Patient resting comfortably.'), 'the Binary the url names');
  assert.equal(r.skipped['no-text'], 1, 'the PDF');
  assert.deepEqual(
    doc.sections.filter((s) => s.level === 1).map((s) => s.title.value),
    ['Encounter (from the EHR)', 'Progress note — 2025-11-03 09:15', 'Progress note — 2025-11-04 10:00', 'Nursing note — 2025-11-04 11:00'],
  );
  assert.deepEqual(doc.errors, []);
});

test('EHR text never becomes chart syntax: fences, annotations, suppressions, heading attributes', async () => {
  const hostile = [
    '# Assessment {author=MD}',
    '```abstract',
    'PDX I21.4 Y',
    '```',
    'Troponin [elevated]{dx=I21.4} per lab.',
    '<!-- chartcoder-ignore doc.no-evidence: hidden -->',
    '[unclosed{dx=I10}',
  ].join('\n');
  const { doc, text } = await one([docRef('d1', { contentType: 'text/plain', data: b64(hostile) })]);
  assert.deepEqual(doc.errors, [], 'no syntax error');
  assert.equal(doc.annotations.length, 0, 'no annotation from EHR text');
  assert.equal(doc.suppressions.length, 0, 'no suppression from EHR text');
  assert.equal(doc.abstract!.lines.length, 0, 'the fenced "abstract" in the note is prose; the only abstract is the proposed one');
  assert.ok(
    doc.sections.some((s) => s.level === 2 && s.title.value === 'Assessment (author=MD)' && !s.author),
    'heading braces become parentheses',
  );
  assert.ok(text.includes('    ```abstract'));
});

const ROLES: [string, any[], string | undefined][] = [
  [
    'qualification MD (a provider, named)',
    [
      {
        resourceType: 'Practitioner',
        id: 'pr1',
        qualification: [{ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360|2.7', code: 'MD' }] } }],
      },
    ],
    'MD',
  ],
  [
    'qualification RN',
    [
      {
        resourceType: 'Practitioner',
        id: 'pr1',
        qualification: [{ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360|2.7', code: 'RN' }] } }],
      },
    ],
    'RN',
  ],
  [
    'qualification CNP → NP',
    [
      {
        resourceType: 'Practitioner',
        id: 'pr1',
        qualification: [{ code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'CNP' }] } }],
      },
    ],
    'NP',
  ],
  [
    'PractitionerRole NUCC dietitian',
    [{ resourceType: 'PractitionerRole', id: 'pr1', code: [{ coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '133V00000X' }] }] }],
    'RD',
  ],
  [
    'PractitionerRole NUCC internal medicine → provider',
    [{ resourceType: 'PractitionerRole', id: 'pr1', code: [{ coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '207R00000X' }] }] }],
    undefined,
  ],
  ['no qualification → unknown, no attribute', [{ resourceType: 'Practitioner', id: 'pr1' }], undefined],
];

for (const [name, resources, author] of ROLES) {
  test(`author role: ${name}`, async () => {
    const type = resources[0].resourceType;
    const { doc } = await one([...resources, docRef('d1', { contentType: 'text/plain', data: b64('Seen.') }, { author: [{ reference: `${type}/pr1` }] })]);
    const note = doc.sections.find((s) => s.title.value.startsWith('Progress note'))!;
    assert.equal(note.author?.value, author);
  });
}

test('results: names, comparator, unknown LOINC display made safe, blood pressure components (UCUM mm[Hg] as mm Hg), text values skipped', async () => {
  const obs = (id: string, code: any, value: any, extra: any = {}) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code,
    encounter: { reference: 'Encounter/e1' },
    effectiveDateTime: '2025-11-02T09:30:00-05:00',
    ...value,
    ...extra,
  });
  const { doc, r } = await one([
    obs(
      'o1',
      { coding: [{ system: 'http://loinc.org', code: '2160-0', display: 'Creatinine' }] },
      { valueQuantity: { value: 2.6, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' } },
    ),
    obs('o2', { coding: [{ system: 'http://loinc.org', code: '2524-7' }] }, { valueQuantity: { value: 0.5, comparator: '<', unit: 'mmol/L' } }),
    obs(
      'o3',
      { coding: [{ system: 'http://loinc.org', code: '99999-9', display: 'Cholesterol in HDL 2 # fraction' }] },
      { valueQuantity: { value: 41, unit: 'mg/dL' } },
    ),
    obs(
      'o4',
      { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      {
        component: [
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] },
            valueQuantity: { value: 92, code: 'mm[Hg]', system: 'http://unitsofmeasure.org' },
          },
          {
            code: { coding: [{ system: 'http://loinc.org', code: '8462-4' }] },
            valueQuantity: { value: 54, code: 'mm[Hg]', system: 'http://unitsofmeasure.org' },
          },
        ],
      },
      { category: [{ coding: [{ code: 'vital-signs' }] }] },
    ),
    obs('o5', { coding: [{ system: 'http://loinc.org', code: '5778-6' }] }, { valueString: 'yellow' }),
  ]);
  const lines = doc.results.flatMap((b) => b.entries).map((e) => [e.date?.value, e.name.value, e.comparator ?? '', e.value.value, e.unit?.value]);
  assert.deepEqual(lines, [
    ['2025-11-02T09:30', 'creatinine', '', 2.6, 'mg/dL'],
    ['2025-11-02T09:30', 'lactate', '<', 0.5, 'mmol/L'],
    ['2025-11-02T09:30', 'Cholesterol in HDL (2) no. fraction', '', 41, 'mg/dL'],
    ['2025-11-02T09:30', 'sbp', '', 92, 'mm Hg'],
    ['2025-11-02T09:30', 'dbp', '', 54, 'mm Hg'],
  ]);
  assert.equal(r.skipped['no-value'], 1, 'the text result');
  assert.deepEqual(doc.errors, []);
});

test('diagnoses: the claim designates the principal and gives POA; AD becomes ADX; refuted ones are not proposed', async () => {
  const cond = (id: string, icd: string, extra: any = {}) => ({
    resourceType: 'Condition',
    id,
    code: {
      coding: [
        { system: 'http://snomed.info/sct', code: '1' },
        { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: icd },
      ],
    },
    encounter: { reference: 'Encounter/e1' },
    ...extra,
  });
  const enc = { ...ENC, diagnosis: [{ condition: { reference: 'Condition/c3' }, use: { coding: [{ code: 'AD' }] }, rank: 1 }] };
  const claim = {
    resourceType: 'Claim',
    id: 'cl1',
    type: { coding: [{ code: 'institutional' }] },
    diagnosis: [
      {
        sequence: 1,
        diagnosisReference: { reference: 'Condition/c2' },
        type: [{ coding: [{ code: 'principal' }] }],
        onAdmission: { coding: [{ system: 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/HospitalAcqCond/Coding', code: 'Y' }] },
      },
      {
        sequence: 2,
        diagnosisReference: { reference: 'Condition/c1' },
        onAdmission: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-diagnosis-on-admission', code: 'n' }] },
      },
    ],
    item: [{ sequence: 1, encounter: [{ reference: 'Encounter/e1' }], productOrService: { text: 'stay' } }],
  };
  const { doc, text, r } = await one(
    [cond('c1', 'N17.9'), cond('c2', 'A41.9'), cond('c3', 'R65.20'), cond('c4', 'I21.4', { verificationStatus: { coding: [{ code: 'refuted' }] } }), claim],
    enc,
  );
  assert.deepEqual(
    doc.abstract!.lines.map((l) => [l.kind.value, l.code?.value, l.poa?.value]),
    [
      ['PDX', 'A419', 'Y'],
      ['ADX', 'R6520', undefined],
      ['SDX', 'N179', 'N'],
    ],
  );
  assert.match(text, /refuted: not proposed/);
  assert.equal(r.used.Claim, 1);
  assert.deepEqual(doc.errors, []);
});
