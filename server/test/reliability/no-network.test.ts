// Nothing leaves the machine. A static scan: no module of the server, client or table importers
// imports a network module (net, http, https, http2, tls, dgram, dns, child_process) or calls
// fetch/WebSocket/XMLHttpRequest. A runtime check: the bundled CLI and server run a check and an
// LSP session with every network entry point patched to throw and to record the attempt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startServer } from './client';
import { SAMPLES_DIR } from './generators';

const ROOT = join(__dirname, '..', '..', '..');
const GUARD = join(__dirname, 'fixtures', 'no-network-guard.cjs');
const CLI = join(ROOT, 'bin', 'chartcoder');

const NETWORK_MODULES = ['net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'dns/promises', 'child_process', 'undici', 'ws', 'axios', 'node-fetch'];
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
const CALLS = /\b(fetch|WebSocket|XMLHttpRequest|EventSource)\s*\(/g;

function sources(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'build' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.(ts|js|mjs|cjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Problems in one module's text: network imports and network calls (comments are skipped). */
export function networkUses(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const m of code.matchAll(IMPORT)) {
    const mod = m[1].replace(/^node:/, '');
    if (NETWORK_MODULES.includes(mod)) found.push(`imports ${m[1]}`);
  }
  for (const m of code.matchAll(CALLS)) found.push(`calls ${m[1]}()`);
  return found;
}

test('the static scan catches what it must (it can fail)', () => {
  assert.deepEqual(networkUses(`import * as http from 'node:http';`), ['imports node:http']);
  assert.deepEqual(networkUses(`const { spawn } = require('child_process');`), ['imports child_process']);
  assert.deepEqual(networkUses(`await fetch('https://example.invalid/x')`), ['calls fetch()']);
  assert.deepEqual(networkUses(`import('net').then(() => 1)`), ['imports net']);
  assert.deepEqual(networkUses(`// fetch(x) in a comment\nimport * as fs from 'node:fs';`), []);
});

test('no module of server/src, client/src or tables/ imports a network module or calls fetch', () => {
  const files = ['server/src', 'client/src', 'tables'].flatMap((d) => sources(join(ROOT, d)));
  assert.ok(files.length > 20, `scanned ${files.length} files`);
  const problems = files.flatMap((f) => networkUses(readFileSync(f, 'utf8')).map((p) => `${relative(ROOT, f)}: ${p}`));
  assert.deepEqual(problems, []);
});

function guardedEnv(log: string): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${GUARD}`.trim(), CHARTCODER_NETWORK_LOG: log };
}

test('the runtime guard traps an attempt (it can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-net-'));
  try {
    const log = join(dir, 'attempts.log');
    const r = spawnSync(
      process.execPath,
      [
        '-e',
        `try { require('node:https').get('https://example.invalid/') } catch {}; try { require('node:dns').lookup('example.invalid', () => {}) } catch {}`,
      ],
      { env: guardedEnv(log), encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const attempts = readFileSync(log, 'utf8');
    assert.match(attempts, /https\.get/);
    assert.match(attempts, /dns\.lookup/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the bundled CLI and server run a check and an LSP session without touching the network', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-net-'));
  const log = join(dir, 'attempts.log');
  try {
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', SAMPLES_DIR], { env: guardedEnv(log), encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, `check exited ${r.status}: ${r.stderr}`);
    assert.ok((JSON.parse(r.stdout) as unknown[]).length > 0, 'the check ran over the samples');

    const client = startServer(['--stdio'], guardedEnv(log));
    try {
      await client.initialize();
      const uri = 'file:///tmp/chartcoder-net/sepsis.chart';
      const text = readFileSync(join(SAMPLES_DIR, 'sepsis-aki.chart'), 'utf8');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'chart', version: 1, text } });
      const d = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri);
      assert.ok(Array.isArray(d.diagnostics));
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 30 } });
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.request('textDocument/codeLens', { textDocument: { uri } });
      await client.request('workspace/executeCommand', { command: 'chartcoder.showDrgAnalysis', arguments: [uri] });
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.proc.kill();
    }
    assert.equal(existsSync(log) ? readFileSync(log, 'utf8') : '', '', 'network attempts were made');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
