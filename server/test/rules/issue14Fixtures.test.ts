// Realistic charts for the issue-14 rules (./fixtures/issue14/*.chart), clean and with planted
// errors: each chart's first comment says which of these rules it must raise (`expect: a, b`, or
// nothing for a clean chart). Precision and recall of the rules over the set are computed and
// printed; each chart must give exactly its expected rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';

const RULES = [
  'seq.sepsis',
  'seq.poisoning',
  'poa.inconsistent',
  'seq.newborn',
  'seq.obstetric',
  'doc.integral-symptom',
  'code.laterality',
  'code.encounter-type',
  'doc.bmi-without-diagnosis',
];
const dir = join(__dirname, 'fixtures', 'issue14');
const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };

const charts = readdirSync(dir)
  .filter((f) => f.endsWith('.chart'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const expect = (/<!--\s*expect:([^>]*?)-->/.exec(text)?.[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const got = [
      ...new Set(
        computeFindings(parseChart(text), ctx)
          .filter((f) => RULES.includes(f.rule))
          .map((f) => f.rule),
      ),
    ];
    return { file, expect, got };
  });

let tp = 0,
  fp = 0,
  fn = 0;
for (const c of charts) {
  tp += c.got.filter((r) => c.expect.includes(r)).length;
  fp += c.got.filter((r) => !c.expect.includes(r)).length;
  fn += c.expect.filter((r) => !c.got.includes(r)).length;
  test(`fixtures/issue14/${c.file}: ${c.expect.length ? c.expect.join(', ') : 'clean'}`, () => {
    assert.deepEqual([...c.got].sort(), [...c.expect].sort());
  });
}

test('precision and recall over the issue-14 fixtures', () => {
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  console.log(
    `issue-14 fixtures: ${charts.length} charts (${charts.filter((c) => !c.expect.length).length} clean), TP ${tp} FP ${fp} FN ${fn}, precision ${(100 * precision).toFixed(1)} %, recall ${(100 * recall).toFixed(1)} %`,
  );
  assert.ok(charts.length >= 20);
  assert.ok(precision >= 0.95 && recall >= 0.95, `precision ${precision}, recall ${recall}`);
});
