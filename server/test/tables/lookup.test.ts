// The built tables (from ../shared/code-sets): counts from the sources' README, release selection
// at every boundary, spot facts verified in the source files, note and 7th-character inheritance,
// provenance, and a damaged table refused with a message naming the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { describeCodeMarkdown } from '../../src/tables/describe';
import { openCmsArchive } from '../../../tables/importers/cmsArchive';
import { defaultSourcesDir } from '../../../tables/build';

const tables = loadTables(defaultTablesDir());
const entry = (code: string, date: string) => {
  const r = tables.lookup(code, date);
  assert.equal(r.kind, 'valid', `${code} on ${date}: ${JSON.stringify(r).slice(0, 200)}`);
  if (r.kind !== 'valid') throw new Error('unreachable');
  return r.entry;
};

test('counts match the sources README (billable CM, PCS, HCPCS per release)', () => {
  const count = (system: string, release: string) => tables.counts().find((c) => c.system === system && c.release === release)!;
  assert.equal(count('icd10cm', 'FY2026').billable, 74_719);
  assert.equal(count('icd10pcs', 'FY2026').valid, 79_115);
  assert.equal(count('icd10pcs', 'FY2026.1').valid, 79_193); // the MCE v43.1 PCS code set on 2026-04-01
  assert.equal(count('icd10cm', 'FY2027').billable, 74_879);
  assert.equal(count('icd10pcs', 'FY2027').valid, 79_256);
  assert.equal(count('hcpcs', 'FY2026').valid, 9_006);
});

test('release selection at the boundaries', () => {
  const id = (d: string) => {
    const c = tables.releaseFor(d);
    return c.kind === 'none' ? 'none' : `${c.release.id}${c.kind === 'beyond-newest' ? '!' : ''}`;
  };
  assert.equal(id('2022-09-30'), 'none');
  assert.equal(id('2022-10-01'), 'FY2023');
  assert.equal(id('2023-03-31'), 'FY2023');
  assert.equal(id('2023-04-01'), 'FY2023.1');
  assert.equal(id('2023-10-01'), 'FY2024');
  assert.equal(id('2024-04-01'), 'FY2024.1');
  assert.equal(id('2024-10-01'), 'FY2025');
  assert.equal(id('2025-04-01'), 'FY2025.1');
  assert.equal(id('2025-09-30'), 'FY2025.1');
  assert.equal(id('2025-10-01'), 'FY2026');
  assert.equal(id('2026-03-31'), 'FY2026');
  assert.equal(id('2026-04-01'), 'FY2026.1');
  assert.equal(id('2026-09-30'), 'FY2026.1');
  assert.equal(id('2026-10-01'), 'FY2027');
  assert.equal(id('2027-09-30'), 'FY2027');
  assert.equal(id('2027-10-01'), 'FY2027!');
  const beyond = tables.releaseFor('2027-10-01');
  assert.match(beyond.kind === 'beyond-newest' ? beyond.message : '', /after the newest installed release \(FY2027/);
  const none = tables.releaseFor('2022-09-30');
  assert.match(none.kind === 'none' ? none.message : '', /No code-table release covers 2022-09-30/);
});

test('a code added in FY2027 (C78.31): not on 2026-09-30, valid on 2026-10-01 — not the same as unknown', () => {
  const before = tables.lookup('C78.31', '2026-09-30');
  assert.equal(before.kind, 'not-on-date');
  assert.deepEqual(before.kind === 'not-on-date' ? before.releases : [], ['FY2027']);
  assert.equal(entry('C78.31', '2026-10-01').title, 'Secondary malignant neoplasm of larynx');
  assert.equal(tables.lookup('C78.39X', '2026-10-01').kind, 'unknown');
});

test('a code that became a header in FY2027 (D69.1)', () => {
  assert.equal(entry('D69.1', '2026-09-30').billable, true);
  const header = entry('D69.1', '2026-10-01');
  assert.equal(header.billable, false);
  assert.deepEqual(header.children, ['D6911', 'D6919']);
});

test('a revised title (L02.232) follows the date', () => {
  assert.equal(entry('L02.232', '2026-09-30').title, 'Carbuncle of back [any part, except buttock]');
  assert.equal(entry('L02.232', '2026-10-01').title, 'Carbuncle of back [any part, except buttock and flank]');
  assert.match(entry('L02.232', '2026-10-01').titleSource!.year, /FY2027/);
});

test('MS-DRG facts (v43.0): N18.4 is a CC, J96.01 an MCC; I50.22 is CC-excluded by PDX I50.23', () => {
  assert.equal(entry('N18.4', '2026-03-06').msdrg?.severity, 'CC');
  assert.equal(entry('J96.01', '2026-03-06').msdrg?.severity, 'MCC');
  assert.equal(entry('J96.01', '2026-03-06').msdrg?.version, 'V430');
  assert.equal(entry('J96.01', '2026-04-06').msdrg?.version, 'V431');
  assert.ok(tables.grouperTables().ccExclusionOf('I50.22', 'I50.23', 'V430'));
  assert.equal(tables.grouperTables().ccExclusionOf('N18.4', 'I50.23', 'V430'), null);
  assert.equal(entry('0SRR0J9', '2026-01-19').procedure?.isOR, true);
  assert.equal(entry('3E0234Z', '2026-01-19').procedure?.isOR, false);
});

test("one MS-DRG fact source: a lookup's CC/MCC, MDC, HAC and O.R. facts are the grouper's own, cited as such", () => {
  const grouper = tables.grouperTables();
  for (const [code, date, version] of [
    ['I50.33', '2026-03-06', '430'],
    ['L89.154', '2026-03-06', '430'],
    ['N18.4', '2026-04-06', '431'],
    ['E87.1', '2026-03-06', '430'],
  ] as const) {
    const e = entry(code, date);
    const info = grouper.dxInfo(code, version)!;
    assert.equal(e.msdrg?.severity, info.severity, code);
    assert.equal(Number(e.msdrg?.mdc), info.mdc, code);
    assert.deepEqual(
      e.msdrg?.hacs.map((h) => h.number),
      info.hacs.map(Number),
      code,
    );
    assert.deepEqual(e.msdrg?.ccExclusionGroups, info.ccExclusionGroups.map(String), code);
    assert.deepEqual(e.msdrg?.source, grouper.source(version));
  }
  assert.deepEqual(
    entry('L89.154', '2026-03-06').msdrg?.hacs.map((h) => h.number),
    [4],
    'a stage 4 pressure ulcer is HAC 04',
  );
  const hip = entry('0SRR0J9', '2026-01-19');
  assert.equal(hip.procedure?.isOR, grouper.prInfo('0SRR0J9', '430')!.isOR);
  assert.equal(hip.procedure?.source.file, 'msdrg/raw/msdrg_combined.bin');
});

test('FY2027 codes the v43.1 logic does not know say so, not invalid', () => {
  const e = entry('C78.31', '2026-10-01');
  assert.equal(e.msdrg, null);
  assert.match(e.msdrgMissing ?? '', /not in the MS-DRG v43\.1 tables \(MS-DRG v43\.1 logic — v44 logic not installed\)/);
});

test('notes and 7th characters are inherited from the category, with their source', () => {
  const fx = entry('S72.031A', '2026-01-22');
  assert.equal(fx.seventhCharacter?.from, 'S72');
  assert.equal(fx.seventhCharacter?.values.A, 'initial encounter for closed fracture');
  assert.ok(fx.notes!.some((n) => n.kind === 'excludes1' && n.from === 'S72' && /traumatic amputation/.test(n.text)));
  assert.equal(fx.notes![0].source.file, 'icd10cm_tabular_2021.xml');
  assert.equal(fx.notes![0].source.year, 'FY2021');
  const hf = entry('I50.33', '2026-03-06');
  assert.ok(hf.notes!.some((n) => n.kind === 'excludes1' && n.from === 'I50.3'));
  assert.ok(hf.notes!.some((n) => n.kind === 'codeFirst' && n.from === 'I50' && /I13/.test(n.text)));
  const w01 = entry('W01.0XXA', '2026-01-22');
  assert.equal(w01.placeholder, true);
});

test('a FY2026 code absent from the FY2021 tabular says so instead of inventing notes', () => {
  const e = entry('QA00101', '2026-01-01');
  assert.match(e.notesMissing ?? '', /not in the FY2021 tabular list|notes shown are those of/);
});

test('a header newer than the FY2021 order file takes its title from the order file of its year', () => {
  // F01.A (FY2023): the CMS order file of each year titles it; the FY2021 one does not have it.
  const order = openCmsArchive(join(defaultSourcesDir(), 'history', 'cms_2026_dx.zip')).read('icd10cm_order_2026.txt');
  const row = order.text.split(/\r?\n/).find((l) => l.slice(6, 13).trim() === 'F01A')!;
  const e = entry('F01A', '2026-01-01');
  assert.equal(e.billable, false);
  assert.equal(e.title, row.slice(77).trim());
  assert.equal(e.titleSource?.file, 'cms_2026_dx.zip/icd10cm_order_2026.txt');
});

test('hover text names the title, CC/MCC, notes and the sources with their years', () => {
  const md = describeCodeMarkdown(tables.lookup('N18.4', '2026-03-06'));
  assert.match(md, /\*\*N18\.4\*\* Chronic kidney disease, stage 4 \(severe\)/);
  assert.match(md, /billable · CC/);
  assert.match(md, /icd10cm_codes_2026\.txt \(FY2026\)/);
  assert.match(md, /icd10cm_tabular_2021\.xml \(FY2021\)/);
});

test('DRG weights and payment rates per release, with their source', () => {
  const fy26 = tables.drgInfo('291', 'FY2026')!;
  assert.equal(fy26.weight, 1.2838);
  assert.equal(fy26.title, 'Heart Failure and Shock with MCC');
  assert.equal(fy26.source.file, 'drgstable-2026.csv');
  assert.equal(tables.drgInfo('291', 'FY2027')!.source.file, 'fy2027_msdrg_v44_weights.tsv');
  assert.equal(tables.drgInfo('210', 'FY2026'), null, 'DRG 210 is new in v44');
  assert.ok(tables.drgInfo('210', 'FY2027'));
  assert.equal(tables.paymentRates('FY2026')!.standardizedAmount, 6752.61);
  assert.equal(tables.paymentRates('FY2027')!.standardizedAmount, 6848.98);
});

test('a damaged or missing table file is refused with a message naming it', () => {
  const copy = mkdtempSync(join(tmpdir(), 'chartcoder-damaged-'));
  cpSync(defaultTablesDir(), copy, { recursive: true });
  writeFileSync(join(copy, 'codes-hcpcs.bin'), 'J0171\t7\t7\t\tInjection\t0');
  assert.throws(() => loadTables(copy), /codes-hcpcs\.bin: damaged \(size or checksum differs from the manifest\)/);
  const empty = mkdtempSync(join(tmpdir(), 'chartcoder-none-'));
  assert.throws(() => loadTables(empty), /manifest\.json: no built code tables here/);
  mkdirSync(join(empty, 'x'));
  writeFileSync(join(empty, 'manifest.json'), '{"format": 1,');
  assert.throws(() => loadTables(empty), /manifest\.json: not valid JSON/);
});
