// The @vscode/test-electron suite (npm run test:vscode): runs inside the VS Code extension host with
// ChartCoder loaded in development mode. Same scenarios as server/test/e2e/nvim.test.ts and the
// code-server UI test, through the VS Code API. Plain CommonJS + node:assert: no mocha, no compile step.
// Scenarios whose feature has not landed (the server does not answer) are reported as skipped, not passed.
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
    assert.ok(names.some((n) => n.includes('Q1')), `query in ${names}`);
  },
  async 'hover on an abstract SDX shows CC/MCC'() {
    const { doc } = await open('sepsis-aki.chart');
    const md = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'SDX  N17.9', 6)));
    assert.match(md, /N17\.9/);
    assert.match(md, /\bCC\b/);
    if (!/DRG\s*\d{3}/.test(md)) return 'skip: no DRG impact in the hover yet';
    assert.match(md, /without/i);
  },
  async 'completion inside {dx= puts the span code first'() {
    const { doc, editor } = await open('sepsis-aki.chart');
    const line = positionOf(doc, 'brought in by').line;
    const typed = 'Also [acute kidney injury]{dx=';
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), typed + '} '));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, typed.length));
    await vscode.commands.executeCommand('undo');
    const items = (list?.items ?? []).filter((i) => !i.label?.toString().match(/^\W*$/));
    if (!items.length) return 'skip: no completion from the server yet';
    const first = items.slice().sort((a, b) => (a.sortText ?? a.label.toString()).localeCompare(b.sortText ?? b.label.toString()))[0];
    assert.match(typeof first.label === 'string' ? first.label : first.label.label, /N17\.9/);
  },
  async 'code lens shows the DRG line'() {
    const { doc } = await open('sepsis-aki.chart');
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 10)) ?? [];
    if (!lenses.length) return 'skip: no code lens from the server yet';
    assert.ok(lenses.some((l) => /DRG\s*\d{3}/.test(l.command?.title ?? '')), lenses.map((l) => l.command?.title).join(' | '));
  },
  async 'a quick fix changes the text'() {
    const { doc } = await open('errors/sepsis-wrong-sequence.chart');
    await diagnosticsOf(doc.uri);
    const at = positionOf(doc, 'PDX  R65.20');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at), vscode.CodeActionKind.QuickFix.value)) ?? [];
    if (!actions.length) return 'skip: no quick fixes from the server yet';
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
