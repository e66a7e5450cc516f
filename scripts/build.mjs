#!/usr/bin/env node
// Bundles the thin client and the language server (which also carries the CLI) with esbuild.
//   dist/client.js  – the VS Code extension entry (package.json "main")
//   dist/server.js  – the language server, started by the client over stdio
//   dist/cli.js     – the headless CLI (bin/chartcoder)
//   dist/plotting.js – vega + vega-lite for the HTML reports, loaded by the CLI on the first plot
//   dist/*.tsv      – the search synonym and guideline-default lists
//   dist/pcs/*.tsv  – the ICD-10-PCS procedure vocabulary (server/src/search/pcs)
//   dist/vocabulary – the coder's vocabulary (abbreviations, lay terms, drug brands)
// --production minifies; the default keeps names readable for stack traces.
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // A bundled module is never its own script: tables/build.ts builds tables only when run itself.
  define: { CHARTCODER_BUNDLE: 'true' },
};
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  // The plotting libraries of the HTML reports are their own file, read on the first plot (server/src/report/svg.ts).
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', external: ['./plotting'] }),
  build({ ...common, entryPoints: ['server/src/report/plotting.ts'], outfile: 'dist/plotting.js' }),
]);
// The search synonym and default lists ship beside the bundles (read at run time, reviewable as data).
mkdirSync('dist', { recursive: true });
for (const f of ['synonyms.tsv', 'defaults.tsv']) copyFileSync(`server/src/search/${f}`, `dist/${f}`);
mkdirSync('dist/pcs', { recursive: true });
for (const f of ['procedures.tsv', 'words.tsv']) copyFileSync(`server/src/search/pcs/${f}`, `dist/pcs/${f}`);
cpSync('server/src/search/vocabulary', 'dist/vocabulary', { recursive: true });
