// CMS's HAC logic, case by case: each expectation below is the answer CMS's Java grouper gave to
// the claim (../shared/oracle/cms-grouper/run.sh, v40.0 and v43.0), recorded when the case was
// written. Then the chart level: the poa.hac finding, the inlay hint and the DRG come from the same
// HAC decision, so a CAUTI chart that groups as a HAC is called one, and a lone UTI is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { testTables, NO_TABLES } from './helpers';
import { groupClaim } from '../../src/grouper/group';
import { parseClaimLine } from '../../src/grouper/claims';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS } from '../../src/service/context';

interface Case {
  why: string;
  claim: { pdx: string; sdx: string[]; procs?: string[]; dstat?: string; sex?: string; age?: number };
  /** version → [drg, initial DRG, HAC status, per SDX "usage:hacs"] as CMS answered */
  cms: Record<string, [string, string, string, string[]]>;
}

const both = (v: [string, string, string, string[]]) => ({ '400': v, '430': v });

const CASES: Case[] = [
  {
    why: 'HAC 06: catheter code and UTI both POA N — both demoted',
    claim: { pdx: 'J189', sdx: ['T83511A:N', 'N390:N'] },
    cms: both(['195', '194', 'FINAL_DRG_CHANGES', ['NEITHER:1', 'NEITHER:1']]),
  },
  {
    why: 'HAC 06: catheter code POA Y — the UTI POA N is not a HAC',
    claim: { pdx: 'J189', sdx: ['T83511A:Y', 'N390:N'] },
    cms: both(['194', '194', 'NOT_APPLICABLE', ['CC:1', 'CC:1']]),
  },
  {
    why: 'HAC 06: a UTI POA N without a catheter code is not a HAC',
    claim: { pdx: 'J189', sdx: ['N390:N'] },
    cms: both(['194', '194', 'NOT_APPLICABLE', ['CC:1']]),
  },
  {
    why: 'HAC 06: catheter POA U with two show codes — the one POA N goes with it, the one POA Y stays',
    claim: { pdx: 'J189', sdx: ['N10:N', 'T83518A:U', 'N390:Y'] },
    cms: both(['194', '194', 'FINAL_DRG_NO_CHANGE', ['NEITHER:1', 'NEITHER:1', 'CC:1']]),
  },
  {
    why: 'HAC 06: the catheter code CC-excluded by the principal is no HAC, so neither is the UTI',
    claim: { pdx: 'T83518A', sdx: ['T83511A:N', 'N390:N'] },
    cms: both(['699', '699', 'NOT_APPLICABLE', ['CC_EXCLUDED:1', 'CC:1']]),
  },
  { why: 'HAC 06: POA 1 is read as Y', claim: { pdx: 'J189', sdx: ['T83511A:1', 'N390:N'] }, cms: both(['194', '194', 'NOT_APPLICABLE', ['CC:1', 'CC:1']]) },
  {
    why: 'HAC 08: the diagnosis with its procedure',
    claim: { pdx: 'I2510', sdx: ['J9851:N'], procs: ['0210083'] },
    cms: both(['236', '235', 'FINAL_DRG_CHANGES', ['NEITHER:1']]),
  },
  {
    why: 'HAC 08: the diagnosis without the procedure is not a HAC',
    claim: { pdx: 'I2510', sdx: ['J9851:N'] },
    cms: both(['302', '302', 'NOT_APPLICABLE', ['MCC:1']]),
  },
  {
    why: 'HAC 11: principal, secondary and procedure',
    claim: { pdx: 'E6601', sdx: ['K6811:N'], procs: ['0D16079'] },
    cms: both(['621', '620', 'FINAL_DRG_CHANGES', ['NEITHER:1']]),
  },
  {
    why: 'HAC 11/12/13 code without any of its procedures: every entry reported (one before v41.0)',
    claim: { pdx: 'E6601', sdx: ['K6811:N'] },
    cms: { '400': ['641', '641', 'NOT_APPLICABLE', ['CC:1']], '430': ['641', '641', 'NOT_APPLICABLE', ['CC:3']] },
  },
  {
    why: 'HAC 11 needs its principal',
    claim: { pdx: 'J189', sdx: ['K6811:N'], procs: ['0D16079'] },
    cms: { '400': ['982', '982', 'NOT_APPLICABLE', ['CC:1']], '430': ['982', '982', 'NOT_APPLICABLE', ['CC:3']] },
  },
  {
    why: 'an ungroupable initial DRG: no HAC step at all',
    claim: { pdx: 'M4806', sdx: ['T8140XA:U'], procs: ['0RG0070'] },
    cms: both(['999', '999', 'NOT_APPLICABLE', ['NEITHER:0']]),
  },
  { why: 'HAC 05: a fall injury POA N', claim: { pdx: 'I509', sdx: ['S72001A:N'] }, cms: both(['293', '291', 'FINAL_DRG_CHANGES', ['NEITHER:1']]) },
  { why: 'HAC 05: POA W counts as present', claim: { pdx: 'I509', sdx: ['S72001A:W'] }, cms: both(['291', '291', 'NOT_APPLICABLE', ['MCC:1']]) },
  {
    why: 'HAC 04 with an "MCC only if alive" code on a death',
    claim: { pdx: 'J189', sdx: ['L89154:N', 'I469:Y'], dstat: '20' },
    cms: both(['195', '193', 'FINAL_DRG_CHANGES', ['NEITHER:1', 'NEITHER:0']]),
  },
];

for (const c of CASES) {
  for (const [version, [drg, initial, hacStatus, sdx]] of Object.entries(c.cms)) {
    test(`v${version} ${c.why}`, async (t) => {
      const tables = await testTables();
      if (!tables) return t.skip(NO_TABLES);
      const r = groupClaim(tables, parseClaimLine(JSON.stringify({ age: 70, sex: 'F', dstat: '01', procs: [], ...c.claim })), version);
      assert.deepEqual([r.drg, r.initial_drg, r.hac_status, r.sdx.map((s) => `${s.usage}:${s.hacs}`)], [drg, initial, hacStatus, sdx]);
    });
  }
}

const CAUTI = `---
encounter: 2026-009001
age: 81
sex: F
admitted: 2026-02-02
discharged: 2026-02-07
disposition: 01
---

# Assessment and Plan
1. [Community-acquired pneumonia]{dx=J18.9 poa=Y} — ceftriaxone.
2. [Urinary tract infection]{dx=N39.0 poa=N} on day 3 [due to the indwelling urinary catheter]{dx=T83.511A poa=N}.

\`\`\`abstract
PDX  J18.9    Y
SDX  T83.511A N
SDX  N39.0    N
\`\`\`
`;

test('a CAUTI chart: poa.hac on both codes, HAC hints on both, and the DRG the grouper gives (195, not 194)', () => {
  const dir = path.join(__dirname, '..', '..', '..', 'tables', 'build');
  const service = new LanguageService({ tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } });
  const hacLines = (text: string) =>
    service
      .findings(chartInput('c', text))
      .filter((f) => f.rule === 'poa.hac')
      .map((f) => text.split('\n')[f.range.start.line]!.trim().split(/\s+/)[1]);
  const hintLines = (text: string) =>
    service
      .inlayHints(chartInput('c', text))
      .filter((h) => h.label === 'HAC')
      .map((h) => text.split('\n')[h.position.line]!.trim().split(/\s+/)[1]);
  assert.deepEqual(hacLines(CAUTI), ['T83.511A', 'N39.0']);
  assert.deepEqual(hintLines(CAUTI), ['T83.511A', 'N39.0']);
  assert.match(service.codeLenses(chartInput('c', CAUTI))[0]!.title, /^MS-DRG 195 /);
  // The catheter code present on admission: N39.0 POA N is then no HAC — no finding, no hint, DRG 194.
  const catheterY = CAUTI.replace('SDX  T83.511A N', 'SDX  T83.511A Y').replace('T83.511A poa=N', 'T83.511A poa=Y');
  assert.deepEqual(hacLines(catheterY), []);
  assert.deepEqual(hintLines(catheterY), []);
  assert.match(service.codeLenses(chartInput('c', catheterY))[0]!.title, /^MS-DRG 194 /);
});
