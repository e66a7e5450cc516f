// The table format (server/src/tables/format.ts) on a tiny build written through the TableWriter,
// without ../shared: every loader (code lists, lazily read tables, grouper, Code Editor, search
// index) reads through the one verified store, so one flipped byte in any file is refused with a
// message naming that file; a build of another format or without a manifest is refused too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLE_FILES, TABLE_FORMAT, TableStore, TableWriter, type ManifestRelease } from '../../src/tables/format';
import { loadTables } from '../../src/tables/load';
import { encodeCodeList } from '../../src/tables/codeList';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { loadMceTables } from '../../src/mce/tables';
import { MSDRG_LINE_TABLES } from '../../src/grouper/format';
import { buildSearchIndex, encodeSearchIndex } from '../../src/search/searchIndex';
import { SearchEngine } from '../../src/search/engine';

const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-format-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

const RELEASE: ManifestRelease = {
  id: 'R1',
  label: 'Test release',
  start: '2025-10-01',
  end: null,
  msdrgVersion: 'V430',
  msdrgNote: null,
  years: { icd10cm: 'T', icd10pcs: 'T', hcpcs: 'T', weights: 'T' },
};

/** A whole build of one release and a handful of codes, each file written through the TableWriter. */
function tinyBuild(dir: string): void {
  const out = new TableWriter(dir);
  const row = (code: string, billable: number, title: string) => ({ code, valid: 1, billable, short: null, titles: [title], sources: [0] });
  out.write(TABLE_FILES.codes.icd10cm, encodeCodeList([row('I50', 0, 'Heart failure'), row('I509', 1, 'Heart failure, unspecified')], 1));
  out.write(TABLE_FILES.codes.icd10pcs, encodeCodeList([row('0FT44ZZ', 1, 'Resection of Gallbladder, Percutaneous Endoscopic Approach')], 1));
  out.write(TABLE_FILES.codes.hcpcs, encodeCodeList([row('E0100', 1, 'Cane, includes canes of all materials')], 1));
  out.write(
    TABLE_FILES.tabularHead,
    JSON.stringify({
      source: { file: 'tabular.xml', year: 'T' },
      chapters: [{ num: '9', title: 'Circulatory' }],
      sections: { 'I30-I52': { title: 'Other forms of heart disease', chapter: '9', notes: {} } },
      chapterNotes: {},
    }),
  );
  out.write(
    TABLE_FILES.tabularNodes,
    'I50\t{"parent":null,"section":"I30-I52","title":"Heart failure","notes":{"excludes2":["cardiac arrest (I46.-)"]}}\nI509\t{"parent":"I50","section":"I30-I52","title":"Heart failure, unspecified","notes":{}}\n',
  );
  out.write(TABLE_FILES.poaExempt, '');
  out.write(TABLE_FILES.drg, JSON.stringify({}));
  out.write(
    TABLE_FILES.msdrg.meta,
    JSON.stringify({
      source: { file: 'msdrg.bin', sha256: '' },
      versions: ['430'],
      dxPatterns: {},
      prPatterns: {},
      genderMdc: {},
      formulas: [],
      hacFormulas: [],
      descriptions: { drg: {}, mdc: {}, baseDrg: {}, hac: {} },
    }),
  );
  for (const name of MSDRG_LINE_TABLES) out.write(TABLE_FILES.msdrg.table(name), name === 'dx' ? 'I509\t[[1,5,2,0,0,0]]\n' : '');
  out.write(
    TABLE_FILES.mce.meta,
    JSON.stringify({ version: null, validFrom: '19851001', terminationDate: null, ageGroups: [], dischargeStatuses: [], sources: [] }),
  );
  out.write(TABLE_FILES.mce.dx, 'I509\t20151001\t\t\n');
  out.write(TABLE_FILES.mce.pr, '');
  out.writeManifest({ releases: [RELEASE], sources: [{ file: 'codes.txt', year: 'T', sha256: '' }] });
  out.write(TABLE_FILES.searchIndex, encodeSearchIndex(buildSearchIndex(loadTables(dir))));
  out.writeManifest({ releases: [RELEASE], sources: [{ file: 'codes.txt', year: 'T', sha256: '' }] });
}

const GOOD = join(TMP, 'good');
tinyBuild(GOOD);

/** Every way the runtime reads a file of a build, by the file it reads. */
const READERS: Record<string, (dir: string) => unknown> = {
  [TABLE_FILES.codes.icd10cm]: (dir) => loadTables(dir),
  [TABLE_FILES.tabularHead]: (dir) => loadTables(dir).lookup('I50.9', '2026-01-01'),
  [TABLE_FILES.tabularNodes]: (dir) => loadTables(dir).lookup('I50.9', '2026-01-01'),
  [TABLE_FILES.drg]: (dir) => loadTables(dir).drgInfo('291', 'R1'),
  [TABLE_FILES.poaExempt]: (dir) =>
    loadTables(dir)
      .warmUpSteps()
      .find((s) => s.name === 'POA-exempt list')!
      .run(),
  [TABLE_FILES.msdrg.meta]: (dir) => loadMsdrgTables(dir),
  [TABLE_FILES.msdrg.table('dx')]: (dir) => loadMsdrgTables(dir),
  [TABLE_FILES.mce.dx]: (dir) => loadMceTables(dir),
  [TABLE_FILES.searchIndex]: (dir) => new SearchEngine(loadTables(dir)),
};

test('a build written through the TableWriter loads in every reader, and the search finds its codes', () => {
  for (const read of Object.values(READERS)) read(GOOD);
  assert.deepEqual(
    new SearchEngine(loadTables(GOOD)).search('gallbladder resection').map((r) => r.code),
    ['0FT44ZZ'],
  );
  assert.equal(loadMceTables(GOOD).isValidDx('I50.9', '2026-01-01'), true);
  const hf = loadTables(GOOD).lookup('I50.9', '2026-01-01');
  assert.ok(hf.kind === 'valid' && hf.entry.notes?.some((n) => n.kind === 'excludes2' && n.from === 'I50'), 'notes inherited from the tabular nodes');
});

for (const [name, read] of Object.entries(READERS)) {
  test(`one flipped byte in ${name} is refused, naming the file`, () => {
    const dir = join(TMP, `flip-${name.replace(/\W/g, '_')}`);
    cpSync(GOOD, dir, { recursive: true });
    const stored = TableStore.open(dir).pathOf(name);
    const bytes = readFileSync(stored);
    bytes[bytes.length >> 1] ^= 0x20;
    writeFileSync(stored, bytes);
    assert.throws(
      () => read(dir),
      (e: Error) => e.message.startsWith(stored) && /damaged/.test(e.message),
    );
  });
}

test('a build of another format, or without a manifest, is refused with what to do', () => {
  const dir = join(TMP, 'old');
  cpSync(GOOD, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, TABLE_FILES.manifest), 'utf8'));
  writeFileSync(join(dir, TABLE_FILES.manifest), JSON.stringify({ ...manifest, format: TABLE_FORMAT - 1 }));
  for (const read of [loadTables, loadMsdrgTables, loadMceTables]) assert.throws(() => read(dir), /table format \d+ is not supported.*rebuild the tables/);
  assert.throws(() => TableStore.open(join(TMP, 'nothing')), /nothing[/\\]manifest\.json: no built code tables here/);
});

test('a file the manifest does not list is never read', () => {
  const store = TableStore.open(GOOD);
  assert.throws(() => store.read('msdrg/extra.tsv'), /extra\.tsv: not listed in the manifest/);
  assert.equal(store.has(TABLE_FILES.tabularNodes), true, 'a gzipped file is found by its plain name');
});
