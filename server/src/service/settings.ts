// Settings: where they come from and in which order they apply, for both faces. A chart's
// settings are built from layers, each later one overriding the earlier for the keys it sets:
//
//   1. built-in defaults                                   editor  CLI
//   2. the editor's `chartcoder.*` settings                  ✓
//   3. the nearest `.chartcoder.json` at or above the chart  ✓       ✓
//   4. `--rule id=level` on the command line                         ✓
//
// `rules` merge id by id (a later layer sets or replaces single ids; when a chart is checked, an
// exact id wins over a family pattern such as `mce.*`, whichever layer each comes from);
// `payment.baseRate`, `cptTable` and `cdi.sepsisCriteria` come from the last layer that sets them. So the same chart
// gets the same findings in the editor and in `chartcoder check`, whatever the editor settings
// say about what the folder's `.chartcoder.json` sets. docs/editor.md explains it to users.
//
// Each layer is checked: a bad value is reported by name and skipped, the rest still applies.
import * as path from 'node:path';
import { DEFAULT_SETTINGS, type RuleLevel, type Settings } from './context';
import { knownRuleIds } from './features/diagnostics';

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

/** One source's settings: only the keys it sets. */
export interface SettingsLayer {
  rules?: Record<string, RuleLevel>;
  baseRate?: number;
  /** An absolute path, or one relative to the layer's folder (`baseDir`). */
  cptTable?: string;
  sepsisCriteria?: 'sepsis-3' | 'sepsis-2';
}

export interface SettingsLayerResult {
  layer: SettingsLayer;
  /** One message per problem, naming the setting (e.g. `chartcoder.rules.icd.excludes9`). */
  problems: string[];
}

export interface SettingsResult {
  settings: Settings;
  problems: string[];
}

/**
 * `raw` is a `chartcoder` section or a `.chartcoder.json`: `{ rules: {...}, payment: { baseRate }, cptTable }`.
 * `origin` names it in problems; a relative `cptTable` is resolved against `baseDir` when given.
 */
export function readSettingsLayer(raw: unknown, origin = 'chartcoder', baseDir?: string): SettingsLayerResult {
  const layer: SettingsLayer = {};
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { layer, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { layer, problems: [`${origin} must be an object.`] };
  const r = raw as Record<string, unknown>;
  if (r.rules !== undefined) {
    if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) problems.push(`${origin}.rules must be an object of rule id → level.`);
    else {
      const ids = knownRuleIds().map((k) => k.id);
      const rules: Record<string, RuleLevel> = {};
      for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
        const known = ids.includes(id) || (id.endsWith('.*') && ids.some((k) => k.startsWith(id.slice(0, -1))));
        if (!known) problems.push(`${origin}.rules.${id}: unknown rule id (ignored).`);
        else if (!LEVELS.includes(level as RuleLevel))
          problems.push(`${origin}.rules.${id}: level must be one of ${LEVELS.join(', ')}; got ${JSON.stringify(level)} (ignored).`);
        else rules[id] = level as RuleLevel;
      }
      if (Object.keys(rules).length) layer.rules = rules;
    }
  }
  const payment = r.payment as Record<string, unknown> | undefined;
  const baseRate = payment?.baseRate ?? r['payment.baseRate'];
  if (baseRate !== undefined && baseRate !== null) {
    if (typeof baseRate === 'number' && baseRate > 0 && Number.isFinite(baseRate)) layer.baseRate = baseRate;
    else problems.push(`${origin}.payment.baseRate must be a positive number of dollars; got ${JSON.stringify(baseRate)} (ignored).`);
  }
  if (r.cptTable !== undefined && r.cptTable !== null && r.cptTable !== '') {
    if (typeof r.cptTable === 'string') layer.cptTable = baseDir ? path.resolve(baseDir, r.cptTable) : r.cptTable;
    else problems.push(`${origin}.cptTable must be a file path; got ${JSON.stringify(r.cptTable)} (ignored).`);
  }
  const cdi = r.cdi as Record<string, unknown> | undefined;
  const sepsis = cdi?.sepsisCriteria ?? r['cdi.sepsisCriteria'];
  if (sepsis !== undefined && sepsis !== null && sepsis !== '') {
    if (sepsis === 'sepsis-3' || sepsis === 'sepsis-2') layer.sepsisCriteria = sepsis;
    else problems.push(`${origin}.cdi.sepsisCriteria must be "sepsis-3" or "sepsis-2"; got ${JSON.stringify(sepsis)} (ignored).`);
  }
  return { layer, problems };
}

/** The settings of the layers in the order above (earliest first; missing layers skipped). */
export function resolveSettings(layers: readonly (SettingsLayer | null | undefined)[]): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.rules) Object.assign(settings.rules, layer.rules);
    if (layer.baseRate !== undefined) settings.baseRate = layer.baseRate;
    if (layer.cptTable !== undefined) settings.cptTable = layer.cptTable;
    if (layer.sepsisCriteria !== undefined) settings.sepsisCriteria = layer.sepsisCriteria;
  }
  return settings;
}

/** One source read on its own (defaults under it). */
export function readSettings(raw: unknown, origin = 'chartcoder', baseDir?: string): SettingsResult {
  const { layer, problems } = readSettingsLayer(raw, origin, baseDir);
  return { settings: resolveSettings([layer]), problems };
}

/** The `--rule id=level` arguments of the CLI as a layer; a malformed argument is `usage`. */
export function ruleArgsLayer(args: readonly string[]): SettingsLayerResult & { usage?: string } {
  const rules: Record<string, string> = {};
  for (const arg of args) {
    const m = /^([^=]+)=(.*)$/.exec(arg);
    if (!m) return { layer: {}, problems: [], usage: `--rule ${arg}: write --rule <rule-id>=<error|warning|info|hint|off>.` };
    rules[m[1]] = m[2];
  }
  return readSettingsLayer({ rules }, '--rule');
}

/** `--rule id=level` arguments of the CLI, merged over `base`. */
export function applyRuleArgs(base: Settings, args: string[]): SettingsResult {
  const r = ruleArgsLayer(args);
  if (r.usage) return { settings: base, problems: [r.usage] };
  return { settings: { ...base, rules: { ...base.rules, ...r.layer.rules } }, problems: r.problems };
}
