// Code system URIs the importer and the exporter read and write, each with where FHIR names it.
// A coding counts as ICD-10-CM only under an ICD-10-CM URI: WHO ICD-10 (`…/sid/icd-10`) shares
// many codes but is another classification, so it is listed as a comment, never proposed.

/** ICD-10-CM: http://hl7.org/fhir/sid/icd-10-cm (HL7 Terminology, NamingSystem icd10CM); OID 2.16.840.1.113883.6.90. */
export const ICD10CM_SYSTEMS = ['http://hl7.org/fhir/sid/icd-10-cm', 'urn:oid:2.16.840.1.113883.6.90'];
export const ICD10CM = ICD10CM_SYSTEMS[0]!;

/**
 * ICD-10-PCS: http://www.cms.gov/Medicare/Coding/ICD10 (HL7 Terminology, NamingSystem icd10PCS; the
 * system the US Core procedure example uses); OID 2.16.840.1.113883.6.4. `…/sid/icd-10-pcs` is seen
 * in EHR exports and read too.
 */
export const ICD10PCS_SYSTEMS = ['http://www.cms.gov/Medicare/Coding/ICD10', 'urn:oid:2.16.840.1.113883.6.4', 'http://hl7.org/fhir/sid/icd-10-pcs'];
export const ICD10PCS = ICD10PCS_SYSTEMS[0]!;

export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';

/** Names shown in comments for systems we list but never propose. */
export const SYSTEM_LABELS: Record<string, string> = {
  [SNOMED]: 'SNOMED CT',
  'http://hl7.org/fhir/sid/icd-10': 'ICD-10 (WHO, not ICD-10-CM)',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  [LOINC]: 'LOINC',
};

/** NUBC UB-04 FL17 patient discharge status: the current HL7 URI and the older one (Synthea, US Core ≤ 3). */
export const NUBC_DISCHARGE_SYSTEMS = ['https://www.nubc.org/CodeSystem/PatDischargeStatus', 'http://www.nubc.org/patient-discharge'];

/** HL7's own discharge-disposition code system (FHIR R4 Encounter.hospitalization.dischargeDisposition example binding). */
export const HL7_DISCHARGE_DISPOSITION = 'http://terminology.hl7.org/CodeSystem/discharge-disposition';

// ── export (Claim) ───────────────────────────────────────────────────────────
export const CLAIM_TYPE = 'http://terminology.hl7.org/CodeSystem/claim-type';
export const PROCESS_PRIORITY = 'http://terminology.hl7.org/CodeSystem/processpriority';
/** FHIR R4 Claim.diagnosis.type example code system (principal, admitting …). */
export const DIAGNOSIS_TYPE = 'http://terminology.hl7.org/CodeSystem/ex-diagnosistype';
/** FHIR R4 Claim.diagnosis.onAdmission example code system: y, n, u, w. */
export const DIAGNOSIS_ON_ADMISSION = 'http://terminology.hl7.org/CodeSystem/ex-diagnosis-on-admission';
/**
 * CMS present-on-admission indicator (Y, N, U, W, 1), the system the CARIN Blue Button IG
 * (C4BB Inpatient Institutional EOB, diagnosis.onAdmission) uses.
 */
export const CMS_POA = 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/HospitalAcqCond/Coding';
/** MS-DRG, as the CARIN Blue Button IG names it (C4BB supportingInfo drg; R4 Claim.diagnosis.packageCode). */
export const MS_DRG = 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software';

export function isIcd10cm(system: string | undefined): boolean {
  return !!system && ICD10CM_SYSTEMS.includes(system);
}
export function isIcd10pcs(system: string | undefined): boolean {
  return !!system && ICD10PCS_SYSTEMS.includes(system);
}
export function systemLabel(system: string | undefined): string {
  if (!system) return 'no code system';
  return SYSTEM_LABELS[system] ?? system;
}
