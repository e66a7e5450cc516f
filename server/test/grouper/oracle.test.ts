// Agreement with CMS's own grouper: every claim of ../shared/oracle (v43.0 and v43.1) must match on
// every field CMS answers but affects_drg — drg, mdc, return code, initial DRG, HAC status, DRG
// severity, med/surg, each secondary diagnosis's POA, severity, usage, cc_excluded and hacs, each
// procedure's O.R. flag, and the Code Editor's edits and edit type — as `chartcoder group --claims`
// writes them; the committed synthetic regression claims (v40.0–v43.1) on drg, mdc, return code,
// initial DRG, HAC status and every secondary diagnosis's severity and cc_excluded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testTables, ORACLE, NO_TABLES, REPO } from './helpers';
import { groupClaim, type Claim } from '../../src/grouper/group';
import { formatAnswer, parseClaimLine } from '../../src/grouper/claims';
import { claimAnswer } from '../../src/cli/commands/group';
import { loadMceTables } from '../../src/mce/tables';
import { differences, type OracleAnswer } from './oracleCompare';

interface Expect {
  drg: string;
  mdc: string;
  return_code: string;
  initial_drg: string;
  hac_status: string;
  sdx: string[];
}

function disagreements(got: ReturnType<typeof groupClaim>, e: Expect): string[] {
  const d: string[] = [];
  for (const k of ['drg', 'mdc', 'return_code', 'initial_drg', 'hac_status'] as const) if (got[k] !== e[k]) d.push(`${k} ${got[k]} ≠ ${e[k]}`);
  const sdx = got.sdx.map((s) => s.severity + (s.cc_excluded ? '/excluded' : ''));
  if (sdx.join() !== e.sdx.join()) d.push(`sdx [${sdx.join()}] ≠ [${e.sdx.join()}]`);
  return d;
}

for (const version of ['430', '431']) {
  const claimsFile = path.join(ORACLE, `claims-v${version}.jsonl`);
  const answersFile = path.join(ORACLE, `answers-v${version}.jsonl`);
  const present = fs.existsSync(claimsFile) && fs.existsSync(answersFile);
  test(
    `agrees with the CMS grouper and MCE on every claim and field of claims-v${version}.jsonl`,
    { skip: present ? false : `oracle files not found in ${ORACLE}` },
    async (t) => {
      const tables = await testTables();
      const build = path.join(REPO, 'tables', 'build');
      if (!tables || !fs.existsSync(path.join(build, 'mce', 'meta.json'))) return t.skip(NO_TABLES);
      const mce = loadMceTables(build);
      const claims = fs
        .readFileSync(claimsFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      const answers = fs
        .readFileSync(answersFile, 'utf8')
        .split('\n')
        .filter((l) => l.trim());
      assert.equal(claims.length, answers.length);
      const bad: string[] = [];
      claims.forEach((line, i) => {
        const a = JSON.parse(answers[i]!) as OracleAnswer;
        const answer = claimAnswer(tables, mce, parseClaimLine(line), version);
        // The hand-written answer line is exactly JSON.stringify's.
        if (formatAnswer(answer) !== JSON.stringify(answer)) bad.push(`${a.id}: formatAnswer differs from JSON.stringify`);
        const ours = JSON.parse(formatAnswer(answer)) as OracleAnswer;
        const d = differences(ours, a);
        if (d.length) bad.push(`${a.id}: ${d.join(', ')}`);
      });
      assert.deepEqual(bad.slice(0, 20), [], `${bad.length} of ${claims.length} claims disagree`);
    },
  );
}

test('agrees with the CMS grouper on the committed synthetic claims (v40.0–v43.1)', async (t) => {
  const tables = await testTables();
  if (!tables) return t.skip(NO_TABLES);
  const lines = fs
    .readFileSync(path.join(__dirname, 'fixtures/generated-claims.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  assert.ok(lines.length > 1000);
  const bad: string[] = [];
  for (const line of lines) {
    const { version, claim, expect } = JSON.parse(line) as { version: string; claim: unknown; expect: Expect };
    const c: Claim = parseClaimLine(JSON.stringify(claim));
    const d = disagreements(groupClaim(tables, c, version), expect);
    if (d.length) bad.push(`${c.id} (v${version}): ${d.join('; ')}`);
  }
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} of ${lines.length} claims disagree`);
});
