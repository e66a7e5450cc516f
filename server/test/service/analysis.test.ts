// Derived data once per document version: the release, the grouping and the findings of a chart are
// computed once per version and shared by diagnostics, hover, code lens, inlay hints, code actions,
// the DRG analysis and the status bar. Counted where the work happens, not where it is cached: every
// call of the grouper (groupClaim asks its tables for the logic version once per grouping), every
// rule's check, and every release chosen by the service (tables.releaseFor, called from outside).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LanguageService, type ChartInput } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS, type Settings } from '../../src/service/context';
import { RULES } from '../../src/rules';
import { parseChart } from '../../src/chart/parse';

const counts = { groupings: 0, ruleRuns: 0, releaseChoices: 0 };

/** `target` whose method `name` counts the calls made from outside; its own internal calls (bound to the target) are not counted. */
function counting<T extends object>(target: T, name: string, count: () => void): T {
  return new Proxy(target, {
    get(t, key) {
      const v = Reflect.get(t, key, t) as unknown;
      if (typeof v !== 'function') return v;
      const bound = (v as (...a: unknown[]) => unknown).bind(t);
      return key === name ? (...args: unknown[]) => (count(), bound(...args)) : bound;
    },
  });
}

const dir = defaultTablesDir();
const tables = counting(loadTables(dir), 'releaseFor', () => counts.releaseChoices++);
const grouper = counting(loadMsdrgTables(dir), 'version', () => counts.groupings++);
const originalChecks = RULES.map((r) => r.check);
for (const r of RULES) {
  const check = r.check;
  r.check = (ctx) => (counts.ruleRuns++, check(ctx));
}
after(() => RULES.forEach((r, i) => (r.check = originalChecks[i])));

const sample = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'hf-ckd.chart'), 'utf8');
// One annotated code that the abstract does not carry: its hover shows the "if added" what-if.
const TEXT = sample.replace('4. [Hyperlipidemia]', '4. [Pneumonia]{dx=J18.9 poa=N}. [Hyperlipidemia]');
const lines = TEXT.split('\n');
const at = (prefix: string, find: string) => {
  const line = lines.findIndex((l) => l.startsWith(prefix));
  return { line, character: lines[line].indexOf(find) + 1 };
};
const SDX = lines.filter((l) => l.startsWith('SDX')).length;

/** Everything an editor asks about a chart after a keystroke, as the server does it. */
function round(service: LanguageService, doc: ChartInput): void {
  const steps = service.findingSteps(doc); // the diagnostics run, rule by rule
  for (let s = steps.next(); !s.done; s = steps.next());
  service.status(doc);
  for (const l of lines.keys()) if (/^(PDX|SDX)/.test(lines[l])) service.hover(doc, { line: l, character: 6 });
  service.hover(doc, at('4. [Pneumonia]', 'J18.9'));
  service.hover(doc, at('1. [Acute on chronic', 'I50.33'));
  service.hover(doc, at('discharged:', '2026'));
  service.codeLenses(doc);
  service.inlayHints(doc);
  for (const f of service.findings(doc)) service.codeActions(doc, f.range);
  service.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
  service.drgAnalysis(doc);
}

function measured(fn: () => void): typeof counts {
  const before = { ...counts };
  fn();
  return {
    groupings: counts.groupings - before.groupings,
    ruleRuns: counts.ruleRuns - before.ruleRuns,
    releaseChoices: counts.releaseChoices - before.releaseChoices,
  };
}

test('one version: every rule runs once, the release is chosen once, each grouping is done once', () => {
  const service = new LanguageService({ tables, grouper, settings: { ...DEFAULT_SETTINGS } });
  const doc: ChartInput = { uri: 'file:///a.chart', version: 1, text: TEXT };
  const first = measured(() => round(service, doc));
  assert.equal(first.ruleRuns, RULES.length, 'each rule once');
  assert.equal(first.releaseChoices, 1, 'the release chosen once');
  // The abstract once, then each what-if once: without each SDX, each SDX as principal, the one annotated code added.
  assert.ok(first.groupings >= 1 + SDX + 1 && first.groupings <= 1 + SDX + SDX + 1, `${first.groupings} groupings for a chart with ${SDX} SDX`);
  assert.deepEqual(
    measured(() => round(service, doc)),
    { groupings: 0, ruleRuns: 0, releaseChoices: 0 },
    'the same version again: nothing recomputed',
  );
  // The text object of a new version with the same content (as a client that re-sends it) is still a new version.
  const next: ChartInput = { ...doc, version: 2, text: TEXT.replace('orthopnea', 'orthopnoea') };
  assert.deepEqual(
    measured(() => round(service, next)),
    first,
    'a new version: the same work, once',
  );
});

test('each feature alone, on a fresh version, does only its own share', () => {
  const service = new LanguageService({ tables, grouper, settings: { ...DEFAULT_SETTINGS } });
  let version = 0;
  const fresh = (): ChartInput => ({ uri: 'file:///b.chart', version: ++version, text: `${TEXT}${' '.repeat(version)}` });
  const pdx = lines.findIndex((l) => l.startsWith('PDX'));
  const sdx = lines.findIndex((l) => l.startsWith('SDX'));
  const cases: { name: string; run: (d: ChartInput) => void; expect: (c: typeof counts) => boolean }[] = [
    {
      name: 'hover on an SDX: the abstract and each SDX removed',
      run: (d) => service.hover(d, { line: sdx, character: 6 }),
      expect: (c) => c.groupings === 1 + SDX && c.releaseChoices === 1 && c.ruleRuns === 0,
    },
    {
      name: 'hover on the PDX: the abstract and the alternatives',
      run: (d) => service.hover(d, { line: pdx, character: 6 }),
      expect: (c) => c.groupings >= 1 && c.groupings <= 1 + SDX && c.releaseChoices === 1,
    },
    { name: 'code lens', run: (d) => service.codeLenses(d), expect: (c) => c.groupings === 1 && c.releaseChoices === 1 && c.ruleRuns === 0 },
    {
      name: 'code lens, inlay hints and status together',
      run: (d) => (service.codeLenses(d), service.inlayHints(d), service.status(d)),
      expect: (c) => c.groupings === 1 && c.releaseChoices === 1,
    },
    {
      name: 'diagnostics then code actions',
      run: (d) => (service.findings(d), service.codeActions(d, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } })),
      expect: (c) => c.ruleRuns === RULES.length && c.releaseChoices === 1,
    },
    {
      name: 'the DRG analysis, then every hover',
      run: (d) => (service.drgAnalysis(d), lines.forEach((_, l) => service.hover(d, { line: l, character: 6 }))),
      expect: (c) => c.groupings <= 1 + SDX + SDX + 1 && c.releaseChoices === 1,
    },
  ];
  for (const c of cases) {
    const got = measured(() => c.run(fresh()));
    assert.ok(c.expect(got), `${c.name}: ${JSON.stringify(got)}`);
  }
});

test('other settings for the same version: the findings follow them, and are computed once for them', () => {
  const service = new LanguageService({ tables, grouper, settings: { ...DEFAULT_SETTINGS } });
  const doc: ChartInput = { uri: 'file:///c.chart', version: 1, text: TEXT };
  const loud = service.findings(doc);
  assert.ok(
    loud.some((f) => f.rule === 'code.format' || f.rule.startsWith('doc.')),
    'the sample has findings to switch off',
  );
  const quiet: Settings = { ...DEFAULT_SETTINGS, rules: { 'doc.*': 'off', 'code.*': 'off' } };
  const withQuiet = { ...doc, settings: quiet };
  const m = measured(() => {
    const findings = service.findings(withQuiet);
    assert.ok(!findings.some((f) => f.rule.startsWith('doc.') || f.rule.startsWith('code.')));
    service.codeActions(withQuiet, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } });
    service.hover(withQuiet, { line: 0, character: 0 });
  });
  assert.deepEqual(m, { groupings: 0, ruleRuns: RULES.length, releaseChoices: 1 });
  // The parse is shared between settings: the same chart object.
  assert.equal(service.chart(withQuiet), service.chart({ ...doc, settings: quiet }));
  assert.deepEqual(JSON.parse(JSON.stringify(service.chart(doc))), JSON.parse(JSON.stringify(parseChart(TEXT))));
});

test('a stepwise run that is dropped midway leaves nothing behind; one that completes is reused', () => {
  const service = new LanguageService({ tables, grouper, settings: { ...DEFAULT_SETTINGS } });
  const doc: ChartInput = { uri: 'file:///d.chart', version: 1, text: TEXT };
  const dropped = measured(() => {
    const steps = service.findingSteps(doc);
    steps.next();
    steps.next();
  });
  assert.equal(dropped.ruleRuns, 2);
  const full = measured(() => service.findings(doc));
  assert.equal(full.ruleRuns, RULES.length, 'the dropped run gave no result to reuse');
  assert.deepEqual(
    measured(() => service.codeActions(doc, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } })),
    { groupings: 0, ruleRuns: 0, releaseChoices: 0 },
  );
});
