// The Charts worklist (protocol.ts: WorklistRequest, WorklistChangedNotification, and
// SetChartStatusCommand): the client asks for the charts of its workspace folders and gets
// updates; the server watches *.chart files through the client where it can; "Set status" and
// "Mark coded" write the header through workspace/applyEdit, only when the user runs them.
import { DidChangeWatchedFilesNotification, type WorkspaceEdit } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { Session } from '../session';
import { SetChartStatusCommand, WorklistRequest, type SetChartStatusResult, type WorklistResult } from '../protocol';
import { readChartFile } from '../chartFiles';

export function registerWorklistHandlers(session: Session): void {
  const { connection, documents, log } = session;
  let watching = false;
  connection.onRequest(
    WorklistRequest,
    log.guarded('worklist', { charts: [], scanning: false, uncounted: 0 } as WorklistResult, (params: unknown) => {
      const folders = (params as { folders?: unknown } | null)?.folders;
      const uris = Array.isArray(folders) ? folders.filter((f): f is string => typeof f === 'string') : [];
      if (!watching) {
        watching = true;
        watchCharts(session);
      }
      return session.worklist.subscribe(uris, (params as { rescan?: unknown } | null)?.rescan === true);
    }),
  );

  session.commands.register(
    SetChartStatusCommand,
    async ([uri, status, coded]): Promise<SetChartStatusResult> => {
      if (typeof uri !== 'string' || typeof status !== 'string' || (coded !== undefined && coded !== null && typeof coded !== 'string'))
        return { error: 'Set status takes a chart URI, a status and optionally a date.' };
      const doc = documents.get(uri);
      let text: string;
      if (doc) text = doc.getText();
      else {
        // A worklist chart that is not open: read from disk (the worklist's folders only, a regular file).
        const file = uri.startsWith('file:') ? fileURLToPath(uri) : null;
        if (!file || !session.worklist.lists(file)) return { error: 'Open the chart first: it is not in the worklist.' };
        const read = readChartFile(file);
        if ('problem' in read) return { error: `The chart ${read.problem}.` };
        text = read.text;
      }
      const r = session.service.statusEdits(
        { uri: doc ? uri : `worklist:${uri}`, version: doc?.version ?? 0, text },
        status,
        typeof coded === 'string' ? coded : undefined,
      );
      if ('error' in r) return r;
      if (!r.edits.length) return { applied: true };
      const versioned = session.clientCapabilities.workspace?.workspaceEdit?.documentChanges;
      const edit: WorkspaceEdit = versioned
        ? { documentChanges: [{ textDocument: { uri, version: doc ? doc.version : null }, edits: r.edits }] }
        : { changes: { [uri]: r.edits } };
      const applied = await connection.workspace.applyEdit({ label: coded ? 'Mark coded' : `Set status ${status}`, edit });
      return applied.applied ? { applied: true } : { error: `The edit was not applied${applied.failureReason ? `: ${applied.failureReason}` : ''}.` };
    },
    false,
  );
}

/** Asks the client to report *.chart files created, changed and deleted (when it can register watchers for the server). */
function watchCharts(session: Session): void {
  if (!session.clientCapabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
  session.connection.client
    .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.chart' }] })
    .catch((e: unknown) => session.log.error('could not watch chart files', e));
}
