// The PCS tables importer: reading CMS zip archives in place, the order file (table header rows,
// valid codes), and the meanings of characters 4–7 derived from the titles and checked by
// re-generating every title — on hand-made tables (regular, irregular, commas, single values) and,
// when the official archives are beside the checkout, on the FY2026 order file itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { readSource } from '../../../tables/importers/source';
import { openCmsArchive } from '../../../tables/importers/cmsArchive';
import { derivePcsTable, fill, joinTokens, parseTemplate, readPcsOrderFile, tokenize } from '../../../tables/importers/pcsTables';
import { namesOf } from '../../../tables/importers/pcs';
import { defaultSourcesDir } from '../../../tables/build';

const dir = mkdtempSync(join(tmpdir(), 'chartcoder-pcs-'));

test('a CMS zip archive: members read in place, cited as archive/member; missing members and non-zips named', () => {
  const zip = join(dir, 'cms_2099_pr.zip');
  writeFileSync(zip, zipSync({ 'icd10pcs_order_2099.txt': strToU8('00001 027     0 Heart and Great Vessels, Dilation\n'), 'readme.pdf': strToU8('%PDF') }));
  const a = openCmsArchive(zip);
  assert.deepEqual(a.members.map((m) => m.name).sort(), ['icd10pcs_order_2099.txt', 'readme.pdf']);
  const src = a.read(/^icd10pcs_order_\d{4}\.txt$/);
  assert.equal(src.name, 'cms_2099_pr.zip/icd10pcs_order_2099.txt');
  assert.equal(src.text, '00001 027     0 Heart and Great Vessels, Dilation\n');
  assert.equal(src.archive.sha256, a.sha256);
  assert.notEqual(src.sha256, a.sha256, 'the member has its own checksum');
  assert.throws(() => a.read('icd10cm_codes_2099.txt'), /cms_2099_pr\.zip: no member matches icd10cm_codes_2099\.txt \(members: .*icd10pcs_order_2099\.txt/);
  const notZip = join(dir, 'broken.zip');
  writeFileSync(notZip, 'not a zip');
  assert.throws(() => openCmsArchive(notZip), /broken\.zip: not a readable zip archive/);
  assert.throws(() => openCmsArchive(join(dir, 'absent.zip')), /absent\.zip: source archive not found/);
});

/** An order-file row: order number (5), code (7), flag, short title (60), long title. */
const row = (n: number, code: string, flag: 0 | 1, short: string, long: string) =>
  `${String(n).padStart(5, '0')} ${code.padEnd(7)} ${flag} ${short.padEnd(60)} ${long}`;
const ORDER = [
  row(1, '02R', 0, 'Heart and Great Vessels, Replacement', 'Heart and Great Vessels, Replacement'),
  row(2, '02RF08Z', 1, 'Replace of Aortic Valve with Zooplastic, Open Approach', 'Replacement of Aortic Valve with Zooplastic Tissue, Open Approach'),
  row(3, '02RF38Z', 1, 'Replace of Aortic Valve with Zooplastic, Perc Approach', 'Replacement of Aortic Valve with Zooplastic Tissue, Percutaneous Approach'),
].join('\n');

test('the order file: table header rows and valid codes; a malformed or orphan row names file and line', () => {
  const o = readPcsOrderFile(readSourceOf('order.txt', ORDER));
  assert.equal(o.tables.get('02R'), 'Heart and Great Vessels, Replacement');
  assert.deepEqual(o.codes.get('02RF38Z'), {
    short: 'Replace of Aortic Valve with Zooplastic, Perc Approach',
    title: 'Replacement of Aortic Valve with Zooplastic Tissue, Percutaneous Approach',
  });
  assert.throws(
    () => readPcsOrderFile(readSourceOf('orphan.txt', row(1, '02RF08Z', 1, 'x', 'x'))),
    /orphan\.txt:1: code 02RF08Z comes before \(or without\) the header row of its table 02R/,
  );
  assert.throws(() => readPcsOrderFile(readSourceOf('bad.txt', 'header line')), /bad\.txt:1: expected "order code flag/);
});

function readSourceOf(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  return readSource(join(dir, name));
}

test('titles as tokens: commas between parts are tokens, commas inside a word are not; joined back exactly', () => {
  for (const t of [
    'Replacement of Aortic Valve with Zooplastic Tissue, Percutaneous Approach',
    'Beam Radiation of Brain using Heavy Particles (Protons,Ions)',
    'Dilation of Coronary Artery, One Artery, Bifurcation, with Drug-eluting Intraluminal Device, Open Approach',
  ]) {
    assert.equal(joinTokens(tokenize(t)), t);
  }
  assert.deepEqual(tokenize('A, B C'), ['A', ',', 'B', 'C']);
});

/** Codes of a made-up table from its characters 4–7 and a title maker. */
function table(codes: string[], title: (c: string) => string): Map<string, string> {
  return new Map(codes.map((c) => [`0ZZ${c}`, title(c)]));
}

const BODY: Record<string, string> = { '0': 'Right Kidney', '1': 'Left Kidney', '2': 'Bilateral Kidneys' };
const APPROACH: Record<string, string> = { '0': 'Open Approach', '3': 'Percutaneous Approach', '7': 'Via Natural or Artificial Opening' };
const DEVICE: Record<string, string> = { '0': ' with Drainage Device', Z: '' };
const QUALIFIER: Record<string, string> = { X: ', Diagnostic', Z: '' };

test('a regular table: one template, one meaning per value, every title re-generated', () => {
  const codes: string[] = [];
  for (const b of Object.keys(BODY))
    for (const a of Object.keys(APPROACH))
      for (const d of Object.keys(DEVICE)) for (const q of Object.keys(QUALIFIER)) if (!(d === '0' && q === 'X')) codes.push(b + a + d + q);
  const titles = table(codes, (c) => `Drainage of ${BODY[c[0]]}${DEVICE[c[2]]}, ${APPROACH[c[1]]}${QUALIFIER[c[3]]}`);
  const d = derivePcsTable('0ZZ', 'Made Up, Drainage', titles);
  assert.equal(d.matched, d.regenerated);
  assert.equal(d.regenerated, codes.length);
  assert.deepEqual(d.problems, []);
  const axes = Object.fromEntries(d.axes.map((a) => [a.position, a.values]));
  assert.deepEqual(axes[4], { '0': 'Right Kidney', '1': 'Left Kidney', '2': 'Bilateral Kidneys' });
  assert.deepEqual(axes[6], { '0': 'Drainage Device', Z: 'No Device' });
  assert.deepEqual(axes[7], { X: 'Diagnostic', Z: 'No Qualifier' });
  // "Via Natural or Artificial Opening" has no "Approach": the word belongs to the approach values.
  assert.equal(axes[5]['7'], 'Via Natural or Artificial Opening');
  assert.equal(axes[5]['0'], 'Open Approach');
  // Re-generation from the template and the renderings, as the check does.
  const sk = parseTemplate(d.template!);
  const r = [4, 5, 6, 7].map((p) => new Map(Object.entries(d.renderings[p])));
  for (const [code, title] of titles) assert.equal(fill(sk, code.slice(3), r), title);
});

test('a title worded its own way fails the check, naming the code; the other meanings stand', () => {
  const codes = ['0', '1', '2'].flatMap((b) => ['0', '3', '7'].map((a) => `${b}${a}ZZ`));
  const titles = table(codes, (c) => `Inspection of ${BODY[c[0]]}, ${APPROACH[c[1]]}`);
  titles.set('0ZZ13ZZ', 'Inspection of the Left Kidney by Needle, Percutaneous Approach');
  const d = derivePcsTable('0ZZ', null, titles);
  assert.equal(d.matched, codes.length - 1);
  const problem = d.problems.find((p) => p.kind === 'regeneration');
  assert.ok(problem, 'a regeneration problem is reported');
  assert.match(problem.message, /0ZZ13ZZ "Inspection of the Left Kidney by Needle, Percutaneous Approach"/);
  assert.equal(d.axes[0].values['0'], 'Right Kidney');
});

test('a value rendered with commas of its own (", Bifurcation,") shares the comma with its neighbour', () => {
  const QUAL: Record<string, string> = { '6': ', Bifurcation,', Z: '' };
  const DEV: Record<string, string> = { D: ' with Intraluminal Device', Z: '' };
  const codes: string[] = [];
  for (const b of ['0', '1']) for (const a of ['0', '3']) for (const dv of ['D', 'Z']) for (const q of ['6', 'Z']) codes.push(b + a + dv + q);
  const body: Record<string, string> = { '0': 'Coronary Artery, One Artery', '1': 'Coronary Artery, Two Arteries' };
  const titles = table(codes, (c) => `Dilation of ${body[c[0]]}${QUAL[c[3]]}${DEV[c[2]]}, ${APPROACH[c[1]]}`.replace(/,,/g, ',').replace(/, ,/g, ','));
  const d = derivePcsTable('0ZZ', null, titles);
  assert.equal(d.matched, d.regenerated, d.problems.map((p) => p.message).join('\n'));
  assert.equal(d.axes[3].values['6'], 'Bifurcation');
  // Words every value of the table shares ("Coronary Artery,") stay in the template.
  assert.equal(d.template, 'Dilation of Coronary Artery, {4} {7} {6}, {5} Approach');
  assert.equal(d.axes[0].values['1'], 'Two Arteries');
});

test('a character with one value: Z is No Device / No Qualifier; another is named from a sibling table, or reported', () => {
  const titles = table(['0XZZ', '1XZZ'], (c) => `Change Drainage Device in ${BODY[c[0]]}, External Approach`);
  const alone = derivePcsTable('0ZZ', null, titles);
  assert.equal(alone.axes[2].values['Z'], 'No Device');
  assert.equal(alone.axes[1].values['X'], null);
  assert.ok(alone.problems.some((p) => p.kind === 'inseparable' && /character 5 \(X\)/.test(p.message)));
  const helped = derivePcsTable('0ZZ', null, titles, { renderings: (p, v) => (p === 5 && v === 'X' ? ['External Approach'] : []), templates: [] });
  assert.equal(helped.axes[1].values['X'], 'External Approach');
  assert.equal(helped.matched, 2);
});

test('section, body system and root operation from a table title', () => {
  assert.deepEqual(namesOf('02R', 'Heart and Great Vessels, Replacement'), ['Medical and Surgical', 'Heart and Great Vessels', 'Replacement']);
  assert.deepEqual(namesOf('0WJ', 'Anatomical Regions, General, Inspection'), ['Medical and Surgical', 'Anatomical Regions, General', 'Inspection']);
  assert.deepEqual(namesOf('B24', 'Imaging, Heart, Ultrasonography'), ['Imaging', 'Heart', 'Ultrasonography']);
  assert.deepEqual(namesOf('GZB', 'Mental Health, Electroconvulsive Therapy'), ['Mental Health', '', 'Electroconvulsive Therapy']);
});

const archive = join(defaultSourcesDir(), 'history', 'cms_2026_pr.zip');
test(
  'the FY2026 order file: 914 tables, and the meanings of well-known tables',
  { skip: !existsSync(archive) && 'official archives not beside the checkout' },
  () => {
    const order = readPcsOrderFile(openCmsArchive(archive).read(/^icd10pcs_order_\d{4}\.txt$/));
    assert.equal(order.tables.size, 914);
    assert.equal(order.codes.size, 79115);
    const derive = (t: string) =>
      derivePcsTable(t, order.tables.get(t) ?? null, new Map([...order.codes].filter(([c]) => c.startsWith(t)).map(([c, v]) => [c, v.title])));
    const cases: [string, number, string, string][] = [
      ['02R', 4, 'F', 'Aortic Valve'],
      ['02R', 5, '3', 'Percutaneous'],
      ['02R', 6, '8', 'Zooplastic Tissue'],
      ['02R', 7, 'H', 'Transapical'],
      ['0DT', 4, 'J', 'Appendix'],
      ['0FT', 4, '4', 'Gallbladder'],
      ['0SR', 6, '2', 'Metal on Polyethylene Synthetic Substitute'],
      ['0Y6', 4, 'C', 'Right Upper Leg'],
      ['10D', 7, '1', 'Low'],
      ['02H', 6, '3', 'Infusion Device'],
    ];
    const seen = new Map<string, ReturnType<typeof derive>>();
    for (const [t, position, value, label] of cases) {
      const d = seen.get(t) ?? derive(t);
      seen.set(t, d);
      assert.equal(d.axes[position - 4].values[value], label, `${t} character ${position} value ${value}`);
    }
    for (const t of ['02R', '0DT', '0FT', '0SR']) assert.equal(seen.get(t)!.matched, seen.get(t)!.regenerated, `every title of ${t} re-generated`);
  },
);
