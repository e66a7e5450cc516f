// doc.specificity on the built tables: the suggestions it makes (inclusion terms across
// categories, numerals, a sibling that says more), and the charts where it stays silent; and
// doc.not-in-abstract, silent on a symptom integral to a reported diagnosis (I.B.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { HEADER } from '../helpers/markers';

const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };
const chart = (annotations: string, ...abstract: string[]) => `${HEADER}# Assessment\n${annotations}\n\`\`\`abstract\n${abstract.join('\n')}\n\`\`\`\n`;
const suggested = (text: string) =>
  computeFindings(parseChart(text), ctx)
    .filter((f) => f.rule === 'doc.specificity')
    .map((f) => (f.data as { candidates: { display: string }[] }).candidates.map((c) => c.display).join(' '));

// why, chart, the suggestions (one string per finding: its candidate codes).
const CASES: [string, string, string[]][] = [
  [
    'an inclusion term of another category: toxic metabolic encephalopathy is G92.8 (G92), not G93.41',
    chart('[Toxic metabolic encephalopathy]{dx=G93.40 poa=Y} from [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  G93.40  Y'),
    ['G92.8'],
  ],
  [
    'an inclusion term of the code itself: acute tubular necrosis is N17.0',
    chart('[Acute tubular necrosis]{dx=N17.9 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  N17.9  Y'),
    ['N17.0'],
  ],
  [
    'a numeral: class 2 obesity is E66.812, not class 1 or 3',
    chart('[Obesity, class 2]{dx=E66.9 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  E66.9  Y'),
    ['E66.812'],
  ],
  [
    'an unspecified heart failure documented as acute on chronic diastolic',
    chart('[Acute on chronic diastolic heart failure]{dx=I50.9 poa=Y}', 'PDX  I50.9  Y'),
    ['I50.33'],
  ],
  [
    'a specified code whose sibling says more: chronic coded, acute on chronic documented',
    chart('[Acute on chronic diastolic heart failure]{dx=I50.32 poa=Y}', 'PDX  I50.32  Y'),
    ['I50.33'],
  ],
  ['near miss: encephalopathy with nothing more', chart('[Encephalopathy]{dx=G93.40 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  G93.40  Y'), []],
  ['near miss: obesity with no class', chart('[Obesity]{dx=E66.9 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  E66.9  Y'), []],
  ['near miss: chronic diastolic heart failure coded as documented', chart('[Chronic diastolic heart failure]{dx=I50.32 poa=Y}', 'PDX  I50.32  Y'), []],
  [
    'near miss: the more specific code is reported already',
    chart('[Toxic metabolic encephalopathy]{dx=G93.40 dx=G92.8 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  G92.8  Y', 'SDX  G93.40  Y'),
    [],
  ],
  [
    'near miss: ruled-out evidence says nothing',
    chart(
      '[Toxic metabolic encephalopathy]{dx=G93.40 status=ruled-out} [encephalopathy]{dx=G93.40 poa=Y} [UTI]{dx=N39.0 poa=Y}',
      'PDX  N39.0  Y',
      'SDX  G93.40  Y',
    ),
    [],
  ],
];

for (const [why, text, expected] of CASES) {
  test(`doc.specificity: ${why}`, () => assert.deepEqual(suggested(text), expected));
}

// doc.not-in-abstract and symptoms integral to a reported diagnosis (I.B.5).
const missed = (text: string) =>
  computeFindings(parseChart(text), ctx)
    .filter((f) => f.rule === 'doc.not-in-abstract')
    .map((f) => (f.data as { display: string }).display);
const MISSED: [string, string, string[]][] = [
  [
    'dyspnea integral to the reported heart failure',
    chart('[Acute on chronic diastolic heart failure]{dx=I50.33 poa=Y} with [shortness of breath]{dx=R06.02 poa=Y}', 'PDX  I50.33  Y'),
    [],
  ],
  ['fever integral to the reported pneumonia', chart('[Pneumonia]{dx=J18.9 poa=Y}, [fever]{dx=R50.9 poa=Y}', 'PDX  J18.9  Y'), []],
  [
    'near miss: dyspnea with no related diagnosis reported',
    chart('[Hip fracture]{dx=S72.001A poa=Y} and [shortness of breath]{dx=R06.02 poa=Y}', 'PDX  S72.001A  Y'),
    ['R06.02'],
  ],
  [
    'near miss: severe sepsis is coded with the sepsis, never integral',
    chart('[Sepsis]{dx=A41.9 poa=Y} with [septic shock]{dx=R65.21 poa=Y}', 'PDX  A41.9  Y'),
    ['R65.21'],
  ],
];
for (const [why, text, expected] of MISSED) {
  test(`doc.not-in-abstract: ${why}`, () => assert.deepEqual(missed(text), expected));
}
