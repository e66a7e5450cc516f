// The oracle's claim/answer JSON line format (../shared/oracle/README.md).
import type { Claim, ClaimDx, GroupResult, Poa, Sex } from './group';
import { normalizeCode } from '../base/codes';

export class ClaimFormatError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const POA = new Set(['Y', 'N', 'U', 'W', '1', '']);
const CODE = /^[A-Z0-9@]{1,10}$/;

function code(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new ClaimFormatError(field, `${field} must be a string`);
  if (CODE.test(value)) return value; // the usual case: undotted, upper case
  const c = normalizeCode(value);
  if (!CODE.test(c)) throw new ClaimFormatError(field, `${field} "${value}" is not a code`);
  return c;
}

function dxWithPoa(value: unknown, field: string): ClaimDx {
  if (typeof value !== 'string') throw new ClaimFormatError(field, `${field} must be a string "CODE:POA"`);
  const colon = value.indexOf(':');
  if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) throw new ClaimFormatError(field, `${field} "${value}" has more than one ":"`);
  const c = colon < 0 ? value : value.slice(0, colon);
  const poa = colon < 0 ? 'Y' : value.slice(colon + 1);
  const p = poa.length === 1 && POA.has(poa) ? poa : poa.trim().toUpperCase();
  if (!POA.has(p)) throw new ClaimFormatError(field, `${field} POA "${poa}" is not one of Y, N, U, W, 1`);
  return { code: code(c, field), poa: p as Poa };
}

/** Parses one claim line; throws ClaimFormatError naming the field. */
export function parseClaimLine(line: string): Claim {
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    throw new ClaimFormatError('(line)', `not valid JSON: ${(e as Error).message}`);
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new ClaimFormatError('(line)', 'a claim must be a JSON object');
  const o = obj as Record<string, unknown>;
  const age = o.age === undefined ? 50 : o.age;
  if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 124) throw new ClaimFormatError('age', 'age must be an integer 0–124');
  const sex = o.sex === undefined ? 'U' : o.sex;
  if (sex !== 'M' && sex !== 'F' && sex !== 'U') throw new ClaimFormatError('sex', 'sex must be "M", "F" or "U"');
  const dstat = o.dstat === undefined ? '01' : o.dstat;
  if (typeof dstat !== 'string' || !/^\d{1,2}$/.test(dstat)) throw new ClaimFormatError('dstat', 'dstat must be a 2-digit string');
  if (o.pdx === undefined) throw new ClaimFormatError('pdx', 'pdx is missing');
  const pdx = dxWithPoa(o.pdx, 'pdx');
  const sdxIn = o.sdx === undefined ? [] : o.sdx;
  if (!Array.isArray(sdxIn)) throw new ClaimFormatError('sdx', 'sdx must be an array');
  const procsIn = o.procs === undefined ? [] : o.procs;
  if (!Array.isArray(procsIn)) throw new ClaimFormatError('procs', 'procs must be an array');
  let discharged: string | undefined;
  if (o.discharged !== undefined) {
    const m = typeof o.discharged === 'string' ? /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(o.discharged) : null;
    if (!m) throw new ClaimFormatError('discharged', 'discharged must be a date YYYY-MM-DD');
    discharged = `${m[1]}-${m[2]}-${m[3]}`;
  }
  if (o.los !== undefined && (typeof o.los !== 'number' || !Number.isInteger(o.los) || o.los < 0))
    throw new ClaimFormatError('los', 'los must be a whole number of days');
  return {
    id: o.id === undefined ? undefined : String(o.id),
    age,
    sex: sex as Sex,
    dstat: dstat.padStart(2, '0'),
    pdx: pdx.code,
    pdxPoa: pdx.poa,
    sdx: sdxIn.map((d, i) => dxWithPoa(d, `sdx[${i}]`)),
    procs: procsIn.map((c, i) => code(c, `procs[${i}]`)),
    discharged,
    los: o.los as number | undefined,
  };
}

/** What an answer line can carry beyond the grouper's result: the Code Editor's edits (group --claims). */
export interface AnswerExtras {
  mce?: { code: string; edit: string }[];
  mce_edit_type?: string;
}

/**
 * The answer line, fields in the oracle's order — the same text as JSON.stringify of the result
 * without `path` (the grouper's own fields are codes, flags and enum names that need no escaping;
 * the claim's id is escaped), written by hand because it is a fifth of the time of a claim.
 */
export function formatAnswer(r: GroupResult & AnswerExtras): string {
  let s = r.id === undefined ? '{' : `{"id":${JSON.stringify(r.id)},`;
  s += `"version":"${r.version}","drg":"${r.drg}","mdc":"${r.mdc}","medsurg":"${r.medsurg}","return_code":"${r.return_code}","initial_drg":"${r.initial_drg}","severity":"${r.severity}","hac_status":"${r.hac_status}","sdx":[`;
  for (let i = 0; i < r.sdx.length; i++) {
    const d = r.sdx[i]!;
    s += `${i ? ',' : ''}{"code":"${d.code}","poa":"${d.poa}","severity":"${d.severity}","usage":"${d.usage}","cc_excluded":${d.cc_excluded},"hacs":${d.hacs},"affects_drg":"${d.affects_drg}"}`;
  }
  s += '],"procs":[';
  for (let i = 0; i < r.procs.length; i++) {
    const q = r.procs[i]!;
    s += `${i ? ',' : ''}{"code":"${q.code}","is_or":${q.is_or},"affects_drg":"${q.affects_drg}"}`;
  }
  s += ']';
  if (r.mce) {
    s += ',"mce":[';
    for (let i = 0; i < r.mce.length; i++) s += `${i ? ',' : ''}{"code":"${r.mce[i]!.code}","edit":"${r.mce[i]!.edit}"}`;
    s += ']';
  }
  if (r.mce_edit_type !== undefined) s += `,"mce_edit_type":"${r.mce_edit_type}"`;
  return s + '}';
}
