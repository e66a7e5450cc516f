// Completion in a chart, at `$0`: in annotations (`dx=`, `pcs=`, `hcpcs=`, `ind=`, after a comma),
// on abstract lines, with the annotated words as the query; header drill-down, 7th characters with
// their meanings, CC/MCC badges, and only codes valid on the discharge date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { createSearchEngine } from '../../src/search/engine';
import { complete, completionContext } from '../../src/service/features/completion';
import { parseChart } from '../../src/chart/parse';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { HEADER, marked } from '../helpers/markers';

const dir = defaultTablesDir();
const tables = loadTables(dir);
const ctx: ServiceContext = { tables, grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } };
const engine = createSearchEngine(tables);

function at(body: string, header = HEADER) {
  const m = marked(header + body);
  assert.ok(m.cursor, 'test text has a $0');
  return complete(parseChart(m.text), m.cursor, ctx, engine);
}

test('the annotated words are the query before anything is typed', () => {
  const items = at('# HPI\n[acute on chronic diastolic heart failure]{dx=$0\n');
  assert.equal(items[0].label, 'I50.33');
  assert.equal(items[0].kind, 'code');
  assert.equal(items[0].billable, true);
  // The code goes in with its POA asked as a snippet choice (issue #23).
  assert.equal(items[0].insertText, 'I50.33 poa=${1|Y,N,U,W,1|}');
  assert.equal(items[0].insertTextFormat, 'snippet');
  assert.equal(items[0].retrigger, false);
});

test('a typed code prefix replaces only what was typed, in dx= and after a comma', () => {
  const m = marked(`${HEADER}# HPI\n[CKD 4 with diabetes]{dx=E11.22,N18$0}\n`);
  const items = complete(parseChart(m.text), m.cursor!, ctx, engine);
  assert.ok(items.length > 0 && items.every((i) => i.label.startsWith('N18')));
  assert.deepEqual(items[0].range, { start: { line: m.cursor!.line, character: m.cursor!.character - 3 }, end: m.cursor });
});

test('each key implies its system: pcs, hcpcs, ind', () => {
  assert.match(at('# Procedures\n[laparoscopic cholecystectomy]{pcs=$0}\n')[0].label, /^0FT4/);
  assert.ok(at('# Meds\n[insulin]{hcpcs=J18$0}\n').every((i) => /^J18/.test(i.label)));
  assert.ok(at('# Meds\n[insulin]{dx=E11.9 ind=$0}\n').every((i) => /^[A-Z]\d/.test(i.label) && !/^\d/.test(i.label)));
});

test('abstract lines: PDX/SDX → ICD-10-CM, PROC → ICD-10-PCS', () => {
  const sdx = at('# HPI\nx\n\n```abstract\nPDX I50.33 Y\nSDX n17$0\n```\n');
  assert.ok(sdx.length > 0 && sdx.every((i) => i.label.startsWith('N17')));
  const proc = at('# HPI\nx\n\n```abstract\nPDX I50.33 Y\nPROC 0FT4$0\n```\n');
  assert.ok(proc.length > 0 && proc.every((i) => i.label.startsWith('0FT4')));
  assert.equal(completionContext(parseChart(marked(`${HEADER}# HPI\nno code here$0\n`).text), { line: 8, character: 12 }), null);
});

test('a header re-triggers completion, and its children are offered next', () => {
  const items = at('# HPI\n[heart failure]{dx=I50.3$0\n');
  const header = items.find((i) => i.label === 'I50.3');
  assert.ok(header, 'the header I50.3 is offered');
  assert.equal(header.kind, 'header');
  assert.equal(header.billable, false);
  assert.equal(header.retrigger, true);
  const children = at(`# HPI\n[heart failure]{dx=${header.insertText}$0\n`).filter((i) => i.billable);
  assert.deepEqual(children.map((i) => i.label).sort(), ['I50.30', 'I50.31', 'I50.32', 'I50.33']);
});

test('a code needing a 7th character offers the valid 7th characters with their meanings', () => {
  const items = at('# HPI\n[hip fracture]{dx=S72.001$0\n');
  const byChar = new Map(items.filter((i) => i.kind === 'seventh-character').map((i) => [i.label.slice(-1), i]));
  assert.ok(byChar.has('A') && byChar.has('D') && byChar.has('S'));
  assert.match(byChar.get('A')!.detail, /7th character A: initial encounter for closed fracture/i);
});

test('the X placeholder is part of the offered codes where the code is shorter than six characters', () => {
  const items = at('# HPI\n[fracture of pelvis]{dx=S32.9$0\n');
  assert.ok(
    items.some((i) => i.label === 'S32.9XXA'),
    items.map((i) => i.label).join(' '),
  );
});

test('CC/MCC badges come from the MS-DRG severity of the release', () => {
  const items = at('# HPI\n[acute on chronic diastolic heart failure]{dx=$0\n');
  assert.equal(items[0].badge, 'MCC'); // I50.33 is an MCC in MS-DRG v43
  const htn = at('# HPI\n[essential hypertension]{dx=I10$0\n').find((i) => i.label === 'I10');
  assert.equal(htn?.badge, undefined);
});

test('codes valid on the chart discharge date come first; a typed code of another release is offered last, saying so', () => {
  const fy26 = tables.releases.find((r) => r.id === 'FY2026')!;
  const fy27 = tables.releases[tables.releases.length - 1];
  const added = tables.compareReleases('icd10cm', fy26.id, fy27.id).added.find((e) => e.billable)!;
  const prefix = added.display;
  const header27 = HEADER.replace('discharged: 2026-03-06', `discharged: ${fy27.start}`).replace('admitted: 2026-03-02', `admitted: ${fy27.start}`);
  assert.ok(at(`# HPI\n[x]{dx=${prefix}$0\n`, header27).some((i) => i.label === added.display));
  const fy26Items = at(`# HPI\n[x]{dx=${prefix}$0\n`);
  const other = fy26Items.find((i) => i.label === added.display);
  assert.ok(other, 'never hidden: a coder may need it');
  assert.equal(fy26Items[fy26Items.length - 1], other, 'offered last');
  assert.match(other.detail ?? '', /not valid on the discharge date/);
});

test('outside a code position there is nothing to complete', () => {
  assert.deepEqual(at('# HPI\n[heart failure]{poa=$0\n'), []);
  assert.deepEqual(at('# HPI\nplain words$0\n'), []);
});

test('a position past the end of its line completes at the end of the line; past the last line, nothing', () => {
  const m = marked(`${HEADER}# HPI\n[CKD 4]{dx=N18$0\n`);
  const chart = parseChart(m.text);
  const beyond = complete(chart, { line: m.cursor!.line, character: m.cursor!.character + 40 }, ctx, engine);
  assert.deepEqual(
    beyond.map((i) => [i.label, i.range]),
    complete(chart, m.cursor!, ctx, engine).map((i) => [i.label, i.range]),
  );
  assert.ok(beyond.length > 0);
  assert.deepEqual(complete(chart, { line: 999, character: 0 }, ctx, engine), []);
  assert.deepEqual(complete(chart, { line: -1, character: 0 }, ctx, engine), []);
});

test('when hardly any code meets every word, its neighbours follow it (codes missing one word)', () => {
  const items = at('# HPI\n[acute kidney injury]{dx=$0\n');
  assert.equal(items[0].label, 'N17.9');
  assert.ok(items.filter((i) => i.label.startsWith('N17.')).length >= 3, items.map((i) => i.label).join(' '));
});

test('a word nothing matches is said in the list: after the codes the other words find, or alone', () => {
  const mixed = at('# HPI\n[xqzv pneumonia]{dx=$0\n');
  assert.ok(
    mixed.some((i) => i.label === 'J18.9'),
    mixed.map((i) => i.label).join(' '),
  );
  const last = mixed[mixed.length - 1];
  assert.equal(last.kind, 'notice');
  assert.equal(last.label, "no code matches 'xqzv'");
  assert.equal(last.insertText, ''); // accepting it leaves the text as it was
  assert.equal(last.retrigger, false);
  const alone = at('# HPI\n[zzqx]{dx=$0\n');
  assert.deepEqual(
    alone.map((i) => [i.kind, i.label]),
    [['notice', "no code matches 'zzqx'"]],
  );
  const typed = at('# HPI\n[x]{dx=zzqx$0\n');
  assert.deepEqual(
    typed.map((i) => [i.kind, i.label, i.insertText, i.filterText]),
    [['notice', "no code matches 'zzqx'", 'zzqx', 'zzqx']],
  );
});
