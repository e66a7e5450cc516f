// mce.*: the Medicare Code Editor's diagnosis edits, on the claim made of the chart's header (age,
// sex, discharge date) and abstract; each finding sits on the abstract line of the code it fired
// on. Only flags in force on the discharge date count (the tables keep each flag's date range):
// CMS ended the sex-conflict flags on 2024-09-30, so later discharges get no sex conflict.
// One problem, one finding: an invalid code is code.unknown / code.not-on-date / code.not-billable
// (the MCE's "Invalid diagnosis or procedure code"), and "Manifestation code as principal
// diagnosis" is icd.manifestation-pdx; this rule raises neither.
import type { Rule, RuleFinding } from './rule';
import type { Severity } from '../service/context';
import type { CodeTables } from '../tables/types';
import type { CodeDetails } from '../tables/load';
import type { Sex } from '../service/chart/model';
import { dottedCm } from '../tables/types';
import { ageGroupOn } from './data/mceAgeGroups';
import { reportedDx } from './facts';

/** The MCE edits ChartCoder raises, named as the Code Editor names them (kebab case of the oracle names). */
export const MCE_EDITS: { id: string; edit: string; defaultSeverity: Severity; summary: string }[] = [
  { id: 'mce.invalid-code', edit: 'INVALID_CODE', defaultSeverity: 'error', summary: 'Invalid diagnosis code (raised as code.unknown / code.not-on-date / code.not-billable).' },
  { id: 'mce.e-code-as-pdx', edit: 'E_CODE_AS_PDX', defaultSeverity: 'error', summary: 'External cause code as principal diagnosis (return to provider).' },
  { id: 'mce.duplicate-of-pdx', edit: 'DUPLICATE_OF_PDX', defaultSeverity: 'error', summary: 'A secondary diagnosis equal to the principal (return to provider).' },
  { id: 'mce.age-conflict', edit: 'AGE_CONFLICT', defaultSeverity: 'error', summary: 'Newborn, pediatric, maternity or adult diagnosis inconsistent with the age (return to provider).' },
  { id: 'mce.sex-conflict', edit: 'SEX_CONFLICT', defaultSeverity: 'error', summary: 'Diagnosis inconsistent with the sex (flags ended 2024-09-30).' },
  { id: 'mce.manifestation-as-pdx', edit: 'MANIFESTATION_AS_PDX', defaultSeverity: 'error', summary: 'Manifestation code as principal diagnosis (raised as icd.manifestation-pdx).' },
  { id: 'mce.unacceptable-pdx', edit: 'UNACCEPTABLE_PDX', defaultSeverity: 'error', summary: 'A code not acceptable as principal diagnosis (return to provider).' },
  { id: 'mce.questionable-admission', edit: 'QUESTIONABLE_ADMISSION', defaultSeverity: 'warning', summary: 'A principal diagnosis that is a questionable reason for inpatient admission (informational; may be reviewed).' },
  { id: 'mce.unspecified', edit: 'UNSPECIFIED', defaultSeverity: 'info', summary: 'An unspecified code the MCE flags (informational).' },
];

export interface MceClaim {
  date: string;
  age: number | null;
  sex: Sex | null;
  dx: { code: string; principal: boolean }[];
}

export interface MceHit {
  edit: string;
  code: string;
  index: number; // index in claim.dx
  message: string;
}

const AGE_FLAGS: Record<string, string> = { newborn: 'newborn', pediatric: 'pediatric', maternity: 'maternity', adult: 'adult' };

/** The diagnosis edits of the MCE on a claim (pure: tables and plain data in, hits out). */
export function mceDiagnosisEdits(tables: CodeTables, claim: MceClaim): MceHit[] {
  const out: MceHit[] = [];
  const pdx = claim.dx.find((d) => d.principal)?.code;
  claim.dx.forEach((d, index) => {
    const shown = dottedCm(d.code);
    const r = tables.lookup(d.code, claim.date, 'icd10cm');
    if (r.kind !== 'valid' || !r.entry.billable) {
      out.push({ edit: 'INVALID_CODE', code: d.code, index, message: `MCE: ${shown} is not a valid diagnosis code on ${claim.date}.` });
      return;
    }
    const flags = new Set((r.entry as CodeDetails).mce.filter((f) => f.start <= claim.date && (!f.end || f.end >= claim.date)).map((f) => f.flag));
    if (!d.principal && d.code === pdx) out.push({ edit: 'DUPLICATE_OF_PDX', code: d.code, index, message: `MCE Duplicate of PDX: ${shown} is also the principal diagnosis.` });
    if (claim.age !== null) {
      for (const [flag, group] of Object.entries(AGE_FLAGS)) {
        if (!flags.has(flag)) continue;
        const g = ageGroupOn(group, claim.date);
        if (g && (claim.age < g.min || claim.age > g.max)) out.push({ edit: 'AGE_CONFLICT', code: d.code, index, message: `MCE Age conflict: ${shown} is a ${group} diagnosis (ages ${g.min}–${g.max}); the patient is ${claim.age}.` });
      }
    }
    if (claim.sex === 'M' && flags.has('female')) out.push({ edit: 'SEX_CONFLICT', code: d.code, index, message: `MCE Sex conflict: ${shown} is a female diagnosis; the patient is male.` });
    if (claim.sex === 'F' && flags.has('male')) out.push({ edit: 'SEX_CONFLICT', code: d.code, index, message: `MCE Sex conflict: ${shown} is a male diagnosis; the patient is female.` });
    if (d.principal) {
      if (flags.has('ecodepdx')) out.push({ edit: 'E_CODE_AS_PDX', code: d.code, index, message: `MCE E-code as PDX: ${shown} is an external cause code and cannot be the principal diagnosis.` });
      if (flags.has('manifestation')) out.push({ edit: 'MANIFESTATION_AS_PDX', code: d.code, index, message: `MCE Manifestation code as PDX: ${shown}.` });
      if (flags.has('unacceptable')) out.push({ edit: 'UNACCEPTABLE_PDX', code: d.code, index, message: `MCE Unacceptable principal diagnosis: ${shown} is not acceptable as principal diagnosis.` });
      if (flags.has('qadm')) out.push({ edit: 'QUESTIONABLE_ADMISSION', code: d.code, index, message: `MCE Questionable admission: ${shown} as principal diagnosis is a questionable reason for an inpatient admission.` });
    }
    if (flags.has('unspecified')) out.push({ edit: 'UNSPECIFIED', code: d.code, index, message: `MCE Unspecified code: ${shown} is flagged as unspecified; document and code the specific condition where known.` });
  });
  return out;
}

/** "AGE_CONFLICT" → "mce.age-conflict". */
export function mceRuleId(edit: string): string {
  return `mce.${edit.toLowerCase().replace(/_/g, '-')}`;
}

/** Raised by other rules (one problem, one finding). */
const RAISED_ELSEWHERE = new Set(['INVALID_CODE', 'MANIFESTATION_AS_PDX']);

export const mce: Rule = {
  id: 'mce.*',
  summary: 'Medicare Code Editor edits in force on the discharge date.',
  defaultSeverity: 'error',
  ids: MCE_EDITS.map(({ id, defaultSeverity, summary }) => ({ id, defaultSeverity, summary })),
  check(ctx) {
    if (!ctx.tables || !ctx.release?.release || ctx.chart.header?.type === 'outpatient') return [];
    const dx = reportedDx(ctx.chart);
    const claim: MceClaim = { date: ctx.release.date, age: ctx.chart.header?.age ?? null, sex: ctx.chart.header?.sex ?? null, dx: dx.map((r) => ({ code: r.code, principal: r.kind === 'PDX' })) };
    const out: RuleFinding[] = [];
    for (const hit of mceDiagnosisEdits(ctx.tables, claim)) {
      if (RAISED_ELSEWHERE.has(hit.edit)) continue;
      out.push({ rule: mceRuleId(hit.edit), range: dx[hit.index].line.code!.range, message: hit.message });
    }
    return out;
  },
};
