// Completion of codes inside annotations and on abstract lines.
import type { Session } from '../session';
import { toCompletionList } from '../convert';

export function registerCompletionHandler(session: Session): void {
  const { connection, documents, log } = session;
  connection.onCompletion(
    log.guarded('completion', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      const snippets = !!session.clientCapabilities.textDocument?.completion?.completionItem?.snippetSupport;
      return doc ? toCompletionList(session.service.completion(session.input(doc), params.position), snippets) : null;
    }),
  );
}
