// The editor's settings as the server holds them: the `chartcoder` section (from initialize, then
// pulled with workspace/configuration or pushed with didChangeConfiguration), checked, and the
// server-side ones it carries (the typing delay, the trace level).
import type { Settings } from '../service/context';
import { readSettings } from '../service/settings';
import type { LanguageService } from '../service/languageService';
import type { ServerLog } from './log';

export const DEFAULT_DIAGNOSTICS_DELAY_MS = 200;

export class SettingsStore {
  /** Wait after the last change before checking a chart (`chartcoder.diagnostics.delayMs`). */
  diagnosticsDelayMs = DEFAULT_DIAGNOSTICS_DELAY_MS;
  /** `chartcoder.trace.server` is `verbose`: the log may name charts. */
  traceChartText = false;
  /** The client answers workspace/configuration: settings are pulled, not pushed. */
  configurationPull = false;

  constructor(
    private readonly log: ServerLog,
    private readonly service: () => LanguageService,
  ) {}

  /** Applies the `chartcoder` section; a bad value is said to the user by name and skipped. */
  applyEditorSettings(raw: unknown): void {
    const r = (raw ?? {}) as Record<string, unknown>;
    const { settings, problems } = readSettings(raw);
    problems.push(...this.service().updateSettings(settings).slice(0, 5));
    const delay = (r.diagnostics as { delayMs?: unknown } | undefined)?.delayMs;
    this.diagnosticsDelayMs = typeof delay === 'number' && delay >= 0 && delay <= 5000 ? delay : DEFAULT_DIAGNOSTICS_DELAY_MS;
    this.traceChartText = (r.trace as { server?: unknown } | undefined)?.server === 'verbose';
    for (const p of problems) this.log.notifyUser('warning', `ChartCoder settings: ${p}`);
  }

  /** The settings of the chart at `uri` (undefined: the service's, i.e. the editor's). */
  forDocument(_uri: string): Settings | undefined {
    return undefined;
  }
}
