// The wrong-on-purpose samples (samples/errors/rule-*.chart) fire every rule their opening
// comment names, and the reference samples (samples/*.chart) give nothing above info.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../src/chart/parse';
import { computeFindings, knownRuleIds } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';

const root = join(__dirname, '..', '..', '..');
const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };
const known = knownRuleIds().map((r) => r.id);

for (const file of readdirSync(join(root, 'samples', 'errors')).filter((f) => f.startsWith('rule-') && f.endsWith('.chart'))) {
  test(`samples/errors/${file} fires what it says`, () => {
    const text = readFileSync(join(root, 'samples', 'errors', file), 'utf8');
    const comment = /<!--([\s\S]*?)-->/.exec(text)?.[1] ?? '';
    const promised = known.filter((id) => new RegExp(`\\b${id.replace(/\./g, '\\.')}\\b`).test(comment));
    assert.ok(promised.length >= 3, `${file}: its comment names the rules it fires`);
    const fired = new Set(computeFindings(parseChart(text), ctx).map((f) => f.rule));
    assert.deepEqual(
      promised.filter((id) => !fired.has(id)),
      [],
    );
  });
}

test('reference samples: no finding above info from the guideline rules', () => {
  for (const file of readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.chart'))) {
    const loud = computeFindings(parseChart(readFileSync(join(root, 'samples', file), 'utf8')), ctx).filter(
      (f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'),
    );
    assert.deepEqual(
      loud.map((f) => `${file} ${f.rule} ${f.message}`),
      [],
    );
  }
});
