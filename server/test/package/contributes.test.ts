// The extension manifest is coherent: every contributed command has a title, the ChartCoder
// category and a handler in the client; menus and keybindings name real commands; every file the
// manifest points at exists and is shipped by the .vscodeignore allow-list, and nothing else is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings } from '../../src/service/settings';
import * as protocol from '../../src/lsp/protocol';

const root = join(__dirname, '..', '..', '..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const pkg = JSON.parse(read('package.json'));
const contributes = pkg.contributes;
const clientSource = ['client/src/extension.ts', 'client/src/chartsView.ts'].map(read).join('\n');
/** The ids the client registers: as a literal, or by a command of the shared protocol module (`registerCommand(SuppressCommand.id`). */
const registered = new Set([
  ...[...clientSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]),
  ...[...clientSource.matchAll(/registerCommand\((\w+)\.id\b/g)].map((m) => {
    const command = (protocol as Record<string, unknown>)[m[1]] as { id?: string } | undefined;
    assert.ok(command?.id, `${m[1]} is not a command of server/src/lsp/protocol.ts`);
    return command.id;
  }),
]);

/** Files the allow-list may ship: the bundles, built tables, and the static editor assets. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^language-configuration\.json$/,
  /^dist\/(client|server|cli|plotting)\.js$/,
  /^dist\/(synonyms|defaults)\.tsv$/,
  /^dist\/pcs\/(procedures|words)\.tsv$/,
  /^dist\/vocabulary\/[\w-]+\.tsv$/,
  /^tables\/build\/.+/,
  /^syntaxes\/chart\.tmLanguage\.json$/,
  /^snippets\/[\w-]+\.json$/,
  /^images\/[\w-]+\.(png|svg)$/,
  /^walkthrough\/[\w-]+\.md$/,
  /^docs\/rules\/[\w.*-]+\.md$/,
];

function strip(p: string): string {
  return p.replace(/^\.\//, '');
}

test('the manifest declares the chart language, its grammar, configuration and icons, and the files exist', () => {
  const lang = contributes.languages.find((l: { id: string }) => l.id === 'chart');
  assert.ok(lang, 'language "chart" is contributed');
  assert.deepEqual(lang.extensions, ['.chart']);
  assert.ok(lang.aliases.length > 0);
  for (const p of [lang.configuration, lang.icon.light, lang.icon.dark]) assert.ok(existsSync(join(root, strip(p))), `${p} exists`);
  JSON.parse(read(strip(lang.configuration)));
  const grammar = contributes.grammars.find((g: { language: string }) => g.language === 'chart');
  assert.ok(grammar && existsSync(join(root, strip(grammar.path))), 'grammar file exists');
  assert.equal(JSON.parse(read(strip(grammar.path))).scopeName, grammar.scopeName);
  assert.ok(existsSync(join(root, pkg.icon)), 'extension icon exists');
  assert.match(pkg.icon, /\.png$/, 'the marketplace needs a PNG icon');
  assert.equal(pkg.main, './dist/client.js');
  // A folder of charts activates the extension too, so the Charts view fills without a chart open.
  assert.deepEqual(pkg.activationEvents, ['onLanguage:chart', 'workspaceContains:**/*.chart']);
  assert.equal(pkg.engines.vscode, '^1.82.0');
});

test('every command has a title and the ChartCoder category, and the client registers each one', () => {
  const ids = new Set<string>();
  for (const c of contributes.commands) {
    assert.ok(c.title && typeof c.title === 'string', `${c.command} has a title`);
    assert.equal(c.category, 'ChartCoder', `${c.command} is in the ChartCoder category`);
    assert.match(c.command, /^chartcoder\./);
    // The server's command is registered in VS Code by the language client (executeCommandProvider): contributed only for its title.
    if (c.command === protocol.ShowDrgAnalysisCommand.id) assert.ok(!registered.has(c.command), 'the client does not register the server command itself');
    else assert.ok(registered.has(c.command), `client registers ${c.command}`);
    ids.add(c.command);
  }
  for (const id of registered) assert.ok(ids.has(id), `${id} is contributed`);
  for (const title of ['Search Codes', 'New Chart', 'Show DRG Analysis', 'Restart Server', 'Add to Abstract']) {
    assert.ok(
      contributes.commands.some((c: { title: string }) => c.title === title),
      `command "${title}"`,
    );
  }
  // The server-side commands are executed by request, so no client command may shadow their ids
  // (the advertised one is contributed with a title and hidden, so Keyboard Shortcuts shows no bare id).
  assert.ok(!registered.has(protocol.ShowDrgAnalysisCommand.id) && !ids.has('chartcoder.addToAbstract'), 'server command ids stay free');
});

test('menus and keybindings name contributed commands and only fire in charts', () => {
  const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
  for (const [where, items] of Object.entries(contributes.menus) as [string, { command: string }[]][]) {
    for (const item of items) assert.ok(ids.has(item.command), `${where}: ${item.command} is contributed`);
  }
  assert.ok(contributes.keybindings.length >= 2);
  for (const k of contributes.keybindings) {
    assert.ok(ids.has(k.command), `keybinding for ${k.command}`);
    assert.match(k.when, /editorLangId == chart/, `${k.command} keybinding is scoped to charts`);
    assert.ok(k.key && k.mac, `${k.command} has keys for Windows/Linux and macOS`);
  }
  const keys = contributes.keybindings.map((k: { key: string }) => k.key);
  assert.equal(new Set(keys).size, keys.length, 'no key is bound twice');
});

test('every setting is documented, and the defaults are accepted by the server', () => {
  const props = contributes.configuration.properties as Record<
    string,
    { description?: string; markdownDescription?: string; enum?: string[]; enumDescriptions?: string[]; default?: unknown }
  >;
  for (const name of ['chartcoder.rules', 'chartcoder.payment.baseRate', 'chartcoder.cptTable', 'chartcoder.trace.server', 'chartcoder.diagnostics.delayMs']) {
    assert.ok(props[name], `${name} is contributed`);
  }
  for (const [name, p] of Object.entries(props)) {
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${name} has a description`);
    if (p.enum) assert.equal(p.enumDescriptions?.length, p.enum.length, `${name} documents every enum value`);
  }
  assert.deepEqual((props['chartcoder.rules'] as { additionalProperties: { enum: string[] } }).additionalProperties.enum, [
    'error',
    'warning',
    'info',
    'hint',
    'off',
  ]);
  assert.deepEqual(props['chartcoder.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.match(props['chartcoder.trace.server'].enumDescriptions![2], /chart text/, 'verbose trace warns that it logs chart text');
  // The client sends the `chartcoder` section as VS Code builds it from these defaults.
  const section: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(props)) {
    const path = name.split('.').slice(1);
    let node = section;
    for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[path[path.length - 1]] = p.default;
  }
  assert.deepEqual(readSettings(section).problems, []);
});

test('untrusted and virtual workspaces are declared honestly', () => {
  const caps = pkg.capabilities;
  assert.equal(caps.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(caps.untrustedWorkspaces.restrictedConfigurations, ['chartcoder.cptTable', 'chartcoder.trace.server']);
  assert.equal(contributes.configuration.properties['chartcoder.cptTable'].restricted, true);
  assert.match(clientSource, /isTrusted/, 'the client withholds the CPT table path when untrusted');
  assert.equal(caps.virtualWorkspaces.supported, false);
  assert.ok(caps.virtualWorkspaces.description);
});

test('snippets and walkthrough media exist and are well formed', () => {
  for (const s of contributes.snippets) {
    const snippets = JSON.parse(read(strip(s.path))) as Record<string, { prefix: unknown; body: string[]; description: string }>;
    assert.ok(Object.keys(snippets).length >= 4);
    for (const [name, sn] of Object.entries(snippets)) assert.ok(sn.prefix && sn.body.length && sn.description, `snippet ${name}`);
    const query = Object.values(snippets).find((sn) => sn.body[0].startsWith('```query'));
    assert.ok(query, 'a query snippet');
    const body = query.body.join('\n');
    assert.match(body, /- other \(please specify\)/);
    assert.match(body, /- clinically undetermined/);
    assert.doesNotMatch(body, /payment|reimburse|DRG|MCC/i, 'the query template never mentions payment');
  }
  for (const w of contributes.walkthroughs) {
    for (const step of w.steps) assert.ok(existsSync(join(root, step.media.markdown)), `walkthrough media ${step.media.markdown}`);
  }
});

test('.vscodeignore is an allow-list that ships every referenced asset and nothing else', () => {
  const lines = read('.vscodeignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', 'ignores everything first');
  assert.ok(
    lines.slice(1).every((l) => l.startsWith('!')),
    'then only re-includes',
  );
  const listed = spawnSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const f of files)
    assert.ok(
      ALLOWED.some((re) => re.test(f)),
      `${f} must not be shipped`,
    );
  const lang = contributes.languages[0];
  const referenced = [
    pkg.icon,
    lang.configuration,
    lang.icon.light,
    lang.icon.dark,
    ...contributes.grammars.map((g: { path: string }) => g.path),
    ...contributes.snippets.map((s: { path: string }) => s.path),
    ...contributes.walkthroughs.flatMap((w: { steps: { media: { markdown: string } }[] }) => w.steps.map((s) => s.media.markdown)),
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
  ].map(strip);
  for (const f of referenced) assert.ok(files.includes(f), `${f} is shipped`);
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js']) {
    if (existsSync(join(root, f))) assert.ok(files.includes(f), `${f} is shipped`);
  }
  assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps');
});
