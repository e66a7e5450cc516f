// ICD-10-PCS search over the built tables: the code builder (every step offers only values that
// lead to valid codes of the chart's release, each with its meaning), completion on PROC lines and
// {pcs=}, the vocabulary files (every row parses, has a source, and describes real codes), and
// procedure queries read like a PCS coder reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { createSearchEngine } from '../../src/search/engine';
import { PcsSearch } from '../../src/search/pcs/search';
import { PcsStructure } from '../../src/search/pcs/structure';
import { isPcsPrefix } from '../../src/search/pcs/builder';
import { loadPcsVocabulary, parseConcept, parseProcedures, parseWords } from '../../src/search/pcs/vocabulary';
import { complete } from '../../src/service/features/completion';
import { parseChart } from '../../src/chart/parse';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { HEADER, marked } from '../helpers/markers';

const dir = defaultTablesDir();
const tables = loadTables(dir);
const engine = createSearchEngine(tables);
const pcs = new PcsSearch(tables);
const structure = PcsStructure.load(tables);
const ctx: ServiceContext = { tables, grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } };
const FY2026 = '2026-03-06';
const validIn = (code: string, release: string) => tables.status(code, 'icd10pcs', release).valid;

test('the builder, axis by axis from the section to a whole code: every option leads to valid codes, with its meaning', () => {
  let prefix = '';
  const path = '02RF38Z';
  const axes: string[] = [];
  while (prefix.length < 7) {
    const step = pcs.builderStep(prefix, 'FY2026');
    assert.ok(step, `a step after "${prefix}"`);
    assert.equal(step.position, prefix.length + 1);
    axes.push(step.axis);
    for (const o of step.options) {
      // Every option is a valid code of the release, or the prefix of one.
      assert.ok(
        o.complete ? validIn(o.code, 'FY2026') : tables.searchRows('icd10pcs').codes.some((c) => c.startsWith(o.code) && validIn(c, 'FY2026')),
        `${o.code} leads to a valid code`,
      );
      assert.ok(o.codes >= 1);
    }
    const next = step.options.find((o) => path.startsWith(o.code) || o.code === path);
    assert.ok(next, `${path[prefix.length]} is offered after "${prefix}"`);
    prefix = next.code;
  }
  assert.equal(prefix, '02RF38Z');
  assert.deepEqual(axes, ['Section', 'Body System', 'Root Operation', 'Body Part', 'Approach', 'Device', 'Qualifier']);
});

test('the builder names each value from the table: 02R → Aortic Valve; 02RF3 → Zooplastic Tissue; 02RF38 → Transapical', () => {
  const meaning = (prefix: string, value: string) => pcs.builderStep(prefix, 'FY2026')!.options.find((o) => o.value === value)?.meaning;
  assert.equal(meaning('', '0'), 'Medical and Surgical');
  assert.equal(meaning('0', '2'), 'Heart and Great Vessels');
  assert.equal(meaning('02', 'R'), 'Replacement');
  assert.equal(meaning('02R', 'F'), 'Aortic Valve');
  assert.equal(meaning('02RF', '3'), 'Percutaneous');
  assert.equal(meaning('02RF3', '8'), 'Zooplastic Tissue');
  assert.equal(meaning('02RF38', 'H'), 'Transapical');
  // The chosen characters are spelled out too.
  assert.deepEqual(
    pcs.builderStep('02RF', 'FY2026')!.chosen.map((c) => `${c.axis}: ${c.meaning}`),
    ['Section: Medical and Surgical', 'Body System: Heart and Great Vessels', 'Root Operation: Replacement', 'Body Part: Aortic Valve'],
  );
});

test('a value that leaves a single code completes it; a whole code has no next step; no valid code, no step', () => {
  // 0FT4: open leaves one code (0FT40ZZ); percutaneous endoscopic two (0FT44ZZ, and 0FT44ZG hand-assisted).
  const step = pcs.builderStep('0FT4', 'FY2026')!;
  assert.deepEqual(
    step.options.map((o) => [o.code, o.complete, o.codes]),
    [
      ['0FT40ZZ', true, 1],
      ['0FT44', false, 2],
    ],
  );
  assert.equal(step.options[0].title, 'Resection of Gallbladder, Open Approach');
  assert.deepEqual(pcs.builderStep('02RF38Z', 'FY2026')!.options, []);
  assert.equal(pcs.builderStep('02RI', 'FY2026'), null, 'I is not a PCS character');
  assert.equal(pcs.builderStep('02RF9', 'FY2026'), null, 'no valid code begins 02RF9');
});

test("the builder offers only what the chart's release has", () => {
  // A code valid in the newest release but not in FY2026 (the tables know several hundred).
  const rows = tables.searchRows('icd10pcs');
  const i = rows.codes.findIndex(
    (c, k) =>
      c.length === 7 &&
      validIn(c, 'FY2027') &&
      !validIn(c, 'FY2026') &&
      !rows.codes.some((d, m) => m !== k && d.startsWith(c.slice(0, 6)) && validIn(d, 'FY2026')),
  );
  assert.ok(i >= 0, 'the tables have a code new in FY2027 under a 6-character prefix of its own');
  const code = rows.codes[i];
  assert.ok(pcs.builderStep(code.slice(0, 6), 'FY2027')!.options.some((o) => o.code === code));
  assert.equal(pcs.builderStep(code.slice(0, 6), 'FY2026'), null);
});

test('what counts as a code prefix to build on: digits first; a section letter in capitals or with a digit; not ICD-10-CM shapes or words', () => {
  const cases: [string, boolean, boolean][] = [
    ['02R', false, true],
    ['0', false, true],
    ['02r f', false, true],
    ['BW2', false, true],
    ['bw2', false, true],
    ['B24', false, false],
    ['B24', true, true],
    ['dm', true, false],
    ['ct', true, false],
    ['bka', true, false],
    ['CABG', false, true],
    ['I50', false, false],
    ['tavr', true, false],
  ];
  for (const [q, pcsOnly, expected] of cases) assert.equal(isPcsPrefix(q, pcsOnly), expected, `"${q}" (${pcsOnly ? 'PCS only' : 'all systems'})`);
  // "CABG" is shaped like a prefix but no code begins with it: the words are searched instead.
  assert.equal(engine.search('CABG', { system: 'icd10pcs', limit: 3 })[0].code.slice(0, 3), '021');
});

test('Search Codes and the CLI: a PCS prefix gives the builder step, marked as such', () => {
  const hits = engine.search('02R', { date: FY2026, limit: 50 });
  assert.ok(hits.length > 10);
  assert.ok(hits.every((h) => h.system === 'icd10pcs' && h.code.startsWith('02R') && h.builder?.axis === 'Body Part'));
  const f = hits.find((h) => h.code === '02RF')!;
  assert.equal(f.billable, false);
  assert.equal(f.title, 'Body Part: Aortic Valve');
  assert.equal(f.builder?.position, 4);
});

function completeAt(body: string) {
  const m = marked(HEADER + body);
  return complete(parseChart(m.text), m.cursor!, ctx, engine);
}

test('completion on a PROC line and in {pcs=}: the next characters, which re-trigger completion', () => {
  for (const body of ['# HPI\nx\n\n```abstract\nPDX I35.0 Y\nPROC 02RF$0\n```\n', '# Procedures\n[TAVR]{pcs=02RF$0}\n']) {
    const items = completeAt(body);
    assert.ok(items.length >= 3);
    const perc = items.find((i) => i.label === '02RF3');
    assert.ok(perc, 'approach 3 is offered');
    assert.equal(perc.kind, 'pcs-character');
    assert.equal(perc.retrigger, true);
    assert.match(perc.detail, /character 5, Approach: Percutaneous — \d+ codes/);
    assert.equal(perc.insertText, '02RF3');
  }
  // The last character: whole codes, with their titles.
  const last = completeAt('# HPI\nx\n\n```abstract\nPDX I35.0 Y\nPROC 02RF38$0\n```\n');
  const tavr = last.find((i) => i.label === '02RF38Z');
  assert.ok(tavr);
  assert.equal(tavr.kind, 'code');
  assert.equal(tavr.retrigger, false);
  assert.match(tavr.detail, /Replacement of Aortic Valve with Zooplastic Tissue, Percutaneous Approach/);
});

test('completion with the annotated words as the query finds the procedure', () => {
  assert.equal(completeAt('# Procedures\n[TAVR via the femoral artery]{pcs=$0}\n')[0].label, '02RF38Z');
  assert.equal(completeAt('# Procedures\n[low transverse cesarean section]{pcs=$0}\n')[0].label, '10D00Z1');
});

// ── the vocabulary ─────────────────────────────────────────────────────────

test('the vocabulary files parse; every row has a source; a bad row names file and line', () => {
  const v = loadPcsVocabulary();
  assert.ok(v.procedures.length >= 450, `${v.procedures.length} procedure rows`);
  assert.ok(v.words.length >= 400, `${v.words.length} word rows`);
  for (const r of [...v.procedures, ...v.words]) assert.ok(r.source.length >= 2, `row ${r.line} has a source`);
  assert.throws(() => parseProcedures('tavr\t02R 4=F\n', 'p.tsv'), /p\.tsv:1: expected "term<TAB>concept/);
  assert.throws(() => parseProcedures('tavr\t02R 4=I\tCU\n', 'p.tsv'), /p\.tsv:1: "I" is not a PCS character/);
  assert.throws(() => parseProcedures('tavr\t2R 4=F\tCU\n', 'p.tsv'), /p\.tsv:1: "2R" is not a table/);
  assert.throws(() => parseWords('op\tamputation\tdetachment\n', 'w.tsv'), /w\.tsv:1: expected "kind<TAB>term<TAB>mapping/);
  assert.throws(() => parseWords('noun\tamputation\tdetachment\tRM\n', 'w.tsv'), /w\.tsv:1: kind must be one of/);
  assert.deepEqual(parseConcept('0[PQ]S 5=0 ~6=4,5 4="Aortic Valve"', 'x'), {
    table: '0[PQ]S',
    constraints: [
      { position: 5, values: ['0'], labels: [], soft: false },
      { position: 6, values: ['4', '5'], labels: [], soft: true },
      { position: 4, values: [], labels: ['aortic valve'], soft: false },
    ],
  });
});

test('every procedure row describes valid FY2026 codes, in every sense it lists', () => {
  const v = loadPcsVocabulary();
  const all = structure.tablesOf('FY2026');
  const rows = tables.searchRows('icd10pcs');
  const bit = tables.releaseBit('FY2026');
  const problems: string[] = [];
  for (const p of v.procedures) {
    for (const c of p.concepts) {
      const rx = new RegExp(`^${c.table}$`);
      const matching = [...all.keys()].filter((t) => rx.test(t));
      const hard = c.constraints.filter((k) => !k.soft);
      const ok = matching.some((t) => {
        const table = all.get(t)!;
        const sets = hard.map((k) => ({
          p: k.position,
          vs: new Set([
            ...k.values,
            ...Object.entries(table.axes[k.position] ?? {})
              .filter(([, l]) => l && k.labels.includes(l.toLowerCase()))
              .map(([x]) => x),
          ]),
        }));
        return rows.codes.some((code, i) => code.startsWith(t) && (rows.valid[i] & bit) !== 0 && sets.every(({ p, vs }) => vs.has(code[p - 1])));
      });
      if (!ok)
        problems.push(
          `procedures.tsv:${p.line} ${p.term.join(' ')} → ${c.table} ${hard.map((k) => `${k.position}=${[...k.values, ...k.labels].join(',')}`).join(' ')}`,
        );
    }
  }
  assert.deepEqual(problems, []);
});

test('root operations of the vocabulary are root operations (or types) the tables name', () => {
  const names = new Set([...structure.tablesOf('FY2026').values()].map((t) => t.names[2].toLowerCase()));
  const missing = loadPcsVocabulary()
    .words.filter((w) => w.kind === 'op' || w.kind === 'verb' || w.kind === 'suffix')
    .flatMap((w) => w.mapping.map((m) => m.join(' ')))
    .filter((op) => ![...names].some((n) => n === op || n.startsWith(`${op} `)));
  assert.deepEqual([...new Set(missing)], []);
});

// ── procedure queries ──────────────────────────────────────────────────────

const top = (q: string, n = 5, date?: string) => engine.search(q, { system: 'icd10pcs', limit: n, date }).map((r) => r.code);

test("procedure queries: concepts, root operations, approaches and the query's words", () => {
  const cases: [string, string | RegExp, number][] = [
    ['tavr', '02RF38Z', 1],
    ['TAVR transapical', '02RF38H', 1],
    ['picc line', '02HV33Z', 1],
    ['left heart cath', '4A023N7', 1],
    ['cath with des one vessel', '027034Z', 1],
    ['lap chole', '0FT44ZZ', 1],
    ['laparoscopic nephrectomy left', /^0TT14ZZ$/, 1],
    ['partial nephrectomy right', /^0TB0/, 1],
    ['right above knee amputation', /^0Y6C0Z[123]$/, 1],
    ['amputation of the left great toe', /^0Y6Q0Z/, 1],
    ['low transverse c-section', '10D00Z1', 1],
    ['mechanical ventilation 5 days', '5A1955Z', 1],
    ['vent 30 hours', '5A1945Z', 1],
    ['hemodialysis', '5A1D70Z', 1],
    ['transfusion of packed red cells', '30233N1', 1],
    ['ct head without contrast', 'B020ZZZ', 1],
  ];
  for (const [q, want, n] of cases) {
    const got = top(q, Math.max(n, 5), FY2026);
    const ok = got.slice(0, n).some((c) => (typeof want === 'string' ? c === want : want.test(c)));
    assert.ok(ok, `"${q}" → ${String(want)} in the top ${n}; got ${got.join(' ')}`);
  }
});

test('a query that names no procedure or root operation is left to the word search; diagnoses are not procedures', () => {
  assert.equal(pcs.search('aortic stenosis', { releaseId: 'FY2026', limit: 5, pcsOnly: false }).kind, 'none');
  assert.equal(engine.search('acute on chronic diastolic heart failure', { limit: 1 })[0].code, 'I5033');
  // All systems: a named procedure first; a supply or drug keeps its HCPCS code in the list.
  assert.equal(engine.search('tavr', { limit: 5 })[0].code, '02RF38Z');
  assert.ok(engine.search('insulin 5 units', { limit: 5 }).some((r) => r.code === 'J1815'));
});

test('PCS tables that cannot be read: the word search still answers, and the reason is kept', () => {
  const broken = Object.create(tables, {
    pcsTablesText: {
      value: () => {
        throw new Error('pcs-tables.json.gz: damaged (size or checksum differs from the manifest); rebuild the tables (npm run tables)');
      },
    },
  });
  const e = createSearchEngine(broken);
  assert.ok(e.search('cholecystectomy', { system: 'icd10pcs', limit: 5 }).length > 0);
  assert.throws(() => e.warmPcs(), /pcs-tables\.json\.gz: damaged/);
  assert.equal(e.pcsBuilder('02R'), null);
});

test('the development set scores at least 95 % in the top 5 (the held-out set is scored by scripts/eval-pcs.ts, never tuned on)', () => {
  const queries = readFileSync(join(__dirname, 'eval', 'pcs-dev.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { query: string; expected: string[] });
  const hits = queries.filter((q) => top(q.query).some((c) => q.expected.includes(c))).length;
  assert.ok(hits / queries.length >= 0.95, `${hits} of ${queries.length}`);
});
