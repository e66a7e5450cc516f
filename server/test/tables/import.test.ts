// `chartcoder tables import` (tables/import.ts): official files as a user downloads them, dropped
// into a copy of the built tables in a temp folder. Local files only: the CMS grouper jars in
// ../shared/oracle/cms-grouper/jars, the FY2021 tabular XML in ../shared/code-sets/icd10cm, and
// archives made here from them (a zip holding the XML, a jar holding a hand-made grouper file).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync } from 'fflate';
import { ImportRefused, identifyOfficialFile, importOfficialFiles, msdrgVersionYear, releaseIdOfMsdrgVersion } from '../../../tables/import';
import { decodeGrouperData, writeMsdrgData } from '../../../tables/importers/msdrg';
import { defaultSourcesDir, projectRoot } from '../../../tables/build';
import { TABLE_FILES, TableStore, TableWriter, type TabularHead } from '../../src/tables/format';
import { loadTables } from '../../src/tables/load';
import { tablesCommand } from '../../src/cli/commands/tables';

const BUILD = path.join(projectRoot(), 'tables', 'build');
const JARS = path.join(defaultSourcesDir(), '..', 'oracle', 'cms-grouper', 'jars');
const DATA_JAR = path.join(JARS, 'msdrg-binary-access-1.5.0.jar');
const PROGRAM_JAR = path.join(JARS, 'msdrg-core-43.1.0.0.jar');
const MCE_JAR = path.join(JARS, 'MCE-2.0-43.1.0.0.jar');
const TABULAR_2021 = path.join(defaultSourcesDir(), 'icd10cm', 'icd10cm_tabular_2021.xml');

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'chartcoder-import-'));
after(() => fs.rmSync(TMP, { recursive: true, force: true }));
let n = 0;

/** A copy of the built tables, as a user's installed tables. */
function installedCopy(): string {
  const dir = path.join(TMP, `case-${++n}`, 'build');
  fs.cpSync(BUILD, dir, { recursive: true });
  return dir;
}

/** A file in the temp folder. */
function file(name: string, content: string | Uint8Array): string {
  const p = path.join(TMP, `file-${++n}`, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, content);
  return p;
}

const manifestBytes = (dir: string) => fs.readFileSync(path.join(dir, TABLE_FILES.manifest), 'utf8');
const leftovers = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((f) => f !== path.basename(dir));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ImportRefused, `refused with ImportRefused, got ${(e as Error).message}`);
    assert.doesNotMatch(e.message, /\n/, 'one line');
    return e.message;
  }
  assert.fail('expected the import to be refused');
}

/** The FY2021 tabular XML re-labelled as another year (a stand-in for a newer CDC release). */
function tabularOfYear(year: string): string {
  const xml = fs.readFileSync(TABULAR_2021, 'utf8');
  const out = xml.replace(/<version>\s*2021\s*<\/version>/, `<version>${year}</version>`);
  assert.notEqual(out, xml, 'the XML has a <version> to relabel');
  return out;
}

// --- a hand-made grouper data file (protobuf written here), as in server/test/grouper/importer.test.ts ---
function varint(v: number): number[] {
  const out: number[] = [];
  do {
    let b = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) b |= 0x80;
    out.push(b);
  } while (v > 0);
  return out;
}
function msg(fields: [number, number | string | number[]][]): number[] {
  const out: number[] = [];
  for (const [no, v] of fields) {
    if (typeof v === 'number') out.push(...varint(no * 8), ...varint(v));
    else {
      const bytes = typeof v === 'string' ? [...Buffer.from(v, 'utf8')] : v;
      out.push(...varint(no * 8 + 2), ...varint(bytes.length), ...bytes);
    }
  }
  return out;
}
const entry = (key: number | string, value: number[]) =>
  msg([
    [1, key],
    [2, value],
  ]);
/** One version's worth of grouper data: J189 in MDC 4 and one formula. */
function tinyGrouperData(version: number): Uint8Array {
  const diagnoses = msg([
    [
      1,
      entry(
        'J189',
        msg([
          [
            1,
            msg([
              [1, 4],
              [2, 2],
              [3, 1],
              [6, version],
            ]),
          ],
        ]),
      ),
    ],
  ]);
  const formulas = entry(
    4,
    msg([
      [
        1,
        msg([
          [1, 195],
          [2, 4],
          [6, 193],
          [7, 'MEDICAL'],
          [9, 'PDX:pneu'],
          [
            13,
            msg([
              [1, 1],
              [2, version],
            ]),
          ],
        ]),
      ],
    ]),
  );
  return new Uint8Array(
    msg([
      [1, diagnoses],
      [8, msg([[1, formulas]])],
      [11, msg([[1, entry(1, msg([[1, 'pneu']]))]])],
    ]),
  );
}
const jarWith = (bin: Uint8Array) =>
  zipSync({ 'runtime_buffers/msdrg_combined.bin': bin, 'runtime_buffers/msdrg_combined_metadata.txt': new TextEncoder().encode('Date/time: test\n') });

test('MS-DRG versions name the release they serve', () => {
  const cases: [string, number, string][] = [
    ['400', 2023, 'FY2023'],
    ['V401', 2023, 'FY2023.1'],
    ['431', 2026, 'FY2026.1'],
    ['V440', 2027, 'FY2027'],
    ['441', 2027, 'FY2027.1'],
  ];
  for (const [v, fy, id] of cases) {
    assert.equal(msdrgVersionYear(v).fiscalYear, fy, v);
    assert.equal(releaseIdOfMsdrgVersion(v), id, v);
  }
  assert.throws(() => msdrgVersionYear('x'), /not an MS-DRG version/);
});

test('identifies the official files by their content and year', () => {
  const jar = identifyOfficialFile(DATA_JAR);
  assert.equal(jar.kind, 'msdrg-grouper');
  assert.equal(jar.year, 'FY2026');
  assert.ok(jar.kind === 'msdrg-grouper' && jar.data.versions.join() === '400,401,410,411,420,421,430,431', 'every version the jar carries');
  const xml = identifyOfficialFile(TABULAR_2021);
  assert.deepEqual([xml.kind, xml.year, xml.name], ['icd10cm-tabular', 'FY2021', 'icd10cm_tabular_2021.xml']);
  // The "table and index" zip as CDC publishes it: the XML is read from inside.
  const zip = file(
    'icd10cm-table-index-2021.zip',
    zipSync({
      'icd10cm_tabular_2021.xml': new Uint8Array(fs.readFileSync(TABULAR_2021)),
      'icd10cm_index_2021.xml': new TextEncoder().encode('<ICD10CM.index/>'),
    }),
  );
  const inZip = identifyOfficialFile(zip);
  assert.deepEqual(
    [inZip.kind, inZip.year, inZip.name, inZip.sha256],
    ['icd10cm-tabular', 'FY2021', 'icd10cm-table-index-2021.zip/icd10cm_tabular_2021.xml', xml.sha256],
  );
});

test('refuses what is not an importable official file, in one line', () => {
  const cases: [string, RegExp][] = [
    [PROGRAM_JAR, /grouper's program \(V400, .*V431\), not its data tables: import msdrg-binary-access/],
    [MCE_JAR, /Medicare Code Editor's jar/],
    [file('notes.txt', 'hello'), /not an official file ChartCoder can import/],
    [file('other.zip', zipSync({ 'a.txt': new Uint8Array([1]) })), /a zip archive ChartCoder cannot import .*members: a\.txt/],
    [file('broken.jar', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), /not a readable zip archive/],
    [file('msdrg-binary-access-9.jar', jarWith(new Uint8Array([0xff, 0xff, 0xff]))), /not a valid MS-DRG grouper data file/],
    [file('icd10cm_tabular_2022.xml', fs.readFileSync(TABULAR_2021)), /file name says 2022 but the tabular list inside is version 2021/],
    [
      file('icd10cm_tabular_2026.xml', '<?xml version="1.0"?>\n<ICD10CM.tabular><version>2026</version><chapter>\n</ICD10CM.tabular>'),
      /not a valid ICD-10-CM tabular XML: .*icd10cm_tabular_2026\.xml:\d+:/,
    ],
    [path.join(TMP, 'missing.xml'), /no such file/],
    [TMP, /a folder, not a file/],
  ];
  for (const [f, re] of cases)
    assert.match(
      refusal(() => identifyOfficialFile(f)),
      re,
      path.basename(f),
    );
});

test('the v43.1 grouper jar and the FY2021 tabular list are already installed: nothing changes', () => {
  const dir = installedCopy();
  const before = manifestBytes(dir);
  const { outcomes, installed } = importOfficialFiles({ files: [DATA_JAR, TABULAR_2021], tablesDir: dir });
  assert.equal(installed, false);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    ['identical', 'identical'],
  );
  assert.match(outcomes[0]!.message, /MS-DRG V400–V431 .* already installed \(identical grouper data, sha256 9389f140/);
  assert.match(outcomes[1]!.message, /tabular list FY2021 .* already installed/);
  assert.equal(manifestBytes(dir), before, 'the manifest is untouched');
  assert.deepEqual(leftovers(dir), []);
});

test('a newer tabular list replaces the installed one atomically, with its checksum and what it replaced in the manifest', () => {
  const dir = installedCopy();
  const zip = file('icd10cm-table-index-2022.zip', zipSync({ 'Table and Index/icd10cm_tabular_2022.xml': new TextEncoder().encode(tabularOfYear('2022')) }));
  const logs: string[] = [];
  const { outcomes, installed } = importOfficialFiles({ files: [zip], tablesDir: dir, log: (m) => logs.push(m), now: () => new Date('2026-12-05T08:00:00Z') });
  assert.equal(installed, true);
  assert.equal(outcomes[0]!.status, 'replaced');
  assert.match(outcomes[0]!.message, /tabular list FY2022 .* replaced the FY2021 tabular list \(icd10cm_tabular_2021\.xml, sha256 436905e9/);
  const store = TableStore.open(dir);
  assert.deepEqual(store.verifyAll(), [], 'every file of the new set is sound');
  const head = store.readJson<TabularHead>(TABLE_FILES.tabularHead);
  assert.deepEqual(head.source, { file: 'icd10cm-table-index-2022.zip/icd10cm_tabular_2022.xml', year: 'FY2022' });
  const rec = store.manifest.imports?.[0];
  assert.equal(rec?.file, 'icd10cm-table-index-2022.zip/icd10cm_tabular_2022.xml');
  assert.equal(rec?.year, 'FY2022');
  assert.equal(rec?.importedAt, '2026-12-05T08:00:00.000Z');
  assert.match(rec?.sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(rec?.fileSha256, createHash('sha256').update(fs.readFileSync(zip)).digest('hex'), 'the download itself is checksummed too');
  assert.notEqual(rec?.fileSha256, rec?.sha256);
  assert.ok(
    store.manifest.sources.some((s) => s.file === rec?.file && s.sha256 === rec?.sha256 && s.year === 'FY2022'),
    'the source is cited with its sha256',
  );
  assert.deepEqual(leftovers(dir), [], 'no build leftovers beside the tables');
  // The tables still load and answer, notes and search included.
  const tables = loadTables(dir);
  assert.equal(tables.lookup('K3580', '2026-01-15', 'icd10cm').kind, 'valid');
  assert.ok(tables.searchIndexBytes().length > 1_000_000, 'the search index was rebuilt from the new tabular list');
  assert.equal(tables.manifestInfo().imports?.length, 1);

  // An older year is refused (never a silent step back), and the installed set stays as it is.
  const before = manifestBytes(dir);
  assert.match(
    refusal(() => importOfficialFiles({ files: [TABULAR_2021], tablesDir: dir })),
    /tabular list of FY2021 is older than the installed one \(FY2022/,
  );
  assert.equal(manifestBytes(dir), before);
  assert.deepEqual(leftovers(dir), []);
});

test('a grouper jar with versions the installed tables lack adds them and moves the release that waited for its version', () => {
  const dir = installedCopy();
  // The installed tables as if built before v43.1 existed: the grouper data holds V430 only, and
  // FY2026.1 and FY2027 group with V430 and say so.
  const store = TableStore.open(dir);
  const w = new TableWriter(dir);
  Object.assign(w.files, store.manifest.files);
  const old = tinyGrouperData(430);
  writeMsdrgData(w, decodeGrouperData(old, { file: 'msdrg/raw/msdrg_combined.bin', sha256: 'old' }));
  const releases = store.manifest.releases.map((r) =>
    r.id === 'FY2026.1' || r.id === 'FY2027' ? { ...r, msdrgVersion: 'V430', msdrgNote: 'MS-DRG v43.0 logic — v43.1 logic not installed' } : r,
  );
  w.writeManifest({ releases, sources: store.manifest.sources, checks: store.manifest.checks });

  const { outcomes, installed } = importOfficialFiles({ files: [DATA_JAR], tablesDir: dir });
  assert.equal(installed, true);
  assert.match(outcomes[0]!.message, /replaced the MS-DRG tables V430 \(msdrg\/raw\/msdrg_combined\.bin, sha256 old…\)/);
  assert.match(outcomes[0]!.message, /FY2026\.1 now groups with V431 \(was V430: MS-DRG v43\.0 logic — v43\.1 logic not installed\)/);
  assert.match(outcomes[0]!.message, /; adds V400, V401, V410, V411, V420, V421, V431;/);
  const after = TableStore.open(dir);
  assert.deepEqual(after.verifyAll(), []);
  const rel = (id: string) => after.manifest.releases.find((r) => r.id === id)!;
  assert.deepEqual([rel('FY2026.1').msdrgVersion, rel('FY2026.1').msdrgNote], ['V431', null]);
  assert.equal(rel('FY2027').msdrgVersion, 'V430', 'FY2027 has no version of its own in this jar: it keeps its fallback and its note');
  assert.ok(rel('FY2027').msdrgNote);
  const tables = loadTables(dir);
  assert.ok(tables.grouperTables().hasVersion('V431'));
  assert.equal(tables.grouperTables().versions.join(), '400,401,410,411,420,421,430,431');
  assert.ok(after.manifest.sources.some((s) => s.file === 'msdrg-binary-access-1.5.0.jar/runtime_buffers/msdrg_combined.bin' && s.year === 'MS-DRG V400–V431'));
  assert.equal(after.manifest.imports?.[0]?.kind, 'msdrg-grouper');

  // A jar that lacks versions the installed tables have is refused (never drop a year silently).
  const before = manifestBytes(dir);
  const small = file('msdrg-binary-access-0.1.jar', jarWith(tinyGrouperData(430)));
  assert.match(
    refusal(() => importOfficialFiles({ files: [small], tablesDir: dir })),
    /lacks MS-DRG V400, V401, V410, V411, V420, V421, V431 that the installed tables have/,
  );
  assert.equal(manifestBytes(dir), before);
});

test('one refused file refuses the whole import: the installed tables stay as they were', () => {
  const dir = installedCopy();
  const before = manifestBytes(dir);
  const newer = file('icd10cm_tabular_2023.xml', tabularOfYear('2023'));
  const cases: [string[], RegExp][] = [
    [[newer, file('notes.txt', 'x')], /notes\.txt: not an official file/],
    [[newer, file('icd10cm_tabular_2024.xml', tabularOfYear('2024'))], /several files of one kind \(icd10cm-tabular\) in one import/],
    [[], /no files to import/],
  ];
  for (const [files, re] of cases)
    assert.match(
      refusal(() => importOfficialFiles({ files, tablesDir: dir })),
      re,
    );
  assert.equal(manifestBytes(dir), before);
  assert.deepEqual(leftovers(dir), []);
  // A damaged installed set is not extended.
  fs.appendFileSync(path.join(dir, 'mce', 'dx.tsv'), 'x');
  assert.match(
    refusal(() => importOfficialFiles({ files: [newer], tablesDir: dir })),
    /installed tables are damaged .*dx\.tsv/,
  );
  assert.match(
    refusal(() => importOfficialFiles({ files: [newer], tablesDir: path.join(TMP, 'nowhere') })),
    /no built code tables here.*build it first/,
  );
});

test('chartcoder tables import: exit 0 with a line per file, exit 2 with one line when refused', async () => {
  const dir = installedCopy();
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await tablesCommand.run(['import', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), cwd: TMP, isTTY: false });
    return { code, out, err };
  };
  const ok = await run(DATA_JAR, '--tables', dir);
  assert.equal(ok.code, 0);
  assert.match(ok.out.join('\n'), /already installed[\s\S]*nothing to install/);
  const json = await run(DATA_JAR, '--tables', dir, '--format', 'json');
  assert.equal(json.code, 0);
  assert.equal((JSON.parse(json.out.join('\n')) as { files: { status: string }[] }).files[0]!.status, 'identical');
  const bad = await run(PROGRAM_JAR, '--tables', dir);
  assert.equal(bad.code, 2);
  assert.equal(bad.err.length, 1);
  assert.match(bad.err[0]!, /^chartcoder tables import: .*msdrg-core-43\.1\.0\.0\.jar: the MS-DRG grouper's program/);
  assert.equal((await run('--tables', dir)).code, 2, 'no file: usage');
});

test('a POA-exempt zip: its year is checked three ways and it replaces the list of its own releases only', () => {
  const dir = installedCopy();
  const fy26zip = path.join(defaultSourcesDir(), 'history', 'POAexemptCodesFY26.zip');
  const fy26 = identifyOfficialFile(fy26zip);
  assert.equal(fy26.kind, 'poa-exempt');
  assert.ok(fy26.kind === 'poa-exempt' && fy26.codes.includes('Q8787'));
  // The FY2026 list is installed already for FY2026 and FY2026.1.
  const same = importOfficialFiles({ files: [fy26zip], tablesDir: dir });
  assert.equal(same.installed, false);
  assert.match(same.outcomes[0]!.message, /POA-exempt list FY2026 .* already installed for FY2026, FY2026\.1/);

  // A stand-in for the FY2027 list (the FY2026 one relabelled, Q87.87 no longer exempt).
  const text = Buffer.from(
    unzipSync(new Uint8Array(fs.readFileSync(fy26zip)), { filter: (f) => f.name === 'POAexemptCodesFY26.txt' })['POAexemptCodesFY26.txt']!,
  ).toString('latin1');
  const fy27Text = text
    .replace(/^Order26/, 'Order27')
    .split('\n')
    .filter((l) => !l.includes('\tQ87.87\t'))
    .join('\n');
  const zipOf = (name: string, member: string, t: string) => file(name, zipSync({ [member]: new Uint8Array(Buffer.from(t, 'latin1')) }));
  const refusals: [string, RegExp][] = [
    [zipOf('POAexemptCodesFY27.zip', 'POAexemptCodesFY27.txt', text), /header says Order26 \(FY2026\) but its name says FY27/],
    [zipOf('POAexemptCodesFY28.zip', 'POAexemptCodesFY27.txt', fy27Text), /archive's name says FY28 but it holds POAexemptCodesFY27\.txt/],
    [zipOf('POAexemptCodesFY22.zip', 'POAexemptCodesFY22.txt', text.replace(/^Order26/, 'Order22')), /no installed release of FY2022/],
  ];
  for (const [f, re] of refusals)
    assert.match(
      refusal(() => importOfficialFiles({ files: [f], tablesDir: dir })),
      re,
      path.basename(f),
    );

  const fy27 = importOfficialFiles({ files: [zipOf('POAexemptCodesFY27.zip', 'POAexemptCodesFY27.txt', fy27Text)], tablesDir: dir });
  assert.equal(fy27.installed, true);
  assert.match(fy27.outcomes[0]!.message, /replaced the POA-exempt list of FY2027 \(FY2027 used POAexemptCodesFY26\.zip\/POAexemptCodesFY26\.txt \(FY2026\): /);
  const tables = loadTables(dir);
  assert.deepEqual(tables.releaseById('FY2027')?.poaExempt, { file: 'POAexemptCodesFY27.zip/POAexemptCodesFY27.txt', year: 'FY2027', note: null });
  assert.ok(!tables.poaExemptCodes('FY2027').includes('Q8787'), 'the FY2027 list applies to FY2027');
  assert.ok(tables.poaExemptCodes('FY2026.1').includes('Q8787'), 'FY2026.1 keeps its own list');
  assert.equal(tables.poaExemptCodes('FY2027').length, fy26.kind === 'poa-exempt' ? fy26.codes.length - 1 : -1);
});

test('a conversion table: identical, older and misnamed refused, a newer one merged with its rows citing it', () => {
  const hist = (fy: number) => path.join(defaultSourcesDir(), 'history', `ICD-10-CM-Conversion-Table-FY${fy}.xlsx`);
  const dir = installedCopy();
  const same = importOfficialFiles({ files: [hist(2026)], tablesDir: dir });
  assert.equal(same.installed, false);
  assert.match(same.outcomes[0]!.message, /conversion table FY2026 \(5892 code changes\) — already installed/);
  assert.match(
    refusal(() => importOfficialFiles({ files: [hist(2025)], tablesDir: dir })),
    /conversion table of FY2025 is older than the installed FY2026 one/,
  );
  const misnamed = file('ICD-10-CM-Conversion-Table-FY2027.xlsx', fs.readFileSync(hist(2025)));
  assert.match(
    refusal(() => importOfficialFiles({ files: [misnamed], tablesDir: dir })),
    /name says FY2027 but its newest codes take effect on 2024-10-01/,
  );
  assert.match(
    refusal(() => identifyOfficialFile(file('book.xlsx', fs.readFileSync(hist(2025))))),
    /without a fiscal year in its name/,
  );

  // The installed tables as if built with the FY2025 table only: the FY2026 one adds its year's changes.
  const store = TableStore.open(dir);
  const fy25 = store.manifest.sources.findIndex((s) => s.file === 'ICD-10-CM-Conversion-Table-FY2025.xlsx');
  assert.ok(fy25 >= 0);
  const rows = store
    .readJson<{ current: string; effective: string; source: number }[]>(TABLE_FILES.conversions)
    .filter((r) => r.effective < '2025-10-01')
    .map((r) => ({ ...r, source: fy25 }));
  const w = new TableWriter(dir);
  Object.assign(w.files, store.manifest.files);
  w.write(TABLE_FILES.conversions, JSON.stringify(rows));
  w.writeManifest({ releases: store.manifest.releases, sources: store.manifest.sources, checks: store.manifest.checks });
  assert.equal(loadTables(dir).codeHistory('T78110A', 'icd10cm')?.replaces?.length ?? 0, 0, 'before: the FY2026 expansion of T78.1XXA is unknown');

  const { outcomes, installed } = importOfficialFiles({ files: [hist(2026)], tablesDir: dir });
  assert.equal(installed, true);
  assert.match(outcomes[0]!.message, /\d+ code changes added to the \d+ installed \(newest table FY2025: ICD-10-CM-Conversion-Table-FY2025\.xlsx\)/);
  const after = TableStore.open(dir);
  assert.deepEqual(after.verifyAll(), []);
  const cited = after.manifest.sources.length - 1;
  assert.equal(after.manifest.sources[cited]!.file, 'ICD-10-CM-Conversion-Table-FY2026.xlsx');
  const merged = after.readJson<{ current: string; effective: string; source: number }[]>(TABLE_FILES.conversions);
  assert.ok(
    merged.some((r) => r.current === 'T78110A' && r.effective === '2025-10-01' && r.source === cited),
    'the FY2026 rows are in, citing the imported file',
  );
  assert.equal(
    loadTables(dir)
      .codeHistory('T781XXA', 'icd10cm')
      ?.replacedBy.some((c) => c.codes.includes('T78110A')),
    true,
    'T78.1XXA is named with its replacement',
  );
});

test('a failure while writing leaves the installed tables as they were, and no leftovers', () => {
  const dir = installedCopy();
  const before = manifestBytes(dir);
  const newer = file('icd10cm_tabular_2022.xml', tabularOfYear('2022'));
  // The log line before the search index is rebuilt, made to fail: the copy is half-written then.
  const log = (m: string) => {
    if (m.startsWith('Search index')) throw new Error('disk full (simulated)');
  };
  assert.throws(() => importOfficialFiles({ files: [newer], tablesDir: dir, log }), /disk full \(simulated\)/);
  assert.equal(manifestBytes(dir), before);
  assert.deepEqual(TableStore.open(dir).verifyAll(), []);
  assert.equal(TableStore.open(dir).readJson<TabularHead>(TABLE_FILES.tabularHead).source.year, 'FY2021');
  assert.deepEqual(leftovers(dir), []);
});
