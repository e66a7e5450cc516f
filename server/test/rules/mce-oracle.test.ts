// The mce.* rules against CMS's own Medicare Code Editor: every claim of the oracle files
// (../shared/oracle/claims-v43{0,1}.jsonl, with CMS's edits in answers-*.jsonl) is written as a
// chart (header + abstract) and run through the whole rule engine. An MCE edit raised under
// another id by "one problem, one finding" counts as that edit: code.unknown / not-on-date /
// not-billable / seventh-character = INVALID_CODE, icd.manifestation-pdx = MANIFESTATION_AS_PDX;
// an edit folded into the guideline finding that explains it counts as named in that finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMceTables } from '../../src/mce/tables';

const ORACLE = path.resolve(process.env.CHARTCODER_ORACLE ?? path.join(__dirname, '../../../../shared/oracle'));
const tables = loadTables();
const withEditor: ServiceContext = { tables, mce: loadMceTables(defaultTablesDir()), settings: DEFAULT_SETTINGS };
const withFlags: ServiceContext = { tables, settings: DEFAULT_SETTINGS };

const AS_EDIT: Record<string, string> = {
  'code.unknown': 'INVALID_CODE',
  'code.not-on-date': 'INVALID_CODE',
  'code.not-billable': 'INVALID_CODE',
  'code.seventh-character': 'INVALID_CODE',
  'icd.manifestation-pdx': 'MANIFESTATION_AS_PDX',
};

interface Claim {
  id: string;
  age: number;
  sex: string;
  dstat: string;
  pdx: string;
  sdx: string[];
  discharged?: string;
}

function chartOf(c: Claim, discharged: string): { text: string; codeOnLine: Map<number, string> } {
  const lines = [
    '---',
    `age: ${c.age}`,
    `sex: ${c.sex}`,
    `admitted: ${discharged}`,
    `discharged: ${discharged}`,
    `disposition: ${c.dstat}`,
    '---',
    '',
    '```abstract',
    `PDX  ${c.pdx}  Y`,
  ];
  const codeOnLine = new Map<number, string>([[9, c.pdx]]);
  for (const s of c.sdx) {
    const [code, poa] = s.split(':');
    codeOnLine.set(lines.length, code);
    lines.push(`SDX  ${code}  ${poa ?? 'Y'}`);
  }
  lines.push('```', '');
  return { text: lines.join('\n'), codeOnLine };
}

const available = fs.existsSync(path.join(ORACLE, 'answers-v430.jsonl'));

function compare(ctx: ServiceContext) {
  let claims = 0;
  const extra: string[] = [];
  const missing: string[] = [];
  for (const [version, date] of [
    ['430', '2026-03-01'],
    ['431', '2026-06-01'],
  ]) {
    const cl = fs
      .readFileSync(path.join(ORACLE, `claims-v${version}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Claim);
    const an = fs
      .readFileSync(path.join(ORACLE, `answers-v${version}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { mce: { code: string; edit: string }[] });
    cl.forEach((c, i) => {
      claims++;
      const { text, codeOnLine } = chartOf(c, c.discharged ?? date);
      const got: string[] = [];
      for (const f of computeFindings(parseChart(text), ctx)) {
        const code = codeOnLine.get(f.range.start.line);
        if (!code) continue;
        const edit = f.rule.startsWith('mce.') ? f.rule.slice(4).toUpperCase().replace(/-/g, '_') : AS_EDIT[f.rule];
        if (edit) got.push(`${edit}:${code}`);
        // An edit folded into the guideline finding that explains it (service/features/oneFinding.ts) is named there.
        for (const m of f.message.matchAll(/rejects it too: (mce\.[a-z-]+)/g)) got.push(`${m[1].slice(4).toUpperCase().replace(/-/g, '_')}:${code}`);
      }
      const want = an[i].mce.map((e) => `${e.edit}:${e.code}`);
      const g = [...new Set(got)].sort();
      const w = [...new Set(want)].sort();
      for (const x of g) if (!w.includes(x)) extra.push(`${c.id} ${x}`);
      for (const x of w) if (!g.includes(x)) missing.push(`${c.id} ${x}`);
    });
  }
  return { claims, extra, missing };
}

test(
  "mce.* (wrapping the Code Editor) raise exactly the edits of CMS's Code Editor on the oracle claims",
  { skip: !available && `no oracle at ${ORACLE}` },
  () => {
    const { claims, extra, missing } = compare(withEditor);
    assert.equal(claims, 3600);
    assert.deepEqual(extra, []);
    // Exact: the Code Editor's tables are imported from CMS's own data file with every flag.
    assert.deepEqual(missing, [], `edits CMS raised that ChartCoder missed (${missing.length})`);
  },
);

test('mce.* without the MCE tables (code-table flags only): no false edit, known gap bounded', { skip: !available && `no oracle at ${ORACLE}` }, () => {
  const { claims, extra, missing } = compare(withFlags);
  assert.equal(claims, 3600);
  // Never an edit CMS did not raise.
  assert.deepEqual(extra, []);
  // Known gap: the decoded MCE master table (mce_i10dx_master.tsv) holds one flag per code and
  // date range, while the Code Editor also applies a second flag to ~35 codes (e.g. O09.213 is
  // maternity AND unacceptable as PDX; M01.X0 manifestation AND unspecified). Those edits come
  // once the MCE tables decode every flag (server/src/mce/); this bound only goes down.
  assert.ok(missing.length <= 40, `edits CMS raised that ChartCoder missed (${missing.length}):\n${missing.slice(0, 40).join('\n')}`);
});
