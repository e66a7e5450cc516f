// The Charts view's logic (client/src/worklist.ts), without VS Code: the client's copy of the
// list, grouping by status, sorting by discharge date or relative weight, the filter, "next
// chart to code" and the description line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorklistStore, arrange, describe, localDate, matches, nextToCode, type ViewOptions } from '../../../client/src/worklist';
import type { WorklistEntry } from '../../src/lsp/protocol';

function entry(name: string, over: Partial<WorklistEntry> = {}): WorklistEntry {
  return {
    uri: `file:///ws/${name}.chart`,
    encounter: `E-${name}`,
    status: null,
    assigned: null,
    coded: null,
    admitted: null,
    discharged: null,
    drg: null,
    openQueries: 0,
    ...over,
  };
}
const drg = (drg: string, weight: number | null, title = 'Title') => ({ drg, weight, title, version: '430' });

const charts = [
  entry('a', { status: 'to-code', discharged: '2026-03-06', drg: drg('291', 1.2838, 'Heart Failure and Shock with MCC') }),
  entry('b', { status: 'to-code', discharged: '2026-02-14', drg: drg('872', 1.0233, 'Septicemia') }),
  entry('c', { status: 'coded', discharged: '2026-01-22', drg: drg('522', 2.1177, 'Hip Replacement'), assigned: 'jdoe' }),
  entry('d', { status: null, discharged: '2026-05-03', drg: drg('795', 0.1998, 'Normal Newborn') }),
  entry('e', { status: 'to-code', discharged: null }),
  entry('f', { status: 'query-pending', discharged: '2026-04-18', drg: drg('189', 1.2354), openQueries: 2 }),
];
const names = (es: WorklistEntry[]) => es.map((e) => e.uri.replace(/^.*\/(\w+)\.chart$/, '$1'));
const opts = (o: Partial<ViewOptions> = {}): ViewOptions => ({ groupByStatus: true, sortBy: 'discharged', filter: '', ...o });

test('grouped by status in workflow order (empty groups left out), oldest discharge first, charts without a date last', () => {
  const groups = arrange(charts, opts());
  assert.deepEqual(
    groups.map((g) => [g.key, names(g.entries)]),
    [
      ['to-code', ['b', 'a', 'e']],
      ['query-pending', ['f']],
      ['coded', ['c']],
      ['none', ['d']],
    ],
  );
});

test('sorted by relative weight: highest first, charts without a DRG last; ungrouped: one list', () => {
  const [all] = arrange(charts, opts({ groupByStatus: false, sortBy: 'weight' }));
  assert.equal(all.key, 'all');
  assert.deepEqual(names(all.entries), ['c', 'a', 'f', 'b', 'd', 'e']);
  const [byDate] = arrange(charts, opts({ groupByStatus: false }));
  assert.deepEqual(names(byDate.entries), ['c', 'b', 'a', 'f', 'd', 'e']);
});

test('the filter: every word must match somewhere; status:, assigned:, drg: look in one field', () => {
  const cases: [filter: string, expected: string[]][] = [
    ['', ['c', 'b', 'a', 'f', 'd', 'e']],
    ['status:to-code', ['b', 'a', 'e']],
    ['status:no', ['d']],
    ['drg:291', ['a']],
    ['drg:hip', ['c']],
    ['assigned:jdoe', ['c']],
    ['2026-03', ['a']],
    ['to-code 2026-02', ['b']],
    ['HEART', ['a']],
    ['e-f', ['f']],
    ['nothing-like-this', []],
  ];
  for (const [filter, expected] of cases) {
    const [all] = arrange(charts, opts({ groupByStatus: false, filter }));
    assert.deepEqual(names(all.entries), expected, filter);
  }
  assert.equal(matches(charts[0], 'a.chart'), true, 'the file name');
});

test('next chart to code: the oldest discharge among to-code charts; none when nothing is to code', () => {
  assert.deepEqual(names([nextToCode(charts)!]), ['b']);
  assert.equal(nextToCode(charts.filter((c) => c.status !== 'to-code')), undefined);
  assert.deepEqual(
    names([nextToCode([entry('x', { status: 'to-code' }), entry('y', { status: 'to-code', discharged: '2026-09-01' })])!]),
    ['y'],
    'a dated chart before an undated one',
  );
  assert.equal(nextToCode([entry('z', { status: 'to-code', problem: 'larger than 2 MB' })]), undefined, 'an unread chart is not offered');
});

test('the store applies the answer, then updates and removals', () => {
  const store = new WorklistStore();
  store.reset({ charts: charts.slice(0, 2), scanning: true, uncounted: 2 });
  store.update({ charts: [{ ...charts[0], status: 'coded' }, charts[2]], removed: [charts[1].uri], scanning: false, uncounted: 0 });
  assert.deepEqual(
    [...store.charts.values()].map((e) => [names([e])[0], e.status]),
    [
      ['a', 'coded'],
      ['c', 'coded'],
    ],
  );
  assert.deepEqual(store.state, { scanning: false, uncounted: 0 });
  store.reset({ charts: [charts[3]], scanning: false, uncounted: 0 });
  assert.deepEqual(names([...store.charts.values()]), ['d'], 'a new answer replaces the list');
});

test('the description: date, DRG and RW, then what needs attention', () => {
  const cases: [WorklistEntry, string][] = [
    [entry('a', { discharged: '2026-03-06', drg: drg('291', 1.2838) }), '2026-03-06 · DRG 291 · RW 1.2838 · checking…'],
    [
      entry('a', { discharged: '2026-03-06', drg: drg('291', 1.2838), counts: { errors: 0, warnings: 0, cdiOpportunities: 0 } }),
      '2026-03-06 · DRG 291 · RW 1.2838',
    ],
    [
      entry('a', { drg: drg('999', null), openQueries: 1, counts: { errors: 2, warnings: 1, cdiOpportunities: 1 } }),
      'DRG 999 · 2 errors · 1 warning · 1 CDI opportunity · 1 open query',
    ],
    [entry('a', { openQueries: 3, counts: { errors: 1, warnings: 0, cdiOpportunities: 2 } }), 'no DRG · 1 error · 2 CDI opportunities · 3 open queries'],
    [entry('a', { problem: 'larger than 2 MB: open it to see its summary' }), 'larger than 2 MB: open it to see its summary'],
  ];
  for (const [e, expected] of cases) assert.equal(describe(e), expected);
});

test('Mark coded writes the local date', () => {
  assert.equal(localDate(new Date(2026, 2, 9, 23, 59)), '2026-03-09');
  assert.equal(localDate(new Date(2026, 11, 31, 0, 0)), '2026-12-31');
});
