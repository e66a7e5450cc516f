// End to end against CMS: writes claims as .chart files (header with age, sex, disposition and a
// discharge date inside the version's range; an abstract block), groups them with the built CLI
// (`node dist/cli.js group <dir> --format jsonl`, the version chosen by the discharge date) and
// compares with CMS's answers to the same claims:
//   npx tsx scripts/grouper-oracle-charts.ts --in /tmp/oracle [--versions 400,401,…] [--count 300] [--out dir]
// --in is a folder written by scripts/grouper-oracle.ts (claims-vN.jsonl and CMS's answers-vN.jsonl).
// Claims carrying a procedure cluster's id (`Z@2258`, an oracle-file pseudo-code no chart can hold:
// the abstract reads it as no code) are left out and counted.
// Prints the charts compared per version and the disagreements (drg, mdc, return code, HAC status,
// severity, each secondary diagnosis's severity and CC exclusion). Exit code 1 when any disagrees.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

interface ClaimLine {
  id: string;
  age: number;
  sex: string;
  dstat: string;
  pdx: string;
  sdx: string[];
  procs: string[];
  discharged: string;
}
interface Answer {
  id?: string;
  file?: string;
  drg: string;
  mdc: string;
  return_code: string;
  hac_status: string;
  severity: string;
  sdx: { code: string; severity: string; cc_excluded: boolean }[];
}

const root = path.join(__dirname, '..');
const input = arg('in', '');
if (!input) throw new Error('--in <folder of scripts/grouper-oracle.ts> is required');
const versions = arg('versions', '400,401,410,411,420,421').split(',');
const count = Number(arg('count', '300'));
const out = arg('out', fs.mkdtempSync(path.join(os.tmpdir(), 'grouper-charts-')));

function chartText(c: ClaimLine): string {
  const [pcode, ppoa] = c.pdx.includes(':') ? c.pdx.split(':') : [c.pdx, 'Y'];
  const lines = [
    `PDX  ${pcode} ${ppoa}`,
    ...c.sdx.map((s) => {
      const [code, poa] = s.split(':');
      return `SDX  ${code} ${poa ?? 'Y'}`;
    }),
    ...c.procs.map((p) => `PROC ${p}`),
  ];
  return [
    '---',
    `encounter: ${c.id}`,
    `age: ${c.age}`,
    `sex: ${c.sex}`,
    `discharged: ${c.discharged}`,
    `disposition: ${c.dstat}`,
    '---',
    '',
    '# Discharge Summary',
    'Generated from an oracle claim.',
    '',
    '```abstract',
    ...lines,
    '```',
    '',
  ].join('\n');
}

let failed = 0;
for (const v of versions) {
  const claims = fs
    .readFileSync(path.join(input, `claims-v${v}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ClaimLine);
  const answers = fs
    .readFileSync(path.join(input, `answers-v${v}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Answer);
  const dir = path.join(out, `v${v}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const cms = new Map<string, Answer>();
  let skipped = 0;
  claims.slice(0, count).forEach((c, i) => {
    if (c.procs.some((p) => p.startsWith('Z@'))) return void skipped++;
    fs.writeFileSync(path.join(dir, `${c.id}.chart`), chartText(c));
    cms.set(c.id, answers[i]!);
  });
  const t0 = Date.now();
  const r = spawnSync('node', [path.join(root, 'dist', 'cli.js'), 'group', dir, '--format', 'jsonl'], { maxBuffer: 1 << 30 });
  const seconds = (Date.now() - t0) / 1000;
  const ours = r.stdout
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Answer);
  const bad: string[] = [];
  for (const o of ours) {
    const id = path.basename(o.file ?? '', '.chart');
    const a = cms.get(id);
    if (!a) continue;
    const fields = (['drg', 'mdc', 'return_code', 'hac_status', 'severity'] as const).filter((k) => o[k] !== a[k]);
    if (o.sdx?.length !== a.sdx.length || a.sdx.some((s, i) => o.sdx[i]?.severity !== s.severity || o.sdx[i]?.cc_excluded !== s.cc_excluded))
      fields.push('sdx' as never);
    if (fields.length)
      bad.push(
        JSON.stringify({
          id,
          fields,
          cms: { drg: a.drg, mdc: a.mdc, rc: a.return_code, hac: a.hac_status },
          ours: { drg: o.drg, mdc: o.mdc, rc: o.return_code, hac: o.hac_status },
        }),
      );
  }
  fs.writeFileSync(path.join(out, `chart-disagreements-v${v}.jsonl`), bad.join('\n') + (bad.length ? '\n' : ''));
  console.log(
    `v${v}: ${cms.size} charts (${skipped} claims with cluster ids left out), ${ours.length} grouped (exit ${r.status}), ${bad.length} disagree with CMS; ${seconds.toFixed(1)} s`,
  );
  if (bad.length || ours.length !== cms.size) failed++;
}
console.log(`charts and disagreements in ${out}`);
process.exit(failed ? 1 : 0);
