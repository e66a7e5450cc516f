// Findings that move money say so (issue 14 §3): a finding whose fix changes the MS-DRG carries
// data.drgImpact, ends its message with "DRG a → b (±$n)" and is at least a warning unless the
// user set its level; a finding whose fix leaves the DRG alone keeps its level and its message.
// Runs on the built tables and the test charts in ./charts (written for these cases).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS, type Finding, type Settings } from '../../src/service/context';
import { drgImpactText, type FindingDrgImpact } from '../../src/service/features/drgImpact';

const dir = defaultTablesDir();
const tables = loadTables(dir);
const grouper = loadMsdrgTables(dir);
const serviceWith = (settings: Partial<Settings> = {}) => new LanguageService({ tables, grouper, settings: { ...DEFAULT_SETTINGS, ...settings } });
const chart = (name: string) => readFileSync(join(__dirname, 'charts', `${name}.chart`), 'utf8');
const findingsOf = (name: string, settings: Partial<Settings> = {}) => serviceWith(settings).findings(chartInput(name, chart(name)));
const impactOf = (f: Finding) => (f.data as { drgImpact?: FindingDrgImpact } | undefined)?.drgImpact;
const codeAt = (text: string, f: Finding) => text.split('\n')[f.range.start.line].slice(f.range.start.character, f.range.end.character);

// chart, rule, the code the finding sits on, then the expected severity and impact (null: none).
const CASES: [chart: string, rule: string, code: string, severity: string, impact: { from: string; to: string; sign: 1 | -1 } | null][] = [
  // An MCC documented but not coded: adding it moves the pneumonia from 195 to 193.
  ['pneumonia-hf', 'doc.not-in-abstract', 'J96.01', 'warning', { from: '195', to: '193', sign: 1 }],
  // A non-CC documented but not coded: no DRG change, stays information.
  ['pneumonia-hf', 'doc.not-in-abstract', 'E78.5', 'info', null],
  // Unspecified heart failure where the note says acute on chronic diastolic: I50.33 is an MCC.
  ['pneumonia-hf', 'doc.specificity', 'I50.9', 'warning', { from: '195', to: '193', sign: 1 }],
  // Unspecified encephalopathy where the note says toxic metabolic encephalopathy (a CC → MCC upgrade).
  ['uti-encephalopathy', 'doc.specificity', 'G93.40', 'warning', { from: '690', to: '689', sign: 1 }],
  // Acute tubular necrosis documented, N17.9 coded (CC → MCC N17.0).
  ['uti-encephalopathy', 'doc.specificity', 'N17.9', 'warning', { from: '690', to: '689', sign: 1 }],
  // Acute on chronic heart failure documented, chronic coded (CC → MCC I50.33).
  ['copd-chronic-hf', 'doc.specificity', 'I50.32', 'warning', { from: '191', to: '190', sign: 1 }],
  // Class 2 obesity documented, E66.9 coded: more specific, but E66.812 is not a CC: stays a hint.
  ['copd-chronic-hf', 'doc.specificity', 'E66.9', 'hint', null],
];

for (const [name, rule, code, severity, expected] of CASES) {
  test(`${name}: ${rule} on ${code} is ${severity}${expected ? `, DRG ${expected.from} → ${expected.to}` : ', no DRG impact'}`, () => {
    const text = chart(name);
    const f = findingsOf(name).find((x) => x.rule === rule && codeAt(text, x) === code);
    assert.ok(f, `no ${rule} finding on ${code}`);
    assert.equal(f.severity, severity);
    const impact = impactOf(f);
    if (!expected) {
      assert.equal(impact, undefined);
      assert.doesNotMatch(f.message, /DRG \d+ → \d+/);
      return;
    }
    assert.ok(impact, 'no data.drgImpact');
    assert.equal(impact.from, expected.from);
    assert.equal(impact.to, expected.to);
    assert.ok(impact.fromWeight !== null && impact.toWeight !== null);
    assert.equal(Math.sign(impact.toWeight - impact.fromWeight), expected.sign);
    assert.equal(Math.sign(impact.payment!), expected.sign);
    assert.ok(f.message.endsWith(drgImpactText(impact)), f.message);
    assert.match(f.message, new RegExp(`DRG ${expected.from} → ${expected.to} \\([+−]\\$[\\d,]+\\)$`));
  });
}

test('the payment is the weight difference at the rate the DRG hover uses', () => {
  const f = findingsOf('pneumonia-hf').find((x) => x.rule === 'doc.not-in-abstract' && impactOf(x))!;
  const i = impactOf(f)!;
  const choice = tables.releaseFor('2026-01-16');
  assert.ok(choice.kind !== 'none');
  const rate = tables.paymentRates(choice.release.id)!.standardizedAmount;
  assert.equal(i.payment, Math.round(i.toWeight! * rate) - Math.round(i.fromWeight! * rate));
  const own = findingsOf('pneumonia-hf', { baseRate: 10000 }).find((x) => x.rule === 'doc.not-in-abstract' && impactOf(x))!;
  assert.equal(impactOf(own)!.payment, Math.round(i.toWeight! * 10000) - Math.round(i.fromWeight! * 10000));
});

test('a level the user set is kept; the impact is still stated', () => {
  for (const rules of [{ 'doc.not-in-abstract': 'info' }, { 'doc.*': 'hint' }] as Settings['rules'][]) {
    const f = findingsOf('pneumonia-hf', { rules }).find((x) => x.rule === 'doc.not-in-abstract' && impactOf(x));
    assert.ok(f);
    assert.equal(f.severity, Object.values(rules)[0]);
    assert.match(f.message, /DRG 195 → 193/);
  }
});

test('a fix that would lower the DRG says so with a minus', () => {
  // The ruled-out MCC: removing it (the finding's implied fix) takes the DRG down.
  const text = chart('pneumonia-hf')
    .replace('[Acute hypoxic respiratory failure]{dx=J96.01 poa=Y}', '[Acute hypoxic respiratory failure]{dx=J96.01 poa=Y status=ruled-out}')
    .replace('SDX  N18.31  Y', 'SDX  N18.31  Y\nSDX  J96.01  Y');
  const f = serviceWith()
    .findings(chartInput('ruled-out', text))
    .find((x) => x.rule === 'doc.ruled-out');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.deepEqual([impactOf(f)?.from, impactOf(f)?.to], ['193', '195']);
  assert.match(f.message, /DRG 193 → 195 \(−\$[\d,]+\)$/);
});

test('the reference samples still give no errors or warnings', () => {
  for (const name of ['copd-resp-failure', 'hf-ckd', 'hip-fracture', 'newborn', 'sepsis-aki']) {
    const text = readFileSync(join(__dirname, '..', '..', '..', 'samples', `${name}.chart`), 'utf8');
    assert.deepEqual(
      serviceWith()
        .findings(chartInput(name, text))
        .filter((f) => !f.suppressed && (f.severity === 'error' || f.severity === 'warning'))
        .map((f) => f.rule),
      [],
      name,
    );
  }
});
