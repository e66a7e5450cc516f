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
import type { Sex } from '../chart/model';
import { dottedCm } from '../base/codes';
import { ageGroupOn } from './data/mceAgeGroups';
import { cmDetails, instructions, reportedDx, reportedLines } from './facts';
import { MCE_EDITS, runMce } from '../mce/edits';
import type { RuleContext } from './rule';
import type { Range } from '../chart/model';

/** Every MCE edit, with its rule id and default level (server/src/mce/editList.ts: error for edits CMS
 *  returns to the provider before payment, warning for post-payment review, info otherwise). */
export const MCE_RULE_IDS = MCE_EDITS.map((e) => ({ id: e.ruleId, defaultSeverity: e.severity as Severity, summary: e.doc }));

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
    const flags = new Set(r.entry.mce.filter((f) => f.start <= claim.date && (!f.end || f.end >= claim.date)).map((f) => f.flag));
    if (!d.principal && d.code === pdx)
      out.push({ edit: 'DUPLICATE_OF_PDX', code: d.code, index, message: `MCE Duplicate of PDX: ${shown} is also the principal diagnosis.` });
    if (claim.age !== null) {
      for (const [flag, group] of Object.entries(AGE_FLAGS)) {
        if (!flags.has(flag)) continue;
        const g = ageGroupOn(group, claim.date);
        if (g && (claim.age < g.min || claim.age > g.max))
          out.push({
            edit: 'AGE_CONFLICT',
            code: d.code,
            index,
            message: `MCE Age conflict: ${shown} is a ${group} diagnosis (ages ${g.min}–${g.max}); the patient is ${claim.age}.`,
          });
      }
    }
    if (claim.sex === 'M' && flags.has('female'))
      out.push({ edit: 'SEX_CONFLICT', code: d.code, index, message: `MCE Sex conflict: ${shown} is a female diagnosis; the patient is male.` });
    if (claim.sex === 'F' && flags.has('male'))
      out.push({ edit: 'SEX_CONFLICT', code: d.code, index, message: `MCE Sex conflict: ${shown} is a male diagnosis; the patient is female.` });
    if (d.principal) {
      if (flags.has('ecodepdx'))
        out.push({
          edit: 'E_CODE_AS_PDX',
          code: d.code,
          index,
          message: `MCE E-code as PDX: ${shown} is an external cause code and cannot be the principal diagnosis.`,
        });
      if (flags.has('manifestation')) out.push({ edit: 'MANIFESTATION_AS_PDX', code: d.code, index, message: `MCE Manifestation code as PDX: ${shown}.` });
      if (flags.has('unacceptable'))
        out.push({
          edit: 'UNACCEPTABLE_PDX',
          code: d.code,
          index,
          message: `MCE Unacceptable principal diagnosis: ${shown} is not acceptable as principal diagnosis.`,
        });
      if (flags.has('qadm'))
        out.push({
          edit: 'QUESTIONABLE_ADMISSION',
          code: d.code,
          index,
          message: `MCE Questionable admission: ${shown} as principal diagnosis is a questionable reason for an inpatient admission.`,
        });
    }
    if (flags.has('unspecified'))
      out.push({
        edit: 'UNSPECIFIED',
        code: d.code,
        index,
        message: `MCE Unspecified code: ${shown} is flagged as unspecified; document and code the specific condition where known.`,
      });
  });
  return out;
}

/** "AGE_CONFLICT" → "mce.age-conflict". */
export function mceRuleId(edit: string): string {
  return `mce.${edit.toLowerCase().replace(/_/g, '-')}`;
}

/** Raised by other rules (one problem, one finding): code.* and abstract.missing-pdx, icd.manifestation-pdx. */
const RAISED_ELSEWHERE = new Set(['INVALID_CODE', 'MANIFESTATION_AS_PDX']);

export const mce: Rule = {
  id: 'mce.*',
  summary: 'Medicare Code Editor edits in force on the discharge date.',
  defaultSeverity: 'error',
  ids: MCE_RULE_IDS,
  check(ctx) {
    if (!ctx.tables || !ctx.release?.release || ctx.chart.header?.type === 'outpatient') return [];
    return ctx.mce ? withCodeEditor(ctx) : withCodeTableFlags(ctx);
  },
};

/** The Code Editor itself (server/src/mce) on the claim made of the header and the abstract. */
function withCodeEditor(ctx: RuleContext): RuleFinding[] {
  const h = ctx.chart.header;
  const lines = reportedLines(ctx.chart);
  const pdx = lines.find((r) => r.kind === 'PDX');
  if (!pdx || !h?.discharged) return []; // abstract.missing-pdx / chart.header say it
  const sdx = lines.filter((r) => r.kind === 'SDX');
  const procs = lines.filter((r) => r.kind === 'PROC');
  const adx = lines.find((r) => r.kind === 'ADX');
  const los = h.admitted ? Math.round((Date.parse(h.discharged) - Date.parse(h.admitted)) / 86400000) : undefined;
  const result = runMce(ctx.mce!, {
    age: h.age ?? null,
    sex: h.sex ?? 'U',
    dstat: h.disposition ?? '',
    pdx: pdx.code,
    sdx: sdx.map((r) => ({ code: r.code, poa: r.line.poa?.value })),
    procs: procs.map((r) => r.code),
    admitDx: adx?.code,
    discharged: h.discharged,
    los: los !== undefined && los >= 0 ? los : undefined,
  });
  const field = (key: string): Range => h.fields.find((f) => f.key.value === key)?.value.range ?? h.range;
  const out: RuleFinding[] = [];
  for (const hit of result.edits) {
    if (RAISED_ELSEWHERE.has(hit.edit)) continue;
    const info = MCE_EDITS.find((e) => e.name === hit.edit);
    const at =
      hit.position === 'pdx'
        ? pdx
        : hit.position === 'sdx'
          ? sdx[hit.index ?? -1]
          : hit.position === 'proc'
            ? procs[hit.index ?? -1]
            : hit.position === 'admit'
              ? adx
              : undefined;
    const range = at
      ? at.line.code!.range
      : field(hit.edit.includes('AGE') ? 'age' : hit.edit.includes('SEX') ? 'sex' : hit.edit.includes('DISCHARGE') ? 'disposition' : 'discharged');
    const shown = at && at.kind !== 'PROC' ? dottedCm(hit.code) : hit.code;
    const own = at && at.kind !== 'PROC' ? ownReason(ctx, hit.edit, hit.code) : null;
    out.push({
      rule: mceRuleId(hit.edit),
      range,
      message:
        own ??
        `MCE ${hit.edit.toLowerCase().replace(/_/g, ' ')}: ${shown}${hit.edit.includes('AGE') ? ` (patient age ${h.age ?? 'unknown'})` : hit.edit.includes('SEX') ? ` (patient sex ${h.sex ?? 'unknown'})` : ''} — ${info?.doc ?? 'Medicare Code Editor edit'}`,
    });
  }
  return out;
}

/**
 * The flag's own reason for a principal-diagnosis edit, from the code's tabular instructions: a
 * code whose "code first" note names the condition to sequence first (J12.82: U07.1) says so,
 * action first; null when the tabular gives no such reason (the edit's general wording is kept).
 */
function ownReason(ctx: RuleContext, edit: string, code: string): string | null {
  if (edit !== 'UNACCEPTABLE_PDX' && edit !== 'MANIFESTATION_AS_PDX') return null;
  const d = cmDetails(ctx, code);
  // A category-wide note (Z87: "code first any follow-up examination (Z09)") is no reason for one
  // code's unacceptability; a manifestation's category note is (F02: the underlying condition).
  const first = instructions(d, 'codeFirst').find(
    (i) => i.patterns.length && !/if applicable/i.test(i.head.text) && (edit === 'MANIFESTATION_AS_PDX' || i.head.from.replace('.', '').length > 3),
  );
  if (!d || !first) return null;
  const targets = [...new Set(first.patterns.map((p) => p.text))].slice(0, 4).join(', ');
  const note = first.items
    .map((n) => n.text)
    .join(' ')
    .trim();
  const what = edit === 'UNACCEPTABLE_PDX' ? 'unacceptable principal diagnosis' : 'manifestation code as principal diagnosis';
  return `Sequence ${targets} first: ${dottedCm(code)}${d.title ? ` "${d.title}"` : ''} needs it as principal — "code first ${note.replace(/^code first\s*/i, '')}" (${first.head.from}); Medicare Code Editor: ${what}.`;
}

/** Without the MCE tables: the diagnosis edits from the MCE flags the code tables carry. */
function withCodeTableFlags(ctx: RuleContext): RuleFinding[] {
  const dx = reportedDx(ctx.chart);
  const claim: MceClaim = {
    date: ctx.release!.date,
    age: ctx.chart.header?.age ?? null,
    sex: ctx.chart.header?.sex ?? null,
    dx: dx.map((r) => ({ code: r.code, principal: r.kind === 'PDX' })),
  };
  const out: RuleFinding[] = [];
  for (const hit of mceDiagnosisEdits(ctx.tables!, claim)) {
    if (RAISED_ELSEWHERE.has(hit.edit)) continue;
    out.push({ rule: mceRuleId(hit.edit), range: dx[hit.index].line.code!.range, message: hit.message });
  }
  return out;
}
