// Settings changes: workspace/didChangeConfiguration (pushed settings, or a hint to pull them),
// and the workspace becoming trusted (protocol.ts). Every open chart is checked again.
import type { Session } from '../session';
import { WorkspaceTrustNotification } from '../protocol';

export function registerConfigurationHandlers(session: Session): void {
  session.connection.onDidChangeConfiguration(
    session.log.guarded('didChangeConfiguration', undefined, (change) => {
      if (session.settings.configurationPull) void pullSettings(session);
      else {
        session.settings.applyEditorSettings((change.settings as { chartcoder?: unknown } | undefined)?.chartcoder);
        session.diagnostics.scheduleAll();
      }
    }),
  );
  // The client withholds workspace-chosen paths until the workspace is trusted: ask again.
  session.connection.onNotification(
    WorkspaceTrustNotification,
    session.log.guarded('workspaceTrust', undefined, () => {
      if (session.settings.configurationPull) void pullSettings(session);
    }),
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
}
