// End to end: charts discharged in FY2023, FY2024 and FY2025 (fixtures/charts/*.chart) group with
// the grouper version of their discharge date and agree with CMS's Java grouper on that version
// (expected values are CMS's answers to the same abstracts: run.sh --version 400|401|410|411|420|421).
// Each secondary diagnosis is `code:severity[/x when CC-excluded]:hacs` as CMS reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testTables, NO_TABLES } from './helpers';
import { parseChart } from '../../src/chart/parse';
import { chartAbstract } from '../../src/drg/chartAbstract';
import { groupAbstract } from '../../src/grouper/impact';

const DIR = path.join(__dirname, 'fixtures', 'charts');

/** [chart, version chosen by the discharge date, CMS's DRG, MDC, HAC status, secondary diagnoses]. */
const CASES: [string, string, string, string, string, string][] = [
  ['fy23-cabg-hac08', '401', '236', '05', 'FINAL_DRG_CHANGES', 'J9851:NCC:1 T8141XA:CC:1'],
  ['fy23-cauti', '400', '195', '04', 'FINAL_DRG_CHANGES', 'T83511A:NCC:1 N390:NCC:1 E119:NCC:0'],
  ['fy23-l271', '400', '607', '09', 'NOT_APPLICABLE', 'E119:NCC:0'],
  ['fy23-m355', '400', '546', '08', 'NOT_APPLICABLE', 'N179:CC:0'],
  ['fy23-s0240ek', '400', '564', '08', 'NOT_APPLICABLE', 'J189:MCC:0'],
  ['fy23-stents', '401', '248', '05', 'NOT_APPLICABLE', ''],
  ['fy23-unrelated-or', '401', '982', '05', 'NOT_APPLICABLE', 'N179:CC:0'],
  ['fy24-cauti-n10', '411', '292', '05', 'FINAL_DRG_NO_CHANGE', 'T83511A:NCC:1 N10:NCC:1 N179:CC:0'],
  ['fy24-cied-hac13', '410', '244', '05', 'FINAL_DRG_CHANGES', 'T827XXA:NCC:1'],
  ['fy24-ecmo', '411', '003', '05', 'NOT_APPLICABLE', 'J9601:MCC:0'],
  ['fy24-newborn', '411', '790', '15', 'NOT_APPLICABLE', 'P0735:NCC:0 P220:NCC:0 P599:NCC:0'],
  ['fy24-tka-hac10', '410', '470', '08', 'FINAL_DRG_CHANGES', 'I2699:NCC:1 I10:NCC:0'],
  ['fy25-ami-xfer', '420', '282', '05', 'NOT_APPLICABLE', 'E119:NCC:0'],
  ['fy25-bariatric-hac11', '421', '621', '10', 'FINAL_DRG_CHANGES', 'Z6841:NCC/x:0 T8143XA:NCC:1'],
  ['fy25-hip', '421', '481', '08', 'NOT_APPLICABLE', 'D62:CC:0 W19XXXA:NCC:0 Y92009:NCC:0'],
  ['fy25-pneumothorax-hac14', '420', '684', '11', 'FINAL_DRG_CHANGES', 'J95811:NCC:1'],
  ['fy25-sepsis', '420', '870', '18', 'NOT_APPLICABLE', 'R6521:MCC:0 J9601:MCC:0 N179:CC:0'],
  ['fy25-trauma', '421', '965', '24', 'NOT_APPLICABLE', 'S270XXA:NCC:0 S36116A:NCC:0'],
];

for (const [name, version, drg, mdc, hac, sdx] of CASES)
  test(`${name}: v${version} DRG ${drg} (${hac}) as CMS`, async (t) => {
    const tables = await testTables();
    if (!tables) return t.skip(NO_TABLES);
    const built = chartAbstract(parseChart(fs.readFileSync(path.join(DIR, `${name}.chart`), 'utf8')), tables);
    assert.ok(built.ok, built.ok ? '' : built.message);
    assert.equal(built.abstract.version, version);
    const r = groupAbstract(tables, built.abstract);
    assert.deepEqual([r.drg, r.mdc, r.hac_status], [drg, mdc, hac]);
    assert.equal(r.sdx.map((s) => `${s.code}:${s.severity}${s.cc_excluded ? '/x' : ''}:${s.hacs}`).join(' '), sdx);
  });
