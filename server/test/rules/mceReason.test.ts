// mce.* on the principal diagnosis give the flag's own reason when the tabular has one (a "code
// first" note: J12.82 needs U07.1 as principal), action first; otherwise the edit's wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { loadMceTables } from '../../src/mce/tables';
import { defaultTablesDir } from '../../src/tables/format';
import { HEADER } from '../helpers/markers';

const ctx: ServiceContext = { tables: loadTables(), mce: loadMceTables(defaultTablesDir()), settings: DEFAULT_SETTINGS };
const chart = (pdx: string, text: string) => `${HEADER}# Assessment\n[${text}]{dx=${pdx} poa=Y}\n\`\`\`abstract\nPDX  ${pdx}  Y\n\`\`\`\n`;

const CASES: [why: string, pdx: string, text: string, message: RegExp][] = [
  [
    'COVID-19 pneumonia needs U07.1 as principal',
    'J12.82',
    'Pneumonia due to COVID-19',
    /^Sequence U07\.1 first: J12\.82 .*needs it as principal .*unacceptable principal diagnosis\.$/,
  ],
  ["a history code has no code-first note: the edit's own wording", 'Z87.891', 'History of nicotine dependence', /^MCE unacceptable pdx: Z87\.891 — /],
];

for (const [why, pdx, text, message] of CASES) {
  test(`mce.unacceptable-pdx: ${why}`, () => {
    const f = computeFindings(parseChart(chart(pdx, text)), ctx).filter((x) => x.rule === 'mce.unacceptable-pdx');
    assert.equal(f.length, 1);
    assert.match(f[0].message, message);
  });
}
