// Hand-made cases, one per step of the grouping flow; the reason is in each test name.
// Expected DRGs are CMS's (checked by hand against the Java grouper, ../shared/oracle/README.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testTables, NO_TABLES } from './helpers';
import { groupClaim, type Claim, type ClaimDx } from '../../src/grouper/group';
import type { MsdrgTables } from '../../src/grouper/tables';

function claim(pdx: string, sdx: (string | ClaimDx)[] = [], procs: string[] = [], extra: Partial<Claim> = {}): Claim {
  return { age: 65, sex: 'M', dstat: '01', pdx, sdx: sdx.map((d) => (typeof d === 'string' ? { code: d, poa: 'Y' } : d)), procs, ...extra };
}

async function withTables(t: { skip(msg: string): void }, fn: (tables: MsdrgTables) => void): Promise<void> {
  const tables = await testTables();
  if (!tables) return t.skip(NO_TABLES);
  fn(tables);
}

const drg = (tables: MsdrgTables, c: Claim, v = '430') => groupClaim(tables, c, v).drg;

test('AMI discharged alive groups to 282, expired to 285 (discharge status token)', (t) =>
  withTables(t, (tb) => {
    assert.equal(drg(tb, claim('I214')), '282');
    assert.equal(drg(tb, claim('I214', [], [], { dstat: '20' })), '285');
  }));

test('pneumonia: no CC → 195, CC → 194, MCC → 193 (CC/MCC severity)', (t) =>
  withTables(t, (tb) => {
    assert.equal(drg(tb, claim('J189')), '195');
    assert.equal(drg(tb, claim('J189', ['N179'])), '194');
    assert.equal(drg(tb, claim('J189', ['J9601'])), '193');
  }));

test('heart failure with its own sibling code: I50.22 is CC-excluded by I50.23 → 293 (PDX exclusion)', (t) =>
  withTables(t, (tb) => {
    assert.equal(drg(tb, claim('I5023', ['N184'])), '292');
    assert.equal(drg(tb, claim('I5023', ['J9601'])), '291');
    const r = groupClaim(tb, claim('I5023', ['I5022']), '430');
    assert.equal(r.drg, '293');
    assert.equal(r.sdx[0]!.cc_excluded, true);
    assert.equal(r.sdx[0]!.severity, 'NCC');
  }));

test('sepsis: 872, with severe sepsis MCC 871, with >96 h ventilation 870 (non-O.R. procedure operand)', (t) =>
  withTables(t, (tb) => {
    assert.equal(drg(tb, claim('A419')), '872');
    assert.equal(drg(tb, claim('A419', ['R6521'])), '871');
    assert.equal(drg(tb, claim('A419', ['R6521'], ['5A1955Z'])), '870');
  }));

test('knee replacement routes to the surgical DRG 470 (O.R. procedure in the PDX MDC)', (t) =>
  withTables(t, (tb) => {
    const r = groupClaim(tb, claim('M1711', [], ['0SRC0J9']), '430');
    assert.equal(r.drg, '470');
    assert.equal(r.medsurg, 'SURGICAL');
    assert.equal(r.procs[0]!.is_or, true);
  }));

test('tracheostomy with >96 h ventilation goes pre-MDC: 004', (t) =>
  withTables(t, (tb) => {
    const r = groupClaim(tb, claim('J9601', [], ['0B110F4', '5A1955Z']), '430');
    assert.equal(r.drg, '004');
    assert.equal(r.mdc, '04'); // pre-MDC DRGs report the principal's MDC
  }));

test('pressure ulcer stage 4 acquired in hospital (POA N) is a HAC: the MCC does not count → 195', (t) =>
  withTables(t, (tb) => {
    const n = groupClaim(tb, claim('J189', [{ code: 'L89154', poa: 'N' }]), '430');
    assert.equal(n.drg, '195');
    assert.equal(n.initial_drg, '193');
    assert.equal(n.hac_status, 'FINAL_DRG_CHANGES');
    assert.equal(n.sdx[0]!.severity, 'NCC');
    const y = groupClaim(tb, claim('J189', [{ code: 'L89154', poa: 'Y' }]), '430');
    assert.equal(y.drg, '193');
    assert.equal(y.hac_status, 'NOT_APPLICABLE');
  }));

test('an O.R. procedure unrelated to the principal MDC goes to 981–983 (reroute to the unrelated O.R. list)', (t) =>
  withTables(t, (tb) => {
    // Pneumonia with a knee replacement: the procedure is not in MDC 4's surgical formulas.
    const r = groupClaim(tb, claim('J189', [], ['0SRC0J9']), '430');
    assert.equal(r.drg, '983');
    assert.equal(r.mdc, '04');
  }));

test('an external-cause code cannot be principal: 999 DX_CANNOT_BE_PDX, no secondary counts', (t) =>
  withTables(t, (tb) => {
    const r = groupClaim(tb, claim('V110XXS', ['J9601']), '430');
    assert.equal(r.drg, '999');
    assert.equal(r.return_code, 'DX_CANNOT_BE_PDX');
    assert.equal(r.sdx[0]!.severity, 'NCC');
  }));

test('an unknown principal is ungroupable with INVALID_PDX', (t) =>
  withTables(t, (tb) => {
    const r = groupClaim(tb, claim('ZZZ999'), '430');
    assert.equal(r.drg, '999');
    assert.equal(r.return_code, 'INVALID_PDX');
  }));

test('a principal whose MDC depends on sex routes by sex (12 male, 13 female)', (t) =>
  withTables(t, (tb) => {
    assert.equal(groupClaim(tb, claim('A5409', [], [], { sex: 'M' }), '430').mdc, '12');
    assert.equal(groupClaim(tb, claim('A5409', [], [], { sex: 'F' }), '430').mdc, '13');
    const u = groupClaim(tb, claim('A5409', [], [], { sex: 'U' }), '430');
    assert.equal(u.drg, '999');
    assert.equal(u.return_code, 'INVALID_SEX');
  }));

test('an "MCC only if alive" code does not count when the patient died', (t) =>
  withTables(t, (tb) => {
    const alive = groupClaim(tb, claim('J189', ['I469']), '430');
    const died = groupClaim(tb, claim('J189', ['I469'], [], { dstat: '20' }), '430');
    assert.equal(alive.sdx[0]!.severity, 'MCC');
    assert.equal(died.sdx[0]!.severity, 'NCC');
  }));

test('the principal repeated as a secondary is ignored for HAC and severity', (t) =>
  withTables(t, (tb) => {
    const r = groupClaim(tb, claim('S52046C', [{ code: 'S52046C', poa: 'U' }]), '430');
    assert.equal(r.hac_status, 'NOT_APPLICABLE');
  }));

test('versions switch on the discharge date: v43.0 until 2026-03-31, v43.1 from 2026-04-01', (t) =>
  withTables(t, (tb) => {
    assert.equal(tb.versionFor('2025-10-01'), '430');
    assert.equal(tb.versionFor('2026-03-31'), '430');
    assert.equal(tb.versionFor('2026-04-01'), '431');
    assert.equal(tb.versionFor('2025-09-30'), '421');
    assert.equal(tb.versionFor('2022-09-30'), null);
    assert.deepEqual(tb.versions, ['400', '401', '410', '411', '420', '421', '430', '431']);
  }));

test('an older version is selectable explicitly and keeps its own titles', (t) =>
  withTables(t, (tb) => {
    assert.equal(drg(tb, claim('J189', ['J9601']), '400'), '193');
    assert.equal(tb.drgTitle(1, '400'), 'Heart transplant or implant of heart assist system with MCC');
    assert.equal(tb.drgTitle(1, '430'), 'Heart Transplant or Implant of Heart Assist System with MCC');
  }));

test('dxInfo and prInfo give the hover facts: MDC, severity, exclusions, HACs, O.R. status', (t) =>
  withTables(t, (tb) => {
    const l89 = tb.dxInfo('L89.154', '430')!;
    assert.equal(l89.severity, 'MCC');
    assert.deepEqual(l89.hacs, ['04']);
    assert.ok(l89.ccExclusionGroups.length > 0);
    assert.equal(tb.dxInfo('I50.23', '430')!.mdc, 5);
    assert.equal(tb.dxInfo('NOPE', '430'), null);
    assert.equal(tb.prInfo('0SRC0J9', '430')!.isOR, true);
    assert.equal(tb.prInfo('5A1955Z', '430')!.isOR, false);
    assert.throws(() => tb.dxInfo('I5023', '999'), /version 999 is not in the tables/);
  }));

test('affects_drg marks the code that qualified the DRG: the MCC, the O.R. procedure, a HAC code in both passes', (t) =>
  withTables(t, (tb) => {
    const mcc = groupClaim(tb, claim('J189', ['N179', 'J9601', 'E785']), '430', { affectsDrg: true });
    assert.deepEqual(
      mcc.sdx.map((s) => s.affects_drg),
      ['NONE', 'BOTH', 'NONE'],
    );
    const knee = groupClaim(tb, claim('M1711', [], ['0SRC0J9', '5A1955Z']), '430', { affectsDrg: true });
    assert.deepEqual(
      knee.procs.map((p) => p.affects_drg),
      ['BOTH', 'NONE'],
    );
    const hac = groupClaim(tb, claim('J189', [{ code: 'L89154', poa: 'N' }]), '430', { affectsDrg: true });
    assert.equal(hac.sdx[0]!.affects_drg, 'BOTH');
    // Two MCCs: CMS's tie-breaker marks the lowest code.
    const two = groupClaim(tb, claim('J189', ['R6521', 'J9601']), '430', { affectsDrg: true });
    assert.deepEqual(
      two.sdx.map((s) => s.affects_drg),
      ['NONE', 'BOTH'],
    );
  }));
