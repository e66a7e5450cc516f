// Settings from the editor (`chartcoder.*`) or from `.chartcoder.json` beside the charts, checked:
// a bad value is reported by name and skipped, the rest still applies.
import { DEFAULT_SETTINGS, type RuleLevel, type Settings } from './context';
import { knownRuleIds } from './features/diagnostics';

const LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface SettingsResult {
  settings: Settings;
  /** One message per problem, naming the setting (e.g. `chartcoder.rules.icd.excludes9`). */
  problems: string[];
}

/** `raw` is the `chartcoder` section: `{ rules: {...}, payment: { baseRate }, cptTable }`. */
export function readSettings(raw: unknown, origin = 'chartcoder'): SettingsResult {
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: [`${origin} must be an object.`] };
  const r = raw as Record<string, unknown>;
  if (r.rules !== undefined) {
    if (typeof r.rules !== 'object' || r.rules === null || Array.isArray(r.rules)) problems.push(`${origin}.rules must be an object of rule id → level.`);
    else {
      const ids = knownRuleIds().map((k) => k.id);
      for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
        const known = ids.includes(id) || (id.endsWith('.*') && ids.some((k) => k.startsWith(id.slice(0, -1))));
        if (!known) problems.push(`${origin}.rules.${id}: unknown rule id (ignored).`);
        else if (!LEVELS.includes(level as RuleLevel)) problems.push(`${origin}.rules.${id}: level must be one of ${LEVELS.join(', ')}; got ${JSON.stringify(level)} (ignored).`);
        else settings.rules[id] = level as RuleLevel;
      }
    }
  }
  const payment = r.payment as Record<string, unknown> | undefined;
  const baseRate = payment?.baseRate ?? r['payment.baseRate'];
  if (baseRate !== undefined && baseRate !== null) {
    if (typeof baseRate === 'number' && baseRate > 0 && Number.isFinite(baseRate)) settings.baseRate = baseRate;
    else problems.push(`${origin}.payment.baseRate must be a positive number of dollars; got ${JSON.stringify(baseRate)} (ignored).`);
  }
  if (r.cptTable !== undefined && r.cptTable !== null && r.cptTable !== '') {
    if (typeof r.cptTable === 'string') settings.cptTable = r.cptTable;
    else problems.push(`${origin}.cptTable must be a file path; got ${JSON.stringify(r.cptTable)} (ignored).`);
  }
  const cdi = r.cdi as Record<string, unknown> | undefined;
  const sepsis = cdi?.sepsisCriteria ?? r['cdi.sepsisCriteria'];
  if (sepsis !== undefined && sepsis !== null && sepsis !== '') {
    if (sepsis === 'sepsis-3' || sepsis === 'sepsis-2') settings.sepsisCriteria = sepsis;
    else problems.push(`${origin}.cdi.sepsisCriteria must be "sepsis-3" or "sepsis-2"; got ${JSON.stringify(sepsis)} (ignored).`);
  }
  return { settings, problems };
}

/** `--rule id=level` arguments of the CLI, merged over `base`. */
export function applyRuleArgs(base: Settings, args: string[]): SettingsResult {
  const rules: Record<string, unknown> = { ...base.rules };
  for (const arg of args) {
    const m = /^([^=]+)=(.*)$/.exec(arg);
    if (!m) return { settings: base, problems: [`--rule ${arg}: write --rule <rule-id>=<error|warning|info|hint|off>.`] };
    rules[m[1]] = m[2];
  }
  const { settings, problems } = readSettings({ rules }, '--rule');
  return { settings: { ...base, rules: settings.rules }, problems };
}
