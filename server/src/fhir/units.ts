// Units as a results line shows them: the EHR's own display text (`valueQuantity.unit`), or the
// UCUM code when there is none — with the UCUM codes that are not how clinicians write units
// rewritten in their usual notation, so the line reads like a lab report and the CDI checks read
// the unit (docs/format.md: "mm Hg", "°C", "x10^3/uL").
//
// Source: The Unified Code for Units of Measure (UCUM, Regenstrief Institute, ucum.org), the
// print symbols of its tables: mm[Hg] "mm Hg", Cel "°C", [degF] "°F", [lb_av] "lb", [in_i] "in";
// 10*3, 10*6, 10*9, 10*12 are the powers of ten written 10³ … (here x10^3 …, as laboratory
// reports write them); a unit in curly braces alone ({score}) is a UCUM annotation of the unit 1,
// i.e. no unit; {beats}/min and {breaths}/min are per minute.

const CONVENTIONAL: Record<string, string> = {
  'mm[Hg]': 'mm Hg',
  Cel: '°C',
  '[degF]': '°F',
  '[lb_av]': 'lb',
  '[in_i]': 'in',
  '10*3/uL': 'x10^3/uL',
  '10*3/mm3': 'x10^3/mm3',
  '10*6/uL': 'x10^6/uL',
  '10*9/L': 'x10^9/L',
  '10*12/L': 'x10^12/L',
  '{beats}/min': '/min',
  '{breaths}/min': '/min',
  'mL/min/{1.73_m2}': 'mL/min/1.73 m2',
};

/** The unit to write after a value; undefined when there is none. */
export function conventionalUnit(raw: string | undefined): string | undefined {
  const u = raw?.trim();
  if (!u) return undefined;
  if (CONVENTIONAL[u] !== undefined) return CONVENTIONAL[u];
  if (/^\{[^{}]*\}$/.test(u)) return undefined; // {score}: an annotation of the unit 1
  return u;
}
