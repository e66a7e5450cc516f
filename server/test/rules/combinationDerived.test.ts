// seq.combination for diabetes "with" (guideline I.A.15) derived from the tabular: the
// complication's code-first note (K31.84 → E11.43) or the category code whose use-additional note
// names the complication most narrowly (L97.4- → E11.621, not E11.622); near misses stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { HEADER } from '../helpers/markers';

const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };
const chart = (...abstract: [code: string, text: string][]) =>
  `${HEADER}# Assessment\n${abstract.map(([c, t]) => `[${t}]{dx=${c} poa=Y}`).join(' ')}\n\`\`\`abstract\n${abstract.map(([c], i) => `${i ? 'SDX' : 'PDX'}  ${c}  Y`).join('\n')}\n\`\`\`\n`;
const combined = (text: string) =>
  computeFindings(parseChart(text), ctx)
    .filter((f) => f.rule === 'seq.combination')
    .map((f) => `${(f.data as { from: string }).from} → ${(f.data as { to: string | null }).to}`);

const CASES: [why: string, text: string, expected: string[]][] = [
  [
    'diabetic foot ulcer: E11.9 + L97.4- → E11.621',
    chart(['L97.412', 'Right heel ulcer with fat layer exposed'], ['E11.9', 'Type 2 diabetes']),
    ['E119 → E11.621'],
  ],
  [
    'ulcer of the lower leg: E11.9 + L97.2- → E11.622 (other skin ulcer)',
    chart(['L97.212', 'Right calf ulcer with fat layer exposed'], ['E11.9', 'Type 2 diabetes']),
    ['E119 → E11.622'],
  ],
  ['diabetic gastroparesis: E11.9 + K31.84 → E11.43', chart(['K31.84', 'Gastroparesis'], ['E11.9', 'Type 2 diabetes']), ['E119 → E11.43']],
  ['type 1 as well: E10.9 + K31.84 → E10.43', chart(['K31.84', 'Gastroparesis'], ['E10.9', 'Type 1 diabetes']), ['E109 → E10.43']],
  ['the curated CKD row still applies: E11.9 + N18.4 → E11.22', chart(['N18.4', 'CKD stage 4'], ['E11.9', 'Type 2 diabetes']), ['E119 → E11.22']],
  ['near miss: a condition the tabular does not link (hypertension)', chart(['I10', 'Hypertension'], ['E11.9', 'Type 2 diabetes']), []],
  ['near miss: insulin use (a category-wide note, not a complication)', chart(['E11.9', 'Type 2 diabetes'], ['Z79.4', 'Long-term insulin']), []],
  ['near miss: the combination is already reported', chart(['E11.621', 'Diabetic foot ulcer'], ['L97.412', 'Right heel ulcer']), []],
];

for (const [why, text, expected] of CASES) test(`seq.combination: ${why}`, () => assert.deepEqual(combined(text), expected));

test('seq.combination: hypertensive heart disease with heart failure and CKD: I11.0 + N18.4 → I13.0, + N18.5 → I13.2', () => {
  assert.deepEqual(combined(chart(['I11.0', 'Hypertensive heart disease with heart failure'], ['I50.32', 'Chronic diastolic HF'], ['N18.4', 'CKD stage 4'])), [
    'I110 → I13.0',
  ]);
  assert.deepEqual(combined(chart(['I11.0', 'Hypertensive heart disease with heart failure'], ['I50.32', 'Chronic diastolic HF'], ['N18.5', 'CKD stage 5'])), [
    'I110 → I13.2',
  ]);
});
