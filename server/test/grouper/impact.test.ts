// DRG impact what-ifs: removing a secondary, adding an annotated code, alternative principals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testTables, NO_TABLES } from './helpers';
import {
  additionImpact,
  alternativePrincipals,
  currentDrg,
  groupAbstract,
  procedureAdditionImpact,
  removalImpact,
  sdxRemovalImpacts,
  type DrgAbstract,
} from '../../src/grouper/impact';

const hf: DrgAbstract = {
  pdx: 'I50.23',
  sdx: [
    { code: 'N18.4', poa: 'Y' },
    { code: 'J96.01', poa: 'Y' },
  ],
  procs: [],
  age: 70,
  sex: 'F',
  dstat: '01',
  version: '430',
};
const weights: Record<string, number> = { '291': 1.2838, '292': 0.8681, '293': 0.6272 };
const weightOf = (drg: string) => (weights[drg] ? { weight: weights[drg]!, gmlos: 3, title: `DRG ${drg}` } : null);

test('removing the only MCC drops heart failure from 291 to 292; removing the CC changes nothing', async (t) => {
  const tables = await testTables();
  if (!tables) return t.skip(NO_TABLES);
  const impacts = sdxRemovalImpacts(tables, hf, weightOf);
  assert.equal(impacts.length, 2);
  assert.equal(impacts[0]!.before.drg, '291');
  assert.equal(impacts[0]!.changes, false); // N18.4 (CC) removed: the MCC keeps 291
  assert.equal(impacts[1]!.after.drg, '292'); // J96.01 (MCC) removed
  assert.equal(impacts[1]!.severity, 'MCC');
  assert.equal(impacts[1]!.weightDelta, -0.4157);
  assert.equal(removalImpact(tables, hf, 1).after.drg, '292');
});

test('adding an annotated MCC moves 293 to 291, adding an excluded sibling does not', async (t) => {
  const tables = await testTables();
  if (!tables) return t.skip(NO_TABLES);
  const bare: DrgAbstract = { ...hf, sdx: [] };
  assert.equal(currentDrg(tables, bare).drg, '293');
  const add = additionImpact(tables, bare, { code: 'J9601', poa: 'Y' }, weightOf);
  assert.equal(add.after.drg, '291');
  assert.equal(add.severity, 'MCC');
  assert.equal(add.after.title, 'DRG 291'); // the weight table's title wins when given
  const sibling = additionImpact(tables, bare, { code: 'I5022', poa: 'Y' });
  assert.equal(sibling.changes, false);
  assert.equal(sibling.ccExcluded, true);
  assert.equal(sibling.after.title, 'Heart Failure and Shock without CC/MCC');
});

test('alternative principals are each reported diagnosis as PDX (information only)', async (t) => {
  const tables = await testTables();
  if (!tables) return t.skip(NO_TABLES);
  const alts = alternativePrincipals(tables, hf);
  assert.deepEqual(
    alts.map((a) => a.code),
    ['N184', 'J9601'],
  );
  assert.equal(alts[1]!.outcome.mdc, '04'); // respiratory failure as principal groups in MDC 4
});

test('a procedure what-if and the grouping path of the abstract', async (t) => {
  const tables = await testTables();
  if (!tables) return t.skip(NO_TABLES);
  const r = groupAbstract(tables, hf);
  assert.deepEqual(r.path!.lists, [0, 5]);
  assert.equal(r.path!.pdxMdc, 5);
  assert.deepEqual(r.path!.severityFrom, [1]);
  assert.match(r.path!.formula, /MCC/);
  const knee = procedureAdditionImpact(tables, { ...hf, pdx: 'M17.11', sdx: [] }, '0SRC0J9');
  assert.equal(knee.after.drg, '470');
});
