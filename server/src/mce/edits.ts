// The Medicare Code Editor's edits on one claim, in the order and with the logic of CMS's MCE
// (v43.1 Java component: Validation, then Editing): first validity (codes, sex, discharge status,
// age), then the principal-diagnosis edits, the admitting and secondary diagnoses, the procedures.
// Which edits can fire comes from the flags in force on the discharge date (tables.ts), so a claim
// is edited by the MCE release of its discharge date.
import { MCE_EDIT_BY_NAME, MCE_EDITS, type MceEditInfo } from './editList';
import { dateNumber, type MceTables } from './tables';
import { normalizeCode } from '../base/codes';

export { MCE_EDITS, MCE_EDIT_BY_NAME, type MceEditInfo };

export interface MceClaim {
  /** Age in years at admission (CMS accepts 0–124). */
  age: number | null;
  sex: 'M' | 'F' | 'U' | string;
  /** UB-04 discharge status, e.g. '01'. */
  dstat: string | number;
  pdx: string;
  sdx: { code: string; poa?: string }[];
  procs: string[];
  admitDx?: string;
  /** Discharge date, YYYY-MM-DD. */
  discharged: string;
  /** Length of stay in days; the INCONSISTENT_WITH_LENGTH_OF_STAY edit is skipped when absent. */
  los?: number;
}

export interface MceEditHit {
  edit: string; // CMS's name, e.g. AGE_CONFLICT
  code: string; // the code it fired on; for claim edits the offending value (age, sex, status)
  position: 'pdx' | 'sdx' | 'proc' | 'admit' | 'claim';
  /** Index in `sdx` or `procs`. */
  index?: number;
}

export type MceClaimEditType = 'NONE' | 'PREPAYMENT' | 'POSTPAYMENT' | 'BOTH' | 'INVALID_DISCHARGE_DATE';

export interface MceResult {
  edits: MceEditHit[];
  /** CMS's classification of the claim: from the edits that fired (INVALID_DISCHARGE_DATE: this MCE release does not cover the date, nothing was edited). */
  editType: MceClaimEditType;
}

// The MCE's age groups in the order it tests them (its attribute names sorted descending).
const AGE_FLAGS = ['pediatric', 'newborn', 'maternity', 'adult'];
// The sex flags stop being sent to unknown-sex claims after this date (CMS, FY2025).
const SEX_EDIT_END = 20240930;

interface Code {
  value: string;
  flags: ReadonlySet<string>;
  position: MceEditHit['position'];
  index?: number;
}

const NORMAL = /^[A-Z0-9]*$/;
const normalize = (code: string) => (NORMAL.test(code) ? code : normalizeCode(code));
/** Empty, spaces or zeros only (CMS treats such a code as absent). */
function blank(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c !== 48 && c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
const NO_FLAGS: ReadonlySet<string> = new Set();

export function runMce(tables: MceTables, claim: MceClaim): MceResult {
  const date = claim.discharged;
  const d = dateNumber(date);
  if (Number.isNaN(d) || !tables.acceptsDischargeDate(date)) return { edits: [], editType: 'INVALID_DISCHARGE_DATE' };
  const hits: MceEditHit[] = [];
  // The claim's edit type: which kinds of counted edits fired.
  let prepayment = false;
  let postpayment = false;
  const count = (edit: string) => {
    const t = MCE_EDIT_BY_NAME.get(edit)?.cmsType;
    if (t === 'PREPAYMENT') prepayment = true;
    else if (t === 'POSTPAYMENT') postpayment = true;
  };
  const add = (edit: string, c: Code, counts = true) => {
    if (counts) count(edit);
    // Like CMS, a code carries each edit once (a claim has few edits: a scan beats a set).
    for (const h of hits) if (h.edit === edit && h.position === c.position && h.index === c.index) return;
    hits.push(c.index === undefined ? { edit, code: c.value, position: c.position } : { edit, code: c.value, position: c.position, index: c.index });
  };
  const claimEdit = (edit: string, value: string) => {
    hits.push({ edit, code: value, position: 'claim' });
    count(edit);
  };
  const sex = claim.sex === 'M' ? 1 : claim.sex === 'F' ? 2 : claim.sex === 'U' || claim.sex === '' ? 0 : -1;
  const age = claim.age;

  // ── Validation: every code valid on the discharge date ─────────────────
  const code = (value: string, position: Code['position'], index?: number): Code & { valid: boolean } => {
    const v = normalize(value);
    const flags = position === 'proc' ? tables.prFlagSet(v, d) : tables.dxFlagSet(v, d);
    return { value: v, flags: flags ?? NO_FLAGS, position, index, valid: flags !== null };
  };
  const admit = claim.admitDx !== undefined && claim.admitDx.trim() !== '' ? code(claim.admitDx, 'admit') : null;
  if (admit && !blank(admit.value) && !admit.valid) add('INVALID_ADMIT_DX', admit);
  const pdx = code(claim.pdx ?? '', 'pdx');
  // A missing principal diagnosis is invalid; other blank codes are simply absent.
  if (blank(pdx.value) || !pdx.valid) add('INVALID_CODE', pdx);
  const sdx: Code[] = [];
  claim.sdx.forEach((s, i) => {
    if (blank(s.code)) return;
    const c = code(s.code, 'sdx', i);
    if (!c.valid) add('INVALID_CODE', c);
    sdx.push(c);
  });
  const procs: Code[] = [];
  claim.procs.forEach((p, i) => {
    if (blank(p)) return;
    const c = code(p, 'proc', i);
    if (!c.valid) add('INVALID_CODE', c);
    procs.push(c);
  });
  const sexValid = d > SEX_EDIT_END ? sex === 0 || sex === 1 || sex === 2 : sex === 1 || sex === 2;
  if (!sexValid) claimEdit('INVALID_SEX', String(claim.sex));
  if (!tables.isValidDischargeStatus(claim.dstat, date)) claimEdit('INVALID_DISCHARGE_STATUS', String(claim.dstat));
  if (age === null || !Number.isInteger(age) || age < 0 || age > 124) claimEdit('INVALID_AGE', String(age));

  // ── Edits shared by several positions ───────────────────────────────────
  const ageGroups = tables.ageGroups(date);
  const ageConflict = (c: Code): boolean => {
    if (age === null) return false;
    for (const flag of AGE_FLAGS) {
      if (!c.flags.has(flag)) continue;
      const g = ageGroups.find((x) => x.group.toLowerCase() === flag);
      if (g && (age < g.min || age > g.max)) return true;
    }
    return false;
  };
  const sexConflict = (c: Code): boolean => {
    if (d > SEX_EDIT_END && sex === 0) return false;
    return (c.flags.has('male') && sex !== 1) || (c.flags.has('female') && sex !== 2);
  };

  // ── Principal diagnosis (a code without flags has no edit of its own: most codes) ──
  if (pdx.flags.size) editPdx();
  function editPdx(): void {
    if (pdx.flags.has('ecodepdx')) add('E_CODE_AS_PDX', pdx);
    if (pdx.flags.has('manifestation')) add('MANIFESTATION_AS_PDX', pdx);
    if (pdx.flags.has('unacceptable')) {
      if (pdx.flags.has('reqsdx')) {
        if (claim.sdx.length === 0) add('REQUIRES_SDX', pdx);
      } else add('UNACCEPTABLE_PDX', pdx);
    }
    if (pdx.flags.has('nonspecific') && Number(claim.dstat) !== 20) add('NONSPECIFIC_PDX', pdx);
    if (pdx.flags.has('qadm')) add('QUESTIONABLE_ADMISSION', pdx);
    if (ageConflict(pdx)) add('AGE_CONFLICT', pdx);
    if (sexConflict(pdx)) add('SEX_CONFLICT', pdx);
    if (pdx.flags.has('wrngproc')) add('WRONG_PROCEDURE_PERFORMED', pdx);
    if (pdx.flags.has('msp')) add('MEDICARE_IS_SECONDARY_PAYER', pdx);
    if (pdx.flags.has('unspecified')) add('UNSPECIFIED', pdx);
  }

  // ── Admitting diagnosis: reported, but CMS does not count these toward the edit type ──
  if (admit) {
    if (ageConflict(admit)) add('AGE_CONFLICT', admit, false);
    if (sexConflict(admit)) add('SEX_CONFLICT', admit, false);
  }

  // ── Secondary diagnoses ─────────────────────────────────────────────────
  for (const c of sdx) {
    if (c.value === pdx.value) add('DUPLICATE_OF_PDX', c);
    if (!c.flags.size) continue;
    if (c.flags.has('msp')) add('MEDICARE_IS_SECONDARY_PAYER', c);
    if (c.flags.has('unspecified')) add('UNSPECIFIED', c);
    if (c.flags.has('wrngproc')) add('WRONG_PROCEDURE_PERFORMED', c);
    if (ageConflict(c)) add('AGE_CONFLICT', c);
    if (sexConflict(c)) add('SEX_CONFLICT', c);
  }

  // ── Procedures: coverage depends on the whole claim's diagnoses and procedures ──
  if (procs.length) editProcedures();
  function editProcedures(): void {
    const sdxFlags = new Set<string>();
    for (const c of sdx) for (const f of c.flags) sdxFlags.add(f);
    const dxFlags = new Set<string>([...pdx.flags, ...sdxFlags]);
    const prFlags = new Set<string>();
    for (const c of procs) for (const f of c.flags) prFlags.add(f);
    const bilateralCount = new Set(procs.filter((c) => c.flags.has('bilateral')).map((c) => c.value)).size;
    const specificOr = procs.some((c) => c.flags.has('or_indic') && !c.flags.has('nonspecific'));
    const clinicalTrial = dxFlags.has('clintrial');
    const artHeartA = prFlags.has('lcov_artheartxpa');
    const artHeartB = prFlags.has('lcov_artheartxpb');
    let bilateralCounted = false;
    for (const p of procs) {
      const has = (f: string) => p.flags.has(f);
      if (sexConflict(p)) add('SEX_CONFLICT', p);
      if (!specificOr && has('nonspecific')) add('NONSPECIFIC_OR', p);
      if (has('biopsy')) add('OPEN_BIOPSY', p);
      if (claim.los !== undefined && has('los') && claim.los < 5) add('INCONSISTENT_WITH_LENGTH_OF_STAY', p);
      if (nonCovered(p.flags, dxFlags, prFlags, sdxFlags, age, d)) add('NON_COVERED', p);
      else {
        const limited = limitedCoverage(p.flags, clinicalTrial, artHeartA, artHeartB);
        if (limited) add(limited, p);
      }
      if (has('bilateral') && pdx.flags.has('mdc08') && bilateralCount >= 2) {
        // CMS counts the bilateral edit once per claim but marks every bilateral procedure.
        add('BILATERAL', p, !bilateralCounted);
        bilateralCounted = true;
      }
      if ((has('csect') || has('vagdel')) && !sdxFlags.has('delout')) add('QUESTIONABLE_OBSTETRIC_ADMISSION', p);
    }
  }

  const editType: MceClaimEditType = prepayment && postpayment ? 'BOTH' : prepayment ? 'PREPAYMENT' : postpayment ? 'POSTPAYMENT' : 'NONE';
  // CMS reports edits code by code: principal, secondaries, procedures (each in claim order), then the claim's.
  const rank = (h: MceEditHit) =>
    h.position === 'pdx' ? 0 : h.position === 'sdx' ? 1 + h.index! : h.position === 'proc' ? 100000 + h.index! : h.position === 'admit' ? 200000 : 300000;
  const edits =
    hits.length < 2
      ? hits
      : hits
          .map((h, i) => ({ h, i }))
          .sort((a, b) => rank(a.h) - rank(b.h) || a.i - b.i)
          .map((x) => x.h);
  return { edits, editType };
}

/** The MCE's non-covered procedure tests (parts A–G, 2, 3, 8, 13A, artificial heart). */
function nonCovered(
  p: ReadonlySet<string>,
  dx: ReadonlySet<string>,
  pr: ReadonlySet<string>,
  sdx: ReadonlySet<string>,
  age: number | null,
  date: number,
): boolean {
  if (p.has('noncovered')) return true;
  // Pancreas transplant: covered with a kidney transplant or type I diabetes (before 2006-04-26: with ncov4 and ncov5 diagnoses).
  if (p.has('ncov45')) {
    if (date < 20060426 ? !(dx.has('ncov4') && dx.has('ncov5')) : !pr.has('kidneyxp') && !dx.has('diabtypeI')) return true;
  }
  // Artificial heart (Z00.6 parts A and B): not covered without a clinical trial diagnosis.
  if ((p.has('lcov_artheartxpa') || p.has('lcov_artheartxpb')) && pr.has('lcov_artheartxpa') && pr.has('lcov_artheartxpb') && !dx.has('clintrial')) return true;
  if (p.has('ncov6') && dx.has('ncov6')) return true;
  if (p.has('ncov7') && dx.has('ncov7')) return true;
  if (p.has('ncov12agele60') && (age === null || age < 0 || age > 60)) return true;
  if (p.has('ncov_z302') && dx.has('ncov_z302')) return true;
  if (p.has('ncov2') && !dx.has('ncov2')) {
    if (dx.has('ncov2agelt64')) {
      if (age === null || age < 0 || age >= 64) return true;
    } else if (dx.has('ncov2agelt78')) {
      if (age === null || age < 0 || age >= 78) return true;
    } else return true;
  }
  if (p.has('ncov3') && !dx.has('ncov3')) return true;
  if (p.has('ncov8') && !(sdx.has('ncov89') && pr.has('ncov9'))) return true;
  if (p.has('ncov13a') && !pr.has('ncov13b')) return true;
  if (p.has('lcov_artheartxp') && !dx.has('clintrial')) return true;
  return false;
}

/** The MCE's limited-coverage tests; the specific LIMITED_COVERAGE_* edits come from ICD-9 era flags. */
function limitedCoverage(p: ReadonlySet<string>, clinicalTrial: boolean, artHeartA: boolean, artHeartB: boolean): string | null {
  if (p.has('lcov')) return 'LIMITED_COVERAGE';
  if ((p.has('lcov_artheartxpa') || p.has('lcov_artheartxpb')) && artHeartA && artHeartB && clinicalTrial) return 'LIMITED_COVERAGE';
  const specific: [string, string][] = [
    ['lcov_lvrs', 'LIMITED_COVERAGE_LVRS'],
    ['lcov_lungxp', 'LIMITED_COVERAGE_LUNG_TRANSPLANT'],
    ['lcov_heartlungxp', 'LIMITED_COVERAGE_COMBINATION_HEART_LUNG_TRANSPLANT'],
    ['lcov_heartxp', 'LIMITED_COVERAGE_HEART_TRANSPLANT'],
    ['lcov_heartsys', 'LIMITED_COVERAGE_HEART_IMPLANT'],
    ['lcov_intxp', 'LIMITED_COVERAGE_INTESTINE_MULTI_VISCERAL_TRANSPLANT'],
    ['lcov_liverxp', 'LIMITED_COVERAGE_LIVER_TRANSPLANT'],
    ['lcov_kidneyxp', 'LIMITED_COVERAGE_KIDNEY_TRANSPLANT'],
    ['lcov_pancreasxp', 'LIMITED_COVERAGE_PANCREAS_TRANSPLANT'],
    ['lcov_artheartxp', 'LIMITED_COVERAGE_ARTIFICIAL_HEART'],
  ];
  for (const [flag, edit] of specific) if (p.has(flag)) return edit;
  return null;
}
