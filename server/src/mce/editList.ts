// The edits of CMS's Medicare Code Editor (MCE v43.1 for ICD-10 claims), with the rule id and
// default severity ChartCoder gives each. `cmsType` is how CMS classifies the edit (the claim's
// edit type is PREPAYMENT when any prepayment edit fired, POSTPAYMENT for post-payment review);
// prepayment edits return the claim to the provider, so they default to errors.

export type MceEditType = 'NONE' | 'PREPAYMENT' | 'POSTPAYMENT';
export type MceSeverity = 'error' | 'warning' | 'info';

export interface MceEditInfo {
  /** CMS's name, as the MCE and the oracle report it. */
  name: string;
  /** ChartCoder rule id: `mce.` + the name in kebab case. */
  ruleId: string;
  /** What the edit applies to. */
  on: 'diagnosis' | 'procedure' | 'claim';
  cmsType: MceEditType;
  severity: MceSeverity;
  doc: string;
}

const kebab = (name: string) => 'mce.' + name.toLowerCase().replace(/_/g, '-');
const severityOf = (t: MceEditType): MceSeverity => (t === 'PREPAYMENT' ? 'error' : t === 'POSTPAYMENT' ? 'warning' : 'info');

const RAW: [string, MceEditInfo['on'], MceEditType, string][] = [
  [
    'INVALID_CODE',
    'claim',
    'PREPAYMENT',
    'The diagnosis or procedure code is not a valid ICD-10 code on the discharge date (or the principal diagnosis is missing).',
  ],
  [
    'SEX_CONFLICT',
    'claim',
    'PREPAYMENT',
    "The code is for one sex only and the patient's sex differs; CMS ended the MCE sex flags on 2024-09-30, so it fires only for earlier discharges.",
  ],
  [
    'AGE_CONFLICT',
    'diagnosis',
    'PREPAYMENT',
    "The diagnosis is a newborn, pediatric, maternity or adult code and the patient's age is outside that group's ages.",
  ],
  ['QUESTIONABLE_ADMISSION', 'diagnosis', 'PREPAYMENT', 'The principal diagnosis is not usually a sufficient reason for an inpatient admission.'],
  ['MANIFESTATION_AS_PDX', 'diagnosis', 'PREPAYMENT', 'A manifestation code is the principal diagnosis; the underlying condition must be sequenced first.'],
  ['NONSPECIFIC_PDX', 'diagnosis', 'POSTPAYMENT', 'The principal diagnosis is nonspecific and the patient did not die (no longer populated for ICD-10).'],
  ['E_CODE_AS_PDX', 'diagnosis', 'PREPAYMENT', 'An external-cause code (V00–Y99) is the principal diagnosis.'],
  ['UNACCEPTABLE_PDX', 'diagnosis', 'PREPAYMENT', 'The code is not acceptable as a principal diagnosis (e.g. a status or history Z code).'],
  ['DUPLICATE_OF_PDX', 'diagnosis', 'PREPAYMENT', 'A secondary diagnosis repeats the principal diagnosis.'],
  ['MEDICARE_IS_SECONDARY_PAYER', 'diagnosis', 'POSTPAYMENT', 'The diagnosis suggests another payer is primary (no codes carry this flag for ICD-10).'],
  ['REQUIRES_SDX', 'diagnosis', 'PREPAYMENT', 'The principal diagnosis is acceptable only with a secondary diagnosis, and there is none.'],
  ['NONSPECIFIC_OR', 'procedure', 'POSTPAYMENT', 'Only nonspecific O.R. procedures were reported (no ICD-10 codes carry this flag).'],
  ['OPEN_BIOPSY', 'procedure', 'POSTPAYMENT', 'An open biopsy was reported (no ICD-10 codes carry this flag).'],
  ['NON_COVERED', 'procedure', 'PREPAYMENT', 'Medicare does not cover the procedure, or covers it only with a diagnosis, procedure or age the claim lacks.'],
  ['BILATERAL', 'procedure', 'POSTPAYMENT', 'Two or more bilateral lower-extremity joint procedures with a musculoskeletal (MDC 08) principal diagnosis.'],
  ['LIMITED_COVERAGE_LVRS', 'procedure', 'PREPAYMENT', 'Lung volume reduction surgery (ICD-9 claims only).'],
  ['LIMITED_COVERAGE', 'procedure', 'PREPAYMENT', 'Medicare covers the procedure only under limited circumstances (e.g. clinical trials, approved centers).'],
  ['LIMITED_COVERAGE_LUNG_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Lung transplant (ICD-9 claims only).'],
  [
    'QUESTIONABLE_OBSTETRIC_ADMISSION',
    'procedure',
    'PREPAYMENT',
    'A cesarean or vaginal delivery procedure without a secondary diagnosis of the delivery outcome.',
  ],
  ['LIMITED_COVERAGE_COMBINATION_HEART_LUNG_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Combined heart-lung transplant: limited coverage (ICD-9 flag).'],
  ['LIMITED_COVERAGE_HEART_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Heart transplant: limited coverage (ICD-9 flag).'],
  ['LIMITED_COVERAGE_HEART_IMPLANT', 'procedure', 'PREPAYMENT', 'Implantable heart assist system: limited coverage (ICD-9 flag).'],
  ['LIMITED_COVERAGE_INTESTINE_MULTI_VISCERAL_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Intestine or multivisceral transplant: limited coverage (ICD-9 flag).'],
  ['LIMITED_COVERAGE_LIVER_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Liver transplant: limited coverage (ICD-9 flag).'],
  ['INVALID_ADMIT_DX', 'diagnosis', 'NONE', 'The admitting diagnosis is not a valid code on the discharge date.'],
  ['INVALID_AGE', 'claim', 'PREPAYMENT', 'The age is not a number of years from 0 to 124.'],
  ['INVALID_SEX', 'claim', 'PREPAYMENT', 'The sex is not male, female or (for discharges after 2024-09-30) unknown.'],
  ['INVALID_DISCHARGE_STATUS', 'claim', 'PREPAYMENT', 'The discharge status is not a valid UB-04 patient discharge status on the discharge date.'],
  ['LIMITED_COVERAGE_KIDNEY_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Kidney transplant: limited coverage (ICD-9 flag).'],
  ['LIMITED_COVERAGE_PANCREAS_TRANSPLANT', 'procedure', 'PREPAYMENT', 'Pancreas transplant: limited coverage (ICD-9 flag).'],
  ['LIMITED_COVERAGE_ARTIFICIAL_HEART', 'procedure', 'PREPAYMENT', 'Artificial heart: limited coverage (ICD-9 flag).'],
  ['WRONG_PROCEDURE_PERFORMED', 'diagnosis', 'PREPAYMENT', 'The diagnosis reports a wrong surgery (wrong site, wrong patient or wrong procedure).'],
  [
    'INCONSISTENT_WITH_LENGTH_OF_STAY',
    'procedure',
    'PREPAYMENT',
    'The procedure needs a stay of at least 5 days (e.g. prolonged mechanical ventilation) and the stay is shorter.',
  ],
  ['UNSPECIFIED', 'diagnosis', 'PREPAYMENT', 'The diagnosis is an unspecified code (e.g. unspecified laterality) where a specific code exists.'],
];

export const MCE_EDITS: readonly MceEditInfo[] = RAW.map(([name, on, cmsType, doc]) => ({
  name,
  ruleId: kebab(name),
  on,
  cmsType,
  severity: severityOf(cmsType),
  doc,
}));

export const MCE_EDIT_BY_NAME: ReadonlyMap<string, MceEditInfo> = new Map(MCE_EDITS.map((e) => [e.name, e]));
