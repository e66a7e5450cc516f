// Settings changes: workspace/didChangeConfiguration (pushed settings, or a hint to pull them),
// a .chartcoder.json created, changed or deleted (workspace/didChangeWatchedFiles, for the watcher
// the server registers), and the workspace becoming trusted (protocol.ts). Every open chart is
// checked again.
import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import type { Session } from '../session';
import { WorkspaceTrustNotification } from '../protocol';
import { PROJECT_SETTINGS_FILE } from '../../service/projectSettings';

export function registerConfigurationHandlers(session: Session): void {
  session.connection.onDidChangeConfiguration(
    session.log.guarded('didChangeConfiguration', undefined, (change) => {
      if (session.settings.configurationPull) void pullSettings(session);
      else {
        session.settings.applyEditorSettings((change.settings as { chartcoder?: unknown } | undefined)?.chartcoder);
        session.diagnostics.scheduleAll();
        session.worklist.settingsChanged();
      }
    }),
  );
  session.connection.onNotification(
    WorkspaceTrustNotification,
    session.log.guarded('workspaceTrust', undefined, (params) => {
      session.settings.setTrusted(params?.trusted === true);
      // The client withholds workspace-chosen paths until the workspace is trusted: ask again.
      if (session.settings.configurationPull) void pullSettings(session);
      else session.diagnostics.scheduleAll();
    }),
  );
  session.connection.onDidChangeWatchedFiles(
    session.log.guarded('didChangeWatchedFiles', undefined, (params) => {
      // The watchers: .chartcoder.json (below) and *.chart (the worklist's).
      if (params.changes.some((c) => c.uri.endsWith(`/${PROJECT_SETTINGS_FILE}`))) {
        session.settings.reloadProjectFiles();
        session.diagnostics.scheduleAll();
        session.worklist.settingsChanged();
      }
      session.worklist.filesChanged(params.changes);
    }),
  );
}

/**
 * Asks the client to report changes of .chartcoder.json files, when it can register watchers for
 * the server (VS Code, Neovim 0.10+). Without one, the file is read again when a chart is opened.
 */
export function watchProjectSettings(session: Session): void {
  if (!session.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
  session.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${PROJECT_SETTINGS_FILE}` }] }).then(
    () => (session.settings.watchingProjectFiles = true),
    (e: unknown) => session.log.error('could not watch settings files', e),
  );
}

/** Asks the client for the `chartcoder` section (workspace/configuration), then re-checks every chart. */
export async function pullSettings(session: Session): Promise<void> {
  try {
    const raw: unknown = await session.connection.workspace.getConfiguration('chartcoder');
    session.settings.applyEditorSettings(raw);
  } catch (e) {
    session.log.error('could not read settings', e);
  }
  session.diagnostics.scheduleAll();
  session.worklist.settingsChanged();
}
