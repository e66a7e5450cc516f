// The DRG features: the code lens over the abstract, inlay hints after SDX/PROC lines, and the
// DRG analysis (the chartcoder.showDrgAnalysis command, shown by the client's view).
import type { Session } from '../session';
import { AcceptAuditorCodingCommand, OpenDrgAnalysisCommand, ShowDrgAnalysisCommand } from '../protocol';

export function registerDrgHandlers(session: Session): void {
  const { connection, documents, log } = session;
  connection.onCodeLens(
    log.guarded('codeLens', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return session.service.codeLenses(session.input(doc)).map((l) => ({
        range: l.range,
        command:
          'acceptsAuditorCoding' in l && l.acceptsAuditorCoding
            ? { title: l.title, command: AcceptAuditorCodingCommand.id, arguments: [doc.uri] }
            : l.opensDrgAnalysis
              ? { title: l.title, tooltip: l.tooltip, command: OpenDrgAnalysisCommand.id, arguments: [doc.uri] }
              : { title: l.title, command: '' },
      }));
    }),
  );
  connection.languages.inlayHint.on(
    log.guarded('inlayHint', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return session.service
        .inlayHints(session.input(doc))
        .filter((h) => h.position.line >= params.range.start.line && h.position.line <= params.range.end.line)
        .map((h) => ({ position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true }));
    }),
  );
  session.commands.register(
    ShowDrgAnalysisCommand,
    (args) => {
      const uri = String(args[0] ?? '');
      const doc = documents.get(uri);
      return doc ? session.service.drgAnalysis(session.input(doc)) : `No open chart ${uri}.`;
    },
    true,
  );
}
