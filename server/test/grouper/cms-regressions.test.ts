// Disagreements with CMS's own grouper found by scripts/grouper-oracle.ts, each fixed in the grouper
// and kept here as a case table. Every expected DRG is CMS's answer (../shared/oracle/cms-grouper/run.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testTables, NO_TABLES } from './helpers';
import { groupClaim, type Claim } from '../../src/grouper/group';

function claim(pdx: string, procs: string[], sdx: string[] = []): Claim {
  return { age: 70, sex: 'M', dstat: '01', pdx, sdx: sdx.map((code) => ({ code, poa: 'Y' })), procs };
}

// v40.0–v40.1 DRGs 246 and 248 count the stents of drug-eluting (NORdrugstent), resp. other
// (NORstent), stent procedures only; the same procedure reported twice counts twice.
const STENTS: { name: string; procs: string[]; v400: string; v401?: string }[] = [
  { name: 'one artery, four non-drug-eluting stents', procs: ['02704GZ'], v400: '248' },
  { name: 'three + two non-drug-eluting stents', procs: ['02703EZ', '02703FZ'], v400: '248' },
  { name: 'non-drug-eluting 1 + 1 + 2 (a code twice)', procs: ['02703DZ', '02703DZ', '02703EZ'], v400: '248' },
  { name: 'four-or-more + radioactive + three stents (oracle claim g401-21-64)', procs: ['02704GZ', '02704TZ', '02703FZ'], v400: '248', v401: '248' },
  { name: 'drug-eluting 1 + 3', procs: ['027034Z', '027036Z'], v400: '246' },
  { name: 'drug-eluting 1 + 1 + 2 (a code twice)', procs: ['027034Z', '027034Z', '027035Z'], v400: '246' },
  { name: 'one drug-eluting + four other stents: neither count reaches four', procs: ['027034Z', '02703GZ'], v400: '247' },
  { name: 'two drug-eluting + two other stents', procs: ['027035Z', '02713EZ'], v400: '247' },
  { name: 'three drug-eluting + one other stent', procs: ['027036Z', '02703DZ'], v400: '247' },
];

for (const c of STENTS)
  test(`v40 stent counts: ${c.name} → ${c.v400}`, async (t) => {
    const tables = await testTables();
    if (!tables) return t.skip(NO_TABLES);
    assert.equal(groupClaim(tables, claim('I2510', c.procs), '400').drg, c.v400);
    assert.equal(groupClaim(tables, claim('I2510', c.procs), '401').drg, c.v401 ?? c.v400);
  });
