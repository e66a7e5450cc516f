// ChartCoder: Add to Abstract, for a keybinding: runs the server's code action at the cursor.
// It matches the action by its command id (or title), so it does not depend on the action kind.
import * as vscode from 'vscode';

/** Applies the server's "Add to abstract" code action at the cursor, whatever kind it is filed under. */
export async function addToAbstractAtCursor(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'chart') return;
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', editor.document.uri, editor.selection)) ??
    [];
  const isAdd = (a: vscode.CodeAction | vscode.Command): boolean => {
    const cmd = 'command' in a && typeof a.command === 'string' ? a.command : (a as vscode.CodeAction).command?.command;
    return cmd === 'chartcoder.addToAbstract' || /add .*to (the )?abstract/i.test(a.title);
  };
  const candidates = actions.filter(isAdd);
  const chosen =
    candidates.length <= 1
      ? candidates[0]
      : (
          await vscode.window.showQuickPick(
            candidates.map((a) => ({ label: a.title, a })),
            { placeHolder: 'Add which code to the abstract?' },
          )
        )?.a;
  if (!chosen)
    return void (
      candidates.length === 0 && vscode.window.showInformationMessage('ChartCoder: no code to add to the abstract here — put the cursor on an annotation.')
    );
  if ('edit' in chosen && chosen.edit) await vscode.workspace.applyEdit(chosen.edit);
  const command = typeof chosen.command === 'string' ? (chosen as vscode.Command) : (chosen as vscode.CodeAction).command;
  if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}
