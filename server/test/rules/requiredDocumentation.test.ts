// icd.use-additional when the required code is missing altogether (the CKD stage after E11.22 or
// I13.x, the heart failure type after I13.0), and doc.non-provider for a pressure ulcer documented
// only by nursing (I.B.14: the stage may come from nursing, the ulcer needs the provider).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { HEADER } from '../helpers/markers';

const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };
const chart = (note: string, ...abstract: string[]) => `${HEADER}# Assessment\n${note}\n\`\`\`abstract\n${abstract.join('\n')}\n\`\`\`\n`;
const of = (rule: string, text: string) =>
  computeFindings(parseChart(text), ctx)
    .filter((f) => f.rule === rule)
    .map((f) => `${f.severity} ${f.message}`);

const CASES: [why: string, rule: string, text: string, expected: RegExp[]][] = [
  [
    'E11.22 without any CKD stage',
    'icd.use-additional',
    chart('[Type 2 diabetes with diabetic CKD]{dx=E11.22 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  E11.22  Y'),
    [/^warning Add the stage of chronic kidney disease \(N18\.1-N18\.6\) or query the provider: E11\.22 /],
  ],
  [
    'I13.0 with the CKD stage but no heart failure type',
    'icd.use-additional',
    chart('[HHD and CKD with heart failure]{dx=I13.0 poa=Y} [CKD 4]{dx=N18.4 poa=Y}', 'PDX  I13.0  Y', 'SDX  N18.4  Y'),
    [/^warning Add the type of heart failure \(I50\.-\) or query the provider: I13\.0 /],
  ],
  [
    'I13.0 with the heart failure type but no CKD stage',
    'icd.use-additional',
    chart('[HHD and CKD with heart failure]{dx=I13.0 poa=Y} [acute on chronic diastolic HF]{dx=I50.33 poa=Y}', 'PDX  I13.0  Y', 'SDX  I50.33  Y'),
    [/^warning Add the stage of chronic kidney disease \(N18\.1-N18\.4, N18\.9\) or query the provider: I13\.0 /],
  ],
  [
    'near miss: E11.22 with its stage',
    'icd.use-additional',
    chart(
      '[Type 2 diabetes with diabetic CKD]{dx=E11.22 poa=Y} [CKD 3a]{dx=N18.31 poa=Y} [UTI]{dx=N39.0 poa=Y}',
      'PDX  N39.0  Y',
      'SDX  E11.22  Y',
      'SDX  N18.31  Y',
    ),
    [],
  ],
  [
    'near miss: E11.22 with CKD of unspecified stage reported (not missing altogether)',
    'icd.use-additional',
    chart(
      '[Type 2 diabetes with diabetic CKD]{dx=E11.22 poa=Y} [CKD]{dx=N18.9 poa=Y} [UTI]{dx=N39.0 poa=Y}',
      'PDX  N39.0  Y',
      'SDX  E11.22  Y',
      'SDX  N18.9  Y',
    ),
    [],
  ],
  [
    'the stage documented but not reported: the documented code is named',
    'icd.use-additional',
    chart('[Type 2 diabetes with diabetic CKD]{dx=E11.22 poa=Y} [CKD 4]{dx=N18.4 poa=Y} [UTI]{dx=N39.0 poa=Y}', 'PDX  N39.0  Y', 'SDX  E11.22  Y'),
    [/N18\.4 is documented on line \d+ but not reported/],
  ],
  [
    'a pressure ulcer documented only by nursing',
    'doc.non-provider',
    `${HEADER}# Assessment\n[Hip fracture]{dx=S72.031A poa=Y}\n## Wound care {author=RN}\n[Stage 3 pressure ulcer of sacrum]{dx=L89.153 poa=Y}\n\`\`\`abstract\nPDX  S72.031A  Y\nSDX  L89.153  Y\n\`\`\`\n`,
    [/^warning Query the provider: L89\.153 \(pressure ulcer\) is documented only in RN documentation/],
  ],
  [
    'near miss: the provider documents the ulcer, nursing the stage',
    'doc.non-provider',
    `${HEADER}# Assessment\n[Hip fracture]{dx=S72.031A poa=Y}, [sacral pressure ulcer]{dx=L89.159 poa=Y}\n## Wound care {author=RN}\n[Stage 3 pressure ulcer of sacrum]{dx=L89.153 poa=Y}\n\`\`\`abstract\nPDX  S72.031A  Y\nSDX  L89.153  Y\n\`\`\`\n`,
    [],
  ],
];

for (const [why, rule, text, expected] of CASES) {
  test(`${rule}: ${why}`, () => {
    const got = of(rule, text);
    assert.equal(got.length, expected.length, got.join('\n'));
    expected.forEach((re, i) => assert.match(got[i], re));
  });
}
