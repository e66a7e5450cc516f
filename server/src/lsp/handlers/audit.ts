// Audit mode: the "Accept auditor's coding" command (the audit code lens runs it; the code action
// carries the same edit). The server writes the edit through workspace/applyEdit, versioned where
// the client supports it, so an edit computed for an older version is refused, not misplaced.
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import type { Session } from '../session';
import { AcceptAuditorCodingCommand } from '../protocol';
import { acceptAuditorEdit } from '../../service/features/audit';

export function registerAuditHandlers(session: Session): void {
  const { connection, documents } = session;
  session.commands.register(
    AcceptAuditorCodingCommand,
    ([uri]) => {
      const doc = documents.get(String(uri));
      if (!doc) return false;
      const edit = acceptAuditorEdit(session.service.chart(session.input(doc)));
      if (!edit) return false;
      const versioned = session.clientCapabilities.workspace?.workspaceEdit?.documentChanges;
      const change: WorkspaceEdit = versioned
        ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [edit] }] }
        : { changes: { [doc.uri]: [edit] } };
      void connection.workspace.applyEdit({ label: "Accept auditor's coding", edit: change });
      return true;
    },
    true,
  );
}
