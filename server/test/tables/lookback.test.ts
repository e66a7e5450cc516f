// The look-back releases (FY2023 → FY2025.1) against the official files they are built from, read
// here straight from the archives in ../shared/code-sets/history: every billable code of each
// year's codes file (where the MCE's validity dates agree), header titles from each year's order
// file, each year's POA-exempt list (never a union), each year's Pricer weights and national rate,
// and deleted codes named with their replacements from the CDC conversion tables. Expectations
// are read from the source files; nothing here is a hard-coded product answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { loadTables } from '../../src/tables/load';
import { openCmsArchive } from '../../../tables/importers/cmsArchive';
import { readConversionTable } from '../../../tables/importers/conversion';
import { defaultSourcesDir } from '../../../tables/build';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { LanguageService, chartInput } from '../../src/service/languageService';
import { dottedCm } from '../../src/base/codes';

const tables = loadTables();
const sources = defaultSourcesDir();
const history = (f: string) => join(sources, 'history', f);
const ctx: ServiceContext = { tables, grouper: tables.grouperTables(), mce: tables.mceTables(), settings: DEFAULT_SETTINGS };

/** The MCE's validity (code → [start, end] ranges, YYYYMMDD) of a master file. */
function mceValidity(file: string): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const line of readFileSync(join(sources, 'mce', file), 'utf8')
    .split('\n')
    .slice(1)) {
    const [code, , start, end] = line.split('\t');
    if (!code) continue;
    out.set(code, [...(out.get(code) ?? []), [start, end || '99999999']]);
  }
  return out;
}
const mceDx = mceValidity('mce_i10dx_master.tsv');
const mcePr = mceValidity('mce_i10sg_master.tsv');
const validOn = (m: Map<string, [string, string][]>, code: string, date: string) =>
  (m.get(code) ?? []).some(([s, e]) => s <= date.replace(/-/g, '') && e >= date.replace(/-/g, ''));

const member = (zip: string, name: string) =>
  openCmsArchive(history(zip))
    .read(name)
    .text.split(/\r?\n/)
    .filter((l) => l.trim());

// Every release built from a year's files, by its first day: the year's archives and the MCE date it holds on.
const RELEASES = [
  { id: 'FY2023', date: '2022-10-01', fy: 2023 },
  { id: 'FY2023.1', date: '2023-04-01', fy: 2023 },
  { id: 'FY2024', date: '2023-10-01', fy: 2024 },
  { id: 'FY2024.1', date: '2024-04-01', fy: 2024 },
  { id: 'FY2025', date: '2024-10-01', fy: 2025 },
  { id: 'FY2025.1', date: '2025-04-01', fy: 2025 },
];

for (const r of RELEASES) {
  test(`${r.id}: every code of the FY${r.fy} ICD-10-CM codes file valid on ${r.date} (MCE) is billable with the file's title`, () => {
    const choice = tables.releaseFor(r.date);
    assert.equal(choice.kind === 'ok' && choice.release.id, r.id);
    let checked = 0;
    for (const line of member(`cms_${r.fy}_dx.zip`, `icd10cm_codes_${r.fy}.txt`)) {
      const code = line.slice(0, 7).trim();
      const status = tables.status(code, 'icd10cm', r.id);
      if (!validOn(mceDx, code, r.date)) {
        assert.equal(status.valid, false, `${code} is not valid on ${r.date} by the MCE but is in ${r.id}`);
        continue;
      }
      assert.ok(status.billable, `${code} (FY${r.fy} codes file) is not billable in ${r.id}`);
      // Titles: every 251st code in full (a lookup builds the whole entry).
      if (checked++ % 251 === 0) {
        const l = tables.lookup(code, r.date, 'icd10cm');
        assert.equal(l.kind === 'valid' && l.entry.title, line.slice(8).trim(), code);
      }
    }
    assert.ok(checked > 73_000, `${checked} codes checked`);
  });

  test(`${r.id}: the FY${r.fy} ICD-10-PCS order file's codes valid on ${r.date} (MCE) are the release's`, () => {
    let n = 0;
    for (const line of member(`cms_${r.fy}_pr.zip`, `icd10pcs_order_${r.fy}.txt`)) {
      if (line[14] !== '1') continue;
      const code = line.slice(6, 13).trim();
      assert.equal(tables.status(code, 'icd10pcs', r.id).valid, validOn(mcePr, code, r.date), `${code} in ${r.id}`);
      n++;
    }
    assert.ok(n > 78_000);
  });
}

test('header titles come from the order file of the release year (every 97th header of each year)', () => {
  for (const r of RELEASES.filter((x) => !x.id.includes('.'))) {
    // Placeholder stems ("T49.2X") are not headers here: a code is the stem plus its 7th character.
    const rows = member(`cms_${r.fy}_dx.zip`, `icd10cm_order_${r.fy}.txt`).filter((l) => l[14] === '0' && !l.slice(6, 13).trim().endsWith('X'));
    for (let i = 0; i < rows.length; i += 97) {
      const code = rows[i].slice(6, 13).trim();
      const l = tables.lookup(code, r.date, 'icd10cm');
      assert.equal(l.kind, 'valid', `${code} on ${r.date}`);
      if (l.kind !== 'valid') continue;
      assert.equal(l.entry.billable, false, code);
      assert.equal(l.entry.title, rows[i].slice(77).trim(), `${code} in ${r.id}`);
    }
  }
});

test('POA exemption is the discharge year’s own CDC list, never a union (adds and deletes of each year)', () => {
  const list = (fy: number, kind: '' | 'Add' | 'Delete') => {
    const yy = String(fy).slice(2);
    const rows = member(`POAexemptCodesFY${yy}.zip`, `POAexempt${kind}CodesFY${yy}.txt`).slice(1);
    return rows.map((l) => l.split('\t')[kind === 'Delete' ? 0 : 1].replace('.', '').trim()).filter(Boolean);
  };
  const exempt = (code: string, date: string) => {
    const l = tables.lookup(code, date, 'icd10cm');
    return l.kind === 'valid' ? l.entry.poaExempt : null;
  };
  for (const [fy, date] of [
    [2023, '2022-10-15'],
    [2024, '2023-10-15'],
    [2025, '2024-10-15'],
    [2026, '2025-10-15'],
  ] as const) {
    const all = list(fy, '');
    for (let i = 0; i < all.length; i += 37)
      if (tables.status(all[i], 'icd10cm', idOf(date)).valid) assert.equal(exempt(all[i], date), true, `${all[i]} FY${fy}`);
    if (fy === 2023) continue;
    const prevDate = `${fy - 2}-10-15`;
    // Codes the year's list adds: exempt in that year; not in the year before when that list lacked them.
    const before = new Set(list(fy - 1, ''));
    for (const code of list(fy, 'Add')) {
      assert.equal(exempt(code, date), true, `${code} added FY${fy}`);
      if (!before.has(code) && exempt(code, prevDate) !== null) assert.equal(exempt(code, prevDate), false, `${code} before FY${fy}`);
    }
    // Codes the year's list deletes: no longer exempt in that year (where they are still codes).
    for (const code of list(fy, 'Delete')) {
      const now = exempt(code, date);
      if (now !== null && !all.includes(code)) assert.equal(now, false, `${code} deleted FY${fy}`);
    }
  }
  const fy2027 = tables.lookup('Q87.87', '2026-11-01', 'icd10cm');
  assert.ok(fy2027.kind === 'valid' && fy2027.entry.poaSource?.year === 'FY2026' && /FY2026 list applies/.test(fy2027.entry.poaNote ?? ''));
});

test('weights, GMLOS and the national rate of every year come from that year’s Pricer files', () => {
  for (const [id, fy] of [
    ['FY2023', 2023],
    ['FY2023.1', 2023],
    ['FY2024', 2024],
    ['FY2025.1', 2025],
    ['FY2026', 2026],
  ] as const) {
    const rows = readFileSync(join(sources, 'ipps', `drgstable-${fy}.csv`), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter(Boolean);
    for (const row of rows) {
      const [drg, , weight, gmlos] = row.split(',');
      const info = tables.drgInfo(drg.padStart(3, '0'), id);
      assert.equal(info?.weight, Number(weight), `DRG ${drg} ${id}`);
      if (gmlos) assert.equal(info?.gmlos, Number(gmlos), `DRG ${drg} ${id}`);
    }
    if (fy === 2026) continue;
    const tab1 = readFileSync(join(sources, 'ipps', `ratex-${fy}.csv`), 'utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith('tab1,nat,1,'))!
      .split(',');
    const rates = tables.paymentRates(id)!;
    assert.equal(rates.labor, Number(tab1[3]));
    assert.equal(rates.nonLabor, Number(tab1[4]));
  }
});

// Deleted codes: the codes of each year's file missing from the next year's, as the conversion table names their replacements.
const conversion = readConversionTable(history('ICD-10-CM-Conversion-Table-FY2026.xlsx')).rows;
for (const [fy, next] of [
  [2023, 2024],
  [2024, 2025],
  [2025, 2026],
] as const) {
  test(`codes deleted on ${fy}-10-01: code.not-on-date names the last valid day and the conversion table's replacements`, () => {
    const nextCodes = new Set(member(`cms_${next}_dx.zip`, `icd10cm_codes_${next}.txt`).map((l) => l.slice(0, 7).trim()));
    const deleted = member(`cms_${fy}_dx.zip`, `icd10cm_codes_${fy}.txt`)
      .map((l) => l.slice(0, 7).trim())
      .filter((c) => !nextCodes.has(c) && validOn(mceDx, c, `${fy}-09-30`));
    assert.ok(deleted.length > 5, `${deleted.length} deleted`);
    const date = `${fy}-12-01`;
    for (const code of deleted.slice(0, 40)) {
      const replacements = conversion.filter((r) => r.effective === `${fy}-10-01` && r.previous.includes(code)).map((r) => r.current);
      const findings = computeFindings(parseChart(chartWith(code, date)), ctx).filter((f) => f.rule.startsWith('code.'));
      assert.equal(findings.length, 1, `${code}: ${findings.map((f) => f.message).join(' | ')}`);
      const f = findings[0];
      const header = tables.status(code, 'icd10cm', idOf(date));
      if (header.valid) {
        // Became a header: not-billable, with its subcodes, and until when it was billable.
        assert.equal(f.rule, 'code.not-billable', `${code}: ${f.message}`);
        assert.match(f.message, new RegExp(`it was billable until ${fy}-09-30`), f.message);
        continue;
      }
      assert.equal(f.rule, 'code.not-on-date', `${code}: ${f.message}`);
      assert.match(f.message, new RegExp(`${dottedCm(code).replace('.', '\\.')} was valid until ${fy}-09-30`));
      if (replacements.length) {
        assert.match(f.message, new RegExp(`on ${fy}-10-01`), f.message);
        const fix = (f.data as { candidates?: { code: string }[] } | undefined)?.candidates ?? [];
        assert.ok(fix.length > 0, `${code}: no quick fix`);
        for (const c of fix) assert.ok(replacements.includes(c.code), `${code}: quick fix ${c.code} is not a replacement in the conversion table`);
      }
    }
  });
}

test('the quick fixes to a deleted code put first the replacement whose title fits the documentation', () => {
  // Codes expanded on 2025-10-01 into several replacements (conversion table): the documentation worded
  // as one replacement's title brings it to the front, whatever its place in code order.
  const expanded = new Map<string, string[]>();
  for (const r of conversion.filter((x) => x.effective === '2025-10-01')) for (const p of r.previous) expanded.set(p, [...(expanded.get(p) ?? []), r.current]);
  let tried = 0;
  for (const [old, news] of expanded) {
    if (news.length < 3 || tables.status(old, 'icd10cm', 'FY2025.1').billable !== true || tables.status(old, 'icd10cm', 'FY2026').valid) continue;
    const target = news[news.length - 1];
    const title = tables.lookup(target, '2025-12-01', 'icd10cm');
    if (title.kind !== 'valid' || !title.entry.title) continue;
    const text = chartWith(old, '2025-12-01').replace('[finding]', `[${title.entry.title}]`);
    const f = computeFindings(parseChart(text), ctx).find((x) => x.rule === 'code.not-on-date');
    const first = (f?.data as { candidates?: { code: string; title: string | null }[] } | undefined)?.candidates?.[0];
    assert.ok(first, `${old}: ${f?.message}`);
    // The first candidate fits at least as well as the target (titles can share every word).
    assert.ok(first.code === target || first.title === title.entry.title || news.includes(first.code), `${old}: ${first.code} before ${target}`);
    if (first.code === target) tried++;
    if (tried >= 5) break;
  }
  assert.ok(tried >= 3, `${tried} deleted codes whose fitting replacement came first`);
});

test('a code used before it existed says from when it is valid, and what was coded before', () => {
  // Codes that took effect on a release start inside the installed range, per the conversion table.
  for (const start of ['2023-04-01', '2023-10-01', '2024-10-01', '2025-10-01']) {
    const rows = conversion.filter((r) => r.effective === start && tables.status(r.current, 'icd10cm', idOf(start)).billable).slice(0, 5);
    assert.ok(rows.length > 0, start);
    for (const row of rows) {
      const f = computeFindings(parseChart(chartWith(row.current, dayBefore(start))), ctx).find((x) => x.rule === 'code.not-on-date');
      assert.ok(f, `${row.current} before ${start}`);
      assert.match(f.message, new RegExp(`is valid from ${start}`), f.message);
    }
  }
});

test('a chart discharged in 2023 is checked, grouped with MS-DRG v40 and priced with FY2023 weights', () => {
  const text = `---
encounter: 2023-000001
age: 70
sex: M
admitted: 2023-01-10
discharged: 2023-01-14
disposition: 01
---

# Assessment and Plan
1. [Acute on chronic hypoxic respiratory failure]{dx=J96.21 poa=Y}
2. [COPD with acute exacerbation]{dx=J44.1 poa=Y}
3. [Reaction to baked milk]{dx=T78.110A}

\`\`\`abstract
PDX  J96.21  Y
SDX  J44.1  Y
\`\`\`
`;
  const service = new LanguageService(ctx);
  const lens = service.codeLenses(chartInput('chart', text)).map((l) => l.title);
  const [drgLens] = lens;
  const m = /MS-DRG (\d{3}) .*RW ([\d.]+) · GMLOS ([\d.]+) · est\. \$([\d,]+)/.exec(drgLens);
  assert.ok(m, lens.join(' | '));
  assert.ok(
    lens.some((l) => /v40\.0/.test(l)),
    lens.join(' | '),
  );
  const info = tables.drgInfo(m[1], 'FY2023')!;
  const pricer = readFileSync(join(sources, 'ipps', 'drgstable-2023.csv'), 'utf8')
    .split(/\r?\n/)
    .find((l) => l.startsWith(`${m[1]},`))!
    .split(',');
  assert.equal(Number(m[2]), Number(pricer[2]));
  assert.equal(info.source.file, 'drgstable-2023.csv');
  const rate = tables.paymentRates('FY2023')!.standardizedAmount;
  assert.equal(Number(m[4].replace(/,/g, '')), Math.round(Number(pricer[2]) * rate));
  // Checked: a code not yet valid in January 2023 is a finding (not silence, not chart.release).
  const findings = computeFindings(parseChart(text), ctx);
  assert.ok(!findings.some((f) => f.rule === 'chart.release'), findings.map((f) => f.rule).join(', '));
  assert.match(findings.find((f) => f.rule === 'code.not-on-date')?.message ?? '', /T78\.110A is valid from 2025-10-01/);
});

function chartWith(code: string, discharged: string): string {
  return `---\nencounter: T-1\nage: 50\nsex: F\nadmitted: ${discharged}\ndischarged: ${discharged}\ndisposition: 01\n---\n\n# Assessment\n[finding]{dx=${dottedCm(code)}}\n`;
}

function idOf(date: string): string {
  const c = tables.releaseFor(date);
  return c.kind === 'none' ? '' : c.release.id;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

test('tables diff across October 1: removed codes with their replacements, and the POA-exempt changes of the new list', async () => {
  const { tablesCommand } = await import('../../src/cli/commands/tables');
  const run = async (args: string[]) => {
    const out: string[] = [];
    const code = await tablesCommand.run(args, { out: (t) => out.push(t), err: () => {}, cwd: process.cwd(), isTTY: false });
    assert.equal(code, 0);
    return out.join('\n');
  };
  const diff = JSON.parse(await run(['diff', '2025-09-30', '2025-10-01', '--format', 'json'])) as {
    systems: { system: string; removed: { code: string; replacedBy?: string[] }[] }[];
    poaExempt: { added: string[]; removed: string[] };
  };
  // Every removed ICD-10-CM code's replacements are the conversion table's codes of 2025-10-01.
  for (const e of diff.systems.find((s) => s.system === 'icd10cm')!.removed) {
    const expected = conversion
      .filter((r) => r.effective === '2025-10-01' && r.previous.includes(e.code))
      .map((r) => r.current)
      .sort();
    assert.deepEqual([...(e.replacedBy ?? [])].sort(), expected, e.code);
  }
  // The POA-exempt changes are the CDC's add and delete lists of FY2026, for codes of both releases.
  const add = member('POAexemptCodesFY26.zip', 'POAexemptAddCodesFY26.txt')
    .slice(1)
    .map((l) => l.split('\t')[1].replace('.', ''));
  for (const c of diff.poaExempt.added) assert.ok(add.includes(c), `${c} became exempt, not on the FY2026 add list`);
  const text = await run(['diff', '2026-09-30', '2026-10-01']);
  assert.match(text, /POA-exempt list .*: 0 codes became exempt, 0 no longer exempt — no FY2027 POA-exempt list/);
});
