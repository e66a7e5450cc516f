// Encounter.hospitalization.dischargeDisposition → the 2-digit UB-04 patient discharge status of
// the chart header (form locator 17), which the MS-DRG grouper and the Code Editor read.
//
// 1. A coding in the NUBC code system (https://www.nubc.org/CodeSystem/PatDischargeStatus, or the
//    older http://www.nubc.org/patient-discharge) *is* the UB-04 code: taken as is when it is one of
//    the two-digit statuses the MS-DRG grouper accepts (server/src/grouper/group.ts VALID_DSTAT,
//    from the CMS MS-DRG Definitions Manual, "Discharge status").
//    Source: HL7 Terminology NamingSystem AHANUBCPatientDischargeStatus; US Core Discharge
//    Disposition value set (US Core Encounter.hospitalization.dischargeDisposition).
// 2. A coding in HL7's discharge-disposition code system
//    (http://terminology.hl7.org/CodeSystem/discharge-disposition, the FHIR R4 example binding) is
//    mapped only where the HL7 definition names exactly one UB-04 status. HL7 publishes no
//    ConceptMap between the two; each row below pairs the HL7 definition with the NUBC FL17
//    definition as CMS lists them (MLN Matters SE0801 "Patient Discharge Status Codes and Hospital
//    Transfer Policies"; CMS Claims Processing Manual, Pub. 100-04, ch. 25, FL 17).
//    Codes whose HL7 definition covers several UB-04 statuses are not mapped: the importer says so
//    in a header comment and the coder fills in `disposition:`.

export interface DispositionMapping {
  hl7: string;
  ub04: string | null;
  /** Why this pairing (or why none). */
  basis: string;
}

export const HL7_DISPOSITION_TO_UB04: readonly DispositionMapping[] = [
  { hl7: 'home', ub04: '01', basis: 'HL7 "Home" (returns home) = UB-04 01 "Discharged to home or self care (routine discharge)"' },
  { hl7: 'aadvice', ub04: '07', basis: 'HL7 "Left against advice" = UB-04 07 "Left against medical advice or discontinued care"' },
  { hl7: 'exp', ub04: '20', basis: 'HL7 "Expired" = UB-04 20 "Expired"' },
  {
    hl7: 'snf',
    ub04: '03',
    basis: 'HL7 "Skilled nursing facility" = UB-04 03 "Discharged/transferred to a skilled nursing facility (SNF) with Medicare certification"',
  },
  {
    hl7: 'rehab',
    ub04: '62',
    basis: 'HL7 "Rehabilitation" (inpatient rehabilitation facility) = UB-04 62 "Discharged/transferred to an inpatient rehabilitation facility (IRF)"',
  },
  {
    hl7: 'psy',
    ub04: '65',
    basis: 'HL7 "Psychiatric hospital" = UB-04 65 "Discharged/transferred to a psychiatric hospital or psychiatric distinct part unit"',
  },
  {
    hl7: 'other-hcf',
    ub04: '70',
    basis: 'HL7 "Other healthcare facility" = UB-04 70 "Discharged/transferred to another type of health care institution not defined elsewhere"',
  },
  { hl7: 'alt-home', ub04: null, basis: 'HL7 "Alternative home" (family home, hotel, shelter): UB-04 01 or 06 (home health) depends on services, not stated' },
  { hl7: 'hosp', ub04: null, basis: 'HL7 "Hospice": UB-04 50 (home) or 51 (medical facility), not stated' },
  { hl7: 'long', ub04: null, basis: 'HL7 "Long-term care": UB-04 63 (long-term care hospital) or 64 (nursing facility), not stated' },
  { hl7: 'oth', ub04: null, basis: 'HL7 "Other": no UB-04 status' },
];

/** The UB-04 statuses the MS-DRG grouper accepts (CMS MS-DRG Definitions Manual; same list as the grouper). */
export const UB04_DISCHARGE_STATUSES = new Set([
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '20',
  '21',
  '30',
  '43',
  '50',
  '51',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '69',
  '70',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
  '89',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
]);
