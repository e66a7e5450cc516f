// Progress on stderr: count, rate and time left when stderr is a terminal; nothing otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress } from '../../src/cli/progress';

test('progress: silent when not a terminal', () => {
  const written: string[] = [];
  const p = new Progress(100, 'report', false, (t) => written.push(t));
  for (let i = 0; i < 100; i++) p.tick();
  p.finish();
  assert.deepEqual(written, []);
});

test('progress: count, rate and time left on a terminal, one line rewritten, a newline at the end', () => {
  const written: string[] = [];
  const p = new Progress(1000, 'report', true, (t) => written.push(t));
  p.tick(250);
  assert.match(written[0]!, /^\rreport 250\/1,000 · [\d,]+ charts\/s · \d+ s left/);
  p.tick(750);
  p.finish();
  const last = written[written.length - 1]!;
  assert.match(last, /^\rreport 1,000\/1,000 · [\d,]+ charts\/s/);
  assert.ok(last.endsWith('\u001b[K\n'), 'the line is cleared to its end and closed');
  assert.ok(written.every((w) => w.startsWith('\r')));
});
