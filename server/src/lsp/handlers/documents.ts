// Open, change, close: the documents the client has open drive the diagnostics scheduler.
import type { Session } from '../session';

export function registerDocumentHandlers(session: Session): void {
  const { documents, diagnostics } = session;
  // TextDocuments reports an open as a content change too: that second event must not replace the
  // immediate check of a chart just opened with the typing delay.
  const justOpened = new Map<string, number>();
  documents.onDidOpen((e) => {
    justOpened.set(e.document.uri, e.document.version);
    // Without a file watcher, opening a chart is when its .chartcoder.json is read again.
    if (session.log.guarded('settings', false, () => session.settings.refresh(e.document.uri))()) diagnostics.scheduleAll();
    diagnostics.schedule(e.document, 0);
  });
  documents.onDidChangeContent((e) => {
    const opened = justOpened.get(e.document.uri);
    justOpened.delete(e.document.uri);
    if (opened === e.document.version) return;
    diagnostics.schedule(e.document);
  });
  documents.onDidClose((e) => {
    const { uri } = e.document;
    diagnostics.forget(uri);
    justOpened.delete(uri);
    session.log.guarded('didClose', undefined, () => session.service.forget(uri))();
    void session.connection.sendDiagnostics({ uri, diagnostics: [] });
  });
}
