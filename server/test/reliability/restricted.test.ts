// An untrusted workspace cannot switch on the PHI-writing trace (`chartcoder.trace.server` is a
// restricted setting; the client withholds it and keeps its trace off), and the debug-only
// request that runs `vm` does not exist in a production server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsForWorkspace, traceForWorkspace, RESTRICTED_SETTINGS } from '../../../client/src/trust';
import { startServer } from './client';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('the trace and the CPT table path are restricted settings in the manifest', () => {
  const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const key of RESTRICTED_SETTINGS) {
    const names = Object.keys(pkg.contributes.configuration.properties).filter((n) => n === `chartcoder.${key}` || n.startsWith(`chartcoder.${key}.`));
    assert.ok(names.length > 0, key);
    for (const name of names) {
      assert.ok(restricted.includes(name), `${name} in restrictedConfigurations`);
      assert.equal(pkg.contributes.configuration.properties[name].restricted, true, `${name} is "restricted": true`);
    }
  }
});

test('untrusted: the server gets neither the trace nor the CPT table path; the client trace is off', () => {
  const raw = { cptTable: '/etc/passwd', trace: { server: 'verbose' }, rules: { 'icd.excludes1': 'off' } };
  const cases: [boolean, unknown][] = [
    [true, raw],
    [false, { rules: { 'icd.excludes1': 'off' } }],
  ];
  for (const [trusted, want] of cases) assert.deepEqual(settingsForWorkspace(raw, trusted), want, `trusted: ${trusted}`);
  assert.equal(settingsForWorkspace(undefined, false), undefined);
  const traces: [unknown, boolean, string][] = [
    ['verbose', true, 'verbose'],
    ['messages', true, 'messages'],
    ['off', true, 'off'],
    ['nonsense', true, 'off'],
    ['verbose', false, 'off'],
    ['messages', false, 'off'],
  ];
  for (const [configured, trusted, want] of traces) assert.equal(traceForWorkspace(configured, trusted), want, `${configured} trusted: ${trusted}`);
});

test('chartcoder/debugMemory is MethodNotFound in production, answered with CHARTCODER_DEBUG=1', async () => {
  const env = { ...process.env };
  delete env.CHARTCODER_DEBUG;
  for (const [debug, answered] of [
    [undefined, false],
    ['1', true],
  ] as const) {
    const client = startServer(['--stdio'], debug ? { ...env, CHARTCODER_DEBUG: debug } : env);
    try {
      await client.initialize();
      const request = client.request<{ heapUsed: number }>('chartcoder/debugMemory', { gc: true });
      if (answered) assert.ok((await request).heapUsed > 0);
      else await assert.rejects(request, /-32601/);
    } finally {
      await client.shutdown();
    }
  }
});
