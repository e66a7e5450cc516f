// `chartcoder check --format json`: a finding that moves the DRG carries data.drgImpact and says
// so at the end of its message; one that does not, carries none. Runs the real CLI (bin/chartcoder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'bin', 'chartcoder');
const CHART = join(__dirname, '..', 'service', 'charts', 'pneumonia-hf.chart');

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  data?: { code?: string; drgImpact?: { from: string; to: string; fromWeight: number; toWeight: number; payment: number } };
}

test('check --format json: data.drgImpact on the findings that move the DRG, none on the others', () => {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', CHART], { encoding: 'utf8' });
  assert.notEqual(r.status, 2, r.stderr);
  const findings = JSON.parse(r.stdout) as JsonFinding[];
  const missed = findings.filter((f) => f.code === 'doc.not-in-abstract');
  const mcc = missed.find((f) => f.data?.code === 'J9601');
  const plain = missed.find((f) => f.data?.code === 'E785');
  assert.ok(mcc && plain);
  assert.deepEqual(
    Object.keys(mcc.data!.drgImpact!)
      .filter((k) => ['from', 'to', 'fromWeight', 'toWeight', 'payment'].includes(k))
      .sort(),
    ['from', 'fromWeight', 'payment', 'to', 'toWeight'],
  );
  assert.deepEqual([mcc.data!.drgImpact!.from, mcc.data!.drgImpact!.to, mcc.severity], ['195', '193', 'warning']);
  assert.ok(mcc.data!.drgImpact!.payment > 0);
  assert.match(mcc.message, /DRG 195 → 193 \(\+\$[\d,]+\)$/);
  assert.equal(plain.data!.drgImpact, undefined);
  assert.equal(plain.severity, 'info');
});

test('check --rule: the level the user sets wins over the DRG impact', () => {
  const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--rule', 'doc.not-in-abstract=hint', CHART], { encoding: 'utf8' });
  const mcc = (JSON.parse(r.stdout) as JsonFinding[]).find((f) => f.code === 'doc.not-in-abstract' && f.data?.code === 'J9601');
  assert.ok(mcc?.data?.drgImpact);
  assert.equal(mcc.severity, 'hint');
});
