// ChartCoder: Import FHIR Encounter… — pick FHIR files, the encounters and a folder; the server
// reads the files and writes the charts (chartcoder/fhirEncounters, chartcoder/importFhir).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FhirEncountersRequest, ImportFhirRequest, type ImportFhirParams } from '../../server/src/lsp/protocol';

export async function importFhirEncounter(client: LanguageClient): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import FHIR Encounter: choose FHIR R4 files (Bundle, resource or bulk NDJSON)',
    canSelectMany: true,
    filters: { 'FHIR R4 (JSON, NDJSON)': ['json', 'ndjson', 'jsonl'], 'All files': ['*'] },
    openLabel: 'Read',
  });
  if (!picked?.length) return;
  const files = picked.map((u) => u.fsPath);
  const listed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'ChartCoder: reading FHIR encounters…' }, () =>
    client.sendRequest(FhirEncountersRequest, { files }),
  );
  if ('error' in listed) return void vscode.window.showErrorMessage(`ChartCoder: ${listed.error}`);
  if (listed.encounters.length === 0) return void vscode.window.showWarningMessage('ChartCoder: the FHIR input has no Encounter.');
  const items = listed.encounters.map((e) => ({
    label: `${e.start ?? 'undated'}${e.end && e.end !== e.start ? ` → ${e.end}` : ''}  ${e.type ?? 'Encounter'}`,
    description: `${e.classCode ?? '?'}${e.inpatient ? ' · inpatient' : ''}`,
    detail: [e.reason, `Encounter/${e.id}`].filter(Boolean).join(' · '),
    picked: e.inpatient,
    id: e.id,
  }));
  const chosen = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: 'Encounters to import (inpatient stays are selected)',
    matchOnDetail: true,
  });
  if (!chosen?.length) return;
  const folder = await vscode.window.showOpenDialog({
    title: 'Folder for the imported charts (existing files are never replaced)',
    canSelectFiles: false,
    canSelectFolders: true,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Import here',
  });
  if (!folder?.[0]) return;
  const params: ImportFhirParams = { files, outDir: folder[0].fsPath, encounters: chosen.map((c) => c.id) };
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'ChartCoder: importing…' }, () =>
    client.sendRequest(ImportFhirRequest, params),
  );
  if ('error' in r) return void vscode.window.showErrorMessage(`ChartCoder: import failed — ${r.error}`);
  if (r.kept.length)
    void vscode.window.showWarningMessage(
      `ChartCoder: ${r.kept.length} chart(s) already exist and were kept: ${r.kept.map((f) => f.split(/[\\/]/).pop()).join(', ')}`,
    );
  void vscode.window.showInformationMessage(
    `ChartCoder: ${r.summary}${r.unresolved.length ? ` · ${r.unresolved.length} reference(s) not found in the input` : ''}`,
  );
  if (r.written[0]) await vscode.window.showTextDocument(vscode.Uri.file(r.written[0]));
}
