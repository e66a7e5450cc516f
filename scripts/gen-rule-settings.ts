// Writes the `chartcoder.rules` setting's list of rule ids into package.json from the rule
// catalogue (knownRuleIds): each id a property with the levels, its summary and default level as
// the description, so the Settings editor and settings.json completion offer every rule.
// Run after adding or renaming a rule: `npx tsx scripts/gen-rule-settings.ts` (server/test/package/ruleSettings.test.ts checks it is in sync).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleSettingProperties } from '../server/src/service/ruleSettings';

const file = join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
pkg.contributes.configuration.properties['chartcoder.rules'].properties = ruleSettingProperties();
writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
process.stdout.write(
  `chartcoder.rules: ${Object.keys(pkg.contributes.configuration.properties['chartcoder.rules'].properties).length} rule ids written to package.json\n`,
);
