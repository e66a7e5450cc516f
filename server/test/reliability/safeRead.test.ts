// Reading user-named files (server/src/base/safeRead.ts): only regular files, within a size limit,
// never blocking on a FIFO; the CLI's output files (server/src/cli/output.ts) never half-written.
// The hostile cases that would hang or eat memory without the fix run in a child process with a
// timeout, so the test fails instead of stalling.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWithin, readUserFile, sameFile, UserFileError } from '../../src/base/safeRead';
import { checkOutputFile, OutputStream } from '../../src/cli/output';
import { loadCptTable } from '../../src/tables/cpt';

const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-saferead-'));
after(() => rmSync(TMP, { recursive: true, force: true }));
const SRC = join(__dirname, '..', '..', 'src');
const ROOT = join(__dirname, '..', '..', '..');

writeFileSync(join(TMP, 'small.chart'), 'héllo\n');
writeFileSync(join(TMP, 'big.chart'), 'x'.repeat(2000));
mkdirSync(join(TMP, 'folder.chart'));
spawnSync('mkfifo', [join(TMP, 'fifo.chart')]);
symlinkSync('/dev/zero', join(TMP, 'zero.chart'));
symlinkSync('small.chart', join(TMP, 'link.chart'));

test('readUserFile: regular files only, within the limit, one line naming the file otherwise', () => {
  const limit = { maxBytes: 1000, what: 'chart' };
  const cases: { file: string; expect: string | RegExp }[] = [
    { file: 'small.chart', expect: 'héllo\n' },
    { file: 'link.chart', expect: 'héllo\n' },
    { file: 'big.chart', expect: /big\.chart: too large for a chart \(2000 bytes; the limit is 1000 bytes\)/ },
    { file: 'folder.chart', expect: /folder\.chart: is a directory/ },
    { file: 'fifo.chart', expect: /fifo\.chart: is a FIFO \(named pipe\), not a regular file/ },
    { file: 'zero.chart', expect: /zero\.chart: is a device, not a regular file/ },
    { file: 'missing.chart', expect: /missing\.chart: no such file/ },
  ];
  for (const c of cases) {
    if (typeof c.expect === 'string') assert.equal(readUserFile(join(TMP, c.file), limit), c.expect, c.file);
    else
      assert.throws(
        () => readUserFile(join(TMP, c.file), limit),
        (e: Error) => e instanceof UserFileError && c.expect instanceof RegExp && c.expect.test(e.message) && !e.message.includes('\n'),
        c.file,
      );
  }
});

test('a file that grows past the limit while it is read is refused (a size of 0 is not trusted: /proc files say 0)', () => {
  if (!existsSync('/proc/self/status')) return;
  assert.ok(readUserFile('/proc/self/status', { maxBytes: 1 << 20, what: 'test file' }).includes('Name:'));
  assert.throws(() => readUserFile('/proc/self/status', { maxBytes: 16, what: 'test file' }), /too large for a test file \(over 16 bytes/);
});

test('the CPT table loader, as the language server runs it, refuses /dev/zero and a FIFO at once, in bounded memory', () => {
  // In a child: without the safe reader, /dev/zero reads for ever (gigabytes) and a FIFO blocks.
  for (const file of ['/dev/zero', join(TMP, 'fifo.chart')]) {
    const script = `
      const { LanguageService } = require(${JSON.stringify(join(SRC, 'service', 'languageService.ts'))});
      const { memoryTables } = require(${JSON.stringify(join(SRC, 'tables', 'memoryTables.ts'))});
      const service = new LanguageService({ tables: memoryTables([]), settings: { rules: {}, baseRate: null, cptTable: null } });
      const problems = service.useCptTable(${JSON.stringify(file)});
      process.stdout.write(JSON.stringify({ problems, rss: process.memoryUsage().rss }));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.signal, null, `${file}: did not finish within 60 s`);
    assert.equal(r.status, 0, r.stderr);
    const { problems, rss } = JSON.parse(r.stdout) as { problems: string[]; rss: number };
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /not a regular file \(CPT table not loaded\)/);
    assert.ok(rss < 1024 * 1024 * 1024, `rss ${Math.round(rss / 1024 / 1024)} MB`);
  }
});

test('sameFile and isWithin see through links', () => {
  assert.ok(sameFile(join(TMP, 'link.chart'), join(TMP, 'small.chart')));
  assert.ok(sameFile(join(TMP, 'small.chart'), join(TMP, '.', 'folder.chart', '..', 'small.chart')));
  assert.ok(!sameFile(join(TMP, 'small.chart'), join(TMP, 'big.chart')));
  assert.ok(isWithin(TMP, join(TMP, 'link.chart')));
  assert.ok(!isWithin(TMP, join(TMP, 'zero.chart')), 'a link out of the folder is outside it');
  assert.ok(!isWithin(join(TMP, 'folder.chart'), join(TMP, 'small.chart')));
  assert.ok(isWithin(TMP, join(TMP, 'not-yet', 'there.csv')), 'a path that does not exist yet');
});

test('output files: checked against the inputs and the folder; written whole or not at all', async () => {
  const dir = mkdtempSync(join(TMP, 'out-'));
  writeFileSync(join(dir, 'in.txt'), 'input');
  assert.throws(() => checkOutputFile('in.txt', ['in.txt'], dir), /is also an input/);
  assert.throws(() => checkOutputFile(join(dir, 'x', 'y.txt'), [], dir), /the folder .* does not exist/);
  assert.throws(() => checkOutputFile('.', [], dir), /is a folder/);
  const target = checkOutputFile('out.txt', ['in.txt'], dir);
  writeFileSync(target, 'first');
  // A streamed output abandoned half-way (an error in the run) leaves the previous file as it was.
  const stream = new OutputStream(target);
  await stream.write('half of a new ');
  await stream.abort();
  assert.equal(readFileSync(target, 'utf8'), 'first');
  const done = new OutputStream(target);
  await done.write('second, ');
  await done.write('whole');
  assert.equal(readFileSync(target, 'utf8'), 'first', 'the old file stays until the new one is complete');
  await done.commit();
  assert.equal(readFileSync(target, 'utf8'), 'second, whole');
  assert.deepEqual(readdirSync(dir).sort(), ['in.txt', 'out.txt'], 'no temporary file left');
});

test('a CPT table over 50 MB is refused without reading it; a junk one lists 100 problems and a count', () => {
  const big = join(TMP, 'huge-cpt.csv');
  writeFileSync(big, '');
  truncateSync(big, 60 * 1024 * 1024); // sparse: nothing is written, the size says 60 MB
  assert.throws(() => loadCptTable(big), /huge-cpt\.csv: too large for a CPT table \(60 MB; the limit is 50 MB\) \(CPT table not loaded\)/);
  const junk = join(TMP, 'junk-cpt.csv');
  writeFileSync(junk, Array.from({ length: 5000 }, (_, i) => `line ${i} of somebody's log ${'x'.repeat(100)},y`).join('\n'));
  const t = loadCptTable(junk);
  assert.equal(t.codes.size, 0);
  assert.equal(t.problems.length, 101);
  assert.match(t.problems[100]!, /junk-cpt\.csv: 4899 more problems not listed/);
  assert.ok(
    t.problems.every((p) => p.length < 300),
    'a problem quotes at most 40 characters of the line',
  );
});
