// Synthetic claims aimed at the corners of CMS's grouper and Code Editor, for checking ChartCoder
// against CMS's own Java grouper (the oracle, ../shared/oracle/cms-grouper). Deterministic: the
// same tables, version, seed and count give the same claims. Everything is drawn from the tables
// themselves (formula operands, HAC entries, MCE flags), never from expected answers.
//
// Each claim follows one aim (the `aim` counts say how many of each were made):
// - formula: a random DRG formula row of the version (pre-MDC, every MDC, reroutes, the
//   unrelated-O.R. list) made true — its PDX:/SDX:/ANY: operands, procedure operands, MCC/CC,
//   discharge-status tokens (died, alive, transfer to acute care, AMA), multiple trauma, bilateral
//   joints, stents/vessels, fusion counters;
// - newborn: the newborn MDC 15 rows at age 0 with transfers and deaths;
// - hac: one HAC category's codes with every POA value (Y N U W 1), with and without the
//   procedures (HAC 08/10/12/13/14), the HAC 11 principal and procedure, and HAC 06's
//   multi-code combinations (catheter code, "show" codes such as N39.0/N10, either alone), other
//   HACs beside, principals that CC-exclude the HAC code, the code repeated as principal;
// - unrelated-or: a principal with O.R. procedures of another body system (DRGs 981–989);
// - mce: one Code Editor edit (age and sex conflicts, manifestation/E-code/unacceptable principal,
//   requires-SDX, duplicates, questionable admission, wrong procedure, unspecified codes, invalid
//   codes/sex/discharge status, non-covered and limited-coverage procedures, questionable
//   obstetric admission, length of stay);
// - random: random codes of every kind (CC/MCC, HAC, special operands, clusters) as before.
// Discharge dates fall inside the version's range (vNN.0: Oct 1 – Mar 31, vNN.1: Apr 1 – Sep 30).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MsdrgTables, MsdrgVersionTables } from '../../src/grouper/tables';
import { versionStart } from '../../src/grouper/tables';
import type { MceTables } from '../../src/mce/tables';
import { parseFormula, type FormulaNode } from '../../src/grouper/formula';

export interface GeneratedClaim {
  id: string;
  age: number;
  sex: 'M' | 'F' | 'U';
  dstat: string;
  pdx: string;
  sdx: string[];
  procs: string[];
  discharged: string;
  aim: string;
}

export const AIMS = ['formula', 'newborn', 'hac', 'unrelated-or', 'mce', 'random'] as const;
export type Aim = (typeof AIMS)[number];
const WEIGHTS: Record<Aim, number> = { formula: 30, newborn: 6, hac: 28, 'unrelated-or': 8, mce: 16, random: 12 };

const POAS = ['Y', 'N', 'U', 'W', '1'] as const;
const TRANSFERS = ['02', '05', '66', '82', '85', '94'];
const VALID_DSTAT = [
  '01',
  '01',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '20',
  '21',
  '30',
  '43',
  '50',
  '51',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '69',
  '70',
  '81',
  '82',
  '83',
  '84',
  '85',
  '86',
  '87',
  '88',
  '89',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
];
const INVALID_DSTAT = ['00', '08', '09', '10', '41', '42', '99', '19'];
const TRAUMA_SITES = ['sthead', 'stchest', 'stabdom', 'stkidney', 'sturin', 'stpel', 'stuplimb', 'stlolimb'];
const JOINTS = ['righthip', 'rightknee', 'rightankle', 'lefthip', 'leftknee', 'leftankle'];
const COUNTER_OPS: Record<string, string[]> = {
  SINGLEFUSIONCTR: ['sglantfuse', 'sglpostfuse', 'sglantfuse', 'sglpostfuse'],
  SGLANTCTR: ['sglantfuse', 'sglantfuse'],
  SGLPOST1CTR: ['sglpostfuse1', 'sglpostfuse1'],
  SGLANTSECTXCTR: ['sglantsectXfuse', 'sglantsectXfuse'],
  SGLPOSTFUSECTR: ['sglpostfuse', 'sglpostfuse'],
  MULTFUSE: ['sglantfuse', 'sglpostfuse1'],
};

/** mulberry32: a small deterministic generator. */
export function rng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The last discharge date of a version (the day before the next half-year starts). */
export function versionEnd(version: string): string {
  const v = Number(version);
  const next = v % 10 === 0 ? v + 1 : v + 9;
  const d = new Date(`${versionStart(String(next))}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

interface Pools {
  v: MsdrgVersionTables;
  dx: string[];
  cc: string[];
  mcc: string[];
  byDxAttr: Map<string, string[]>;
  byPrAttr: Map<string, string[]>; // claim procedure codes (no cluster ids) by operand
  clusterByAttr: Map<string, string[]>; // cluster ids by operand
  orProcs: string[];
  nonOrProcs: string[];
  clustered: string[];
  clusterIds: string[]; // the cluster pseudo-codes (Z@…), which claims may carry as procedure codes
  hacByNumber: Map<number, string[]>; // secondary codes with a HAC entry of that number
  hacProcs: Map<number, string[]>;
  hac11Pdx: string[];
  mccAlive: string[];
  special: string[];
  sexed: string[];
  rows: { mdc: number; formula: string; tree: FormulaNode }[];
  newbornRows: { mdc: number; formula: string; tree: FormulaNode }[];
  mdcOrProcs: Map<number, string[]>; // O.R. procedures named by the surgical formulas of each MDC
}

interface MceCodes {
  dxByFlag: Map<string, string[]>;
  prByFlag: Map<string, string[]>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
};

function pools(tables: MsdrgTables, version: string): Pools {
  const v = tables.version(version);
  const meta = tables.store.meta;
  const dx: string[] = [];
  const cc: string[] = [];
  const mcc: string[] = [];
  const byDxAttr = new Map<string, string[]>();
  const hacByNumber = new Map<number, string[]>();
  const hac11Pdx: string[] = [];
  const mccAlive: string[] = [];
  const special: string[] = [];
  for (const c of tables.store.dx.keys()) {
    const d = v.dx(c);
    if (!d) continue;
    dx.push(c);
    if (d.severity === 'CC') cc.push(c);
    if (d.severity === 'MCC') mcc.push(c);
    for (const a of d.operandSet) push(byDxAttr, a, c);
    for (const e of d.hacEntries) push(hacByNumber, e.hac, c);
    if (d.operandSet.has('hac11_pdx')) hac11Pdx.push(c);
    if (d.operandSet.has('mccalive')) mccAlive.push(c);
    if (
      d.attributes.some((a) =>
        /^(ami|strauma|hiv|hivsig|hivmaj|incident|nbmaj|preterm|extimm|mccalive|diabetes|renalfail|mouthlip|st[a-z]+|ecode|mdc20dxcodes|curvmalig|curvoth)$/.test(
          a,
        ),
      )
    )
      special.push(c);
  }
  const byPrAttr = new Map<string, string[]>();
  const clusterByAttr = new Map<string, string[]>();
  const orProcs: string[] = [];
  const nonOrProcs: string[] = [];
  const clustered: string[] = [];
  const clusterIds: string[] = [];
  const hacProcs = new Map<number, string[]>();
  for (const c of tables.store.pr.keys()) {
    const p = v.pr(c);
    if (!p) continue;
    if (c.startsWith('Z@')) {
      clusterIds.push(c);
      if (v.cluster(c)) for (const a of p.operands) push(clusterByAttr, a, c);
      continue;
    }
    for (const a of p.operands) push(byPrAttr, a, c);
    (p.isOR ? orProcs : nonOrProcs).push(c);
    if (p.clusterIds.length) clustered.push(c);
    for (const a of p.hacOperands) {
      const m = /^hac(\d\d)_proc$/.exec(a);
      if (m) push(hacProcs, Number(m[1]), c);
    }
  }
  const rows: Pools['rows'] = [];
  const newbornRows: Pools['rows'] = [];
  const mdcOrProcs = new Map<number, string[]>();
  for (const [mdc, list] of v.formulasByMdc) {
    for (const r of list) {
      const f = r.formula.trim();
      if (!f || (r.drg === 0 && r.reroute === 0 && !/INVALID|PDX_ECODE/.test(f))) continue;
      let tree: FormulaNode;
      try {
        tree = parseFormula(f);
      } catch {
        continue;
      }
      const row = { mdc, formula: f, tree };
      rows.push(row);
      if (mdc === 15) newbornRows.push(row);
      if (r.surgical === 'SURGICAL')
        for (const op of f.split(/[^A-Za-z0-9_:]+/))
          if (op && !op.includes(':')) for (const c of (byPrAttr.get(op) ?? []).slice(0, 50)) if (v.pr(c)?.isOR) push(mdcOrProcs, mdc, c);
    }
  }
  const sexed = Object.keys(meta.genderMdc).filter((c) => v.dx(c));
  return {
    v,
    dx,
    cc,
    mcc,
    byDxAttr,
    byPrAttr,
    clusterByAttr,
    orProcs,
    nonOrProcs,
    clustered,
    clusterIds,
    hacByNumber,
    hacProcs,
    hac11Pdx,
    mccAlive,
    special,
    sexed,
    rows,
    newbornRows,
    mdcOrProcs,
  };
}

/** Codes by MCE flag, read from the built MCE tables (the importer's line files). */
function mceCodes(mceDir: string): MceCodes {
  const read = (file: string) => {
    const m = new Map<string, string[]>();
    const text = fs.readFileSync(path.join(mceDir, file), 'utf8');
    for (const line of text.split('\n')) {
      const [code, , , flags] = line.split('\t');
      if (!code || !flags) continue;
      for (const f of flags.split(',')) if (f) push(m, f, code);
    }
    for (const [k, list] of m) m.set(k, [...new Set(list)]);
    return m;
  };
  return { dxByFlag: read('dx.tsv'), prByFlag: read('pr.tsv') };
}

export interface GeneratorOptions {
  tables: MsdrgTables;
  /** The MCE tables and their build folder (tables/build/mce), for the Code Editor aims. */
  mce?: { tables: MceTables; dir: string };
  version: string;
  count: number;
  seed: number;
  /** Only these aims (default: all, weighted). */
  aims?: readonly Aim[];
}

export function generateClaims(o: GeneratorOptions): GeneratedClaim[] {
  const rnd = rng(o.seed * 7919 + Number(o.version));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const P = pools(o.tables, o.version);
  const v = P.v;
  const mce = o.mce ? mceCodes(o.mce.dir) : null;
  const allDx = [...o.tables.store.dx.keys()];
  const start = Date.parse(`${versionStart(o.version)}T00:00:00Z`);
  const end = Date.parse(`${versionEnd(o.version)}T00:00:00Z`);
  const dayOf = () => new Date(start + Math.floor(rnd() * ((end - start) / 86400000 + 1)) * 86400000).toISOString().slice(0, 10);
  const aims = (o.aims ?? AIMS).filter((a) => a !== 'mce' || mce);
  const total = aims.reduce((n, a) => n + WEIGHTS[a], 0);
  const chooseAim = (): Aim => {
    let r = rnd() * total;
    for (const a of aims) if ((r -= WEIGHTS[a]) < 0) return a;
    return aims[aims.length - 1]!;
  };
  const poa = () => pick(POAS);
  const poaMostlyY = () => (chance(0.75) ? 'Y' : poa());
  const anySex = (): 'M' | 'F' | 'U' => pick(['M', 'F', 'M', 'F', 'U'] as const);
  const anyAge = () => (chance(0.08) ? 0 : chance(0.1) ? Math.floor(rnd() * 18) : 18 + Math.floor(rnd() * 107));
  const anyDstat = () => (chance(0.06) ? pick(INVALID_DSTAT) : pick(VALID_DSTAT));
  const validMceDx = (codes: readonly string[] | undefined, date: string, grouperToo = true) => {
    const ok = (codes ?? []).filter((c) => (!o.mce || o.mce.tables.isValidDx(c, date)) && (!grouperToo || v.dx(c)));
    return ok.length ? pick(ok) : null;
  };
  const validMcePr = (codes: readonly string[] | undefined, date: string) => {
    const ok = (codes ?? []).filter((c) => !o.mce || o.mce.tables.isValidPr(c, date));
    return ok.length ? pick(ok) : null;
  };
  const withAttr = (attr: string) => {
    const l = P.byDxAttr.get(attr);
    return l?.length ? pick(l) : null;
  };
  const procWith = (attr: string): string[] => {
    const l = P.byPrAttr.get(attr);
    if (l?.length && (chance(0.85) || !P.clusterByAttr.get(attr)?.length)) return [pick(l)];
    const cl = P.clusterByAttr.get(attr);
    if (cl?.length && chance(0.2)) return [pick(cl)];
    if (cl?.length) {
      const c = v.cluster(pick(cl));
      if (c) return c.choices.map((ch) => pick(ch));
    }
    return [];
  };
  const clusterMates = (code: string): string[] => {
    const ids = v.pr(code)?.clusterIds ?? [];
    if (!ids.length) return [code];
    const c = v.cluster(pick(ids));
    return c ? c.choices.map((ch) => pick(ch)) : [code];
  };
  // A principal that CC-excludes `code` (a sibling in its category usually does), or null.
  const excluderOf = (code: string): string | null => {
    const sibs = P.dx.filter((c) => c.slice(0, 3) === code.slice(0, 3) && c !== code);
    for (let i = 0; i < 6 && sibs.length; i++) {
      const s = pick(sibs);
      if (v.dx(s)!.ccExclusionGroups.some((g) => v.codeInExclusionGroup(g, code))) return s;
    }
    return null;
  };

  const randomExtras = (c: GeneratedClaim, nDx: number, nPr: number) => {
    for (let j = 0; j < nDx; j++) {
      const s = rnd();
      const code =
        s < 0.35
          ? pick(P.cc)
          : s < 0.5
            ? pick(P.mcc)
            : s < 0.62
              ? pick(P.hacByNumber.get(pick([...P.hacByNumber.keys()]))!)
              : s < 0.75
                ? pick(P.special)
                : s < 0.78
                  ? c.pdx
                  : pick(P.dx);
      c.sdx.push(`${code}:${poaMostlyY()}`);
    }
    for (let j = 0; j < nPr; j++) {
      const s = rnd();
      if (s < 0.3) c.procs.push(pick(P.orProcs));
      else if (s < 0.34)
        c.procs.push(pick(P.clusterIds)); // a cluster id written as a code, as the oracle files have them
      else if (s < 0.5) c.procs.push(pick(P.nonOrProcs));
      else if (s < 0.65) c.procs.push(...clusterMates(pick(P.clustered)));
      else {
        const hp = P.hacProcs.get(pick([...P.hacProcs.keys()]));
        if (hp) c.procs.push(pick(hp));
      }
    }
  };

  /** Makes a formula true (one branch of each |, every part of each &; a ~ is left to chance). */
  const satisfy = (node: FormulaNode, c: GeneratedClaim, need: { pdxAttrs: string[] }) => {
    if (node.op === 'or') return satisfy(pick(node.kids), c, need);
    if (node.op === 'and') return node.kids.forEach((k) => satisfy(k, c, need));
    if (node.op !== 'id') return; // a ~ part is left to chance
    const id = node.id;
    const colon = id.indexOf(':');
    if (colon > 0) {
      const prefix = id.slice(0, colon);
      const name = id.slice(colon + 1);
      if (prefix === 'PDX' || prefix === 'ONLY' || (prefix === 'ANY' && chance(0.5))) need.pdxAttrs.push(name);
      else {
        const code = withAttr(name);
        if (code) c.sdx.push(`${code}:${poaMostlyY()}`);
      }
      return;
    }
    switch (id) {
      case 'MCC':
        c.sdx.push(`${pick(P.mcc)}:${poaMostlyY()}`);
        return;
      case 'CC':
        c.sdx.push(`${pick(P.cc)}:${poaMostlyY()}`);
        return;
      case 'DIED':
        c.dstat = '20';
        return;
      case 'ALIVE':
        if (c.dstat === '20') c.dstat = '01';
        return;
      case 'XFRNBA':
        c.dstat = pick(TRANSFERS);
        return;
      case 'AMA':
        c.dstat = '07';
        return;
      case 'INVALID_DSTAT':
        c.dstat = pick(INVALID_DSTAT);
        return;
      case 'INVALID_SEX':
        c.sex = 'U';
        return;
      case 'MULTST': {
        const sites = [...TRAUMA_SITES].sort(() => rnd() - 0.5).slice(0, 2);
        for (const s of sites) {
          const code = withAttr(s);
          if (code) c.sdx.push(`${code}:${poaMostlyY()}`);
        }
        return;
      }
      case 'BILATERAL': {
        for (const j of [...JOINTS].sort(() => rnd() - 0.5).slice(0, 2)) c.procs.push(...procWith(j));
        return;
      }
      case 'FOUR_STENTS':
      case 'FOUR_VESSELS': {
        const prefix = id === 'FOUR_STENTS' ? 'stent' : 'vessel';
        for (let k = 0; k < 2; k++) c.procs.push(...procWith(`${prefix}${pick([1, 2, 3, 4])}`));
        return;
      }
      default:
        if (COUNTER_OPS[id]) {
          for (const a of COUNTER_OPS[id]!) c.procs.push(...procWith(a));
          return;
        }
        if (/^[A-Z_]+$/.test(id)) return; // other claim tokens (ANYDX, ERRORDRG, …)
        c.procs.push(...procWith(id));
    }
  };
  const choosePdx = (attrs: string[], mdc: number): string => {
    if (attrs.length) {
      const lists = attrs.map((a) => P.byDxAttr.get(a) ?? []).sort((a, b) => a.length - b.length);
      const cand = lists[0]!.filter((c) => attrs.every((a) => v.dx(c)!.operandSet.has(a)));
      if (cand.length) return pick(cand);
      if (lists[0]!.length) return pick(lists[0]!);
    }
    if (mdc > 0 && mdc < 26 && mdc !== 24 && mdc !== 25) {
      const inMdc = P.byDxAttr.get(`__mdc${mdc}`);
      if (inMdc?.length) return pick(inMdc);
    }
    return pick(P.dx);
  };
  // The principal codes of each MDC, for rows that test no PDX: operand.
  for (const c of P.dx) push(P.byDxAttr, `__mdc${v.dx(c)!.mdc}`, c);

  const base = (i: number, aim: Aim): GeneratedClaim => ({
    id: `g${o.version}-${o.seed}-${i}`,
    age: anyAge(),
    sex: anySex(),
    dstat: anyDstat(),
    pdx: '',
    sdx: [],
    procs: [],
    discharged: dayOf(),
    aim,
  });

  const formulaClaim = (c: GeneratedClaim, rows: Pools['rows']) => {
    const row = pick(rows);
    const need = { pdxAttrs: [] as string[] };
    satisfy(row.tree, c, need);
    c.pdx = choosePdx(need.pdxAttrs, row.mdc);
    if (c.aim === 'newborn') {
      c.age = 0;
      if (chance(0.4)) c.dstat = pick(['20', ...TRANSFERS, '01', '01']);
    }
    if (chance(0.5)) randomExtras(c, Math.floor(rnd() * 4), Math.floor(rnd() * 2));
  };

  const hacClaim = (c: GeneratedClaim) => {
    const numbers = [...P.hacByNumber.keys()];
    const h = pick(numbers);
    const codes = P.hacByNumber.get(h)!;
    const hacCodes: string[] = [];
    if (h === 6) {
      const catheter = codes.filter((x) => !v.dx(x)!.hacShowList);
      const show = codes.filter((x) => v.dx(x)!.hacShowList);
      const shape = pick(['both', 'both', 'both', 'catheter', 'show', 'two-catheters', 'many']);
      if (shape !== 'show') hacCodes.push(pick(catheter));
      if (shape === 'two-catheters') hacCodes.push(...catheter);
      if (shape !== 'catheter' && shape !== 'two-catheters') hacCodes.push(pick(show));
      if (shape === 'many') hacCodes.push(pick(show), pick(show));
    } else {
      hacCodes.push(pick(codes));
      if (chance(0.25)) hacCodes.push(pick(codes));
    }
    // Every POA value; N and U (the ones that make a HAC) more often.
    for (const code of [...new Set(hacCodes)]) c.sdx.push(`${code}:${chance(0.5) ? pick(['N', 'U']) : poa()}`);
    if (chance(0.3)) {
      const other = pick(numbers);
      c.sdx.push(`${pick(P.hacByNumber.get(other)!)}:${poa()}`);
    }
    // The principal: HAC 11's own; one that CC-excludes the HAC code; the HAC code itself; any.
    const r = rnd();
    const first = hacCodes[0]!;
    if (h === 11 && r < 0.6) c.pdx = pick(P.hac11Pdx.length ? P.hac11Pdx : P.dx);
    else if (r < 0.15) c.pdx = excluderOf(first) ?? pick(P.dx);
    else if (r < 0.2) c.pdx = first;
    else c.pdx = chance(0.5) ? pick(P.dx) : pick(P.rows.length ? [choosePdx([], pick([1, 4, 5, 6, 8, 11, 18]))] : P.dx);
    // The procedures the HAC formulas ask for (HAC 08/10/11/12/13/14), most of the time.
    const hp = P.hacProcs.get(h);
    if (hp && chance(0.75)) {
      c.procs.push(pick(hp));
      if (chance(0.2)) c.procs.push(pick(hp));
    }
    // Context that makes the HAC move the DRG or not: other CCs/MCCs present on admission.
    randomExtras(c, Math.floor(rnd() * 4), Math.floor(rnd() * 2));
    if (chance(0.15)) c.dstat = '20';
    if (c.age === 0 && chance(0.7)) c.age = 30 + Math.floor(rnd() * 60);
  };

  const unrelatedOrClaim = (c: GeneratedClaim) => {
    c.pdx = pick(P.dx);
    const mdc = v.dx(c.pdx)!.mdc;
    const others = [...P.mdcOrProcs.keys()].filter((m) => m !== mdc);
    const n = 1 + Math.floor(rnd() * 2);
    for (let k = 0; k < n; k++) {
      const list = P.mdcOrProcs.get(pick(others));
      c.procs.push(list?.length ? pick(list) : pick(P.orProcs));
    }
    if (chance(0.4)) c.procs.push(pick(P.nonOrProcs));
    randomExtras(c, Math.floor(rnd() * 4), 0);
  };

  const randomClaim = (c: GeneratedClaim) => {
    const r = rnd();
    c.pdx =
      r < 0.3
        ? pick(P.dx)
        : r < 0.5
          ? pick(P.special)
          : r < 0.6
            ? pick(P.sexed)
            : r < 0.72
              ? pick(P.cc)
              : r < 0.8
                ? pick(P.byDxAttr.get('__mdc15') ?? P.dx)
                : pick(P.hacByNumber.get(pick([...P.hacByNumber.keys()]))!);
    randomExtras(c, Math.floor(rnd() * rnd() * 12), Math.floor(rnd() * rnd() * 8));
    if (chance(0.1) && P.mccAlive.length) {
      c.sdx.push(`${pick(P.mccAlive)}:${poaMostlyY()}`);
      c.dstat = pick(['20', '20', '01', '07']);
    }
  };

  const MCE_TARGETS = [
    'age',
    'sex',
    'manifestation',
    'ecode',
    'unacceptable',
    'reqsdx',
    'duplicate',
    'qadm',
    'wrngproc',
    'unspecified',
    'invalid-code',
    'invalid-sex',
    'invalid-dstat',
    'noncovered',
    'lcov',
    'obstetric',
    'los',
  ] as const;
  const mceClaim = (c: GeneratedClaim) => {
    const m = mce!;
    const date = c.discharged;
    c.pdx = pick(P.dx);
    const target = pick(MCE_TARGETS);
    const dxFlag = (flag: string) => validMceDx(m.dxByFlag.get(flag), date);
    const prFlag = (flag: string) => validMcePr(m.prByFlag.get(flag), date);
    switch (target) {
      case 'age': {
        const flag = pick(['newborn', 'pediatric', 'maternity', 'adult']);
        const code = dxFlag(flag);
        if (!code) break;
        if (chance(0.5)) c.pdx = code;
        else c.sdx.push(`${code}:${poaMostlyY()}`);
        c.age =
          flag === 'newborn'
            ? 1 + Math.floor(rnd() * 90)
            : flag === 'pediatric'
              ? 18 + Math.floor(rnd() * 80)
              : flag === 'maternity'
                ? pick([0, 5, 8, 65, 70, 90])
                : Math.floor(rnd() * 15);
        if (chance(0.2)) c.age = pick([0, 9, 14, 15, 17, 18, 64, 65, 124]); // the limits
        break;
      }
      case 'sex': {
        const flag = pick(['male', 'female']);
        const code = chance(0.7) ? dxFlag(flag) : null;
        if (code) {
          if (chance(0.5)) c.pdx = code;
          else c.sdx.push(`${code}:Y`);
        } else {
          const p = prFlag(flag);
          if (p) c.procs.push(p);
        }
        c.sex = flag === 'male' ? pick(['F', 'U'] as const) : pick(['M', 'U'] as const);
        break;
      }
      case 'manifestation':
      case 'ecode':
      case 'unacceptable':
      case 'qadm':
      case 'wrngproc':
      case 'unspecified': {
        const flag = target === 'ecode' ? 'ecodepdx' : target;
        const code = dxFlag(flag);
        if (!code) break;
        if (target === 'wrngproc' || target === 'unspecified' ? chance(0.5) : true) c.pdx = code;
        else c.sdx.push(`${code}:${poaMostlyY()}`);
        break;
      }
      case 'reqsdx': {
        const code = dxFlag('reqsdx');
        if (code) c.pdx = code;
        if (chance(0.5)) {
          c.sdx = [];
          return;
        }
        break;
      }
      case 'duplicate':
        c.sdx.push(`${c.pdx}:${poa()}`);
        break;
      case 'invalid-code': {
        // Codes of another version or no code at all: a category header, a deleted or future code.
        const bad = [c.pdx.slice(0, 3), `${c.pdx.slice(0, 3)}ZZZ`, 'A0000', pick(P.dx).slice(0, 4) + 'X9'];
        const other = pick(o.tables.versions.filter((x) => x !== o.version));
        const ov = o.tables.version(other);
        const from = Math.floor(rnd() * allDx.length);
        const moved = allDx.slice(from, from + 400).filter((x) => ov.dx(x) && !v.dx(x));
        const code = moved.length && chance(0.5) ? pick(moved) : pick(bad);
        const where = rnd();
        if (where < 0.4) c.pdx = code;
        else if (where < 0.8) c.sdx.push(`${code}:${poa()}`);
        else c.procs.push(pick(['0000000', '0DTJ4Z', 'ZZZZZZZ', pick(P.orProcs).slice(0, 6) + 'Q']));
        break;
      }
      case 'invalid-sex':
        c.sex = 'U';
        break;
      case 'invalid-dstat':
        c.dstat = pick(INVALID_DSTAT);
        break;
      case 'noncovered': {
        const flag = pick(['noncovered', 'ncov6', 'ncov7', 'ncov12agele60', 'ncov_z302', 'ncov45', 'noncovered']);
        const p = prFlag(flag);
        if (p) c.procs.push(p);
        if (flag === 'ncov6' || flag === 'ncov7' || flag === 'ncov_z302') {
          const d = dxFlag(flag);
          if (d && chance(0.6)) c.sdx.push(`${d}:Y`);
        }
        if (flag === 'ncov12agele60') c.age = pick([40, 59, 60, 61, 75, 90]);
        if (flag === 'ncov45') {
          if (chance(0.3)) c.procs.push(...(prFlag('kidneyxp') ? [prFlag('kidneyxp')!] : []));
          if (chance(0.3)) {
            const d = dxFlag('diabtypeI');
            if (d) c.sdx.push(`${d}:Y`);
          }
        }
        break;
      }
      case 'lcov': {
        const flag = pick(['lcov', 'lcov', 'lcov_artheartxpa', 'lcov_artheartxpb']);
        const p = prFlag(flag);
        if (p) c.procs.push(p);
        if (flag !== 'lcov' && chance(0.6)) {
          const other = prFlag(flag === 'lcov_artheartxpa' ? 'lcov_artheartxpb' : 'lcov_artheartxpa');
          if (other) c.procs.push(other);
          const trial = dxFlag('clintrial');
          if (trial && chance(0.5)) c.sdx.push(`${trial}:Y`);
        }
        break;
      }
      case 'obstetric': {
        const p = prFlag(pick(['csect', 'vagdel']));
        if (p) c.procs.push(p);
        c.pdx = validMceDx(m.dxByFlag.get('maternity'), date) ?? c.pdx;
        c.sex = 'F';
        c.age = 18 + Math.floor(rnd() * 25);
        if (chance(0.5)) {
          const out = dxFlag('delout');
          if (out) c.sdx.push(`${out}:Y`);
        }
        break;
      }
      case 'los': {
        const p = prFlag('los');
        if (p) c.procs.push(p);
        break;
      }
    }
    if (chance(0.4)) randomExtras(c, Math.floor(rnd() * 3), Math.floor(rnd() * 2));
  };

  const out: GeneratedClaim[] = [];
  for (let i = 0; i < o.count; i++) {
    const aim = chooseAim();
    const c = base(i, aim);
    if (aim === 'formula') formulaClaim(c, P.rows);
    else if (aim === 'newborn') formulaClaim(c, P.newbornRows.length ? P.newbornRows : P.rows);
    else if (aim === 'hac') hacClaim(c);
    else if (aim === 'unrelated-or') unrelatedOrClaim(c);
    else if (aim === 'mce') mceClaim(c);
    else randomClaim(c);
    if (!c.pdx) c.pdx = pick(P.dx);
    c.sdx = c.sdx.slice(0, 24);
    c.procs = [...new Set(c.procs)].slice(0, 25);
    out.push(c);
  }
  return out;
}

/** The claim line the oracle reads (the generator's `aim` kept as a field it ignores). */
export function claimLine(c: GeneratedClaim): string {
  return JSON.stringify({ id: c.id, age: c.age, sex: c.sex, dstat: c.dstat, pdx: c.pdx, sdx: c.sdx, procs: c.procs, discharged: c.discharged, aim: c.aim });
}
