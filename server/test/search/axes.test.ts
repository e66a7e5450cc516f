// Structured injury and obstetric queries (server/src/search/axes.ts): the axes read from a query,
// the axes read from a title, the axes of every 7th-character code agreeing with the tabular
// list's 7th-character definition of its character, and the search honouring the axes and the
// guideline defaults when the query is silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTables } from '../../src/tables/load';
import { type CodeDetails } from '../../src/tables/types';
import { defaultTablesDir } from '../../src/tables/format';
import { words } from '../../src/search/searchIndex';
import { queryAxes, titleAxes, axisScore, Side, Displacement, Fracture, Encounter, Healing, type Axes } from '../../src/search/axes';
import { createSearchEngine } from '../../src/search/engine';

const tables = loadTables(defaultTablesDir());
const engine = createSearchEngine(tables);
const release = tables.releases.find((r) => r.id === 'FY2026')!;

type Expect = Partial<Axes>;
const queries: [string, Expect][] = [
  ['r hip fx closed init', { side: Side.Right, fracture: Fracture.Closed, encounter: Encounter.Initial }],
  ['fx lt radius', { side: Side.Left }],
  ['bilat knee oa', { side: Side.Bilateral }],
  ['nondisp fx left radial styloid', { displacement: Displacement.Nondisplaced, side: Side.Left }],
  ['non displaced fracture of patella', { displacement: Displacement.Nondisplaced }],
  ['displaced fx femur shaft', { displacement: Displacement.Displaced }],
  ['open fx tibia', { fracture: Fracture.OpenI }],
  ['open fracture tibia type iiib', { fracture: Fracture.OpenIII }],
  ['open fx grade 2 radius', { fracture: Fracture.OpenI }],
  ['compound fracture of humerus', { fracture: Fracture.OpenI }],
  ['fx femur subs delayed healing', { encounter: Encounter.Subsequent, healing: Healing.Delayed }],
  ['nonunion of fracture of scaphoid', { encounter: Encounter.Subsequent, healing: Healing.Nonunion }],
  ['radius fracture mal union', { encounter: Encounter.Subsequent, healing: Healing.Malunion }],
  ['sequela of burn of hand', { encounter: Encounter.Sequela }],
  ['late effect fracture hip', { encounter: Encounter.Sequela }],
  ['pih 3rd tri', { trimester: 4 }],
  ['preeclampsia first trimester', { trimester: 1 }],
  ['uti pregnancy trimester 2', { trimester: 2 }],
  ['pregnant 32 weeks', { trimester: 4 }],
  ['pregnancy at 10 wks', { trimester: 1 }],
  ['twins 20 weeks', { trimester: 2 }],
  ['breech fetus 2', { fetus: 2 }],
  ['oligohydramnios twin b', { fetus: 2 }],
  // Open is a fracture axis only for a fracture; alone it is a word ("open wound").
  ['open wound of left hand', { fracture: Fracture.None, side: Side.Left }],
  // "second degree" is a burn depth, not a trimester; "type 2" is a diabetes, not a Gustilo grade.
  ['second degree burn of hand', { trimester: 0 }],
  ['type 2 diabetes', { fracture: Fracture.None, trimester: 0 }],
];

for (const [q, expected] of queries) {
  test(`query axes: "${q}"`, () => {
    const got = queryAxes(words(q)).axes;
    for (const [k, v] of Object.entries(expected)) assert.equal(got[k as keyof Axes], v, `${k} of "${q}"`);
  });
}

const titles: [string, Expect][] = [
  [
    'Displaced transverse fracture of shaft of right femur, initial encounter for closed fracture',
    { side: Side.Right, displacement: Displacement.Displaced, fracture: Fracture.Closed, encounter: Encounter.Initial },
  ],
  [
    'Nondisplaced fracture of left radial styloid process, subsequent encounter for open fracture type I or II with delayed healing',
    { side: Side.Left, displacement: Displacement.Nondisplaced, fracture: Fracture.OpenI, encounter: Encounter.Subsequent, healing: Healing.Delayed },
  ],
  ['Unspecified fracture of right patella, initial encounter for open fracture type IIIA, IIIB, or IIIC', { fracture: Fracture.OpenIII }],
  [
    'Unspecified fracture of the lower end of right radius, subsequent encounter for closed fracture with malunion',
    { healing: Healing.Malunion, fracture: Fracture.Closed },
  ],
  ['Fracture of nasal bones, sequela', { encounter: Encounter.Sequela }],
  ['Pre-existing essential hypertension complicating pregnancy, third trimester', { trimester: 4 }],
  ['Preterm labor second trimester with preterm delivery third trimester, fetus 3', { trimester: 2 | 4, fetus: 3 }],
  ['Decreased fetal movements, unspecified trimester, not applicable or unspecified', { trimester: 8, fetus: 10 }],
  ['Pre-existing hypertensive heart disease complicating childbirth', { trimester: 16 }],
  ['Maternal care for breech presentation, other fetus', { fetus: 9 }],
  ['Atherosclerotic heart disease of native coronary artery without angina pectoris', { side: Side.None, encounter: Encounter.None }],
];

for (const [title, expected] of titles) {
  test(`title axes: "${title.slice(0, 60)}…"`, () => {
    const got = titleAxes(words(title));
    for (const [k, v] of Object.entries(expected)) assert.equal(got[k as keyof Axes], v, k);
  });
}

test('every 7th-character code: the axes of its title agree with the tabular 7th-character definition of its character', () => {
  let checked = 0;
  const disagreements: string[] = [];
  for (const e of tables.codes('icd10cm', release.id)) {
    if (!e.billable || e.code.length !== 7 || !e.title) continue;
    const r = tables.lookup(e.code, release.start, 'icd10cm');
    if (r.kind !== 'valid') continue;
    const meaning = (r.entry as CodeDetails).seventhCharacter?.values[e.code[6]];
    if (!meaning) continue;
    checked++;
    const fromTitle = titleAxes(words(e.title));
    const fromDefinition = titleAxes(words(meaning));
    for (const k of ['fracture', 'encounter', 'healing', 'fetus'] as const) {
      if (fromDefinition[k] !== 0 && fromDefinition[k] !== fromTitle[k]) disagreements.push(`${e.code} ${k}: title "${e.title}" vs definition "${meaning}"`);
    }
  }
  assert.ok(checked > 50000, `checked ${checked} codes`);
  assert.deepEqual(disagreements.slice(0, 10), []);
});

test('axis score: agreement scores, disagreement costs more, silence takes the guideline default', () => {
  const q = (s: string) => queryAxes(words(s));
  const t = (s: string) => titleAxes(words(s));
  const closed = t('Displaced fracture of right femur, initial encounter for closed fracture');
  const open = t('Displaced fracture of right femur, initial encounter for open fracture type I or II');
  const nondisplaced = t('Nondisplaced fracture of right femur, initial encounter for closed fracture');
  const subsequent = t('Displaced fracture of right femur, subsequent encounter for closed fracture with routine healing');
  const left = t('Displaced fracture of left femur, initial encounter for closed fracture');
  // Silent: closed before open (I.C.19.c.1), displaced before nondisplaced, initial before subsequent.
  assert.ok(axisScore(q('fx femur'), closed) > axisScore(q('fx femur'), open));
  assert.ok(axisScore(q('fx femur'), closed) > axisScore(q('fx femur'), nondisplaced));
  assert.ok(axisScore(q('fx femur'), closed) > axisScore(q('fx femur'), subsequent));
  // Named: the named value wins.
  assert.ok(axisScore(q('open fx femur'), open) > axisScore(q('open fx femur'), closed));
  assert.ok(axisScore(q('nondisplaced fx femur'), nondisplaced) > axisScore(q('nondisplaced fx femur'), closed));
  assert.ok(axisScore(q('fx femur subs'), subsequent) > axisScore(q('fx femur subs'), closed));
  assert.ok(axisScore(q('r femur fx'), closed) > axisScore(q('r femur fx'), left));
});

// End to end: the first result's axes follow the query; the cases name no code, they check the
// axis the query states (or the default it leaves to the guidelines) on whatever the search ranks first.
const searches: [string, Expect][] = [
  ['transverse fx shaft of femur', { displacement: Displacement.Displaced, fracture: Fracture.Closed, encounter: Encounter.Initial }],
  ['fx shaft of femur rt', { side: Side.Right, fracture: Fracture.Closed }],
  ['nondisp transverse fx shaft of femur lt', { side: Side.Left, displacement: Displacement.Nondisplaced }],
  ['open fx shaft of tibia', { fracture: Fracture.OpenI, encounter: Encounter.Initial }],
  ['open fx shaft of tibia type iiic', { fracture: Fracture.OpenIII }],
  ['fx shaft of tibia subs delayed healing', { encounter: Encounter.Subsequent, healing: Healing.Delayed }],
  ['fx shaft of humerus malunion', { healing: Healing.Malunion }],
  ['fracture of radius sequela', { encounter: Encounter.Sequela }],
  ['laceration of forearm subsequent', { encounter: Encounter.Subsequent }],
  ['gestational hypertension 2nd trimester', { trimester: 2 }],
  ['polyhydramnios 30 weeks', { trimester: 4 }],
  ['oligohydramnios third trimester fetus 3', { trimester: 4, fetus: 3 }],
  ['oligohydramnios third trimester', { fetus: 10 }],
];

for (const [q, expected] of searches) {
  test(`search follows the axes: "${q}"`, () => {
    const [first] = engine.search(q, { system: 'icd10cm', limit: 1 });
    assert.ok(first, `something found for "${q}"`);
    const got = titleAxes(words(first.title));
    for (const [k, v] of Object.entries(expected)) assert.equal(got[k as keyof Axes], v, `${k} of ${first.code} ${first.title}`);
  });
}
