// Compares ChartCoder's answer to a claim with CMS's (the oracle harness's answer line) field by
// field: the fields the grouper is judged on (drg, mdc, each secondary diagnosis's severity and
// cc_excluded), every other field CMS returns (return code, initial DRG, HAC status, DRG severity,
// med/surg, each secondary diagnosis's POA, usage and hacs, each procedure's O.R. flag) and the Code
// Editor's edits. affects_drg is CMS's marking logic, which ChartCoder approximates: it is counted
// on its own, never as a disagreement.

export interface OracleAnswer {
  id: string;
  drg: string;
  mdc: string;
  medsurg: string;
  return_code: string;
  initial_drg: string;
  severity: string;
  hac_status: string;
  sdx: { code: string; poa: string; severity: string; usage: string; cc_excluded: boolean; hacs: number; affects_drg: string }[];
  procs: { code: string; is_or: boolean; affects_drg: string }[];
  mce?: { code: string; edit: string }[];
  mce_edit_type?: string;
}

const CLAIM_FIELDS = ['drg', 'mdc', 'return_code', 'initial_drg', 'hac_status', 'severity', 'medsurg'] as const;
const SDX_FIELDS = ['code', 'poa', 'severity', 'usage', 'cc_excluded', 'hacs'] as const;

/** The fields that differ ("drg", "sdx.hacs", "mce", …), each once. */
export function differences(ours: OracleAnswer, cms: OracleAnswer): string[] {
  const d = new Set<string>();
  for (const k of CLAIM_FIELDS) if (ours[k] !== cms[k]) d.add(k);
  if (ours.sdx.length !== cms.sdx.length) d.add('sdx.length');
  cms.sdx.forEach((s, i) => {
    const o = ours.sdx[i];
    for (const k of SDX_FIELDS) if (!o || o[k] !== s[k]) d.add(`sdx.${k}`);
  });
  if (ours.procs.length !== cms.procs.length) d.add('procs.length');
  cms.procs.forEach((p, i) => {
    if (ours.procs[i]?.is_or !== p.is_or) d.add('procs.is_or');
  });
  if (cms.mce !== undefined) {
    const a = (ours.mce ?? []).map((e) => `${e.edit}@${e.code}`).join(' ');
    const b = cms.mce.map((e) => `${e.edit}@${e.code}`).join(' ');
    if (a !== b) d.add('mce');
    if (ours.mce_edit_type !== cms.mce_edit_type) d.add('mce_edit_type');
  }
  return [...d];
}

/** Whether the claim agrees on the judged fields: drg, mdc, every secondary diagnosis's severity and cc_excluded. */
export function agreesOnDrg(ours: OracleAnswer, cms: OracleAnswer): boolean {
  return (
    ours.drg === cms.drg && ours.mdc === cms.mdc && cms.sdx.every((s, i) => ours.sdx[i]?.severity === s.severity && ours.sdx[i]?.cc_excluded === s.cc_excluded)
  );
}

/** affects_drg equal on every code. */
export function affectsAgree(ours: OracleAnswer, cms: OracleAnswer): boolean {
  return cms.sdx.every((s, i) => ours.sdx[i]?.affects_drg === s.affects_drg) && cms.procs.every((p, i) => ours.procs[i]?.affects_drg === p.affects_drg);
}
