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
  const c = normalizeCode(value);
  if (!CODE.test(c)) throw new ClaimFormatError(field, `${field} "${value}" is not a code`);
  return c;
}

function dxWithPoa(value: unknown, field: string): ClaimDx {
  if (typeof value !== 'string') throw new ClaimFormatError(field, `${field} must be a string "CODE:POA"`);
  const [c, poa = 'Y', ...rest] = value.split(':');
  if (rest.length) throw new ClaimFormatError(field, `${field} "${value}" has more than one ":"`);
  const p = poa.trim().toUpperCase();
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
  return {
    id: o.id === undefined ? undefined : String(o.id),
    age,
    sex: sex as Sex,
    dstat: dstat.padStart(2, '0'),
    pdx: pdx.code,
    pdxPoa: pdx.poa,
    sdx: sdxIn.map((d, i) => dxWithPoa(d, `sdx[${i}]`)),
    procs: procsIn.map((c, i) => code(c, `procs[${i}]`)),
  };
}

/** The answer line, fields in the oracle's order (groupClaim builds its result in that order). */
export function formatAnswer(r: GroupResult): string {
  if (r.path === undefined) return JSON.stringify(r);
  const { path: _path, ...rest } = r;
  return JSON.stringify(rest);
}
