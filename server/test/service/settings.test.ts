// One settings source: the layers (defaults, editor, nearest .chartcoder.json, --rule) merge in
// the documented order, and the nearest .chartcoder.json is found the same way for both faces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readSettingsLayer, resolveSettings, ruleArgsLayer, type SettingsLayer } from '../../src/service/settings';
import { findProjectSettings, type ProjectFileSystem } from '../../src/service/projectSettings';
import { levelFor } from '../../src/service/features/diagnostics';

const layer = (raw: unknown, origin?: string, dir?: string): SettingsLayer => {
  const r = readSettingsLayer(raw, origin, dir);
  assert.deepEqual(r.problems, [], JSON.stringify(raw));
  return r.layer;
};

test('layers merge in order: rules id by id, scalars from the last layer that sets them', () => {
  const editor = layer({ rules: { 'chart.syntax': 'warning', 'doc.no-evidence': 'off' }, payment: { baseRate: 7000 }, cptTable: '/opt/cpt.csv' });
  const project = layer({ rules: { 'chart.syntax': 'info', 'mce.*': 'off' }, payment: { baseRate: 8000 } });
  const args = ruleArgsLayer(['mce.age-conflict=error']).layer;
  const cases: { name: string; layers: (SettingsLayer | null)[]; expect: object }[] = [
    { name: 'nothing', layers: [], expect: { rules: {}, baseRate: null, cptTable: null } },
    {
      name: 'the editor alone',
      layers: [editor],
      expect: { rules: { 'chart.syntax': 'warning', 'doc.no-evidence': 'off' }, baseRate: 7000, cptTable: '/opt/cpt.csv' },
    },
    {
      name: 'editor, then the .chartcoder.json (the editor face)',
      layers: [editor, project],
      expect: { rules: { 'chart.syntax': 'info', 'doc.no-evidence': 'off', 'mce.*': 'off' }, baseRate: 8000, cptTable: '/opt/cpt.csv' },
    },
    {
      name: '.chartcoder.json, then --rule (the CLI face)',
      layers: [project, args],
      expect: { rules: { 'chart.syntax': 'info', 'mce.*': 'off', 'mce.age-conflict': 'error' }, baseRate: 8000, cptTable: null },
    },
    {
      name: 'a missing layer is skipped',
      layers: [null, project, null],
      expect: { rules: { 'chart.syntax': 'info', 'mce.*': 'off' }, baseRate: 8000, cptTable: null },
    },
  ];
  for (const c of cases) assert.deepEqual(resolveSettings(c.layers), c.expect, c.name);
  // Exact ids win over family patterns, whichever layer each came from.
  const merged = resolveSettings([project, args]);
  assert.equal(levelFor('mce.age-conflict', merged.rules), 'error');
  assert.equal(levelFor('mce.sex-conflict', merged.rules), 'off');
});

test("a layer: bad values named by origin and skipped; a relative CPT path is relative to the file's folder", () => {
  const r = readSettingsLayer(
    { rules: { 'icd.nope': 'off', 'chart.syntax': 'loud', 'code.format': 'hint' }, payment: { baseRate: 'lots' }, cptTable: 'tables/cpt.csv' },
    '/w/.chartcoder.json',
    '/w',
  );
  assert.deepEqual(r.layer, { rules: { 'code.format': 'hint' }, cptTable: path.resolve('/w', 'tables/cpt.csv') });
  assert.equal(r.problems.length, 3);
  assert.match(r.problems[0], /^\/w\/\.chartcoder\.json\.rules\.icd\.nope: unknown rule id/);
  assert.match(r.problems[1], /^\/w\/\.chartcoder\.json\.rules\.chart\.syntax: level must be one of/);
  assert.match(r.problems[2], /^\/w\/\.chartcoder\.json\.payment\.baseRate must be a positive number/);
  assert.deepEqual(readSettingsLayer({ cptTable: '/abs/cpt.csv' }, 'x', '/w').layer, { cptTable: '/abs/cpt.csv' });
  assert.deepEqual(readSettingsLayer([1], 'x').problems, ['x must be an object.']);
  assert.equal(ruleArgsLayer(['oops']).usage, '--rule oops: write --rule <rule-id>=<error|warning|info|hint|off>.');
});

/** An in-memory file system; a value of Error throws when read. */
function memoryFs(files: Record<string, string | Error>): ProjectFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(file) {
      reads.push(file);
      const v = files[file];
      if (v instanceof Error) throw v;
      return v;
    },
  };
}

test("the nearest .chartcoder.json at or above the chart's folder; none above the root", () => {
  const fs = memoryFs({
    '/w/.chartcoder.json': '{"rules":{"chart.syntax":"info"}}',
    '/w/icu/.chartcoder.json': '\uFEFF{"rules":{"chart.syntax":"hint"}}',
    '/w/bad/.chartcoder.json': '{"rules": ',
    '/w/locked/.chartcoder.json': new Error('EACCES: permission denied'),
  });
  const cases: { dir: string; file: string | null; level?: string; error?: RegExp }[] = [
    { dir: '/w', file: '/w/.chartcoder.json', level: 'info' },
    { dir: '/w/ward/b', file: '/w/.chartcoder.json', level: 'info' },
    { dir: '/w/icu', file: '/w/icu/.chartcoder.json', level: 'hint' },
    { dir: '/w/icu/bed-3', file: '/w/icu/.chartcoder.json', level: 'hint' },
    { dir: '/w/bad', file: '/w/bad/.chartcoder.json', error: /not valid JSON/ },
    { dir: '/w/locked', file: '/w/locked/.chartcoder.json', error: /cannot be read: EACCES/ },
    { dir: '/elsewhere/x', file: null },
  ];
  for (const c of cases) {
    const found = findProjectSettings(c.dir, fs);
    assert.equal(found?.file ?? null, c.file, c.dir);
    if (!found) continue;
    if (c.error) assert.match(found.error ?? '', c.error, c.dir);
    else if (found.error === undefined) assert.equal(found.layer.rules?.['chart.syntax'], c.level, c.dir);
    else assert.fail(`${c.dir}: ${found.error}`);
  }
  fs.reads.length = 0;
  findProjectSettings('/elsewhere/x', fs);
  assert.deepEqual(fs.reads, ['/elsewhere/x/.chartcoder.json', '/elsewhere/.chartcoder.json', '/.chartcoder.json']);
});
