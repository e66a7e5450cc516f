// The rule engine: severity levels per id and per family pattern, suppressions with reasons
// (kept for auditors), unused and reason-less suppressions, a failing rule isolated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings, levelFor } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { readSettings } from '../../src/service/settings';
import { HEADER, marked } from '../helpers/markers';

const ctx = (rules: Record<string, string> = {}): ServiceContext => ({
  tables: null,
  tablesError: 'not needed here',
  settings: { ...DEFAULT_SETTINGS, rules: rules as never },
});
const ids = (text: string, c = ctx()) => computeFindings(parseChart(text), c).filter((f) => f.rule !== 'chart.release');

test('a finding carries the rule id, severity and exact range', () => {
  const { text, ranges } = marked(HEADER + '[CHF]⟨{dx=I50.9 poa=Y⟩\n');
  const [f] = ids(text);
  assert.equal(f.rule, 'chart.syntax');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.range, ranges[0]);
});

test('user levels: exact id, family pattern, off', () => {
  const text = HEADER + '[CHF]{dx=I50.9 poa=Y\n';
  assert.equal(ids(text, ctx({ 'chart.syntax': 'hint' }))[0].severity, 'hint');
  assert.equal(ids(text, ctx({ 'chart.*': 'info' }))[0].severity, 'info');
  assert.equal(ids(text, ctx({ 'chart.*': 'info', 'chart.syntax': 'warning' }))[0].severity, 'warning');
  assert.deepEqual(ids(text, ctx({ 'chart.syntax': 'off' })), []);
  assert.equal(levelFor('mce.age-conflict', { 'mce.*': 'off' }), 'off');
  assert.equal(levelFor('mce.age-conflict', {}), undefined);
});

test('a suppression silences its rule on the next line and keeps the reason', () => {
  const text = HEADER + '<!-- chartcoder-ignore chart.syntax: legacy import -->\n[CHF]{dx=I50.9 poa=Y\n';
  const all = ids(text);
  assert.equal(all.length, 1);
  assert.deepEqual(all[0].suppressed, { reason: 'legacy import' });
});

test('a suppression of another rule, or on another line, silences nothing and says so', () => {
  const other = ids(HEADER + '<!-- chartcoder-ignore icd.excludes1: x -->\n[CHF]{dx=I50.9 poa=Y\n');
  assert.deepEqual(
    other.map((f) => [f.rule, !!f.suppressed]),
    [
      ['chart.syntax', false],
      ['suppression.unused', false],
    ],
  );
  const misspelt = ids(HEADER + '<!-- chartcoder-ignore chart.syntaxx: x -->\n[CHF]{dx=I50.9 poa=Y\n');
  assert.match(misspelt.find((f) => f.rule === 'suppression.unused')!.message, /not a ChartCoder rule id/);
});

test('a suppression without a reason still silences, and is reported', () => {
  const all = ids(HEADER + '<!-- chartcoder-ignore chart.syntax -->\n[CHF]{dx=I50.9 poa=Y\n');
  assert.deepEqual(
    all.map((f) => [f.rule, !!f.suppressed]),
    [
      ['chart.syntax', true],
      ['suppression.no-reason', false],
    ],
  );
});

test('without tables, chart.release says why codes are not checked', () => {
  const all = computeFindings(parseChart(HEADER), ctx());
  assert.match(all.find((f) => f.rule === 'chart.release')!.message, /not loaded.*not needed here/);
});

test('settings: unknown rule ids and bad levels are named and skipped', () => {
  const { settings, problems } = readSettings({ rules: { 'chart.syntax': 'warning', 'icd.nope': 'off', 'chart.header': 'loud' }, payment: { baseRate: -3 } });
  assert.deepEqual(settings.rules, { 'chart.syntax': 'warning' });
  assert.equal(problems.length, 3);
  assert.match(problems[0], /chartcoder\.rules\.icd\.nope: unknown rule id/);
  assert.match(problems[1], /chartcoder\.rules\.chart\.header: level must be/);
  assert.match(problems[2], /baseRate/);
});
