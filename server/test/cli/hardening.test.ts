// The CLI under the attacks of the reliability review (issue 15; ../shared/redteam/cli_abuse.sh):
// no command loses a user's file, a hostile path never hangs or eats memory, a check without its
// tables fails, a bad folder or settings file is reported and the rest still checked, and usage
// errors exit 2 with one line. Runs the real CLI (bin/chartcoder) in child processes, each with a
// timeout, so a hang fails the test instead of stalling the run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADER } from '../helpers/markers';
import { HAVE_SAMPLES, NO_SAMPLES, SYNTHEA } from '../fhir/helpers';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'chartcoder');
const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-hardening-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const STACK = /\n\s+at .+:\d+:\d+/;
/** Generous: a hostile input that is refused costs well under a second; one that is not hangs or runs for minutes. */
const TIMEOUT_MS = 60_000;

function cli(args: string[], cwd: string, options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, ...options });
  assert.notEqual(r.signal, 'SIGTERM', `chartcoder ${args.join(' ')} did not finish within ${TIMEOUT_MS / 1000} s`);
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}

/** A usage error or refusal: exit 2, one line on stderr naming the problem, no stack trace. */
function refused(r: { code: number | null; err: string }, pattern: RegExp, what: string): void {
  assert.equal(r.code, 2, `${what}: exit ${r.code}; ${r.err}`);
  assert.doesNotMatch(r.err, STACK, `${what}: no stack trace`);
  assert.match(r.err, pattern, what);
}

let n = 0;
function folder(): string {
  const dir = join(TMP, `case-${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const CLAIM = '{"id":"c1","age":67,"sex":"F","dstat":"01","pdx":"I5033","sdx":["N184:Y"],"procs":[]}';
const CLAIMS = Array.from({ length: 200 }, (_, i) => CLAIM.replace('"c1"', `"c${i}"`)).join('\n') + '\n';
const CLEAN = `${HEADER}
# HPI
[Hypertensive urgency]{dx=I16.0 poa=Y}, treated with IV labetalol.

\`\`\`abstract
PDX I16.0 Y
\`\`\`
`;
const BROKEN = `${HEADER}
# HPI
[Hypertension]{dx=I10 poa=Y
`;

// ── 1. no data loss from --out ──────────────────────────────────────────────────────────────

test('group --out never writes onto its input: same path, hard link, symlink; the input keeps every line', () => {
  const dir = folder();
  writeFileSync(join(dir, 'claims.jsonl'), CLAIMS);
  linkSync(join(dir, 'claims.jsonl'), join(dir, 'hard.jsonl'));
  symlinkSync('claims.jsonl', join(dir, 'soft.jsonl'));
  const cases: [string, string[]][] = [
    ['the same path', ['--claims', 'claims.jsonl', '--out', 'claims.jsonl']],
    ['the same path, spelled differently', ['--claims', 'claims.jsonl', '--out', './../' + dir.split('/').pop() + '/claims.jsonl']],
    ['a hard link to the input', ['--claims', 'claims.jsonl', '--out', 'hard.jsonl']],
    ['the input through a symlink', ['--claims', 'soft.jsonl', '--out', 'claims.jsonl']],
  ];
  for (const [what, args] of cases) {
    const r = cli(['group', ...args], dir);
    refused(r, /is also an input/, what);
    assert.equal(r.err.trim().split('\n').length, 1, `${what}: one line: ${r.err}`);
    assert.equal(readFileSync(join(dir, 'claims.jsonl'), 'utf8'), CLAIMS, `${what}: the input is untouched`);
  }
});

test('group --out into a missing folder: one line, exit 2, no stack trace, nothing created', () => {
  const dir = folder();
  writeFileSync(join(dir, 'claims.jsonl'), CLAIMS);
  const r = cli(['group', '--claims', 'claims.jsonl', '--out', 'no/such/folder/answers.jsonl'], dir);
  refused(r, /--out no\/such\/folder\/answers\.jsonl: the folder .* does not exist/, 'missing folder');
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.deepEqual(readdirSync(dir), ['claims.jsonl']);
});

test('group --out replaces an existing output whole, keeps its mode, and leaves no temporary file', () => {
  const dir = folder();
  writeFileSync(join(dir, 'claims.jsonl'), CLAIMS);
  writeFileSync(join(dir, 'answers.jsonl'), 'old answers\n'.repeat(10_000));
  chmodSync(join(dir, 'answers.jsonl'), 0o640);
  const r = cli(['group', '--claims', 'claims.jsonl', '--out', 'answers.jsonl'], dir);
  assert.equal(r.code, 0, r.err);
  const lines = readFileSync(join(dir, 'answers.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 200);
  assert.ok(
    lines.every((l) => JSON.parse(l).drg),
    'every line an answer',
  );
  assert.equal(statSync(join(dir, 'answers.jsonl')).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir).sort(), ['answers.jsonl', 'claims.jsonl']);
});

test('export --out never replaces one of the charts it reads, even with --force', () => {
  const dir = folder();
  writeFileSync(join(dir, 'a.chart'), CLEAN);
  const r = cli(['export', 'a.chart', '--format', 'csv', '--include-uncoded', '--out', 'a.chart', '--force'], dir);
  refused(r, /is also an input/, 'export onto its chart');
  assert.equal(readFileSync(join(dir, 'a.chart'), 'utf8'), CLEAN);
  refused(cli(['export', 'a.chart', '--format', 'csv', '--out', 'missing/x.csv'], dir), /does not exist/, 'export into a missing folder');
});

// ── 2. hostile paths: devices, FIFOs, links out of the tree, repository-chosen files ────────

test('a chart that is /dev/zero, a FIFO or a folder is refused at once with one line (exit 2)', () => {
  const dir = folder();
  symlinkSync('/dev/zero', join(dir, 'zero.chart'));
  spawnSync('mkfifo', [join(dir, 'fifo.chart')]);
  mkdirSync(join(dir, 'dir.chart'));
  const cases: [string, RegExp][] = [
    ['zero.chart', /zero\.chart: is a device, not a regular file/],
    ['fifo.chart', /fifo\.chart: is a FIFO/],
  ];
  for (const [file, message] of cases) {
    const started = Date.now();
    refused(cli(['check', file], dir), message, file);
    assert.ok(Date.now() - started < TIMEOUT_MS / 2, `${file}: refused quickly`);
  }
  refused(cli(['group', 'zero.chart'], dir), /is a device/, 'group of /dev/zero');
  refused(cli(['group', '--claims', 'fifo.chart'], dir), /is a FIFO/, 'claims from a FIFO');
  refused(cli(['group', '--claims', '/dev/zero'], dir), /is a device/, 'claims from /dev/zero');
});

test('a folder walk never follows a symlink out of the folder; links inside it are checked; dangling ones are said', () => {
  const dir = folder();
  const outside = folder();
  writeFileSync(join(outside, 'secret.chart'), BROKEN);
  mkdirSync(join(dir, 'tree'));
  writeFileSync(join(dir, 'tree', 'real.chart'), CLEAN);
  symlinkSync('real.chart', join(dir, 'tree', 'inside-link.chart'));
  symlinkSync('/dev/zero', join(dir, 'tree', 'zero.chart'));
  symlinkSync(join(outside, 'secret.chart'), join(dir, 'tree', 'outside.chart'));
  symlinkSync('/nonexistent', join(dir, 'tree', 'dangling.chart'));
  symlinkSync('.', join(dir, 'tree', 'loop'));
  const r = cli(['check', '--format', 'json', 'tree'], dir);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /zero\.chart: a symbolic link out of .*not followed/);
  assert.match(r.err, /outside\.chart: a symbolic link out of .*not followed/);
  assert.match(r.err, /dangling\.chart: a symbolic link to nothing/);
  const findings = JSON.parse(r.out) as { uri: string }[];
  assert.ok(!findings.some((f) => f.uri.includes('outside') || f.uri.includes('secret')), 'the chart outside was not read');
  // The link inside the tree is checked (the clean chart has no error, so the run's verdict comes from the refusals).
  const quiet = cli(['check', 'tree'], dir);
  assert.match(quiet.err, /inside-link\.chart: checked against/);
});

test('a .chartcoder.json may not name a CPT table outside its folder unless --trust; /dev/zero and a FIFO are refused quickly even then', () => {
  const dir = folder();
  const cases: [string, string, RegExp][] = [
    ['devzero', '/dev/zero', /is a device, not a regular file \(CPT table not loaded\)/],
    ['fifo', join(dir, 'fifo', 'cpt.csv'), /is a FIFO.*CPT table not loaded/],
    ['passwd', '/etc/passwd', /is not a CPT code|no CPT codes|expected "code,description"/],
  ];
  for (const [name, cptTable, trusted] of cases) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'c.chart'), CLEAN);
    writeFileSync(join(dir, name, '.chartcoder.json'), JSON.stringify({ cptTable }));
    if (name === 'fifo') spawnSync('mkfifo', [cptTable]);
    const untrusted = cli(['check', '--quiet', name], dir);
    if (name === 'fifo') {
      // Inside its folder: read, and refused as a FIFO.
      assert.match(untrusted.err, trusted, `${name}: ${untrusted.err}`);
    } else {
      assert.match(
        untrusted.err,
        /cptTable .* is outside the folder of the \.chartcoder\.json; not read \(pass --trust to allow it\)/,
        `${name}: ${untrusted.err}`,
      );
      const withTrust = cli(['check', '--quiet', '--trust', name], dir);
      assert.match(withTrust.err, trusted, `${name} with --trust: ${withTrust.err}`);
    }
  }
});

test('a relative cptTable inside the folder of its .chartcoder.json is read', () => {
  const dir = folder();
  writeFileSync(join(dir, 'cpt.csv'), 'code,description\n99213,Office visit\n');
  writeFileSync(join(dir, '.chartcoder.json'), JSON.stringify({ cptTable: 'cpt.csv' }));
  writeFileSync(join(dir, 'c.chart'), CLEAN.replace('treated with IV labetalol.', 'seen in clinic [visit]{cpt=99213}.'));
  const r = cli(['check', 'c.chart'], dir);
  assert.doesNotMatch(r.err, /outside the folder|not loaded/, r.err);
  assert.doesNotMatch(r.out, /99213/, `the CPT code is known: ${r.out}`);
});

// ── 3. a check without its tables fails ─────────────────────────────────────────────────────

test('check exits 2 ("tables failed to load") when the tables are missing, damaged or without a manifest; --allow-missing-tables checks anyway', () => {
  const dir = folder();
  writeFileSync(join(dir, 'c.chart'), CLEAN);
  const damaged = join(dir, 'damaged');
  cpSync(join(ROOT, 'tables', 'build'), damaged, { recursive: true });
  const target = readdirSync(join(damaged, 'mce'))[0]!;
  writeFileSync(join(damaged, 'mce', target), Buffer.concat([readFileSync(join(damaged, 'mce', target)), Buffer.from('x')]));
  const noManifest = join(dir, 'no-manifest');
  cpSync(join(ROOT, 'tables', 'build'), noManifest, { recursive: true });
  rmSync(join(noManifest, 'manifest.json'));
  for (const [what, tables, message] of [
    ['missing', join(dir, 'nowhere'), /no built code tables here/],
    ['damaged', damaged, /damaged/],
    ['no manifest', noManifest, /no built code tables here/],
  ] as const) {
    const r = cli(['check', '--tables', tables, 'c.chart'], dir);
    refused(r, /tables failed to load: /, what);
    assert.match(r.err, message, what);
    assert.equal(r.out, '', `${what}: nothing checked, nothing printed`);
    const allowed = cli(['check', '--allow-missing-tables', '--tables', tables, 'c.chart'], dir);
    assert.ok(allowed.code === 0 || allowed.code === 1, `${what} with --allow-missing-tables: exit ${allowed.code}: ${allowed.err}`);
  }
});

// ── 7. JSON stays JSON; a bad folder is reported and the run goes on ────────────────────────

test('check --format json prints valid JSON when a later folder has a bad .chartcoder.json; that folder is reported, exit 2', () => {
  const dir = folder();
  mkdirSync(join(dir, 'mix', 'a'), { recursive: true });
  mkdirSync(join(dir, 'mix', 'b'));
  mkdirSync(join(dir, 'mix', 'c'));
  writeFileSync(join(dir, 'mix', 'a', '1.chart'), BROKEN);
  writeFileSync(join(dir, 'mix', 'b', '2.chart'), BROKEN);
  writeFileSync(join(dir, 'mix', 'b', '.chartcoder.json'), '{');
  writeFileSync(join(dir, 'mix', 'c', '3.chart'), BROKEN);
  const r = cli(['check', '--format', 'json', 'mix'], dir);
  assert.equal(r.code, 2, r.err);
  const findings = JSON.parse(r.out) as { uri: string }[];
  const files = new Set(findings.map((f) => f.uri.replace(/^.*\/mix\//, '')));
  assert.deepEqual([...files].sort(), ['a/1.chart', 'c/3.chart'], 'the folders before and after are checked');
  assert.match(r.err, /mix\/b\/\.chartcoder\.json: not valid JSON.*not checked/);
});

test('an unreadable subfolder or chart is reported and the rest is checked (exit 2)', () => {
  const dir = folder();
  mkdirSync(join(dir, 'tree', 'locked'), { recursive: true });
  writeFileSync(join(dir, 'tree', 'ok.chart'), BROKEN);
  writeFileSync(join(dir, 'tree', 'locked', 'hidden.chart'), BROKEN);
  writeFileSync(join(dir, 'tree', 'locked.chart'), BROKEN);
  chmodSync(join(dir, 'tree', 'locked'), 0o000);
  chmodSync(join(dir, 'tree', 'locked.chart'), 0o000);
  // root reads everything: run as nobody then (the folders are made reachable for it).
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  for (let d = dir; d !== TMP; d = join(d, '..')) chmodSync(d, 0o755);
  chmodSync(TMP, 0o755);
  chmodSync(join(dir, 'tree'), 0o755);
  const r = cli(['check', '--format', 'json', 'tree'], dir, asNobody);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /tree\/locked: folder not read \(permission denied\); skipped/);
  assert.match(r.err, /locked\.chart: permission denied/);
  const findings = JSON.parse(r.out) as { uri: string }[];
  assert.ok(
    findings.some((f) => f.uri.endsWith('/tree/ok.chart')),
    'the readable chart is checked',
  );
});

test('usage errors exit 2 with one clear line: unknown rule id or level, impossible dates', () => {
  const dir = folder();
  writeFileSync(join(dir, 'c.chart'), CLEAN);
  refused(cli(['check', '--rule', 'nope=error', 'c.chart'], dir), /--rule nope: unknown rule id/, '--rule nope=error');
  refused(cli(['check', '--rule', 'chart.syntax=loud', 'c.chart'], dir), /--rule chart\.syntax: level must be one of/, '--rule with a bad level');
  refused(cli(['search', 'chf', '--date', '2026-13-45'], dir), /--date must be a date YYYY-MM-DD; got "2026-13-45"/, 'search --date 2026-13-45');
  refused(cli(['search', 'chf', '--date', '2026-02-30'], dir), /--date must be a date/, 'search --date 2026-02-30');
  refused(cli(['lookup', 'I10', '--date', '0000-00-00'], dir), /--date must be a date/, 'lookup --date 0000-00-00');
  refused(cli(['queries', 'c.chart', '--today', '2026-02-30'], dir), /--today must be a date/, 'queries --today 2026-02-30');
});

test('`--` ends the options: a chart named like an option is checked', () => {
  const dir = folder();
  writeFileSync(join(dir, '--quiet.chart'), BROKEN);
  const r = cli(['check', '--', '--quiet.chart'], dir);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /^--quiet\.chart:\d+:\d+ error chart\.syntax /m);
  refused(cli(['check', '--quiet.chart'], dir), /unknown option --quiet\.chart/, 'without --');
});

test('a file name with a newline or other control character never splits or forges an output line', () => {
  const dir = folder();
  writeFileSync(join(dir, 'evil\nforged.chart:1:1 error fake.rule.chart'), BROKEN);
  const r = cli(['check', '.'], dir);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trim().split('\n');
  assert.ok(lines.length > 0);
  for (const line of lines) assert.match(line, /^\.?\/?evil\\nforged\.chart:1:1 error fake\.rule\.chart:\d+:\d+ error chart\.syntax /, line);
  assert.doesNotMatch(r.out, /^forged/m);
});

test('queries walks folders the same way: a link out of the tree or a FIFO is said, the other charts listed, exit 2', () => {
  const dir = folder();
  mkdirSync(join(dir, 'tree'));
  writeFileSync(join(dir, 'tree', 'a.chart'), `${HEADER}\n# HPI\nText.\n\n\`\`\`query id=q1 to="Dr. Lee"\nIs there acute blood loss anemia?\n\`\`\`\n`);
  symlinkSync('/dev/zero', join(dir, 'tree', 'zero.chart'));
  spawnSync('mkfifo', [join(dir, 'tree', 'fifo.chart')]);
  const r = cli(['queries', '--format', 'json', 'tree'], dir);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /zero\.chart: a symbolic link out of/);
  assert.match(r.err, /fifo\.chart: is a FIFO/);
  const listed = JSON.parse(r.out) as { queries: { file: string; id: string }[] };
  assert.deepEqual(
    listed.queries.map((q) => `${q.file} ${q.id}`),
    ['tree/a.chart q1'],
  );
});

test('import fhir never writes a chart over one of its input files, even with --force', { skip: !HAVE_SAMPLES && NO_SAMPLES }, () => {
  const dir = folder();
  const dino = join(SYNTHEA, 'Dino214_Parisian75_40d82b80-b682-cd8b-da6d-396809878641.json');
  const first = cli(['import', 'fhir', dino, '--out', 'charts'], dir);
  assert.equal(first.code, 0, first.err);
  const chartName = first.out.trim().split('\n')[0]!.split('/').pop()!;
  // The FHIR input saved under the name the chart gets, in the output folder.
  const input = join(dir, 'charts', chartName);
  writeFileSync(input, readFileSync(dino));
  const r = cli(['import', 'fhir', input, '--out', 'charts', '--force'], dir);
  refused(r, /is one of the input files; not replaced/, 'import onto its input');
  assert.deepEqual(readFileSync(input), readFileSync(dino), 'the input is untouched');
});

test('group --claims: a line longer than 64 MB (a file without newlines) is one error line, in bounded memory; the next claims are answered', () => {
  const dir = folder();
  const file = join(dir, 'claims.jsonl');
  writeFileSync(file, '');
  truncateSync(file, 100 * 1024 * 1024); // 100 MB of NUL bytes and no newline (sparse: costs no disk)
  appendFileSync(file, `\n${CLAIM}\n`);
  const r = cli(['group', '--claims', 'claims.jsonl'], dir);
  assert.equal(r.code, 1, r.err);
  const [tooLong, answer] = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { line?: number; error?: string; drg?: string });
  assert.equal(tooLong!.line, 1);
  assert.match(tooLong!.error!, /longer than 64 MB; skipped/);
  assert.equal(answer!.drg, '292');
});
