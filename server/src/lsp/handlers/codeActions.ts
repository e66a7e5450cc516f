// Quick fixes: edits the user invokes (nothing edits a chart silently), and "suppress with a
// reason", which runs SuppressCommand (protocol.ts): VS Code's client asks for the reason and sends
// the command on; other clients send it here directly.
import { CodeActionKind, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Session } from '../session';
import { ChoosePoaCommand, SuppressCommand } from '../protocol';
import { suppressionEdit, suppressionRefusal } from '../../service/edits';
import { knownRuleIds } from '../../service/features/diagnostics';

export function registerCodeActionHandlers(session: Session): void {
  const { connection, documents, log } = session;
  connection.onCodeAction(
    log.guarded('codeAction', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      return session.service.codeActions(session.input(doc), params.range).map((a): CodeAction => {
        const diagnostics = params.context.diagnostics.filter((d) => a.diagnosticRules.includes(String(d.code)));
        if (a.command) {
          const [line, ruleId] = a.command.args;
          return {
            title: a.title,
            kind: CodeActionKind.QuickFix,
            diagnostics,
            command: { title: a.title, command: SuppressCommand.id, arguments: [doc.uri, line, ruleId] },
          };
        }
        // The POA asked once the line is in: the client runs the command after applying the edit.
        const poa = a.poaChoice
          ? {
              title: 'Choose the POA',
              command: ChoosePoaCommand.id,
              arguments: [doc.uri, a.poaChoice.position.line, a.poaChoice.position.character, a.poaChoice.padding, a.poaChoice.choices],
            }
          : undefined;
        return {
          title: a.title,
          kind: a.kind === 'source' ? CodeActionKind.Source : CodeActionKind.QuickFix,
          diagnostics,
          isPreferred: a.isPreferred,
          edit: { changes: { [doc.uri]: a.edits } },
          command: poa,
        };
      });
    }),
  );
  session.commands.register(
    SuppressCommand,
    ([uri, line, ruleId, reason]) => {
      const doc = documents.get(String(uri));
      if (!doc) return null;
      const refusal = suppressionRefusal(
        doc.getText(),
        line,
        ruleId,
        knownRuleIds().map((r) => r.id),
      );
      if (refusal !== null) {
        log.info(`suppress refused: ${refusal}`);
        return null;
      }
      const edit = suppressionEdit(doc.getText(), line as number, ruleId as string, typeof reason === 'string' ? reason : null);
      // Versioned where the client supports it: an edit made for an older version is refused, not misplaced.
      const versioned = session.clientCapabilities.workspace?.workspaceEdit?.documentChanges;
      const change: WorkspaceEdit = versioned
        ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: [edit] }] }
        : { changes: { [doc.uri]: [edit] } };
      void connection.workspace.applyEdit({ label: `Suppress ${ruleId}`, edit: change });
      return null;
    },
    false,
  );
  // A client without the snippet prompt: the line stays without a POA, and poa.missing offers the values.
  session.commands.register(ChoosePoaCommand, () => null, false);
}
