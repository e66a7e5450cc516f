// The MS-DRG grouper: interprets CMS's decision tables (formulas ranked per MDC, diagnosis and
// procedure operands, CC exclusions, procedure clusters, HAC formulas). No per-DRG logic here:
// the only hand-written knowledge is what the formula tokens mean (MCC, ALIVE, MULTST, …).
import { compileFormula, parseFormula, type Compiled, type FormulaEnv, type FormulaNode } from './formula';
import type { MsdrgTables, MsdrgVersionTables, DxInfo, PrInfo, Severity } from './tables';
import type { FormulaRow } from './format';

export type Sex = 'M' | 'F' | 'U';
export type Poa = 'Y' | 'N' | 'U' | 'W' | '1' | '';

export interface ClaimDx {
  code: string;
  poa: Poa;
}

/** A claim as the grouper sees it (codes undotted). */
export interface Claim {
  id?: string;
  age: number;
  sex: Sex;
  /** 2-digit UB-04 discharge status ("01", "20", …). */
  dstat: string;
  pdx: string;
  pdxPoa?: Poa;
  sdx: ClaimDx[];
  procs: string[];
  /** Discharge date (YYYY-MM-DD): chooses the version when none is given, and the Code Editor's release. */
  discharged?: string;
  /** Length of stay in days (the Code Editor's length-of-stay edit). */
  los?: number;
}

export type ReturnCode =
  | 'OK'
  | 'DX_CANNOT_BE_PDX'
  | 'INVALID_SEX'
  | 'INVALID_DISCHARGE_STATUS'
  | 'INVALID_PDX'
  | 'HAC_MISSING_ONE_POA'
  | 'HAC_STATUS_INVALID_POA_N_OR_U'
  | 'HAC_STATUS_INVALID_POA_INVALID_OR_1'
  | 'HAC_STATUS_INVALID_MULT_HACS_POA_NOT_Y_W';

export type Usage = 'MCC' | 'CC' | 'NEITHER' | 'CC_EXCLUDED' | 'MCC_EXCLUDED' | 'CC_EXCLUDED_BY_DRG_LOGIC' | 'MCC_EXCLUDED_BY_DRG_LOGIC';
export type AffectsDrg = 'NONE' | 'INITIAL' | 'FINAL' | 'BOTH';

export interface SdxResult {
  code: string;
  poa: string;
  severity: Severity;
  usage: Usage;
  cc_excluded: boolean;
  /** The number of HAC entries CMS reports for the code (see markHacs: 1 for POA Y/W, …). */
  hacs: number;
  affects_drg: AffectsDrg;
  /**
   * The HAC categories whose criteria the code meets on this claim (non-CC in the final DRG); not
   * part of CMS's answer line (not an own enumerable field: JSON.stringify leaves it out).
   */
  readonly hacMet: readonly number[];
}
/** Where an SdxResult keeps its met HAC categories: a symbol key, which JSON.stringify leaves out. */
const HAC_MET = Symbol('hacMet');

/**
 * A secondary diagnosis's result: its own enumerable fields are exactly CMS's answer fields, in
 * CMS's order, so an answer line is a plain JSON.stringify; `hacMet` is read through the prototype.
 */
class SdxAnswer implements SdxResult {
  [HAC_MET]: readonly number[];
  constructor(
    public code: string,
    public poa: string,
    public severity: Severity,
    public usage: Usage,
    public cc_excluded: boolean,
    public hacs: number,
    public affects_drg: AffectsDrg,
    hacMet: readonly number[],
  ) {
    this[HAC_MET] = hacMet;
  }
  get hacMet(): readonly number[] {
    return this[HAC_MET];
  }
}

export interface ProcResult {
  code: string;
  is_or: boolean;
  affects_drg: AffectsDrg;
}
export interface GroupResult {
  id?: string;
  version: string;
  drg: string;
  mdc: string;
  medsurg: 'MEDICAL' | 'SURGICAL' | 'NONE';
  return_code: ReturnCode;
  initial_drg: string;
  severity: 'MCC' | 'CC' | 'NON_CC' | 'NONE';
  hac_status: 'NOT_APPLICABLE' | 'FINAL_DRG_NO_CHANGE' | 'FINAL_DRG_CHANGES' | 'FINAL_DRG_UNGROUPABLE';
  sdx: SdxResult[];
  procs: ProcResult[];
  /** How the DRG was reached (for the DRG analysis view). */
  path?: GroupPath;
}
export interface GroupPath {
  pdxMdc: number;
  /** MDC lists visited in order (0 = pre-MDC, 29 = unrelated O.R. procedures, 99 = ungroupable). */
  lists: number[];
  formula: string;
  baseDrg: number;
  /** Secondary diagnoses (indexes) that made the MCC/CC of the final DRG. */
  severityFrom: number[];
}

export interface GroupOptions {
  /** Compute affects_drg for each code (CMS's marking logic, approximated; see docs/grouper.md). */
  affectsDrg?: boolean;
  /** Record the grouping path. */
  path?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Claim-level tokens of the formulas.

/** Valid UB-04 discharge statuses known to the grouper. */
const VALID_DSTAT = new Set([
  1, 2, 3, 4, 5, 6, 7, 20, 21, 30, 43, 50, 51, 61, 62, 63, 64, 65, 66, 69, 70, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,
]);
/** Transfers to another acute care hospital (for the newborn "died or transferred" DRG). */
const TRANSFER_ACUTE = new Set([2, 5, 66, 82, 85, 94]);
const DIED = 20;
const AMA = 7;

const ERROR_TOKENS: Record<string, ReturnCode> = {
  INVALID_PDX: 'INVALID_PDX',
  PDX_ECODE: 'DX_CANNOT_BE_PDX',
  INVALID_SEX: 'INVALID_SEX',
  INVALID_DSTAT: 'INVALID_DISCHARGE_STATUS',
};

/** Significant-trauma body-site operands (multiple significant trauma = two or more sites). */
const TRAUMA_SITES = ['sthead', 'stchest', 'stabdom', 'stkidney', 'sturin', 'stpel', 'stuplimb', 'stlolimb'];
/** Joint operands, in the grouper's order: two procedures on two of them are bilateral/multiple. */
const JOINTS = ['righthip', 'rightknee', 'rightankle', 'lefthip', 'leftknee', 'leftankle'];
/**
 * Counter tokens (spinal fusion levels): the operands counted over the procedures, whether every
 * operand must occur, and the least count that makes the token true.
 */
const COUNTERS: Record<string, { attrs: string[]; all: boolean; min: number }> = {
  SINGLEFUSIONCTR: { attrs: ['sglantfuse', 'sglpostfuse'], all: true, min: 3 },
  SGLANTCTR: { attrs: ['sglantfuse'], all: true, min: 2 },
  SGLPOST1CTR: { attrs: ['sglpostfuse1'], all: true, min: 2 },
  SGLANTSECTXCTR: { attrs: ['sglantsectXfuse'], all: false, min: 2 },
  SGLPOSTFUSECTR: { attrs: ['sglpostfuse'], all: false, min: 2 },
  MULTFUSE: { attrs: ['sglantfuse', 'sglpostfuse1'], all: false, min: 2 },
};

// ---------------------------------------------------------------------------------------------
// Compiled formulas per version.

interface CompiledRow {
  row: FormulaRow;
  test: Compiled;
  error: ReturnCode | null;
  /** A marker row that never selects anything (MDCnn, return-code checks). */
  inert: boolean;
  suppression: readonly string[];
}

const compiledCache = new WeakMap<MsdrgVersionTables, Map<number, CompiledRow[]>>();
const hacCache = new WeakMap<MsdrgVersionTables, Map<number, Compiled[]>>();

/** Bare identifiers that are claim-level tokens rather than procedure attributes. */
const TOKENS = new Set([
  'MCC',
  'CC',
  'ALIVE',
  'DIED',
  'AMA',
  'XFRNBA',
  'INVALID_DSTAT',
  'INVALID_PDX',
  'PDX_ECODE',
  'INVALID_SEX',
  'ANYDX',
  'ERRORDRG',
  'ORPROC',
  'MULTST',
  'BILATERAL',
  'FOUR_STENTS',
  'FOUR_VESSELS',
  'MDC_20_FALL_THRU',
  'FOUR_DRUG_ELUTING_STENTS',
  'FOUR_NON_DRUG_ELUTING_STENTS',
  'SINGLEFUSIONCTR',
  'SGLANTCTR',
  'SGLPOST1CTR',
  'SGLANTSECTXCTR',
  'SGLPOSTFUSECTR',
  'MULTFUSE',
]);

function operandOf(id: string): Compiled {
  const colon = id.indexOf(':');
  if (colon > 0) {
    const prefix = id.slice(0, colon);
    const name = id.slice(colon + 1);
    switch (prefix) {
      case 'PDX':
        return (env) => env.pdx(name);
      case 'SDX':
        return (env) => env.sdx(name);
      case 'ANY':
        return (env) => env.any(name);
      case 'ONLY':
        return (env) => env.only(name);
      default:
        return () => false;
    }
  }
  if (TOKENS.has(id)) return (env) => env.token(id);
  return (env) => env.proc(id);
}

function compiledLists(v: MsdrgVersionTables): Map<number, CompiledRow[]> {
  let lists = compiledCache.get(v);
  if (lists) return lists;
  lists = new Map();
  for (const [mdc, rows] of v.formulasByMdc) {
    lists.set(
      mdc,
      rows.map((row) => {
        const f = row.formula.trim();
        const tokens = f.split(/[^A-Za-z0-9_]+/).filter(Boolean);
        const error = row.drg === 0 && row.reroute === 0 ? (tokens.map((t) => ERROR_TOKENS[t]).find(Boolean) ?? null) : null;
        const inert = row.drg === 0 && row.reroute === 0 && !error;
        const suppression = row.suppression.length ? row.suppression : NO_SUPPRESSION;
        return { row, test: inert ? () => false : compileFormula(f, operandOf), error, inert, suppression };
      }),
    );
  }
  compiledCache.set(v, lists);
  return lists;
}

/** The HAC formulas of a version by HAC number (CMS: the formula list of the number; any one true meets it). */
function hacTestsByNumber(v: MsdrgVersionTables): Map<number, Compiled[]> {
  let t = hacCache.get(v);
  if (!t) {
    t = new Map();
    for (const h of v.hacFormulas) {
      let list = t.get(h.hac);
      if (!list) t.set(h.hac, (list = []));
      list.push(compileFormula(h.formula, operandOf));
    }
    hacCache.set(v, t);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------

interface SdxState {
  code: string;
  poa: string;
  info: DxInfo | null;
  attrs: ReadonlySet<string>;
  base: Severity; // table severity (NCC for unknown codes)
  excluded: boolean; // a CC/MCC CC-excluded by the principal
  excludedAny: boolean; // in the principal's CC-exclusion list, whatever its severity (CMS marks it EXCLUDED)
  hacs: number; // the size of CMS's HAC list for the code
  hacMet: readonly number[]; // HAC categories whose criteria the code meets: non-CC in the final grouping
  diedDemoted: boolean; // an "MCC only if alive" code on a claim of a patient who died
}

interface ProcState {
  code: string;
  info: PrInfo | null;
  attrs: string[];
  /** CMS's ORPROC attribute: the procedure is in the O.R. lists d468 or d477 (ProcedureAttributeProcessor). */
  orproc: boolean;
  suppressedIn: Set<number>;
  cluster?: boolean; // added for a complete procedure cluster (not a claim code)
}

interface Prepared {
  v: MsdrgVersionTables;
  claim: Claim;
  pdx: DxInfo | null;
  pdxAttrs: ReadonlySet<string>;
  pdxMdc: number; // -1 when sex is needed and unknown
  sexInvalid: boolean;
  sdx: SdxState[];
  sdxAttrs: Set<string>; // every operand of the secondary diagnoses
  procs: ProcState[]; // claim procedures then complete clusters (pseudo-codes)
  dstat: number;
  dstatValid: boolean;
}

const NO_SUPPRESSION: readonly string[] = [];
const NO_HACS: readonly number[] = [];
const EMPTY: ReadonlySet<string> = new Set();

function isOrProc(attrs: readonly string[]): boolean {
  return attrs.includes('d477') || attrs.includes('d468');
}

/**
 * The O.R. flag CMS reports for a procedure (MsdrgProcedureCode.applyOperatingRoom): from v42.0 a
 * procedure in the lists d468, d477 or ornec (an unknown code is not O.R.); before, any procedure
 * not marked non-O.R. (an unknown code is O.R.).
 */
function reportedIsOr(info: PrInfo | null, version: number): boolean {
  if (version >= 420) return !!info && info.attributes.some((a) => a === 'd468' || a === 'd477' || a === 'ornec');
  return !info || !info.attributes.includes('nonor');
}

function sdxSeverity(s: SdxState, final: boolean, suppression: readonly string[]): Severity {
  if (s.base === 'NCC' || s.excluded || s.diedDemoted) return 'NCC';
  if (final && s.hacMet.length) return 'NCC';
  for (const op of suppression) if (s.attrs.has(op)) return 'NCC';
  return s.base;
}

function prepare(v: MsdrgVersionTables, claim: Claim): Prepared {
  const pdxCode = claim.pdx;
  const pdx = v.dx(pdxCode);
  const pdxAttrs: ReadonlySet<string> = pdx ? pdx.operandSet : EMPTY;
  let pdxMdc = pdx ? pdx.mdc : 0;
  let sexInvalid = false;
  if (pdx?.mdcBySex) {
    const m = claim.sex === 'M' ? pdx.mdcBySex.M : claim.sex === 'F' ? pdx.mdcBySex.F : undefined;
    if (m === undefined) {
      // The claim still carries an MDC (pre-MDC DRGs rank before the sex check): the CMS grouper
      // reports the female MDC then.
      sexInvalid = true;
      pdxMdc = pdx.mdcBySex.F ?? pdx.mdc;
    } else pdxMdc = m;
  }
  const sdx: SdxState[] = claim.sdx.map((d) => {
    const info = v.dx(d.code);
    const attrs: ReadonlySet<string> = info ? info.operandSet : EMPTY;
    // The principal's exclusion collections list the secondary codes it demotes to non-CC.
    // An MCC that counts only when the patient leaves alive (cardiac arrest, shock, …).
    const diedDemoted = !!info && attrs.has('mccalive') && claim.dstat === '20';
    // Exclusion matters for a CC/MCC, and for a HAC code whatever its severity (CMS marks it EXCLUDED).
    const excludedAny =
      !!info && !!pdx && (info.severity !== 'NCC' || info.hacEntries.length > 0) && pdx.ccExclusionGroups.some((g) => v.codeInExclusionGroup(g, d.code));
    const excluded = excludedAny && info.severity !== 'NCC';
    return { code: d.code, poa: d.poa, info, attrs, base: info ? info.severity : 'NCC', excluded, excludedAny, diedDemoted, hacs: 0, hacMet: NO_HACS };
  });
  const procs: ProcState[] = claim.procs.map((code) => {
    const info = v.pr(code);
    const attrs = info ? info.operands : [];
    return { code, info, attrs, orproc: isOrProc(attrs), suppressedIn: new Set<number>() };
  });
  // Procedure clusters: a complete combination adds the cluster as a procedure of its own, and
  // its members stop counting on their own in the cluster's suppression MDCs.
  const seen = new Set<string>();
  const present = new Set(claim.procs);
  for (const p of procs.slice()) {
    for (const id of p.info?.clusterIds ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const c = v.cluster(id);
      if (!c || !c.choices.every((choice) => choice.some((code) => present.has(code)))) continue;
      const members = new Set(c.choices.flat());
      for (const q of procs) if (members.has(q.code)) c.suppressionMdcs.forEach((m) => q.suppressedIn.add(m));
      const info = v.pr(id);
      const attrs = info ? info.operands : [];
      procs.push({ code: id, info, attrs, orproc: isOrProc(attrs), suppressedIn: new Set(), cluster: true });
    }
  }
  const dstat = /^\d{1,2}$/.test(claim.dstat) ? Number(claim.dstat) : -1;
  const sdxAttrs = new Set<string>();
  for (const d of sdx) for (const a of d.attrs) sdxAttrs.add(a);
  const prep: Prepared = { v, claim, pdx, pdxAttrs, pdxMdc, sexInvalid, sdx, sdxAttrs, procs, dstat, dstatValid: VALID_DSTAT.has(dstat) };
  markHacs(prep);
  return prep;
}

/** POA values CMS's grouper reads as "present on admission" (the oracle harness hands it "1" and a missing value as Y). */
function poaPresent(poa: string): boolean {
  return poa === 'Y' || poa === 'W' || poa === '1' || poa === '';
}

/**
 * CMS's HAC processing (MsdrgHacProcessor), for a non-exempt hospital. Each secondary diagnosis with
 * HAC entries gets a status per entry:
 * - POA Y/W (and 1/blank, which the grouper is handed as Y): criteria not met;
 * - listed by the principal's CC exclusions (any severity): not applicable (exclusion);
 * - otherwise the HAC number's formulas are evaluated over the whole claim — the principal's
 *   operands, every secondary diagnosis's operands, every procedure's (and complete cluster's) —
 *   so N39.0 meets `SDX:hac06_sdx | (SDX:hac06_sdx & SDX:hac06_show)` whenever T83.511A is on the
 *   claim, and HAC 08/10/12/13/14 need their procedure, HAC 11 its principal and procedure.
 * Then, unless a catheter code (a HAC 06 code not on the "show" list) met HAC 06 itself, every
 * "show" entry (N39.0, N10, … with T83.511A) is reset to not met: the UTI code is a HAC only
 * together with a catheter code that is one.
 * A code with an entry met is a HAC: non-CC in the final grouping. `hacs` is the size of the list
 * CMS reports (updateHacListAfterEvaluation): 1 for POA Y/W; every entry when excluded; the entries
 * met (HAC 06 once) when some are; otherwise every entry — only the first before v41.0.
 */
function markHacs(p: Prepared): void {
  if (!p.sdx.some((s) => s.info && s.info.hacEntries.length > 0)) return;
  const byNumber = hacTestsByNumber(p.v);
  if (byNumber.size === 0) return;
  const procOps = new Set<string>();
  for (const q of p.procs) for (const a of q.attrs) procOps.add(a);
  const env: FormulaEnv = {
    token: () => false,
    proc: (name) => procOps.has(name),
    pdx: (name) => p.pdxAttrs.has(name),
    sdx: (name) => p.sdxAttrs.has(name),
    any: (name) => p.sdxAttrs.has(name) || p.pdxAttrs.has(name),
    only: (name) => p.pdxAttrs.has(name) && p.sdx.every((s) => !s.info || s.attrs.has(name)),
  };
  const met = new Map<number, boolean>(); // HAC number → its formulas hold on this claim
  const holds = (hac: number): boolean => {
    let r = met.get(hac);
    if (r === undefined) met.set(hac, (r = (byNumber.get(hac) ?? []).some((t) => t(env))));
    return r;
  };
  let catheterMet = false;
  const states: (boolean[] | null)[] = p.sdx.map((s) => {
    const entries = s.info?.hacEntries;
    if (!entries || entries.length === 0 || poaPresent(s.poa) || s.excludedAny) return null;
    const m = entries.map((e) => holds(e.hac));
    if (!s.info!.hacShowList && entries.some((e, i) => e.hac === 6 && m[i])) catheterMet = true;
    return m;
  });
  const oneEntryWhenNoneMet = Number(p.v.version) < 410;
  p.sdx.forEach((s, i) => {
    const entries = s.info?.hacEntries ?? [];
    if (entries.length === 0) return;
    const m = states[i];
    if (!m) {
      s.hacs = poaPresent(s.poa) ? 1 : entries.length;
      return;
    }
    if (!catheterMet) entries.forEach((e, j) => e.list === 'hac06_show' && (m[j] = false));
    const metHacs: number[] = [];
    entries.forEach((e, j) => m[j] && !metHacs.includes(e.hac) && metHacs.push(e.hac));
    if (metHacs.length) {
      // HAC 06 counts once; other numbers once per entry (a code has each number once).
      s.hacs = entries.filter((e, j) => m[j] && e.hac !== 6).length + (metHacs.includes(6) ? 1 : 0);
      s.hacMet = metHacs;
    } else s.hacs = oneEntryWhenNoneMet ? 1 : entries.length;
  });
}

interface PassResult {
  env?: Pass;
  row: FormulaRow | null;
  drg: number;
  mdc: number;
  returnCode: ReturnCode;
  lists: number[];
}

/**
 * The evaluation environment of one pass over the decision tables: initial (HAC ignored) or final
 * (HAC codes non-CC). A class rather than closures: grouping makes one per pass, so it stays cheap.
 */
class Pass implements FormulaEnv {
  suppression: readonly string[] = NO_SUPPRESSION;
  listMdc = 0;
  private procCache = new Map<number, Set<string>>();
  private severityCache = new Map<readonly string[], Severity>();

  constructor(
    readonly p: Prepared,
    readonly final: boolean,
  ) {}

  procAttrs(): Set<string> {
    let s = this.procCache.get(this.listMdc);
    if (!s) {
      s = new Set();
      for (const q of this.p.procs) if (!q.suppressedIn.has(this.listMdc)) for (const a of q.attrs) s.add(a);
      this.procCache.set(this.listMdc, s);
    }
    return s;
  }

  claimSeverity(): Severity {
    let best = this.severityCache.get(this.suppression);
    if (best !== undefined) return best;
    best = 'NCC';
    for (const s of this.p.sdx) {
      const sev = sdxSeverity(s, this.final, this.suppression);
      if (sev === 'MCC') {
        best = 'MCC';
        break;
      }
      if (sev === 'CC') best = 'CC';
    }
    this.severityCache.set(this.suppression, best);
    return best;
  }

  private counter(c: { attrs: string[]; all: boolean; min: number }): boolean {
    const s = this.procAttrs();
    if (c.all ? !c.attrs.every((a) => s.has(a)) : !c.attrs.some((a) => s.has(a))) return false;
    let n = 0;
    for (const q of this.p.procs) if (!q.suppressedIn.has(this.listMdc)) for (const a of c.attrs) if (q.attrs.includes(a)) n++;
    return n >= c.min;
  }

  private bilateral(): boolean {
    const joints = new Set<string>();
    for (const q of this.p.procs) {
      if (joints.size === 2) break;
      if (q.suppressedIn.has(this.listMdc)) continue;
      const j = JOINTS.find((a) => q.attrs.includes(a) && !joints.has(a));
      if (j) joints.add(j);
    }
    return joints.size === 2;
  }

  /** The sum of the procedures' `<prefix><digit>` attributes (of the procedures with attribute `only`, if given). */
  private sumNumbered(prefix: string, only?: string): number {
    let n = 0;
    for (const q of this.p.procs) {
      if (q.suppressedIn.has(this.listMdc)) continue;
      if (only && !q.attrs.includes(only)) continue;
      for (const a of q.attrs) if (a.startsWith(prefix) && /^\d$/.test(a.slice(prefix.length))) n += Number(a.slice(prefix.length));
    }
    return n;
  }

  private multipleTrauma(): boolean {
    const sites = new Set<string>();
    for (const site of TRAUMA_SITES) {
      if (this.p.pdxAttrs.has(site)) sites.add(site);
      for (const s of this.p.sdx) if (s.attrs.has(site)) sites.add(site);
    }
    return sites.size >= 2;
  }

  pdx(name: string): boolean {
    return this.p.pdxAttrs.has(name);
  }
  sdx(name: string): boolean {
    return this.p.sdxAttrs.has(name);
  }
  any(name: string): boolean {
    return this.p.pdxAttrs.has(name) || this.p.sdxAttrs.has(name);
  }
  only(name: string): boolean {
    return this.p.pdxAttrs.has(name) && this.p.sdx.every((s) => !s.info || s.attrs.has(name));
  }
  proc(name: string): boolean {
    return this.procAttrs().has(name);
  }
  token(name: string): boolean {
    const p = this.p;
    switch (name) {
      case 'MCC':
        return this.claimSeverity() === 'MCC';
      case 'CC':
        return this.claimSeverity() === 'CC';
      case 'ALIVE':
        return p.dstat !== DIED;
      case 'DIED':
        return p.dstat === DIED;
      case 'AMA':
        return p.dstat === AMA;
      case 'XFRNBA':
        return TRANSFER_ACUTE.has(p.dstat);
      case 'INVALID_DSTAT':
        return !p.dstatValid;
      case 'INVALID_PDX':
        return !p.pdx;
      case 'PDX_ECODE':
        return p.pdxAttrs.has('ecode');
      case 'INVALID_SEX':
        return p.sexInvalid;
      case 'ANYDX':
      case 'ERRORDRG':
        return true;
      case 'MDC_20_FALL_THRU': // v40.0: the last medical DRG of MDC 20 takes every principal left
        return true;
      case 'ORPROC': // an O.R. procedure that counts in this MDC (cluster members may not)
        return p.procs.some((q) => q.orproc && !q.suppressedIn.has(this.listMdc));
      case 'MULTST':
        return this.multipleTrauma();
      case 'BILATERAL':
        return this.bilateral();
      case 'FOUR_STENTS':
        return this.sumNumbered('stent') >= 4;
      // v40.0–v40.1 (DRGs 246 and 248): the stents of drug-eluting, resp. other, stent procedures
      // only, a procedure reported twice counting twice (checked against CMS's v40.0 grouper).
      case 'FOUR_DRUG_ELUTING_STENTS':
        return this.sumNumbered('stent', 'NORdrugstent') >= 4;
      case 'FOUR_NON_DRUG_ELUTING_STENTS':
        return this.sumNumbered('stent', 'NORstent') >= 4;
      case 'FOUR_VESSELS':
        return this.sumNumbered('vessel') >= 4;
      default: {
        const c = COUNTERS[name];
        return c ? this.counter(c) : false;
      }
    }
  }
}

function runPass(p: Prepared, final: boolean): PassResult {
  const lists = compiledLists(p.v);
  const env = new Pass(p, final);
  const visited: number[] = [];
  let resultMdc = p.pdxMdc;
  const queue: number[] = [0];
  let next: number | undefined = 0;
  let sawPdxList = false;
  while ((next = queue.shift()) !== undefined) {
    env.listMdc = next;
    visited.push(next);
    const rows = lists.get(next) ?? [];
    let rerouted = false;
    for (const r of rows) {
      if (r.inert) continue;
      env.suppression = r.suppression;
      const hit = r.test(env);
      env.suppression = NO_SUPPRESSION;
      if (!hit) continue;
      if (r.error) return { row: r.row, drg: 999, mdc: 0, returnCode: r.error, lists: visited };
      if (r.row.drg > 0) {
        if (r.row.drg === 999) return { row: r.row, drg: 999, mdc: 0, returnCode: 'DX_CANNOT_BE_PDX', lists: visited };
        env.suppression = r.suppression;
        return { env, row: r.row, drg: r.row.drg, mdc: resultMdc, returnCode: 'OK', lists: visited };
      }
      if (r.row.reroute > 0) {
        if (r.row.reroute !== 29) resultMdc = r.row.reroute;
        queue.push(r.row.reroute);
        rerouted = true;
        break;
      }
    }
    if (rerouted) continue;
    if (next === 0 && !sawPdxList) {
      sawPdxList = true;
      queue.push(p.pdxMdc);
    } else if (next !== 99) queue.push(99);
  }
  return { row: null, drg: 999, mdc: 0, returnCode: 'DX_CANNOT_BE_PDX', lists: visited };
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** Groups one claim with one grouper version ("430", "431", …). */
export function groupClaim(tables: MsdrgTables, claim: Claim, version: string, options: GroupOptions = {}): GroupResult {
  const v = tables.version(version);
  const p = prepare(v, claim);
  const initial = runPass(p, false);
  // CMS runs its HAC step only after an initial grouping that succeeded.
  const hacRan = initial.drg !== 999;
  const hacAny = hacRan && p.sdx.some((s) => s.hacMet.length > 0);
  const final = hacAny ? runPass(p, true) : initial;
  const suppression = final.row?.suppression ?? [];
  const ungroupable = final.drg === 999;
  // Grouper releases before v41.1 apply severity suppression when choosing the DRG but report
  // the suppressed codes with their plain MCC/CC flag (checked against CMS's v40.0–v41.1 groupers).
  const marksDrgLogic = Number(version) >= 411;

  const sdx: SdxResult[] = p.sdx.map((s) => {
    let usage: Usage;
    let severity: Severity = 'NCC';
    // The POA as CMS's grouper reads it (the oracle harness hands it "1" and a blank as Y).
    const poa = poaPresent(s.poa) && s.poa !== 'W' ? 'Y' : s.poa;
    const hacMet = hacRan ? s.hacMet : NO_HACS;
    if (ungroupable) return new SdxAnswer(s.code, poa, severity, 'NEITHER', false, hacRan ? s.hacs : 0, 'NONE', hacMet);
    if (s.base === 'NCC') usage = 'NEITHER';
    else if (s.excluded) usage = s.base === 'MCC' ? 'MCC_EXCLUDED' : 'CC_EXCLUDED';
    else if (s.diedDemoted) usage = 'NEITHER';
    else if (marksDrgLogic && suppression.some((op) => s.attrs.has(op))) usage = s.base === 'MCC' ? 'MCC_EXCLUDED_BY_DRG_LOGIC' : 'CC_EXCLUDED_BY_DRG_LOGIC';
    else if (hacMet.length) usage = 'NEITHER';
    else {
      usage = s.base;
      severity = s.base;
    }
    return new SdxAnswer(s.code, poa, severity, usage, s.excluded, hacRan ? s.hacs : 0, 'NONE', hacMet);
  });
  const procs: ProcResult[] = p.procs
    .filter((q) => !q.cluster)
    .map((q) => ({ code: q.code, is_or: reportedIsOr(q.info, Number(version)), affects_drg: 'NONE' }));

  // The DRG's severity: the claim's highest secondary severity under the matched row's suppression
  // operands, without the HAC codes in the final grouping (CMS's processClaimSeverity); none for
  // 998/999 and rows without a type.
  let claimSev: GroupResult['severity'] = 'NONE';
  const noType = !final.row || final.row.surgical === 'NA' || final.row.drgSeverity === 9; // DRG 998 and the like
  if (!ungroupable && !noType && final.env) {
    const sev = final.env.claimSeverity();
    claimSev = sev === 'NCC' ? 'NON_CC' : sev;
  }

  const result: GroupResult = {
    id: claim.id,
    version,
    drg: pad(final.drg, 3),
    mdc: pad(final.mdc, 2),
    medsurg: ungroupable || noType ? 'NONE' : final.row?.surgical === 'SURGICAL' ? 'SURGICAL' : 'MEDICAL',
    return_code: final.returnCode,
    initial_drg: pad(initial.drg, 3),
    severity: claimSev,
    hac_status:
      !hacAny || initial.drg === 999
        ? 'NOT_APPLICABLE'
        : final.drg === 999
          ? 'FINAL_DRG_UNGROUPABLE'
          : final.drg !== initial.drg
            ? 'FINAL_DRG_CHANGES'
            : 'FINAL_DRG_NO_CHANGE',
    sdx,
    procs,
  };
  if (options.path) {
    result.path = {
      pdxMdc: p.pdxMdc,
      lists: final.lists,
      formula: final.row?.formula ?? '',
      baseDrg: final.row?.baseDrg ?? 0,
      severityFrom: sdx.flatMap((s, i) => (s.severity === claimSev ? [i] : [])),
    };
  }
  if (options.affectsDrg && !ungroupable) markAffects(initial, final, result);
  return result;
}

/**
 * CMS's marking logic for affects_drg: the codes that made the matched formula true. An operand
 * that tests secondary diagnoses marks the codes that have it; MCC/CC marks one code of that
 * severity (the lowest code: CMS's tie-breaker); a procedure operand marks the procedures that
 * have it. A code marked in the initial pass affects the INITIAL DRG, in the final pass the FINAL.
 */
const nodeCache = new Map<string, FormulaNode>();
const operandCache = new Map<string, Compiled>();
function marks(pass: PassResult): { sdx: Set<number>; procs: Set<number> } {
  const out = { sdx: new Set<number>(), procs: new Set<number>() };
  const env = pass.env;
  if (!env || !pass.row) return out;
  let node = nodeCache.get(pass.row.formula);
  if (!node) nodeCache.set(pass.row.formula, (node = parseFormula(pass.row.formula)));
  const p = env.p;
  const walk = (n: FormulaNode, acc: { sdx: Set<number>; procs: Set<number> }): boolean => {
    if (n.op === 'not') return !walk(n.kid, { sdx: new Set(), procs: new Set() });
    if (n.op === 'id') {
      let test = operandCache.get(n.id);
      if (!test) operandCache.set(n.id, (test = operandOf(n.id)));
      const value = test(env);
      if (!value) return false;
      const colon = n.id.indexOf(':');
      if (colon > 0) {
        const prefix = n.id.slice(0, colon);
        const name = n.id.slice(colon + 1);
        if (prefix === 'SDX' || prefix === 'ANY') p.sdx.forEach((d, i) => d.info && d.code !== p.claim.pdx && d.attrs.has(name) && acc.sdx.add(i));
      } else if (n.id === 'MCC' || n.id === 'CC') {
        let best = -1;
        p.sdx.forEach((d, i) => {
          if (sdxSeverity(d, env.final, env.suppression) === n.id && (best < 0 || d.code < p.sdx[best]!.code)) best = i;
        });
        if (best >= 0) acc.sdx.add(best);
      } else if (!TOKENS.has(n.id)) {
        // One procedure per operand: the first on the claim (a cluster marks its members).
        const i = p.procs.findIndex((q) => !q.suppressedIn.has(env.listMdc) && q.attrs.includes(n.id));
        const q = i >= 0 ? p.procs[i]! : null;
        if (q?.cluster) {
          const members = new Set(p.v.cluster(q.code)?.choices.flat() ?? []);
          p.claim.procs.forEach((code, j) => members.has(code) && acc.procs.add(j));
        } else if (q) acc.procs.add(i);
      }
      return true;
    }
    if (n.op === 'and') {
      const local = { sdx: new Set<number>(), procs: new Set<number>() };
      for (const k of n.kids) if (!walk(k, local)) return false;
      local.sdx.forEach((i) => acc.sdx.add(i));
      local.procs.forEach((i) => acc.procs.add(i));
      return true;
    }
    let any = false;
    for (const k of n.kids) if (walk(k, acc)) any = true;
    return any;
  };
  walk(node, out);
  return out;
}

function markAffects(initial: PassResult, final: PassResult, result: GroupResult): void {
  const a = marks(initial);
  const b = final === initial ? a : marks(final);
  const label = (i: boolean, f: boolean): AffectsDrg => (i && f ? 'BOTH' : i ? 'INITIAL' : f ? 'FINAL' : 'NONE');
  // A HAC code that qualified the initial DRG affects the final one too (by losing its severity).
  result.sdx.forEach((s, i) => (s.affects_drg = label(a.sdx.has(i), b.sdx.has(i) || (a.sdx.has(i) && s.hacMet.length > 0))));
  result.procs.forEach((q, i) => (q.affects_drg = label(a.procs.has(i), b.procs.has(i))));
}
