// Codes as written and as stored: the one normalisation (no dots, no blanks, upper case) and the
// one display form (ICD-10-CM dotted after the third character; other systems as stored).

/** "i50.33 " / "I5033" → "I5033": every dot and surrounding blank removed, upper case. */
export function normalizeCode(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/** ICD-10-CM display form: a dot after the third character ("I5033" → "I50.33"; "I10" stays). */
export function dottedCm(code: string): string {
  const c = normalizeCode(code);
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

/** How a code of a system is shown: ICD-10-CM dotted, ICD-10-PCS, HCPCS and CPT as stored. */
export function displayCode(code: string, system: string | null): string {
  return system === 'icd10cm' ? dottedCm(code) : normalizeCode(code);
}
