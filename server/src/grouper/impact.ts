// DRG impact for the editor (hover, code lens, DRG analysis): the DRG of an abstract, and the DRG
// with one code removed, one code added, or another reported diagnosis as principal. Pure
// functions over the grouper; weights come from the caller (the pricer table of the release).
import { groupClaim, type Claim, type ClaimDx, type GroupResult, type Poa, type Sex } from './group';
import type { MsdrgTables, Severity } from './tables';
import { normalizeCode } from '../base/codes';

export interface DrgAbstract {
  pdx: string;
  pdxPoa?: Poa;
  sdx: ClaimDx[];
  procs: string[];
  age: number;
  sex: Sex;
  dstat: string;
  /** Grouper version ("430", "431", …): choose it with tables.versionFor(dischargeDate). */
  version: string;
}

export type WeightOf = (drg: string) => { weight: number; gmlos: number; title: string } | null;

export interface DrgOutcome {
  drg: string;
  mdc: string;
  title: string | null;
  medsurg: GroupResult['medsurg'];
  returnCode: GroupResult['return_code'];
  weight: number | null;
  gmlos: number | null;
}

export interface DrgChange {
  /** The DRG as the abstract stands (for an addition: without the added code). */
  before: DrgOutcome;
  /** The DRG after the change. */
  after: DrgOutcome;
  changes: boolean;
  /** after.weight − before.weight when both are known. */
  weightDelta: number | null;
}

export interface SdxImpact extends DrgChange {
  index: number;
  code: string;
  poa: string;
  severity: Severity;
  ccExcluded: boolean;
  hac: boolean;
}

export interface PrincipalAlternative {
  code: string;
  outcome: DrgOutcome;
}

function toClaim(a: DrgAbstract): Claim {
  return {
    age: a.age,
    sex: a.sex,
    dstat: a.dstat,
    pdx: normalizeCode(a.pdx),
    pdxPoa: a.pdxPoa,
    sdx: a.sdx.map((d) => ({ code: normalizeCode(d.code), poa: d.poa })),
    procs: a.procs.map(normalizeCode),
  };
}

/** A grouper result as a DRG outcome, with the weight and title of `weightOf` (the release's pricer table). */
export function outcome(tables: MsdrgTables, version: string, r: GroupResult, weightOf?: WeightOf): DrgOutcome {
  const w = weightOf?.(r.drg) ?? null;
  return {
    drg: r.drg,
    mdc: r.mdc,
    title: w?.title ?? tables.drgTitle(r.drg, version),
    medsurg: r.medsurg,
    returnCode: r.return_code,
    weight: w?.weight ?? null,
    gmlos: w?.gmlos ?? null,
  };
}

function change(before: DrgOutcome, after: DrgOutcome): DrgChange {
  return {
    before,
    after,
    changes: before.drg !== after.drg,
    weightDelta: before.weight !== null && after.weight !== null ? Math.round((after.weight - before.weight) * 10000) / 10000 : null,
  };
}

/** The abstract's DRG (full grouper result with the grouping path). */
export function groupAbstract(tables: MsdrgTables, a: DrgAbstract): GroupResult {
  return groupClaim(tables, toClaim(a), a.version, { path: true });
}

export function currentDrg(tables: MsdrgTables, a: DrgAbstract, weightOf?: WeightOf): DrgOutcome {
  return outcome(tables, a.version, groupClaim(tables, toClaim(a), a.version), weightOf);
}

/**
 * For each secondary diagnosis: the DRG without it (removal what-if), with its CC/MCC status.
 * `base` is the abstract already grouped (groupAbstract), when the caller has it.
 */
export function sdxRemovalImpacts(
  tables: MsdrgTables,
  a: DrgAbstract,
  weightOf?: WeightOf,
  base: GroupResult = groupClaim(tables, toClaim(a), a.version),
): SdxImpact[] {
  const claim = toClaim(a);
  const before = outcome(tables, a.version, base, weightOf);
  return claim.sdx.map((d, i) => {
    const without = groupClaim(tables, { ...claim, sdx: claim.sdx.filter((_, j) => j !== i) }, a.version);
    const s = base.sdx[i]!;
    return {
      index: i,
      code: d.code,
      poa: d.poa,
      severity: s.severity,
      ccExcluded: s.cc_excluded,
      hac: s.hacMet.length > 0,
      ...change(before, outcome(tables, a.version, without, weightOf)),
    };
  });
}

/** One secondary diagnosis removed (by index in `a.sdx`). */
export function removalImpact(tables: MsdrgTables, a: DrgAbstract, index: number, weightOf?: WeightOf): DrgChange {
  const claim = toClaim(a);
  const before = outcome(tables, a.version, groupClaim(tables, claim, a.version), weightOf);
  const after = outcome(tables, a.version, groupClaim(tables, { ...claim, sdx: claim.sdx.filter((_, j) => j !== index) }, a.version), weightOf);
  return change(before, after);
}

/**
 * A code added as a secondary diagnosis with its POA (an annotated code not yet in the abstract).
 * `before` is the abstract's DRG as it stands, when the caller has it.
 */
export function additionImpact(
  tables: MsdrgTables,
  a: DrgAbstract,
  add: ClaimDx,
  weightOf?: WeightOf,
  before: DrgOutcome = currentDrg(tables, a, weightOf),
): DrgChange & { severity: Severity; ccExcluded: boolean } {
  const claim = toClaim(a);
  const withCode = groupClaim(tables, { ...claim, sdx: [...claim.sdx, { code: normalizeCode(add.code), poa: add.poa }] }, a.version);
  const added = withCode.sdx[withCode.sdx.length - 1]!;
  return { ...change(before, outcome(tables, a.version, withCode, weightOf)), severity: added.severity, ccExcluded: added.cc_excluded };
}

/** A procedure added (what-if for an annotated PCS code); `before` as for additionImpact. */
export function procedureAdditionImpact(
  tables: MsdrgTables,
  a: DrgAbstract,
  code: string,
  weightOf?: WeightOf,
  before: DrgOutcome = currentDrg(tables, a, weightOf),
): DrgChange {
  const claim = toClaim(a);
  return change(before, outcome(tables, a.version, groupClaim(tables, { ...claim, procs: [...claim.procs, normalizeCode(code)] }, a.version), weightOf));
}

/**
 * Each reported secondary diagnosis tried as principal (the current principal becomes a secondary
 * with POA Y). Information only: the guidelines, not the DRG, decide the sequence.
 */
export function alternativePrincipals(tables: MsdrgTables, a: DrgAbstract, weightOf?: WeightOf): PrincipalAlternative[] {
  const claim = toClaim(a);
  const out: PrincipalAlternative[] = [];
  const seen = new Set<string>([claim.pdx]);
  claim.sdx.forEach((d, i) => {
    if (seen.has(d.code)) return;
    seen.add(d.code);
    if (!tables.dxInfo(d.code, a.version)) return; // not a code of this version
    const sdx = [{ code: claim.pdx, poa: (claim.pdxPoa || 'Y') as Poa }, ...claim.sdx.filter((_, j) => j !== i)];
    const r = groupClaim(tables, { ...claim, pdx: d.code, pdxPoa: d.poa, sdx }, a.version);
    out.push({ code: d.code, outcome: outcome(tables, a.version, r, weightOf) });
  });
  return out;
}

/**
 * The HAC categories each secondary diagnosis meets on this abstract, as the grouper applies them
 * (index in `a.sdx` → HAC numbers; a code meeting none is left out): the one source for findings
 * and hints that call a code a hospital-acquired condition, so they agree with the DRG.
 */
export function hacConditions(tables: MsdrgTables, a: DrgAbstract): Map<number, readonly number[]> {
  const out = new Map<number, readonly number[]>();
  groupClaim(tables, toClaim(a), a.version).sdx.forEach((s, i) => s.hacMet.length && out.set(i, s.hacMet));
  return out;
}
