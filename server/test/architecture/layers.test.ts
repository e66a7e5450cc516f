// The layers of docs/architecture.md ("Invariants"), checked by reading every import of the code
// base: a module may import only what its layer allows. A failing case names the importing file,
// the import, and the invariant it breaks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

/** Every TypeScript file under the given folders (repository-relative, '/'-separated). */
function files(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name === 'build' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts')) out.push(relative(ROOT, p).split('\\').join('/'));
    }
  };
  for (const d of dirs) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return out.sort();
}

/** A module's imports: static, dynamic, `import type`, re-exports, require() and type-position import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]);
  for (const m of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

/** A relative import resolved to a repository file (with its .ts, /index.ts or .json); a package name as is. */
function resolveImport(from: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  const base = resolve(ROOT, dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(ROOT, candidate).split('\\').join('/');
  }
  return relative(ROOT, base).split('\\').join('/');
}

interface Edge {
  from: string;
  to: string;
  spec: string;
}

const SOURCES = files('server/src', 'tables', 'client/src');
const EDGES: Edge[] = SOURCES.flatMap((from) => importsOf(from).map((spec) => ({ from, spec, to: resolveImport(from, spec) })));

const under = (dir: string) => (f: string) => f.startsWith(`${dir}/`);
const pkg = (name: string) => (to: string) => to === name || to.startsWith(`${name}/`);

/** The invariants: modules matching `from` never import a target matching `never`. */
const INVARIANTS: { name: string; from: (f: string) => boolean; never: (to: string) => boolean }[] = [
  {
    name: 'base imports nothing else of the code base',
    from: under('server/src/base'),
    never: (to) => !to.startsWith('server/src/base/') && !to.startsWith('node:'),
  },
  {
    name: 'chart imports nothing else of the server but base',
    from: under('server/src/chart'),
    never: (to) => to.startsWith('server/src/') && !to.startsWith('server/src/chart/') && !to.startsWith('server/src/base/'),
  },
  {
    name: 'tables never imports service, rules, search, lsp or cli',
    from: under('server/src/tables'),
    never: (to) => ['service', 'rules', 'search', 'lsp', 'cli'].some((d) => to.startsWith(`server/src/${d}/`)),
  },
  {
    name: 'the grouper and the Code Editor are independent of the chart, the service, rules, search, lsp and cli',
    from: (f) => under('server/src/grouper')(f) || under('server/src/mce')(f),
    never: (to) => ['chart', 'service', 'rules', 'search', 'lsp', 'cli'].some((d) => to.startsWith(`server/src/${d}/`)),
  },
  {
    name: 'drg takes from the service only its context and release, never a feature, a rule, lsp or cli',
    from: under('server/src/drg'),
    never: (to) =>
      (to.startsWith('server/src/service/') && !['server/src/service/context.ts', 'server/src/service/release.ts'].includes(to)) ||
      ['rules', 'search', 'lsp', 'cli'].some((d) => to.startsWith(`server/src/${d}/`)),
  },
  {
    name: 'search never imports service, rules, lsp or cli',
    from: under('server/src/search'),
    never: (to) => ['service', 'rules', 'lsp', 'cli'].some((d) => to.startsWith(`server/src/${d}/`)),
  },
  {
    name: 'rules take from the service only its context and release types, never a feature',
    from: under('server/src/rules'),
    never: (to) =>
      (to.startsWith('server/src/service/') && !['server/src/service/context.ts', 'server/src/service/release.ts'].includes(to)) ||
      to.startsWith('server/src/lsp/') ||
      to.startsWith('server/src/cli/'),
  },
  {
    name: 'features, rules and search see the tables only through the contracts (tables/types.ts), never a class that implements them',
    from: (f) => ['server/src/service/', 'server/src/rules/', 'server/src/search/'].some((d) => f.startsWith(d)),
    never: (to) => to === 'server/src/tables/load.ts' || to === 'server/src/tables/memoryTables.ts',
  },
  {
    name: 'the service never imports lsp or cli',
    from: under('server/src/service'),
    never: (to) => to.startsWith('server/src/lsp/') || to.startsWith('server/src/cli/'),
  },
  {
    name: 'only lsp speaks LSP (vscode-languageserver)',
    from: (f) => f.startsWith('server/src/') && !under('server/src/lsp')(f),
    never: (to) => pkg('vscode-languageserver')(to) || pkg('vscode-languageserver-textdocument')(to) || pkg('vscode-languageserver-protocol')(to),
  },
  {
    name: 'the server never imports the client or vscode',
    from: under('server/src'),
    never: (to) => to.startsWith('client/') || pkg('vscode')(to) || pkg('vscode-languageclient')(to),
  },
  {
    name: 'run-time code never imports the importers (their formats live in the runtime)',
    from: under('server/src'),
    never: (to) => to.startsWith('tables/importers/'),
  },
  {
    name: 'only `chartcoder tables` imports the builder',
    from: (f) => under('server/src')(f) && f !== 'server/src/cli/commands/tables.ts',
    never: (to) => to === 'tables/build.ts',
  },
];

for (const inv of INVARIANTS) {
  test(`invariant: ${inv.name}`, () => {
    const broken = EDGES.filter((e) => inv.from(e.from) && inv.never(e.to)).map((e) => `${e.from} imports '${e.spec}'`);
    assert.deepEqual(broken, [], `${inv.name}:\n${broken.join('\n')}`);
  });
}

test('the import reader sees the imports it must (a broken invariant would not pass unseen)', () => {
  const of = (f: string) => EDGES.filter((e) => e.from === f).map((e) => e.to);
  assert.ok(of('server/src/lsp/main.ts').some(pkg('vscode-languageserver')), 'lsp/main.ts imports vscode-languageserver');
  assert.ok(of('server/src/tables/load.ts').includes('server/src/tables/format.ts'));
  assert.ok(of('server/src/grouper/group.ts').includes('server/src/grouper/tables.ts'), 'import type is read');
  assert.ok(of('server/src/cli/commands/tables.ts').includes('tables/build.ts'));
  assert.ok(
    of('server/src/rules/poa.ts').some((to) => to.startsWith('server/src/drg/')),
    'rules/poa.ts states DRG impact through drg/',
  );
  assert.ok(EDGES.length > 300, `${EDGES.length} imports read`);
});

// ── core tests never read ../shared ─────────────────────────────────────────────────────────

/** The core tests: the feature tests on fixture tables, the parser's, and these invariants. */
const CORE_TESTS = files('server/test/features', 'server/test/parser', 'server/test/architecture').filter((f) => f.endsWith('.test.ts'));
/** Modules that find or read the built tables or the official sources. */
const READS_REAL_DATA = (f: string) => f === 'server/src/tables/load.ts' || f === 'tables/build.ts' || f.startsWith('tables/importers/');
/** Test-side code that locates real data says so in its text. */
const NAMES_REAL_DATA = /\.\.\/shared|CHARTCODER_SOURCES|CHARTCODER_ORACLE|defaultTablesDir\(|TableStore\.open\(\)|loadTables\(\)/;

/** A module's code without its comments (they may well mention ../shared). */
function code(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

test('core tests never read ../shared: nothing they import, however indirectly, finds the built tables or the sources', () => {
  assert.ok(CORE_TESTS.length >= 6, CORE_TESTS.join(', '));
  const problems: string[] = [];
  for (const start of CORE_TESTS) {
    const seen = new Set<string>([start]);
    const queue = [start];
    while (queue.length) {
      const f = queue.shift()!;
      if (READS_REAL_DATA(f)) problems.push(`${start} reaches ${f}`);
      if (f.startsWith('server/test/') && f !== 'server/test/architecture/layers.test.ts' && NAMES_REAL_DATA.test(code(f)))
        problems.push(`${start} reaches ${f}, which locates real data`);
      if (!f.endsWith('.ts')) continue;
      for (const spec of importsOf(f)) {
        const to = resolveImport(f, spec);
        if (to.startsWith('.') || !existsSync(join(ROOT, to)) || seen.has(to)) continue;
        seen.add(to);
        queue.push(to);
      }
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});
