// The @vscode/test-electron suite (npm run test:vscode): runs inside the VS Code extension host with
// ChartCoder loaded in development mode. The scenarios of the code-server UI test (e2e/code-server-ui.js:
// diagnostics with rule ids, outline, hover with CC/MCC and the DRG with and without the code, completion,
// the MS-DRG code lens, the DRG analysis view) plus the Neovim test's quick fix, through the VS Code API,
// with the same samples and expected DRGs. Plain CommonJS + node:assert: no mocha, no compile step.
// Every feature has landed, so every scenario is required (no "not landed yet" skips any more).
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const samples = process.env.CHARTCODER_SAMPLES;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function open(rel) {
  const doc = await vscode.workspace.openTextDocument(path.join(samples, rel));
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor };
}

async function diagnosticsOf(uri, timeoutMs = 20000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'chartcoder');
    if (d.length) return d;
    await sleep(100);
  }
  return [];
}

function positionOf(doc, needle, offset = 0) {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" in ${doc.fileName}`);
  return doc.positionAt(at + offset);
}

const hoverText = (hovers) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

const scenarios = {
  async 'diagnostics carry rule ids'() {
    const { doc } = await open('errors/syntax-errors.chart');
    const diags = await diagnosticsOf(doc.uri);
    assert.ok(diags.length >= 5, `diagnostics: ${diags.length}`);
    for (const d of diags) assert.match(String(typeof d.code === 'object' ? d.code.value : d.code), /^[a-z]+(\.[a-z0-9-]+)+$/);
    assert.ok(diags.some((d) => (d.code?.value ?? d.code) === 'chart.header' && d.range.start.line === positionOf(doc, 'sex: X').line));
  },
  async 'outline lists sections, abstract and query'() {
    const { doc } = await open('sepsis-aki.chart');
    await diagnosticsOf(doc.uri);
    const symbols = await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    const names = [];
    const walk = (s) => s.forEach((x) => (names.push(x.name), walk(x.children ?? [])));
    walk(symbols ?? []);
    for (const n of ['History of Present Illness', 'Assessment']) assert.ok(names.includes(n), `${n} in ${names}`);
    for (const p of ['Encounter 2026-003118', 'Abstract', 'PDX A41.51'])
      assert.ok(
        names.some((n) => n.startsWith(p)),
        `${p} in ${names}`,
      );
    assert.ok(
      names.some((n) => n.includes('Q1')),
      `query in ${names}`,
    );
  },
  async 'hover on an abstract SDX shows CC/MCC'() {
    const { doc } = await open('sepsis-aki.chart');
    const md = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'SDX  N17.9', 6)));
    assert.match(md, /N17\.9/);
    assert.match(md, /\bCC\b/);
  },
  async 'hover on an abstract SDX shows the DRG with and without it'() {
    // hf-ckd: I50.33 is the only MCC; CMS's grouper gives DRG 291 with it and 292 without it
    const { doc } = await open('hf-ckd.chart');
    const md = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'SDX  I50.33', 6)));
    assert.match(md, /I50\.33/);
    assert.match(md, /\bMCC\b/);
    assert.match(md, /With it:[^\n]*\b291\b/);
    assert.match(md, /Without it:[^\n]*\b292\b/);
  },
  async 'completion inside {dx= puts the span code first'() {
    const { doc, editor } = await open('sepsis-aki.chart');
    const line = positionOf(doc, 'brought in by').line;
    const typed = 'Also [acute kidney injury]{dx=';
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), typed + '} '));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, typed.length));
    await vscode.commands.executeCommand('undo');
    const items = (list?.items ?? []).filter((i) => !i.label?.toString().match(/^\W*$/));
    assert.ok(items.length, 'no completion items');
    const first = items.slice().sort((a, b) => (a.sortText ?? a.label.toString()).localeCompare(b.sortText ?? b.label.toString()))[0];
    assert.match(typeof first.label === 'string' ? first.label : first.label.label, /N17\.9/);
  },
  async 'code lens shows the DRG line'() {
    const { doc } = await open('sepsis-aki.chart');
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
    // sepsis-aki groups to 872 (CMS grouper)
    assert.ok(
      lenses.some((l) => /MS-DRG 872\b/.test(l.command?.title ?? '')),
      lenses.map((l) => l.command?.title).join(' | ') || 'no code lens',
    );
  },
  async 'the DRG analysis view opens with the analysis'() {
    await open('sepsis-aki.chart');
    await vscode.commands.executeCommand('chartcoder.openDrgAnalysis');
    // the view is a markdown preview (a webview) of a chartcoder-drg: document: read that document,
    // and check the preview's tab is there
    let view;
    for (const until = Date.now() + 20000; !view && Date.now() < until; await sleep(100)) {
      view = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'chartcoder-drg');
    }
    assert.ok(view, 'no chartcoder-drg document after the command');
    const text = view.getText();
    assert.match(text, /^# DRG analysis/);
    assert.match(text, /MS-DRG 872\b/);
    assert.match(text, /remove SDX [A-Z]\d/);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    assert.ok(
      tabs.some((l) => /DRG analysis/.test(l)),
      `no DRG analysis tab among ${tabs.join(' | ')}`,
    );
  },
  async 'a quick fix changes the text'() {
    const { doc } = await open('errors/sepsis-wrong-sequence.chart');
    await diagnosticsOf(doc.uri);
    const at = positionOf(doc, 'PDX  R65.20');
    const actions =
      (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at), vscode.CodeActionKind.QuickFix.value)) ?? [];
    assert.ok(actions.length, 'no quick fix on the PDX line');
    const before = doc.getText();
    const a = actions[0];
    if (a.edit) await vscode.workspace.applyEdit(a.edit);
    if (a.command) await vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
    assert.notEqual(doc.getText(), before, `"${a.title}" changed the text`);
  },
};

exports.run = async function run() {
  const failures = [];
  for (const [name, fn] of Object.entries(scenarios)) {
    try {
      const r = await fn();
      console.log(typeof r === 'string' ? `- ${name}: ${r}` : `✔ ${name}`);
    } catch (e) {
      failures.push(name);
      console.log(`✖ ${name}: ${e.message}`);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  if (failures.length) throw new Error(`${failures.length} scenario(s) failed: ${failures.join(', ')}`);
};
