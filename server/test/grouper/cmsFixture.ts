// The committed CMS answers of generated claims (fixtures/cms-answers.jsonl), kept compact: per line
// the version, the claim, and CMS's answer without what the claim itself says (codes) or what is
// not compared (affects_drg). `expand` rebuilds the oracle's answer shape for `differences`.
import type { OracleAnswer } from './oracleCompare';

export interface FixtureLine {
  v: string;
  claim: Record<string, unknown> & { id: string; pdx: string; sdx: string[]; procs: string[] };
  /** drg, mdc, medsurg, return_code, initial_drg, severity, hac_status */
  g: [string, string, string, string, string, string, string];
  /** per secondary diagnosis: poa, usage, hacs */
  s: [string, string, number][];
  /** per procedure: O.R. flag */
  p: boolean[];
  /** MCE edits (code, edit) and the claim's edit type */
  m: [string, string][];
  t: string;
}

export function compact(version: string, claim: FixtureLine['claim'], a: OracleAnswer): FixtureLine {
  return {
    v: version,
    claim,
    g: [a.drg, a.mdc, a.medsurg, a.return_code, a.initial_drg, a.severity, a.hac_status],
    s: a.sdx.map((x) => [x.poa, x.usage, x.hacs]),
    p: a.procs.map((x) => x.is_or),
    m: (a.mce ?? []).map((e) => [e.code, e.edit]),
    t: a.mce_edit_type ?? 'NONE',
  };
}

export function expand(f: FixtureLine): OracleAnswer {
  const [drg, mdc, medsurg, return_code, initial_drg, severity, hac_status] = f.g;
  return {
    id: f.claim.id,
    drg,
    mdc,
    medsurg,
    return_code,
    initial_drg,
    severity,
    hac_status,
    sdx: f.s.map(([poa, usage, hacs], i) => ({
      code: f.claim.sdx[i]!.split(':')[0]!,
      poa,
      usage,
      hacs,
      severity: usage === 'MCC' || usage === 'CC' ? usage : 'NCC',
      cc_excluded: usage === 'MCC_EXCLUDED' || usage === 'CC_EXCLUDED',
      affects_drg: '',
    })),
    procs: f.p.map((is_or, i) => ({ code: f.claim.procs[i]!, is_or, affects_drg: '' })),
    mce: f.m.map(([code, edit]) => ({ code, edit })),
    mce_edit_type: f.t,
  };
}
