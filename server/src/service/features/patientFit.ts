// Does a code fit the patient? For completion and Search Codes: a diagnosis the Medicare Code
// Editor's age or sex edits would reject for this chart's patient (an obstetric code for a
// 72-year-old or for a man, a newborn code for an adult) is ranked below the others with the
// reason in its detail — never hidden: a coder may need it for an MCE override. The flags and
// their dates come from the release's MCE table (entry.mce), the age groups from the MCE's age table.
import type { Sex } from '../../chart/model';
import type { CodeFacts, CodeSystem } from '../../tables/types';
import { ageGroupOn } from '../../rules/data/mceAgeGroups';

export interface Patient {
  age: number | null;
  sex: Sex | null;
}

const AGE_GROUPS: readonly string[] = ['newborn', 'pediatric', 'maternity', 'adult'];
const GROUP_NAMES: Record<string, string> = { newborn: 'newborn/perinatal', pediatric: 'pediatric', maternity: 'maternity (obstetric)', adult: 'adult' };

/** Why `code` does not fit the patient on `date` (the MCE age/sex edit it fails), or null when it fits or nothing is known. */
export function patientConcern(tables: CodeFacts, code: string, system: CodeSystem, date: string, patient: Patient, depth = 0): string | null {
  if (system !== 'icd10cm' || (patient.age === null && patient.sex === null)) return null;
  const r = tables.lookup(code, date, 'icd10cm');
  if (r.kind !== 'valid') return null;
  // A header: judged by the first code below it (a category's codes share its age/sex flags).
  if (!r.entry.billable) {
    const first = r.entry.children?.[0];
    const below = first && depth < 4 ? patientConcern(tables, first, system, date, patient, depth + 1) : null;
    return below && depth === 0 ? `codes below it: ${below}` : below;
  }
  // Chapter 16 (P00–P96) is not in the MCE's newborn edit — a condition that began in the perinatal
  // period is coded for life (Guidelines I.C.16.a.4) — but for an adult it is rarely the code sought.
  if (code.startsWith('P') && patient.age !== null && patient.age >= 18)
    return `a perinatal (Chapter 16) code, the patient is ${patient.age}: for an adult only a condition that began in the perinatal period (Guidelines I.C.16.a.4)`;
  if (!r.entry.mce?.length) return null;
  const inForce = (f: { start: string; end: string | null }) => f.start <= date && (!f.end || f.end >= date);
  const flags = r.entry.mce.filter(inForce).map((f) => f.flag);
  if (patient.age !== null) {
    for (const group of AGE_GROUPS) {
      if (!flags.includes(group)) continue;
      const g = ageGroupOn(group, date);
      if (g && (patient.age < g.min || patient.age > g.max))
        return `MCE age conflict: a ${GROUP_NAMES[group]} code (ages ${g.min}–${g.max}), the patient is ${patient.age}`;
    }
  }
  if (patient.sex === 'M' && flags.includes('maternity')) return 'a maternity (obstetric) code, the patient is male';
  // CMS ended the MCE's sex edits on 2024-09-30, but a code of one sex still does not fit the other: it is ranked lower, and says so.
  const sexFlag = (name: string) => r.entry.mce.find((f) => f.flag === name && f.start <= date);
  const sexEdit = (f: { end: string | null }) => (f.end && f.end < date ? `the MCE sex edit, ended ${f.end}` : 'MCE sex conflict');
  const female = sexFlag('female');
  if (patient.sex === 'M' && female) return `a female diagnosis (${sexEdit(female)}), the patient is male`;
  const male = sexFlag('male');
  if (patient.sex === 'F' && male) return `a male diagnosis (${sexEdit(male)}), the patient is female`;
  return null;
}

/** The items in their order, those that do not fit the patient moved after the rest (each keeps its order). */
export function rankForPatient<T>(items: readonly T[], concernOf: (item: T) => string | null): { item: T; concern: string | null }[] {
  const judged = items.map((item) => ({ item, concern: concernOf(item) }));
  return [...judged.filter((j) => !j.concern), ...judged.filter((j) => j.concern)];
}
