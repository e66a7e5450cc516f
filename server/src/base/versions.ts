// Grouper and Code Editor versions in their three spellings: the tables' key ("430"), the
// releases' ("V430") and what people read ("v43.0"). One reader, one formatter.

/** "V430", "v43.0", "43.0", "430" or 430 → "430"; "" for anything else. */
export function versionKey(version: string | number): string {
  const v = String(version).trim().replace(/^v/i, '').replace('.', '');
  return /^\d{3}$/.test(v) ? v : '';
}

/** "430", "V430" or 430 → "v43.0" (MS-DRG and MCE versions alike); the input as given when it is no version. */
export function versionLabel(version: string | number): string {
  const v = versionKey(version);
  return v ? `v${v.slice(0, 2)}.${v.slice(2)}` : String(version);
}
