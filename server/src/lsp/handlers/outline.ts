// The outline (textDocument/documentSymbol) and folding (textDocument/foldingRange).
import type { Session } from '../session';
import { toDocumentSymbol, toFoldingRange } from '../convert';

export function registerOutlineHandlers(session: Session): void {
  const { connection, documents, log } = session;
  connection.onDocumentSymbol(
    log.guarded('documentSymbol', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? session.service.symbols(session.input(doc)).map(toDocumentSymbol) : [];
    }),
  );
  connection.onFoldingRanges(
    log.guarded('foldingRange', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? session.service.folding(session.input(doc)).map(toFoldingRange) : [];
    }),
  );
}
