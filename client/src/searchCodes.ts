// ChartCoder: Search Codes. The server does the searching (same index as completion and the CLI);
// this is only the quick pick, debounced, with stale answers dropped. A PCS code prefix (02R)
// lists the next character's values: Enter on one continues building, on a whole code inserts it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SearchCodesRequest, type CodeHit } from '../../server/src/lsp/protocol';
import { seedQuery } from './seedQuery';

/** The discharge date in the chart header picks the table release the search uses. */
function dischargeDate(doc: vscode.TextDocument | undefined): string | undefined {
  const head = doc?.getText(new vscode.Range(0, 0, 40, 0)) ?? '';
  return /^discharged:\s*(\d{4}-\d{2}-\d{2})\s*$/m.exec(head)?.[1];
}

/** Quick pick over SearchCodesRequest, queried as the user types; Enter inserts the code. */
export async function searchCodes(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const date = dischargeDate(editor?.document);
  const uri = editor?.document.languageId === 'chart' ? editor.document.uri.toString() : undefined;
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { hit: CodeHit }>();
  pick.title = `ChartCoder: Search Codes${date ? ` (release for discharge ${date})` : ''}`;
  pick.placeholder = 'Type words or a code, e.g. "diastolic heart failure" or I50.3';
  // The server ranks the hits (patient fit included): the quick pick must not filter them away or re-sort them.
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let timer: NodeJS.Timeout | undefined;
  let generation = 0;
  pick.onDidChangeValue((query) => {
    if (timer) clearTimeout(timer);
    if (query.trim().length < 2) return void (pick.items = []);
    timer = setTimeout(async () => {
      const mine = ++generation;
      pick.busy = true;
      try {
        const hits = await client.sendRequest(SearchCodesRequest, { query, date, uri, limit: 200 });
        if (mine !== generation) return; // a newer query is on its way
        pick.items = hits.map((hit) =>
          hit.system === 'notice'
            ? { label: `$(info) ${hit.title}`, alwaysShow: true, hit }
            : {
                label: hit.badge ? `${hit.display}  ${hit.badge}` : hit.display,
                description:
                  hit.builder && !hit.billable
                    ? `${hit.builder.axis}: ${hit.builder.meaning ?? '(not named in the titles)'} · ${hit.builder.codes} codes — Enter picks it, then the next character`
                    : `${hit.concern ? `$(warning) ${hit.concern} · ` : ''}${hit.system}${hit.billable ? '' : ' · not billable (needs more characters)'}`,
                detail: hit.builder && !hit.billable ? undefined : hit.title,
                alwaysShow: true,
                hit,
              },
        );
      } catch (e) {
        pick.items = [];
        void vscode.window.showErrorMessage(`ChartCoder: code search failed — ${(e as Error).message}`);
      } finally {
        if (mine === generation) pick.busy = false;
      }
    }, 150);
  });
  pick.onDidAccept(async () => {
    const chosen = pick.selectedItems[0]?.hit;
    if (chosen?.system === 'notice') return; // a notice is not a code: nothing to insert
    // The PCS code builder: a partial code becomes the query, and the next character is offered.
    if (chosen?.builder && !chosen.billable) {
      pick.value = chosen.code;
      return;
    }
    pick.hide();
    const target = vscode.window.activeTextEditor ?? editor;
    // A selected code is replaced; selected words (the seed of the search) are kept, the code goes after them.
    if (chosen && target)
      await target.edit((b) =>
        target.selections.forEach((s) =>
          s.isEmpty || /^[A-Za-z0-9.]+$/.test(target.document.getText(s).trim()) ? b.replace(s, chosen.display) : b.insert(s.end, chosen.display),
        ),
      );
  });
  pick.onDidHide(() => {
    if (timer) clearTimeout(timer);
    generation++;
    pick.dispose();
  });
  pick.show();
  // Seeded from the selection or the span at the cursor: the search runs as the list opens.
  if (editor) {
    const at = editor.selection.active;
    const seed = seedQuery(editor.document.lineAt(at.line).text, at.character, editor.document.getText(editor.selection));
    if (seed) pick.value = seed;
  }
}
