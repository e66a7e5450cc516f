// Who wrote a note → the `{author=…}` of its section heading (docs/format.md, Sections): MD, DO,
// NP and PA are providers; anything else (RN, RD, …) is not, and can support only what the
// coding guidelines allow other clinicians to document. The role is taken only from what the
// EHR states about the author; a section without `author` is provider documentation, so an
// author whose role is unknown gets none (and a comment says so).
//
// Sources, per table:
// - Practitioner.qualification.code in HL7 v2 table 0360 "Degree/License/Certificate"
//   (http://terminology.hl7.org/CodeSystem/v2-0360|2.7): the degree is the author value; the
//   nurse-practitioner variants of that table (CNP, CANP, CPNP, FPNP) read as NP.
// - PractitionerRole.code in the NUCC Health Care Provider Taxonomy (http://nucc.org/provider-taxonomy,
//   the US Core PractitionerRole binding), by the taxonomy's classification: Nurse Practitioner
//   363L00000X, Physician Assistant 363A00000X, Registered Nurse 163W00000X, Licensed Practical
//   Nurse 164W00000X, Dietitian, Registered 133V00000X. Allopathic & Osteopathic Physicians (20…)
//   are providers without saying MD or DO: no author attribute, which means provider.
// - PractitionerRole.code in HL7 practitioner-role (http://terminology.hl7.org/CodeSystem/practitioner-role):
//   `doctor` → provider (no attribute), `nurse` → "nurse" (not a provider: the code does not say NP).

export const V2_0360 = 'http://terminology.hl7.org/CodeSystem/v2-0360|2.7';
const V2_0360_SYSTEMS = [V2_0360, 'http://terminology.hl7.org/CodeSystem/v2-0360', 'http://hl7.org/fhir/v2/0360/2.7'];
export const NUCC = 'http://nucc.org/provider-taxonomy';
export const HL7_PRACTITIONER_ROLE = 'http://terminology.hl7.org/CodeSystem/practitioner-role';

/** v2-0360 codes read as an author value (the degree itself, or NP for its NP variants). */
const V2_0360_AUTHOR: Record<string, string> = {
  MD: 'MD',
  DO: 'DO',
  NP: 'NP',
  CNP: 'NP',
  CANP: 'NP',
  CPNP: 'NP',
  FPNP: 'NP',
  PA: 'PA',
  RN: 'RN',
  BSN: 'RN',
  LPN: 'LPN',
  CNM: 'CNM',
  CNS: 'CNS',
  CRN: 'CRN',
  RPH: 'RPh',
  PHARMD: 'PharmD',
  EMT: 'EMT',
  EMTP: 'EMT-P',
  MT: 'MT',
  RMA: 'RMA',
  CMA: 'CMA',
};

/** NUCC taxonomy codes whose classification names one author role; `provider` = physician, no attribute. */
const NUCC_AUTHOR: Record<string, string> = {
  '363L00000X': 'NP',
  '363A00000X': 'PA',
  '163W00000X': 'RN',
  '164W00000X': 'LPN',
  '133V00000X': 'RD',
};

export type AuthorRole = { kind: 'role'; value: string } | { kind: 'provider' } | { kind: 'unknown' };

interface CodingLike {
  system?: string;
  code?: string;
}

/** The author role a qualification or role coding states, if any. */
export function roleOfCoding(c: CodingLike): AuthorRole {
  const code = c.code?.trim();
  if (!code) return { kind: 'unknown' };
  if (c.system && V2_0360_SYSTEMS.includes(c.system)) {
    const v = V2_0360_AUTHOR[code.toUpperCase()];
    return v ? { kind: 'role', value: v } : { kind: 'unknown' };
  }
  if (c.system === NUCC) {
    const v = NUCC_AUTHOR[code.toUpperCase()];
    if (v) return { kind: 'role', value: v };
    // 207…/208… Allopathic & Osteopathic Physicians (NUCC grouping "Allopathic & Osteopathic Physicians").
    if (/^20[78]/.test(code)) return { kind: 'provider' };
    return { kind: 'unknown' };
  }
  if (c.system === HL7_PRACTITIONER_ROLE) {
    if (code === 'doctor') return { kind: 'provider' };
    if (code === 'nurse') return { kind: 'role', value: 'nurse' };
  }
  return { kind: 'unknown' };
}
