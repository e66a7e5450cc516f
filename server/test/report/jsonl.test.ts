// --format jsonl for check and group (the streams a batch engine shards): one JSON object per
// line, the same objects as --format json gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';

const ROOT = join(__dirname, '..', '..', '..');

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: () => {}, cwd: ROOT, isTTY: false };
  const code = await runCli(args, io);
  return { code, out: out.join('\n') };
}

test('check --format jsonl: the findings of --format json, one per line', async () => {
  const json = JSON.parse((await cli(['check', 'samples/errors', '--format', 'json'])).out) as unknown[];
  const jsonl = (await cli(['check', 'samples/errors', '--format', 'jsonl'])).out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);
  assert.ok(json.length > 5);
  assert.deepEqual(jsonl, json);
});

test('group --format jsonl: one line per chart of a folder, with the DRG of group --format json', async () => {
  const r = await cli(['group', 'samples/audit', '--format', 'jsonl']);
  const lines = r.out.split('\n').map((l) => JSON.parse(l) as { file: string; drg: string });
  assert.deepEqual(
    lines.map((l) => l.file),
    ['copd-not-audited', 'hf-missed-mcc', 'hf-sequencing', 'hip-laterality', 'hip-seventh', 'sepsis-atn'].map((n) => `samples/audit/${n}.chart`),
  );
  for (const l of lines) {
    const one = JSON.parse((await cli(['group', l.file, '--format', 'json'])).out) as { drg: string };
    assert.equal(l.drg, one.drg, l.file);
  }
});
