// Installing a table build (server/src/tables/install.ts): a kill at any point leaves a loadable
// table set — the old one or the new one, never a half of each — and opening the tables finishes
// an interrupted install. Tiny builds written through the TableWriter; no ../shared.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableStore, TableWriter } from '../../src/tables/format';
import { installBuild, leftoversOf, recoverInstall, removeStaleLeftovers } from '../../src/tables/install';
import { checkInstallTarget } from '../../../tables/build';

const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-install-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

/** A build whose one data file says `label` (enough for TableStore.open and verifyAll). */
function build(dir: string, label: string, files = 20): void {
  const out = new TableWriter(dir);
  for (let i = 0; i < files; i++) out.write(`part-${i}.txt`, `${label} ${i}\n`.repeat(200));
  out.writeManifest({ releases: [], sources: [{ file: label, year: 'T', sha256: '' }] });
}

/** Which build `dir` holds, after checking every file against the manifest. */
function installed(dir: string): string {
  const store = TableStore.open(dir);
  assert.deepEqual(store.verifyAll(), [], 'every file of the installed set is sound');
  return store.manifest.sources[0]!.file;
}

let n = 0;
const fresh = () => join(mkdtempSync(join(TMP, `case-${++n}-`)), 'build');
/** A pid no process has (leftovers of a killed build). */
const DEAD_PID = 2 ** 22 + 12345;

test('installBuild replaces the set whole and leaves nothing beside it', () => {
  const dir = fresh();
  build(dir, 'old');
  build(`${dir}.partial-${process.pid}`, 'new');
  installBuild(`${dir}.partial-${process.pid}`, dir);
  assert.equal(installed(dir), 'new');
  assert.deepEqual(leftoversOf(dir), []);
});

test('every state a kill can leave is loadable: the old set, or the new one once the install is finished', () => {
  // The states between the renames of installBuild, as a SIGKILL leaves them (pid: a dead process).
  const cases: { name: string; make: (dir: string) => void; expect: string }[] = [
    { name: 'killed while building', make: (d) => (build(d, 'old'), build(`${d}.partial-${DEAD_PID}`, 'half')), expect: 'old' },
    { name: 'killed after marking the build complete', make: (d) => (build(d, 'old'), build(`${d}.new-${DEAD_PID}`, 'new')), expect: 'old' },
    {
      name: 'killed between moving the old set aside and installing the new',
      make: (d) => (build(`${d}.old-${DEAD_PID}`, 'old'), build(`${d}.new-${DEAD_PID}`, 'new')),
      expect: 'new',
    },
    { name: 'killed after installing, before deleting the old set', make: (d) => (build(d, 'new'), build(`${d}.old-${DEAD_PID}`, 'old')), expect: 'new' },
    { name: 'only the old set aside (the last rename failed)', make: (d) => build(`${d}.old-${DEAD_PID}`, 'old'), expect: 'old' },
  ];
  for (const c of cases) {
    const dir = fresh();
    c.make(dir);
    assert.equal(installed(dir), c.expect, c.name);
    // The next build clears what is left of the dead one.
    removeStaleLeftovers(dir);
    assert.deepEqual(leftoversOf(dir), [], `${c.name}: leftovers removed`);
    assert.equal(installed(dir), c.expect, `${c.name}: still loadable`);
  }
});

test('opening the tables says what it repaired; the leftovers of a running build are left alone', () => {
  const dir = fresh();
  build(`${dir}.new-${DEAD_PID}`, 'new');
  const store = TableStore.open(dir);
  assert.match(store.repaired ?? '', /finished an interrupted table install \(installed the complete new build/);
  const busy = fresh();
  build(`${busy}.new-${process.pid}`, 'in flight'); // this process is "the build": alive
  assert.throws(() => TableStore.open(busy), /no built code tables here/);
  assert.ok(existsSync(`${busy}.new-${process.pid}`), 'not taken from a running build');
});

test('a folder with files but no manifest is never replaced by a repair', () => {
  const dir = fresh();
  mkdirSync(dir);
  writeFileSync(join(dir, 'notes.txt'), 'someone else’s file');
  build(`${dir}.new-${DEAD_PID}`, 'new');
  assert.throws(() => recoverInstall(dir), /table install was interrupted: the complete new set is in .*\.new-/);
  assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'someone else’s file');
});

test('tables build refuses an --out that is someone’s folder or holds the sources', () => {
  const root = mkdtempSync(join(TMP, 'target-'));
  mkdirSync(join(root, 'home'));
  writeFileSync(join(root, 'home', 'thesis.tex'), 'x');
  assert.throws(() => checkInstallTarget(join(root, 'home'), [join(root, 'sources')]), /is not a built table folder .*not replaced/);
  mkdirSync(join(root, 'shared', 'code-sets'), { recursive: true });
  assert.throws(() => checkInstallTarget(join(root, 'shared'), [join(root, 'shared', 'code-sets')]), /holds the sources/);
  build(join(root, 'tables'), 'old');
  assert.doesNotThrow(() => checkInstallTarget(join(root, 'tables'), [join(root, 'shared', 'code-sets')]));
  assert.doesNotThrow(() => checkInstallTarget(join(root, 'new-folder'), [join(root, 'shared', 'code-sets')]));
});

test('kill -9 of a process installing builds in a loop never leaves an unloadable set', async () => {
  // A child alternates two complete builds through installBuild as fast as it can; it is killed
  // at a varying moment, and the tables must then open (repaired if need be) and verify.
  const dir = fresh();
  build(dir, 'A');
  build(`${dir}.src-A`, 'A');
  build(`${dir}.src-B`, 'B');
  const script = `
    const { cpSync } = require('node:fs');
    const { installBuild, partialDirOf } = require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'tables', 'install.ts'))});
    const dir = ${JSON.stringify(dir)};
    process.stdout.write('ready\\n');
    for (let i = 0; ; i++) {
      cpSync(dir + '.src-' + (i % 2 ? 'A' : 'B'), partialDirOf(dir), { recursive: true });
      installBuild(partialDirOf(dir), dir);
    }`;
  const seen = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..', '..'), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    await new Promise((r) => setTimeout(r, 20 + round * 37));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const got = installed(dir);
    assert.ok(got === 'A' || got === 'B', `round ${round}: ${got}`);
    seen.add(got);
    removeStaleLeftovers(dir);
    assert.deepEqual(
      readdirSync(join(dir, '..')).filter((f) => !f.endsWith('.src-A') && !f.endsWith('.src-B')),
      ['build'],
      `round ${round}: nothing left beside the set`,
    );
  }
  // Renaming the installed set away as a kill would leave it, for good measure: still repaired.
  renameSync(dir, `${dir}.old-${DEAD_PID}`);
  assert.ok(['A', 'B'].includes(installed(dir)));
  assert.ok(seen.size >= 1);
});
