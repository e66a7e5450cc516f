// package.json against the code: the `chartcoder.rules` setting lists every rule id of the catalogue
// (regenerate with `npx tsx scripts/gen-rule-settings.ts`), `.chart` files wrap long note lines, the
// internal commands have titles and stay out of the palette, and the DRG analysis has a keybinding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleSettingProperties } from '../../src/service/ruleSettings';
import { knownRuleIds } from '../../src/service/features/diagnostics';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const contributes = pkg.contributes;

test('chartcoder.rules lists every rule id of the catalogue, in sync with the generator', () => {
  const rules = contributes.configuration.properties['chartcoder.rules'];
  assert.deepEqual(rules.properties, ruleSettingProperties(), 'package.json is stale: run `npx tsx scripts/gen-rule-settings.ts`');
  assert.deepEqual(
    Object.keys(rules.properties).sort(),
    knownRuleIds()
      .map((r) => r.id)
      .sort(),
  );
  // Families (`query.*`) are still accepted beside the listed ids.
  assert.ok(rules.additionalProperties?.enum?.includes('off'));
});

test('.chart files wrap long lines by default', () => {
  assert.equal(contributes.configurationDefaults?.['[chart]']?.['editor.wordWrap'], 'on');
});

test('every command the extension runs has a title; internal ones are hidden from the palette', () => {
  const titled = new Map<string, string>(contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
  const hidden = new Set(contributes.menus.commandPalette.filter((m: { when?: string }) => m.when === 'false').map((m: { command: string }) => m.command));
  for (const internal of ['chartcoder.suppress', 'chartcoder.showDrgAnalysis', 'chartcoder.choosePoa']) {
    assert.ok(titled.get(internal), `${internal} has a title (else Keyboard Shortcuts shows the bare id)`);
    assert.ok(hidden.has(internal), `${internal} is not offered in the palette`);
  }
});

test('the DRG analysis has a keybinding in .chart editors', () => {
  const k = contributes.keybindings.find((b: { command: string }) => b.command === 'chartcoder.openDrgAnalysis');
  assert.ok(k && k.key && /editorLangId == chart/.test(k.when), JSON.stringify(k));
});
