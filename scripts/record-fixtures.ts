// Records the small table fixtures the core feature tests run on (server/test/fixtures/): a few
// dozen codes with the facts the built tables give them, and the grouper's logic for MDC 4 and 5
// restricted to those codes — so completion, hover, DRG and rule tests need neither the built
// tables nor ../shared. Run after `npm run tables` when the fixture list or a release changes:
//   npx tsx scripts/record-fixtures.ts
// server/test/fixtures/fixtures.test.ts (a full-table test) checks that every recorded fact is
// still what the built tables say, and that the small grouper groups like the full one.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../server/src/tables/load';
import { TableStore, TABLE_FILES } from '../server/src/tables/format';
import { MSDRG_LINE_TABLES, type MsdrgData, type MsdrgMeta } from '../server/src/grouper/format';
import { normalizeCode } from '../server/src/base/codes';
import type { CodeDetails, CodeSystem, Source } from '../server/src/tables/types';
import type { MemoryCode, MemoryDrg } from '../server/src/tables/memoryTables';

const OUT = join(__dirname, '..', 'server', 'test', 'fixtures');

/** The fixture codes: what the core tests need (see server/test/features/). */
export const FIXTURE_CODES: [string, CodeSystem][] = [
  ...(
    [
      'I10',
      'I13.0',
      'I50',
      'I50.2',
      'I50.20',
      'I50.21',
      'I50.22',
      'I50.23',
      'I50.3',
      'I50.30',
      'I50.31',
      'I50.32',
      'I50.33',
      'I50.9',
      'N18.30',
      'N18.4',
      'J18.9',
      'J96.01',
      'E11.22',
      'E11.9',
      'E10.9',
      'Z79.4',
      'L89.154',
      'S72.001',
      'S72.001A',
      'S72.001D',
      'S72.001S',
      'W01.0XXA',
      'C78.32',
      'R65.20',
      'A41.9',
      'Z38.00',
    ] as const
  ).map((c) => [c, 'icd10cm'] as [string, CodeSystem]),
  ['0FT44ZZ', 'icd10pcs'],
  ['0SRR0J9', 'icd10pcs'],
  ['3E0234Z', 'icd10pcs'],
  ['E0100', 'hcpcs'],
  ['E0105', 'hcpcs'],
];
/** The MDCs whose grouper logic the fixture keeps (heart failure, pneumonia and kidney charts group there). */
const MDCS = new Set([4, 5, 11]);
/** The DRGs whose weights the fixture keeps. */
const DRGS = ['193', '194', '195', '291', '292', '293', '682', '683', '684'];
const RECORD_DATE = '2026-03-06';

function record(): void {
  const tables = loadTables();
  const ids = tables.releases.map((r) => r.id);
  const codes: MemoryCode[] = [];
  for (const [code, system] of FIXTURE_CODES) {
    const releases = tables.releases.filter((r) => tables.lookup(code, r.start, system).kind === 'valid').map((r) => r.id);
    const at = releases.includes('FY2026') ? RECORD_DATE : tables.releases.find((r) => r.id === releases[0])!.start;
    const r = tables.lookup(code, at, system);
    if (r.kind !== 'valid') throw new Error(`${code}: ${r.kind}`);
    codes.push({
      code: r.entry.display,
      system,
      title: r.entry.title,
      ...(r.entry.billable ? {} : { billable: false }),
      ...(releases.length === ids.length ? {} : { releases }),
      ...(r.entry.titleSource ? { titleSource: r.entry.titleSource } : {}),
      facts: facts(r.entry),
    });
  }
  const drgs: MemoryDrg[] = DRGS.map((drg) => {
    const w = tables.drgInfo(drg, 'FY2026')!;
    // The weights of the FY2026 release and its April update (the same table); FY2027 has its own, not recorded.
    return { drg, title: w.title, weight: w.weight, gmlos: w.gmlos, releases: ['FY2026', 'FY2026.1'], source: w.source };
  });
  const rates = tables.paymentRates('FY2026')!;
  // Sources repeat on every fact: named once each.
  const sources = new Map<string, string>();
  const sourceName = (src: Source) => {
    const key = JSON.stringify(src);
    if (!sources.has(key))
      sources.set(
        key,
        src.file.replace(/\W+/g, '_').replace(/^_|_$/g, '').toUpperCase() + (src.year ? `_${src.year.replace(/\W+/g, '_').replace(/_$/, '')}` : ''),
      );
    return sources.get(key)!;
  };
  const lit = (v: unknown): string => {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'file' in v && 'year' in v && Object.keys(v).length === 2) return sourceName(v as Source);
    if (Array.isArray(v)) return `[${v.map(lit).join(', ')}]`;
    if (v && typeof v === 'object')
      return `{ ${Object.entries(v)
        .map(([k, x]) => `${/^[a-zA-Z_]\w*$/.test(k) ? k : JSON.stringify(k)}: ${lit(x)}`)
        .join(', ')} }`;
    return JSON.stringify(v);
  };
  const codeLines = codes.map((c) => {
    const { facts: f, ...head } = c;
    const notes = f?.notes ?? [];
    const rest = { ...f };
    delete rest.notes;
    const lines = [`  {`, `    ${lit(head).slice(2, -2)},`];
    if (f && (notes.length || Object.keys(rest).length)) {
      lines.push('    facts: {');
      if (notes.length) {
        lines.push('      notes: [');
        for (const n of notes)
          lines.push(`        note(${JSON.stringify(n.kind)}, ${JSON.stringify(n.text)}, ${JSON.stringify(n.from)}, ${sourceName(n.source)}),`);
        lines.push('      ],');
      }
      for (const [k, v] of Object.entries(rest)) lines.push(`      ${k}: ${lit(v)},`);
      lines.push('    },');
    }
    lines.push('  },');
    return lines.join('\n');
  });
  const body = codeLines.join('\n');
  const drgLines = drgs.map((d) => `  ${lit(d)},`).join('\n');
  writeFileSync(
    join(OUT, 'codes.ts'),
    `// Recorded by scripts/record-fixtures.ts from the built tables (do not edit by hand; re-record).
// Titles: CMS/CDC ICD-10-CM, ICD-10-PCS and HCPCS code files of the FY2026 release (titleSource per
// code); notes and 7th characters: the CDC FY2021 ICD-10-CM tabular list, those of the code and its
// ancestor codes only (section and chapter notes left out); MS-DRG facts: CMS MS-DRG v43.0
// (msdrg_combined.bin); MCE flags: CMS MCE v43.1; DRG weights and rates: CMS FY2026 IPPS tables.
// Facts are those of the FY2026 release (of FY2027 for a code only FY2027 has).
import type { MemoryCode, MemoryDrg } from '../../src/tables/memoryTables';
import type { NoteKind, Source, TabularNote } from '../../src/tables/types';

${[...sources].map(([json, name]) => `const ${name}: Source = ${json};`).join('\n')}

const note = (kind: NoteKind, text: string, from: string, source: Source): TabularNote => ({ kind, text, from, source });

export const FIXTURE_CODES: MemoryCode[] = [
${body}
];

export const FIXTURE_DRGS: MemoryDrg[] = [
${drgLines}
];

/** The FY2026 national operating standardized amount (labor and non-labor shares). */
export const FIXTURE_RATE = ${lit({ labor: rates.labor, nonLabor: rates.nonLabor, source: rates.source })};
`,
  );
  writeFileSync(join(OUT, 'msdrg-v43.json'), JSON.stringify(grouperData(codes.map((c) => normalizeCode(c.code)))) + '\n');
  console.log(`recorded ${codes.length} codes, ${drgs.length} DRG weights, the grouper logic of MDC ${[...MDCS].join(', ')} into ${OUT}`);
}

/** The facts a lookup gives, with notes cut to those of the code and its ancestor codes. */
function facts(e: CodeDetails): MemoryCode['facts'] {
  const keep: MemoryCode['facts'] = {};
  if (e.notes) keep.notes = e.notes.filter((n) => /^[A-Z]\d[0-9A-Z](\.[0-9A-Z]+)?$/.test(n.from));
  if (e.notesMissing) keep.notesMissing = e.notesMissing;
  if (e.seventhCharacter) keep.seventhCharacter = e.seventhCharacter;
  if (e.placeholder) keep.placeholder = e.placeholder;
  if (e.chapter) keep.chapter = e.chapter;
  if (e.section) keep.section = e.section;
  if (e.category) keep.category = e.category;
  if (e.msdrg) keep.msdrg = e.msdrg;
  if (e.procedure) keep.procedure = e.procedure;
  if (e.msdrgMissing) keep.msdrgMissing = e.msdrgMissing;
  if (e.mce.length) keep.mce = e.mce;
  if (e.poaExempt !== null) keep.poaExempt = e.poaExempt;
  if (e.poaSource) keep.poaSource = e.poaSource;
  return keep;
}

/** The grouper's data for versions 43.0 and 43.1, restricted to the fixture codes and the kept MDCs' logic. */
function grouperData(codes: string[]): MsdrgData {
  const store = TableStore.open();
  const meta = store.readJson<MsdrgMeta>(TABLE_FILES.msdrg.meta);
  const keepVersions = ['430', '431'];
  const bits = keepVersions.map((v) => meta.versions.indexOf(v));
  const mask = (m: number) => bits.reduce((acc, b, i) => (m & (1 << b) ? acc | (1 << i) : acc), 0);
  const lines = (name: (typeof MSDRG_LINE_TABLES)[number]) => {
    const out = new Map<string, unknown>();
    for (const line of store.readText(TABLE_FILES.msdrg.table(name)).split('\n')) {
      if (!line) continue;
      const tab = line.indexOf('\t');
      out.set(line.slice(0, tab), JSON.parse(line.slice(tab + 1)));
    }
    return out;
  };
  const versioned = <T extends [number, ...unknown[]]>(rows: T[] | undefined) =>
    (rows ?? []).map((r) => [mask(r[0]), ...r.slice(1)] as T).filter((r) => r[0] !== 0);
  const pick = <T extends [number, ...unknown[]]>(name: (typeof MSDRG_LINE_TABLES)[number], keys: Iterable<string>) => {
    const all = lines(name);
    const out: Record<string, T[]> = {};
    for (const k of keys) {
      const rows = versioned(all.get(k) as T[] | undefined);
      if (rows.length) out[k] = rows;
    }
    return out;
  };
  const dx = pick<[number, number, number, number, number, number]>('dx', codes);
  const pr = pick<[number, number]>('pr', codes);
  const sdxExclusionGroups = pick<[number, number]>('sdxExclusionGroups', codes);
  const collections = new Set(Object.values(sdxExclusionGroups).flatMap((rows) => rows.map((r) => String(r[1]))));
  const allGroups = lines('exclusionGroups');
  const exclusionGroups: Record<string, string[]> = {};
  for (const g of collections) exclusionGroups[g] = ((allGroups.get(g) as string[]) ?? []).filter((c) => codes.includes(c));
  const formulas = meta.formulas
    .filter((f) => MDCS.has(f.mdc) && keepVersions.some((v) => f.ranks[v] !== undefined))
    .map((f) => ({ ...f, ranks: Object.fromEntries(keepVersions.filter((v) => f.ranks[v] !== undefined).map((v) => [v, f.ranks[v]])) }));
  const usedPatterns = (rows: Record<string, number[][]>, at: number[]) =>
    new Set(Object.values(rows).flatMap((rs) => rs.flatMap((r) => at.map((i) => String(r[i])))));
  const dxPat = usedPatterns(dx, [3, 4, 5]);
  const prPat = usedPatterns(pr, [1]);
  const drgs = new Set(formulas.map((f) => String(f.drg)));
  const describe = (kind: keyof MsdrgMeta['descriptions'], keep: (id: string) => boolean) =>
    Object.fromEntries(
      Object.entries(meta.descriptions[kind])
        .filter(([id]) => keep(id))
        .map(([id, rows]) => [id, versioned(rows as [number, string][])])
        .filter(([, rows]) => (rows as unknown[]).length),
    );
  return {
    source: meta.source,
    versions: keepVersions,
    dxPatterns: Object.fromEntries(Object.entries(meta.dxPatterns).filter(([id]) => dxPat.has(id))),
    prPatterns: Object.fromEntries(Object.entries(meta.prPatterns).filter(([id]) => prPat.has(id))),
    dx,
    pr,
    codeClusters: pick('codeClusters', codes),
    clusters: {},
    exclusionGroups,
    sdxExclusionGroups,
    genderMdc: Object.fromEntries(
      Object.entries(meta.genderMdc)
        .filter(([c]) => codes.includes(c))
        .map(([c, rows]) => [c, versioned(rows)]),
    ),
    formulas,
    hacFormulas: versioned(meta.hacFormulas),
    hacInfo: pick('hacInfo', codes),
    descriptions: {
      drg: describe('drg', (id) => drgs.has(id)),
      mdc: describe('mdc', (id) => MDCS.has(Number(id))),
      baseDrg: describe('baseDrg', (id) => drgs.has(id)),
      hac: describe('hac', () => true),
    },
  };
}

if (require.main === module) record();
