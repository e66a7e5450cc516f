// DRG impact in the editor: code lens, hover what-ifs, inlay hints and the analysis view, on the
// sample charts (their DRGs were checked with CMS's grouper when the samples were written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { HEADER } from '../helpers/markers';
import { formulaInWords } from '../../src/service/features/drg';

const dir = defaultTablesDir();
const service = new LanguageService({ tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } });
const sample = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'samples', `${name}.chart`), 'utf8');
const lineOf = (text: string, prefix: string) => text.split('\n').findIndex((l) => l.startsWith(prefix));

test('code lens over the abstract: DRG, RW, GMLOS, estimate at the national rate, and the logic version', () => {
  const lenses = service.codeLenses(chartInput('hf', sample('hf-ckd')));
  assert.equal(lenses[0].title, 'MS-DRG 291 Heart Failure and Shock with MCC · RW 1.2838 · GMLOS 3.8 · est. $8,669 (national rate)');
  assert.equal(lenses[1].title, 'Grouper: MS-DRG v43.0');
  assert.deepEqual(
    lenses.map((l) => l.opensDrgAnalysis),
    [true, true],
  );
});

test('the user base rate replaces the national rate, and the lens says so', () => {
  const own = new LanguageService({ ...service.ctx, settings: { ...DEFAULT_SETTINGS, baseRate: 7000 } });
  assert.match(own.codeLenses(chartInput('hf', sample('hf-ckd')))[0].title, /est\. \$8,987 \(your base rate\)$/);
});

test('version switch at 2026-04-01: the same abstract groups with v43.1 after it', () => {
  const text = sample('hf-ckd').replace('discharged: 2026-03-06', 'discharged: 2026-04-02');
  assert.equal(service.codeLenses(chartInput('hf2', text))[1].title, 'Grouper: MS-DRG v43.1');
});

test('an FY2027 chart is grouped with v43.1 logic, labelled, and priced with v44 weights', () => {
  const text = sample('hf-ckd').replace('admitted: 2026-03-02', 'admitted: 2026-10-02').replace('discharged: 2026-03-06', 'discharged: 2026-10-06');
  const [drg, label] = service.codeLenses(chartInput('hf27', text)).map((l) => l.title);
  assert.equal(label, 'Grouper: MS-DRG v43.1 logic — v44 logic not installed');
  assert.match(drg, /^MS-DRG 291 .* RW 1\.2685 /);
  const hover = service.hover(chartInput('hf27', text), { line: lineOf(text, 'SDX  I50.33'), character: 6 })!.markdown;
  assert.match(hover, /fy2027_msdrg_v44_weights\.tsv/);
});

test('hover on an SDX: its severity and the DRG with and without it', () => {
  const text = sample('hf-ckd');
  const md = service.hover(chartInput('hf', text), { line: lineOf(text, 'SDX  I50.33'), character: 6 })!.markdown;
  assert.match(md, /As secondary here: MCC/);
  assert.match(md, /With it: MS-DRG 291/);
  assert.match(md, /Without it: \*\*MS-DRG 292 Heart Failure and Shock with CC · RW 0\.8490/);
});

test('hover: a one-line DRG summary comes first, before the code title and its notes', () => {
  const hf = sample('hf-ckd');
  const hip = sample('hip-fracture');
  const excluded = `${HEADER}# Note\n[x]{dx=I50.23 poa=Y} [y]{dx=I50.22 poa=Y}\n\`\`\`abstract\nPDX I50.23 Y\nSDX I50.22 Y\n\`\`\`\n`;
  const notAdded = `${HEADER}# Note\n[CHF]{dx=I50.23 poa=Y} [acute respiratory failure with hypoxia]{dx=J96.01 poa=Y}\n\`\`\`abstract\nPDX I50.23 Y\n\`\`\`\n`;
  const cases: [string, string, { line: number; character: number }, RegExp][] = [
    [
      'SDX that moves the DRG',
      hf,
      { line: lineOf(hf, 'SDX  I50.33'), character: 6 },
      /^\*\*MCC · without it → MS-DRG 292 \(−\$2,936\)\*\*\n\n\*\*I50\.33\*\* /,
    ],
    ['SDX that does not', hf, { line: lineOf(hf, 'SDX  N18.4'), character: 6 }, /^\*\*CC · without it → no change \(MS-DRG 291\)\*\*\n/],
    ['CC-excluded SDX', excluded, { line: 11, character: 5 }, /^\*\*CC, CC-excluded · without it → no change \(MS-DRG \d+\)\*\*\n/],
    ['annotated code not yet reported', notAdded, { line: 8, character: 70 }, /^\*\*MCC · adding it → MS-DRG 291 \(\+\$[\d,]+\)\*\*\n/],
    [
      'annotated code already reported reads as its SDX line',
      hf,
      {
        line: hf.split('\n').findIndex((l) => l.includes('dx=I50.33')),
        character:
          hf
            .split('\n')
            .find((l) => l.includes('dx=I50.33'))!
            .indexOf('I50.33') + 2,
      },
      /^\*\*MCC · without it → MS-DRG 292 \(−\$2,936\)\*\*\n/,
    ],
    ['PDX', hf, { line: lineOf(hf, 'PDX'), character: 6 }, /^\*\*Principal · MS-DRG 291 \(est\. \$8,669\)\*\*\n/],
    ['PROC', hip, { line: lineOf(hip, 'PROC'), character: 7 }, /^\*\*O\.R\. · without it → MS-DRG \d+ \(−\$[\d,]+\)\*\*\n/],
  ];
  for (const [name, text, position, summary] of cases) {
    const md = service.hover(chartInput(name, text), position)!.markdown;
    assert.match(md, summary, name);
    // The DRG detail sits above the tabular notes (which can be long), so it is seen without scrolling.
    const notes = md.search(/\*\*(Excludes1|Excludes2|Code first|Includes|Inclusion terms|Use additional code|Code also):\*\*/);
    if (notes >= 0) assert.ok(md.indexOf('MS-DRG v43.0 ·') < notes, `${name}: DRG detail before the notes`);
  }
});

test('hover on a CC-excluded SDX names the exclusion (I50.22 under PDX I50.23)', () => {
  const text = `${HEADER}# Note\n[x]{dx=I50.23 poa=Y} [y]{dx=I50.22 poa=Y}\n\`\`\`abstract\nPDX I50.23 Y\nSDX I50.22 Y\n\`\`\`\n`;
  const md = service.hover(chartInput('x', text), { line: 11, character: 5 })!.markdown;
  assert.match(md, /As secondary here: CC, \*\*CC-excluded\*\* by PDX I50\.23 \(exclusion list \d+\)/);
  assert.deepEqual(
    service.inlayHints(chartInput('x', text)).map((h) => h.label),
    ['CC excl.'],
  );
});

test('hover on an annotated code not in the abstract: the DRG if it were added with its POA', () => {
  const text = `${HEADER}# Note\n[CHF]{dx=I50.23 poa=Y} [acute respiratory failure with hypoxia]{dx=J96.01 poa=Y}\n\`\`\`abstract\nPDX I50.23 Y\n\`\`\`\n`;
  const md = service.hover(chartInput('y', text), { line: 8, character: 70 })!.markdown;
  assert.match(md, /If added as SDX \(POA Y\): MCC/);
  assert.match(md, /DRG: \*\*MS-DRG 291/);
});

test('hover on the PDX: the DRG and other reported diagnoses as principal, labelled as information', () => {
  const text = sample('hf-ckd');
  const md = service.hover(chartInput('hf', text), { line: lineOf(text, 'PDX'), character: 6 })!.markdown;
  assert.match(md, /^MS-DRG 291 Heart Failure and Shock with MCC · RW/m);
  assert.match(md, /information only — the guidelines, not the DRG, decide the sequence/);
});

test('HAC: a hospital-acquired pressure ulcer (POA N) is grouped as non-CC and marked', () => {
  const text = `${HEADER}# Note\n[pneumonia]{dx=J18.9 poa=Y}\n\`\`\`abstract\nPDX J18.9 Y\nSDX L89.154 N\n\`\`\`\n`;
  assert.match(service.codeLenses(chartInput('h', text))[0].title, /^MS-DRG 195 /);
  assert.deepEqual(
    service.inlayHints(chartInput('h', text)).map((h) => h.label),
    ['HAC'],
  );
  assert.match(service.inlayHints(chartInput('h', text))[0].tooltip, /this MCC is grouped as non-CC/);
  const withY = text.replace('L89.154 N', 'L89.154 Y');
  assert.match(service.codeLenses(chartInput('h2', withY))[0].title, /^MS-DRG 193 /);
});

test('inlay hints after SDX and PROC lines', () => {
  assert.deepEqual(
    service.inlayHints(chartInput('hip', sample('hip-fracture'))).map((h) => h.label),
    ['CC', 'O.R.'],
  );
});

test('the DRG analysis: grouping path and one-code what-ifs', () => {
  const md = service.drgAnalysis(chartInput('hf', sample('hf-ckd')));
  assert.match(md, /## How it grouped/);
  assert.match(md, /Principal diagnosis I13\.0 → MDC 05/);
  assert.match(md, /Severity from: I50\.33 \(MCC\)/);
  assert.match(md, /\| remove SDX I50\.33 \(MCC\) \| 292 Heart Failure and Shock with CC \(RW 0\.8490\) \| −\$2,936 \|/);
});

test('the DRG analysis reads at half width: no-change what-ifs on one line, the title once, the formula in words, terms explained', () => {
  const md = service.drgAnalysis(chartInput('hf', sample('hf-ckd')));
  // The five secondaries that do not move the DRG: one line, not a table row each.
  assert.match(md, /^No change to DRG 291: remove SDX N18\.4 \(CC\); remove SDX E11\.22 \(non-CC\); .*Z87\.891 \(non-CC\)\.$/m);
  assert.equal(md.split('\n').filter((l) => l.startsWith('|') && !l.startsWith('|---')).length, 2, 'header and the one row that changes');
  assert.equal(md.split('Heart Failure and Shock with MCC').length - 1, 1, 'the current DRG title once');
  assert.match(
    md,
    /The DRG's condition: an MCC among the secondary diagnoses and the principal diagnosis is on CMS list dxc0505 \(CMS formula `\(MCC & PDX:dxc0505\)`\)/,
  );
  for (const term of ['**RW**', '**GMLOS**', '**CC / MCC**', '**POA**', 'MDC: major diagnostic category']) assert.ok(md.includes(term), term);
  // Half a 1280-px window is ~70 columns of markdown preview: the table rows stay near that.
  for (const l of md.split('\n').filter((x) => x.startsWith('| '))) assert.ok(l.length <= 90, l);
});

test('a CMS formula in words', () => {
  const cases: [string, string][] = [
    ['PDX:hipfracture & hipreplace', 'the principal diagnosis is on CMS list hipfracture and a procedure on CMS list hipreplace'],
    ['(MCC | CC) & ~SDX:x', '(an MCC among the secondary diagnoses or a CC among the secondary diagnoses) and not a secondary diagnosis is on CMS list x'],
    ['DIED', 'the patient died'],
  ];
  for (const [formula, words] of cases) assert.equal(formulaInWords(formula), words, formula);
});

test('a chart without an abstract gets no lens; one that cannot be grouped says why', () => {
  assert.deepEqual(service.codeLenses(chartInput('n', `${HEADER}# Note\ntext\n`)), []);
  const noPdx = service.codeLenses(chartInput('p', `${HEADER}\`\`\`abstract\nSDX I10 Y\n\`\`\`\n`));
  assert.match(noPdx[0].title, /not grouped — the abstract has no PDX line/);
});
