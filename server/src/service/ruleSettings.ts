// The `chartcoder.rules` setting's schema properties: one per rule id of the catalogue, with the
// levels a user may set and the rule's summary and default level. scripts/gen-rule-settings.ts
// writes them into package.json; a test checks package.json is in sync.
import { knownRuleIds } from './features/diagnostics';

const LEVELS = ['error', 'warning', 'info', 'hint', 'off'];

export function ruleSettingProperties(): Record<string, { type: 'string'; enum: string[]; markdownDescription: string }> {
  const out: Record<string, { type: 'string'; enum: string[]; markdownDescription: string }> = {};
  for (const r of [...knownRuleIds()].sort((a, b) => a.id.localeCompare(b.id))) {
    out[r.id] = { type: 'string', enum: LEVELS, markdownDescription: `${r.summary} (default: ${r.defaultSeverity}; page: \`docs/rules/${r.id}.md\`)` };
  }
  return out;
}
