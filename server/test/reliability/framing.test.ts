// A malformed frame from the client closes the connection: one line on stderr (what was wrong, no
// message content), exit code 1, so the editor restarts the server (before: alive and deaf).
// Requests after `shutdown` get InvalidRequest; `exit` ends the process with 0 after `shutdown`,
// with 1 without. Drives the bundled server (dist/server.js) over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { SERVER_BUNDLE } from '../helpers/lspClient';
import { startServer } from './client';
import { contentLength } from '../../src/lsp/framing';

const SECRET = 'Patient Zelda Quux-Marlowe';
const body = (o: unknown) => JSON.stringify(o);
const frame = (s: string) => `Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`;
const initialize = body({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
const hover = body({
  jsonrpc: '2.0',
  id: 2,
  method: 'textDocument/hover',
  params: { textDocument: { uri: 'file:///x.chart' }, position: { line: 0, character: 0 } },
});

const BAD_FRAMES: [string, string][] = [
  ['non-numeric Content-Length', `Content-Length: abc\r\n\r\n{"x":"${SECRET}"}`],
  ['negative Content-Length', `Content-Length: -5\r\n\r\n{"x":"${SECRET}"}`],
  // The first 10 bytes are answered as not JSON; the rest fails as the next header.
  ['body longer than its length', `Content-Length: 10\r\n\r\n${hover.replace('x.chart', SECRET)}${frame(hover)}`],
  ['LF-only header', `Content-Length: ${hover.length}\n\n${hover}`],
  ['no Content-Length', `Content-Type: application/json\r\n\r\n${SECRET}`],
  ['garbage', `${SECRET} ${SECRET}\r\n\r\n`],
  ['endless header without CRLF CRLF', `X-${'a'.repeat(20_000)}: ${SECRET}`],
];

for (const [name, bad] of BAD_FRAMES) {
  test(`framing error (${name}): one stderr line without the message content, exit code 1`, async () => {
    const proc = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    proc.stdin.write(frame(initialize));
    for (let i = 0; i < 600 && !out.includes('"id":1'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(out.includes('"id":1'), 'initialize answered');
    proc.stdin.write(bad);
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 1, `exit code (stderr: ${err})`);
    const lines = err.split('\n').filter((l) => /malformed message/.test(l));
    assert.equal(lines.length, 1, err);
    assert.ok(!err.includes(SECRET) && !out.includes(SECRET), 'no message content in the output');
  });
}

test('a body of the right length that is not JSON or not an object: an error answer, and the server reads on', async () => {
  const client = startServer();
  try {
    await client.initialize();
    for (const bad of [`{"x": "${SECRET}"`, '42', '[1,2]']) client.proc.stdin.write(frame(bad));
    const symbols = await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///never-opened.chart' } });
    assert.deepEqual(symbols, []);
    assert.ok(!client.stderr.includes(SECRET));
    assert.equal(client.stderr.split('\n').filter((l) => /a message from the client is not/.test(l)).length, 3, client.stderr);
  } finally {
    await client.shutdown();
  }
});

test('Content-Length values: digits only, bounded', () => {
  const cases: [string, number | 'error'][] = [
    ['Content-Length: 12', 12],
    ['content-length:0', 0],
    ['Content-Type: x\r\nContent-Length: 7', 7],
    ['Content-Length: -1', 'error'],
    ['Content-Length: 1e3', 'error'],
    ['Content-Length: 12abc', 'error'],
    ['Content-Length: ', 'error'],
    ['Content-Length: 99999999999', 'error'],
    ['Content-Type: x', 'error'],
    ['no colon here', 'error'],
  ];
  for (const [header, want] of cases) {
    const got = contentLength(header);
    assert.equal(typeof got === 'number' ? got : 'error', want, header);
  }
});

test('requests after shutdown get InvalidRequest; exit after shutdown ends with 0', async () => {
  const client = startServer();
  await client.initialize();
  await client.request('shutdown', null);
  await assert.rejects(client.request('textDocument/hover', { textDocument: { uri: 'file:///x.chart' }, position: { line: 0, character: 0 } }), /-32600/);
  await assert.rejects(client.request('shutdown', null), /-32600/);
  const exited = new Promise<number | null>((resolve) => client.proc.on('exit', (code) => resolve(code)));
  client.notify('exit', null);
  assert.equal(await exited, 0);
});

test('exit without shutdown ends with 1; so does the end of input', async () => {
  for (const end of ['exit', 'close stdin'] as const) {
    const client = startServer();
    await client.initialize();
    const exited = new Promise<number | null>((resolve) => client.proc.on('exit', (code) => resolve(code)));
    if (end === 'exit') client.notify('exit', null);
    else client.proc.stdin.end();
    assert.equal(await exited, 1, end);
  }
});
