// The settings as the server holds them. A chart's settings are the editor's `chartcoder` section
// (from initialize, then pulled with workspace/configuration or pushed with didChangeConfiguration)
// under the nearest `.chartcoder.json` at or above the chart's folder — the order of
// service/settings.ts, the same files as `chartcoder check` — built once per folder and kept until
// something they depend on changes. Also the server-side settings (typing delay, trace level) and
// workspace trust: in a workspace the user has not trusted no file path from the workspace is read
// (the CPT table named in settings or in a .chartcoder.json).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../service/context';
import { readSettingsLayer, resolveSettings, type SettingsLayer } from '../service/settings';
import { findProjectSettings, type ProjectFileSystem, type ProjectSettings } from '../service/projectSettings';
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
  /** The client watches .chartcoder.json files for the server (didChangeWatchedFiles). */
  watchingProjectFiles = false;

  private editor: SettingsLayer = {};
  private trusted = true;
  /** The nearest .chartcoder.json of each folder asked about (null: none), as last read. */
  private readonly projects = new Map<string, ProjectSettings | null>();
  /** The settings of each folder's charts; the same object while nothing changes (the service keys its per-version cache on it). */
  private readonly byFolder = new Map<string, Settings>();
  /** The editor's settings alone, for charts without a folder (untitled). */
  private editorOnly: Settings | null = null;
  /** Problems already said, so each is said once per content of its file. */
  private readonly said = new Set<string>();

  constructor(
    private readonly log: ServerLog,
    private readonly service: () => LanguageService,
    private readonly files: ProjectFileSystem,
  ) {}

  /** Applies the `chartcoder` section; a bad value is said to the user by name and skipped. */
  applyEditorSettings(raw: unknown): void {
    const r = (raw ?? {}) as Record<string, unknown>;
    const { layer, problems } = readSettingsLayer(raw);
    this.editor = layer;
    const delay = (r.diagnostics as { delayMs?: unknown } | undefined)?.delayMs;
    this.diagnosticsDelayMs = typeof delay === 'number' && delay >= 0 && delay <= 5000 ? delay : DEFAULT_DIAGNOSTICS_DELAY_MS;
    this.traceChartText = (r.trace as { server?: unknown } | undefined)?.server === 'verbose';
    this.changed();
    this.tell(problems, `editor\n${JSON.stringify(raw)}`);
    this.tell(this.service().updateSettings(this.editorSettings()).slice(0, 5), '');
  }

  /** Whether the workspace is trusted (initializationOptions, then the trust notification). */
  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    this.changed();
    this.tell(this.service().updateSettings(this.editorSettings()), '');
  }

  /** A .chartcoder.json may have changed (the client's file watcher, or a chart opened in an editor without one): read them again. */
  reloadProjectFiles(): void {
    this.projects.clear();
    this.changed();
  }

  /**
   * Reads again the .chartcoder.json that governs `uri` (a chart being opened); true when it
   * changed, so the charts it governs are checked again.
   */
  refresh(uri: string): boolean {
    const dir = folderOf(uri);
    if (this.watchingProjectFiles || !dir || !this.projects.has(dir)) return false;
    const before = this.projects.get(dir) ?? null;
    const now = this.readProject(dir, false);
    if ((before?.file ?? null) === (now?.file ?? null) && (before?.text ?? null) === (now?.text ?? null)) return false;
    this.reloadProjectFiles();
    return true;
  }

  /** The settings of the chart at `uri`. */
  forDocument(uri: string): Settings {
    const dir = folderOf(uri);
    if (!dir) return this.editorSettings();
    let settings = this.byFolder.get(dir);
    if (!settings) {
      const project = this.projects.has(dir) ? this.projects.get(dir)! : this.readProject(dir, true);
      // Without a usable file, the editor's own settings object: the one the service holds as its default.
      settings = project && project.error === undefined ? this.withoutUntrustedPaths(resolveSettings([this.editor, project.layer])) : this.editorSettings();
      this.byFolder.set(dir, settings);
      // One CPT table at a time: the one the chart's settings name (as `chartcoder check` does).
      this.tell(this.service().useCptTable(settings.cptTable), settings.cptTable ?? '');
    }
    return settings;
  }

  /** The editor's settings alone (one object until they change). */
  private editorSettings(): Settings {
    return (this.editorOnly ??= this.withoutUntrustedPaths(resolveSettings([this.editor])));
  }

  private withoutUntrustedPaths(settings: Settings): Settings {
    return this.trusted || settings.cptTable === null ? settings : { ...settings, cptTable: null };
  }

  /** Every derived setting is rebuilt on next use; the service sees new objects and recomputes. */
  private changed(): void {
    this.byFolder.clear();
    this.editorOnly = null;
  }

  /** The nearest .chartcoder.json of `dir`, read now (its problems said once per content). */
  private readProject(dir: string, remember: boolean): ProjectSettings | null {
    let project: ProjectSettings | null;
    try {
      project = findProjectSettings(dir, this.files);
    } catch (e) {
      project = null;
      this.log.error('settings files not read', e);
    }
    if (remember) this.projects.set(dir, project);
    if (project) this.tell(project.error !== undefined ? [`${project.error} (ignored)`] : project.problems, `${project.file}\n${project.text}`);
    return project;
  }

  private tell(problems: readonly string[], key: string): void {
    for (const p of problems) {
      const id = `${key}\n${p}`;
      if (this.said.has(id)) continue;
      this.said.add(id);
      this.log.notifyUser('warning', `ChartCoder settings: ${p}`);
    }
  }
}

/** The folder of a `file:` chart; null for other schemes (untitled charts have no folder). */
function folderOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return null;
  }
}
