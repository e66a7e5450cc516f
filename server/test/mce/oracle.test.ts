// Agreement with CMS's own Medicare Code Editor: every claim of the oracle files (and of our own
// synthetic fixtures, answered by the same oracle) must raise exactly the edits CMS raised, on the
// same diagnosis codes, in the same order, with the same claim edit type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMce } from '../../src/mce/edits';
import { ORACLE, fromOracle, mceTables, readJsonl, type OracleClaim } from './helpers';

interface Answer {
  id: string;
  mce: { code: string; edit: string }[];
  mce_edit_type: string;
}

const sets: { name: string; claims: string; answers: string; version: string }[] = [
  { name: 'oracle v43.0', claims: path.join(ORACLE, 'claims-v430.jsonl'), answers: path.join(ORACLE, 'answers-v430.jsonl'), version: '430' },
  { name: 'oracle v43.1', claims: path.join(ORACLE, 'claims-v431.jsonl'), answers: path.join(ORACLE, 'answers-v431.jsonl'), version: '431' },
  {
    name: 'synthetic MCE fixtures',
    claims: path.join(__dirname, 'fixtures', 'claims.jsonl'),
    answers: path.join(__dirname, 'fixtures', 'answers.jsonl'),
    version: '430',
  },
];

for (const set of sets) {
  test(`runMce agrees with CMS's MCE on every claim: ${set.name}`, async (t) => {
    if (!fs.existsSync(set.claims) || !fs.existsSync(set.answers)) {
      t.skip(`${set.claims} not found (the oracle lives in ../shared/oracle)`);
      return;
    }
    const tables = await mceTables();
    if (!tables) {
      t.skip('MCE sources not found in ../shared/code-sets/mce');
      return;
    }
    const claims = readJsonl<OracleClaim>(set.claims);
    const answers = readJsonl<Answer>(set.answers);
    assert.equal(claims.length, answers.length);
    const disagreements: string[] = [];
    claims.forEach((c, i) => {
      const a = answers[i];
      assert.equal(a.id, c.id);
      const r = runMce(tables, fromOracle(c, set.version));
      // The oracle harness prints the edits of the principal and secondary diagnoses; procedure
      // edits (and claim edits) show only through the claim's edit type, which is compared too.
      const ours = r.edits.filter((e) => e.position === 'pdx' || e.position === 'sdx').map((e) => `${e.edit}@${e.code}`);
      const theirs = a.mce.map((e) => `${e.edit}@${e.code}`);
      if (ours.join(' ') !== theirs.join(' ') || r.editType !== a.mce_edit_type) {
        disagreements.push(`${c.id}: ours [${ours.join(' ')}] ${r.editType}, CMS [${theirs.join(' ')}] ${a.mce_edit_type}`);
      }
    });
    assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} of ${claims.length} claims disagree`);
  });
}
