// LOINC codes → the measurement names of the `results` block (docs/format.md, format 1.1), which
// the CDI checks read. One row per LOINC term; the name is the analyte or vital sign the term
// measures, whatever the specimen or method (creatinine in serum and in blood are both
// `creatinine`; the LOINC code stays in the line's comment for anyone who needs the detail).
// A LOINC code not listed here keeps its display name (see resultName in chartText.ts).
//
// Sources:
// - vital signs: FHIR R4 Vital Signs profile, "Vital Signs" table (hl7.org/fhir/R4/observation-vitalsigns.html)
//   — 8867-4, 9279-1, 2708-6, 8310-5, 8302-2, 29463-7, 39156-5, 85354-9 (panel: 8480-6, 8462-4);
//   US Core Pulse Oximetry profile — 59408-5; US Core Blood Pressure profile — 8480-6, 8462-4.
// - every other row: the LOINC database (Regenstrief Institute, loinc.org/<code>), the term's
//   Long Common Name quoted in the row. Specimen variants were taken from LOINC's own
//   "Serum or Plasma" / "Blood" / "Arterial blood" terms of the same component and property.

export interface LoincRow {
  code: string;
  name: string;
  /** The LOINC Long Common Name (or the FHIR profile's display) — the row's citation. */
  loinc: string;
}

export const LOINC_MEASUREMENTS: readonly LoincRow[] = [
  // ── chemistry ──────────────────────────────────────────────────────────────
  { code: '2160-0', name: 'creatinine', loinc: 'Creatinine [Mass/volume] in Serum or Plasma' },
  { code: '38483-4', name: 'creatinine', loinc: 'Creatinine [Mass/volume] in Blood' },
  { code: '3094-0', name: 'bun', loinc: 'Urea nitrogen [Mass/volume] in Serum or Plasma' },
  { code: '6299-2', name: 'bun', loinc: 'Urea nitrogen [Mass/volume] in Blood' },
  { code: '2951-2', name: 'sodium', loinc: 'Sodium [Moles/volume] in Serum or Plasma' },
  { code: '2947-0', name: 'sodium', loinc: 'Sodium [Moles/volume] in Blood' },
  { code: '2823-3', name: 'potassium', loinc: 'Potassium [Moles/volume] in Serum or Plasma' },
  { code: '6298-4', name: 'potassium', loinc: 'Potassium [Moles/volume] in Blood' },
  { code: '2075-0', name: 'chloride', loinc: 'Chloride [Moles/volume] in Serum or Plasma' },
  { code: '2069-3', name: 'chloride', loinc: 'Chloride [Moles/volume] in Blood' },
  { code: '2028-9', name: 'co2', loinc: 'Carbon dioxide, total [Moles/volume] in Serum or Plasma' },
  { code: '20565-8', name: 'co2', loinc: 'Carbon dioxide, total [Moles/volume] in Blood' },
  { code: '1963-8', name: 'bicarbonate', loinc: 'Bicarbonate [Moles/volume] in Serum or Plasma' },
  { code: '2345-7', name: 'glucose', loinc: 'Glucose [Mass/volume] in Serum or Plasma' },
  { code: '2339-0', name: 'glucose', loinc: 'Glucose [Mass/volume] in Blood' },
  { code: '14749-6', name: 'glucose', loinc: 'Glucose [Moles/volume] in Serum or Plasma' },
  { code: '15074-8', name: 'glucose', loinc: 'Glucose [Moles/volume] in Blood' },
  { code: '41653-7', name: 'glucose', loinc: 'Glucose [Mass/volume] in Capillary blood by Glucometer' },
  { code: '17861-6', name: 'calcium', loinc: 'Calcium [Mass/volume] in Serum or Plasma' },
  { code: '49765-1', name: 'calcium', loinc: 'Calcium [Mass/volume] in Blood' },
  { code: '19123-9', name: 'magnesium', loinc: 'Magnesium [Mass/volume] in Serum or Plasma' },
  { code: '1751-7', name: 'albumin', loinc: 'Albumin [Mass/volume] in Serum or Plasma' },
  { code: '14338-8', name: 'prealbumin', loinc: 'Prealbumin [Mass/volume] in Serum or Plasma' },
  { code: '1975-2', name: 'bilirubin', loinc: 'Bilirubin.total [Mass/volume] in Serum or Plasma' },
  { code: '1920-8', name: 'ast', loinc: 'Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma' },
  { code: '1742-6', name: 'alt', loinc: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma' },
  { code: '6768-6', name: 'alkaline phosphatase', loinc: 'Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma' },
  { code: '4548-4', name: 'hba1c', loinc: 'Hemoglobin A1c/Hemoglobin.total in Blood' },
  {
    code: '33914-3',
    name: 'egfr',
    loinc: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)',
  },
  { code: '2524-7', name: 'lactate', loinc: 'Lactate [Moles/volume] in Serum or Plasma' },
  { code: '32693-4', name: 'lactate', loinc: 'Lactate [Moles/volume] in Blood' },
  { code: '33959-8', name: 'procalcitonin', loinc: 'Procalcitonin [Mass/volume] in Serum or Plasma' },
  { code: '1988-5', name: 'crp', loinc: 'C reactive protein [Mass/volume] in Serum or Plasma' },
  // ── cardiac markers ────────────────────────────────────────────────────────
  { code: '30934-4', name: 'bnp', loinc: 'Natriuretic peptide B [Mass/volume] in Serum or Plasma' },
  { code: '42637-9', name: 'bnp', loinc: 'Natriuretic peptide B [Mass/volume] in Blood' },
  { code: '33762-6', name: 'nt-probnp', loinc: 'Natriuretic peptide.B prohormone N-Terminal [Mass/volume] in Serum or Plasma' },
  { code: '10839-9', name: 'troponin', loinc: 'Troponin I.cardiac [Mass/volume] in Serum or Plasma' },
  { code: '42757-5', name: 'troponin', loinc: 'Troponin I.cardiac [Mass/volume] in Blood' },
  { code: '89579-7', name: 'troponin', loinc: 'Troponin I.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method' },
  { code: '6598-7', name: 'troponin', loinc: 'Troponin T.cardiac [Mass/volume] in Serum or Plasma' },
  { code: '67151-1', name: 'troponin', loinc: 'Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method' },
  // ── hematology and coagulation ─────────────────────────────────────────────
  { code: '718-7', name: 'hemoglobin', loinc: 'Hemoglobin [Mass/volume] in Blood' },
  { code: '4544-3', name: 'hematocrit', loinc: 'Hematocrit [Volume Fraction] of Blood by Automated count' },
  { code: '20570-8', name: 'hematocrit', loinc: 'Hematocrit [Volume Fraction] of Blood' },
  { code: '777-3', name: 'platelets', loinc: 'Platelets [#/volume] in Blood by Automated count' },
  { code: '26515-7', name: 'platelets', loinc: 'Platelets [#/volume] in Blood' },
  { code: '6690-2', name: 'wbc', loinc: 'Leukocytes [#/volume] in Blood by Automated count' },
  { code: '26464-8', name: 'wbc', loinc: 'Leukocytes [#/volume] in Blood' },
  { code: '764-1', name: 'bands', loinc: 'Neutrophils.band form/100 leukocytes in Blood by Manual count' },
  { code: '6301-6', name: 'inr', loinc: 'INR in Platelet poor plasma by Coagulation assay' },
  { code: '34714-6', name: 'inr', loinc: 'INR in Blood by Coagulation assay' },
  // ── blood gases and oxygen ─────────────────────────────────────────────────
  { code: '2744-1', name: 'ph', loinc: 'pH of Arterial blood' },
  { code: '11558-4', name: 'ph', loinc: 'pH of Blood' },
  { code: '2703-7', name: 'pao2', loinc: 'Oxygen [Partial pressure] in Arterial blood' },
  { code: '2019-8', name: 'paco2', loinc: 'Carbon dioxide [Partial pressure] in Arterial blood' },
  { code: '3150-0', name: 'fio2', loinc: 'Inhaled oxygen concentration' },
  { code: '2708-6', name: 'spo2', loinc: 'Oxygen saturation in Arterial blood (FHIR R4 Vital Signs: oxygen saturation)' },
  { code: '59408-5', name: 'spo2', loinc: 'Oxygen saturation in Arterial blood by Pulse oximetry (US Core Pulse Oximetry)' },
  // ── vital signs ────────────────────────────────────────────────────────────
  { code: '8867-4', name: 'heart rate', loinc: 'Heart rate (FHIR R4 Vital Signs)' },
  { code: '9279-1', name: 'respiratory rate', loinc: 'Respiratory rate (FHIR R4 Vital Signs)' },
  { code: '8310-5', name: 'temperature', loinc: 'Body temperature (FHIR R4 Vital Signs)' },
  { code: '8331-1', name: 'temperature', loinc: 'Oral temperature' },
  { code: '8328-7', name: 'temperature', loinc: 'Axillary temperature' },
  { code: '8332-9', name: 'temperature', loinc: 'Rectal temperature' },
  { code: '8333-7', name: 'temperature', loinc: 'Tympanic membrane temperature' },
  { code: '8480-6', name: 'sbp', loinc: 'Systolic blood pressure (FHIR R4 Vital Signs, blood pressure component)' },
  { code: '8462-4', name: 'dbp', loinc: 'Diastolic blood pressure (FHIR R4 Vital Signs, blood pressure component)' },
  { code: '8478-0', name: 'map', loinc: 'Mean blood pressure' },
  { code: '29463-7', name: 'weight', loinc: 'Body weight (FHIR R4 Vital Signs)' },
  { code: '3141-9', name: 'weight', loinc: 'Body weight Measured' },
  { code: '8302-2', name: 'height', loinc: 'Body height (FHIR R4 Vital Signs)' },
  { code: '39156-5', name: 'bmi', loinc: 'Body mass index (BMI) [Ratio] (FHIR R4 Vital Signs)' },
  { code: '9269-2', name: 'gcs', loinc: 'Glasgow coma score total' },
  { code: '9187-6', name: 'urine output', loinc: 'Urine output' },
  { code: '9192-6', name: 'urine output', loinc: 'Urine output 24 hour' },
  { code: '10230-1', name: 'ejection fraction', loinc: 'Left ventricular Ejection fraction' },
];

const BY_CODE = new Map(LOINC_MEASUREMENTS.map((r) => [r.code, r]));

/** The results-block name of a LOINC code, or undefined when the table does not know it. */
export function measurementName(loinc: string): string | undefined {
  return BY_CODE.get(loinc)?.name;
}
