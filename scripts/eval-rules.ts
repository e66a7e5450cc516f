// Precision and recall of the guideline rules on the held-out charts (eval/rules-heldout/):
// `chartcoder check --format json` over the folder, each planted error matched to one finding
// of an accepted rule (error or warning), every other error/warning finding counted as noise
// unless the chart allows it. Prints the misses and the noise, then the figures.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface Case {
  file: string;
  expect: string[][];
  allow: string[];
}
interface Finding {
  uri: string;
  severity: string;
  code: string;
  message: string;
  data?: { drgImpact?: unknown };
}

const root = join(__dirname, '..');
const dir = join(root, 'eval', 'rules-heldout');
const cases = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Case[];
const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', '--format', 'json', join(dir, 'charts')], {
  encoding: 'utf8',
  maxBuffer: 64 << 20,
});
if (run.status !== 0 && run.status !== 1) {
  console.error(`chartcoder check failed (exit ${run.status}): ${run.stderr.trim()} — run \`npm run build\` first`);
  process.exit(2);
}
const findings = JSON.parse(run.stdout) as Finding[];
const byChart = new Map<string, Finding[]>();
for (const f of findings)
  byChart.set(basename(decodeURIComponent(new URL(f.uri).pathname)), [...(byChart.get(basename(decodeURIComponent(new URL(f.uri).pathname))) ?? []), f]);

let caught = 0;
let missed = 0;
let noise = 0;
let withImpact = 0;
for (const c of cases) {
  const all = byChart.get(c.file) ?? [];
  const counted = all.filter((f) => (f.severity === 'error' || f.severity === 'warning') && !f.code.startsWith('cdi.opportunity'));
  const used = new Set<number>();
  for (const accepted of c.expect) {
    const i = counted.findIndex((f, n) => !used.has(n) && accepted.includes(f.code));
    if (i < 0) {
      missed++;
      console.log(`MISS  ${c.file}: ${accepted.join(' | ')} (found: ${all.map((f) => `${f.code}:${f.severity}`).join(', ') || 'nothing'})`);
      continue;
    }
    used.add(i);
    caught++;
    if (counted[i].data?.drgImpact) withImpact++;
  }
  counted.forEach((f, n) => {
    if (used.has(n) || c.allow.includes(f.code) || c.expect.some((a) => a.includes(f.code))) return;
    noise++;
    console.log(`NOISE ${c.file}: ${f.code} ${f.severity}: ${f.message.slice(0, 160)}`);
  });
}
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
console.log(`\n${cases.length} charts, ${caught + missed} planted errors: caught ${caught}, missed ${missed}, noise ${noise}`);
console.log(`precision ${pct(caught, caught + noise)} · recall ${pct(caught, caught + missed)} · caught with their DRG impact: ${withImpact}`);
