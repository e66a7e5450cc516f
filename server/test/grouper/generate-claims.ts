// Generates synthetic claims for checking the grouper against CMS's Java grouper (the oracle):
//   npx tsx server/test/grouper/generate-claims.ts --version 430 --count 5000 --seed 7 > claims.jsonl
//   ../shared/oracle/cms-grouper/run.sh --version 430 --no-mce < claims.jsonl > answers.jsonl
// Claims aim at the tables' interesting corners: CC/MCC codes and their exclusions, HAC codes
// with every POA value, procedure clusters, O.R. and non-O.R. procedures, sex-routed principals,
// newborn/trauma/HIV principals, valid and invalid discharge statuses, all ages.
import * as path from 'node:path';
import { loadMsdrgTables } from '../../src/grouper/tables';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

const version = arg('version', '430');
const count = Number(arg('count', '2000'));
let seed = Number(arg('seed', '1'));
const build = arg('tables', path.join(__dirname, '../../../tables/build'));

function rnd(): number {
  // mulberry32: deterministic per seed
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const tables = loadMsdrgTables(build);
const v = tables.version(version);
const data = tables.store.meta;
const dxCodes = [...tables.store.dx.keys()].filter((c) => v.dx(c));
const prCodes = [...tables.store.pr.keys()].filter((c) => !c.startsWith('Z@') && v.pr(c));
const cc = dxCodes.filter((c) => v.dx(c)!.severity !== 'NCC');
const hac = dxCodes.filter((c) => v.dx(c)!.hacs.length > 0);
const sexed = Object.keys(data.genderMdc).filter((c) => v.dx(c));
const special = dxCodes.filter((c) => v.dx(c)!.attributes.some((a) => /^(ami|strauma|hiv|hivsig|hivmaj|incident|nbmaj|preterm|extimm|mccalive|diabetes|renalfail|mouthlip|st[a-z]+|ecode|mdc20dxcodes|curvmalig|curvoth)$/.test(a)));
const orProcs = prCodes.filter((c) => v.pr(c)!.isOR);
const nonOr = prCodes.filter((c) => !v.pr(c)!.isOR);
const clustered = prCodes.filter((c) => v.pr(c)!.clusterIds.length > 0);
const hacProcs = prCodes.filter((c) => v.pr(c)!.hacOperands.length > 0);
// Procedures carrying an operand some formula tests by name (transplants, ECMO, valves, fusions, …),
// rarest operands first so every family gets reached.
const formulaOps = new Set(data.formulas.flatMap((f) => f.formula.split(/[^A-Za-z0-9_]+/)).filter((o) => o && !['d468', 'd477', 'or_allowed_in_768'].includes(o)));
const byOperand = new Map<string, string[]>();
for (const c of prCodes) for (const a of v.pr(c)!.attributes) if (formulaOps.has(a)) (byOperand.get(a) ?? byOperand.set(a, []).get(a)!).push(c);
const operandLists = [...byOperand.values()];
const newborn = dxCodes.filter((c) => v.dx(c)!.mdc === 15);
const DSTAT = ['01', '01', '01', '02', '03', '05', '06', '07', '20', '20', '30', '43', '50', '51', '62', '63', '65', '66', '82', '94', '00', '08', '41', '99'];
const POA = ['Y', 'Y', 'Y', 'N', 'U', 'W', '1'];

function clusterMates(code: string): string[] {
  const id = pick(v.pr(code)!.clusterIds);
  const c = v.cluster(id);
  return c ? c.choices.map((ch) => pick(ch)) : [];
}

const out: string[] = [];
for (let i = 0; i < count; i++) {
  const r = rnd();
  const pdx = r < 0.3 ? pick(dxCodes) : r < 0.5 ? pick(special) : r < 0.6 ? pick(sexed) : r < 0.72 ? pick(cc) : r < 0.8 ? pick(newborn) : pick(hac);
  const sdx: string[] = [];
  const nSdx = Math.floor(rnd() * rnd() * 12);
  for (let j = 0; j < nSdx; j++) {
    const s = rnd();
    const code = s < 0.4 ? pick(cc) : s < 0.6 ? pick(hac) : s < 0.75 ? pick(special) : s < 0.78 ? pdx : pick(dxCodes);
    sdx.push(`${code}:${pick(POA)}`);
  }
  const procs: string[] = [];
  const nPr = Math.floor(rnd() * rnd() * 8);
  for (let j = 0; j < nPr; j++) {
    const s = rnd();
    if (s < 0.25) procs.push(pick(orProcs));
    else if (s < 0.4) procs.push(pick(nonOr));
    else if (s < 0.55) procs.push(...clusterMates(pick(clustered)));
    else if (s < 0.65) procs.push(pick(hacProcs));
    else procs.push(pick(pick(operandLists)));
  }
  const age = rnd() < 0.15 ? 0 : Math.floor(rnd() * 125);
  out.push(JSON.stringify({ id: `gen${version}-${i}`, age, sex: pick(['M', 'F', 'U', 'M', 'F']), dstat: pick(DSTAT), pdx, sdx, procs: [...new Set(procs)] }));
}
process.stdout.write(out.join('\n') + '\n');
