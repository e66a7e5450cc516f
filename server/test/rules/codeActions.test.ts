// Quick fixes as plain data: each fix's edits, applied to the chart, give the corrected text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import { codeActions, REASON_PLACEHOLDER, type TextEditData } from '../../src/service/features/codeActions';
import { DEFAULT_SETTINGS, type ServiceContext } from '../../src/service/context';
import { loadTables } from '../../src/tables/load';
import { indexLines, offsetAt } from '../../src/chart/text';
import { HEADER } from '../helpers/markers';
import { abs } from './cases';

const ctx: ServiceContext = { tables: loadTables(), settings: DEFAULT_SETTINGS };

function apply(text: string, edits: TextEditData[]): string {
  const idx = indexLines(text);
  const sorted = edits.map((e) => ({ s: offsetAt(idx, e.range.start), e: offsetAt(idx, e.range.end), t: e.newText })).sort((a, b) => b.s - a.s);
  for (const x of sorted) text = text.slice(0, x.s) + x.t + text.slice(x.e);
  return text;
}

function actionsOn(text: string, rule: string) {
  const chart = parseChart(text);
  const findings = computeFindings(chart, ctx);
  const f = findings.find((x) => x.rule === rule);
  assert.ok(f, `no ${rule} finding`);
  return { text, actions: codeActions(chart, f.range, findings, ctx).filter((a) => a.diagnosticRules.includes(rule)) };
}

test('code.seventh-character offers the valid completed codes', () => {
  const { text, actions } = actionsOn(HEADER + '[fall]{dx=W01.0A}\n' + abs('PDX  I50.9  Y'), 'code.seventh-character');
  assert.deepEqual(
    actions.filter((a) => !a.command).map((a) => a.edits[0].newText),
    ['W01.0XXA', 'W01.0XXD', 'W01.0XXS'],
  );
  assert.match(apply(text, actions[0].edits), /\{dx=W01\.0XXA\}/);
});

test('a 7th-character fix: every valid 7th character with only its meaning, here only or everywhere the code appears', () => {
  const note = '[right femoral neck fracture]{dx=S72.001 poa=Y}\n';
  const { text, actions } = actionsOn(HEADER + note + abs('PDX  S72.001  Y'), 'code.seventh-character');
  const fixes = actions.filter((a) => !a.command);
  const everywhere = fixes.filter((a) => /here and everywhere this code appears \(2 places\)$/.test(a.title));
  const hereOnly = fixes.filter((a) => / — here only$/.test(a.title));
  // Every valid 7th character of the fracture table, sequela (S) included.
  assert.deepEqual(
    everywhere.map((a) => a.edits[0].newText[7]),
    ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M', 'N', 'P', 'Q', 'R', 'S'],
  );
  assert.equal(hereOnly.length, everywhere.length);
  const sequela = everywhere.find((a) => a.edits[0].newText === 'S72.001S')!;
  assert.equal(sequela.title, 'Replace with S72.001S — sequela — here and everywhere this code appears (2 places)');
  // One edit changes the annotation and the abstract: no new finding that the abstract lacks evidence.
  const out = apply(text, sequela.edits);
  assert.ok(out.includes('{dx=S72.001S poa=Y}') && out.includes('PDX  S72.001S  Y'), out);
  const after = computeFindings(parseChart(out), ctx).map((f) => f.rule);
  assert.ok(!after.includes('code.seventh-character') && !after.includes('doc.no-evidence'), after.join());
  // "Here only" changes the one place.
  const onlyHere = apply(text, hereOnly[0].edits);
  assert.equal(onlyHere.split('S72.001A').length - 1, 1);
});

test('code.not-billable offers billable children only', () => {
  const { actions } = actionsOn(HEADER + '[CHF]{dx=I50 poa=Y}\n' + abs('PDX  I50.9  Y'), 'code.not-billable');
  const codes = actions.filter((a) => !a.command).map((a) => a.edits[0].newText);
  assert.ok(codes.includes('I50.9') && codes.includes('I50.33'), codes.join());
  for (const c of codes) assert.equal(ctx.tables!.lookup(c, '2026-03-06').kind, 'valid');
});

test('code.format rewrites every code of the document at once', () => {
  const { text, actions } = actionsOn(HEADER + '[CHF]{dx=i509 poa=Y} [HTN]{dx=I10}\n' + abs('PDX  I509  Y', 'SDX  i10  Y'), 'code.format');
  const fix = actions.find((a) => !a.command)!;
  const out = apply(text, fix.edits);
  assert.match(out, /dx=I50\.9 /);
  assert.match(out, /PDX {2}I50\.9 {2}Y\nSDX {2}I10 {2}Y/);
});

test('seq.combination replaces the separate code with the combination code', () => {
  const { text, actions } = actionsOn(HEADER + '[HTN]{dx=I10 poa=Y} [CKD 3a]{dx=N18.31 poa=Y}\n' + abs('PDX  I10  Y', 'SDX  N18.31  Y'), 'seq.combination');
  assert.match(apply(text, actions.find((a) => !a.command)!.edits), /PDX {2}I12\.9 {2}Y\nSDX {2}N18\.31/);
});

test('doc.not-in-abstract adds the code with its POA before the closing fence', () => {
  const { text, actions } = actionsOn(HEADER + '[CHF]{dx=I50.9 poa=Y} [pneumonia]{dx=J18.9 poa=N}\n' + abs('PDX  I50.9  Y'), 'doc.not-in-abstract');
  const out = apply(text, actions.find((a) => !a.command)!.edits);
  assert.match(out, /PDX {2}I50\.9 {2}Y\nSDX {2}J18\.9 {2}N\n```/, 'lined up with the POA column above');
  assert.equal(parseChart(out).abstract!.lines.length, 2);
});

test('doc.not-in-abstract: columns follow the abstract, and a code with no annotated POA asks for it', () => {
  const cases: [name: string, note: string, lines: string[], added: string, choices: string[] | null][] = [
    ['wide columns, POA from the note', '[CHF]{dx=I50.9 poa=Y} [AKI]{dx=N17.9 poa=N}', ['PDX     I50.9      Y'], 'SDX     N17.9      N', null],
    ['no POA in the note: asked, Y first', '[CHF]{dx=I50.9 poa=Y} [AKI]{dx=N17.9}', ['PDX  I50.9  Y'], 'SDX  N17.9', ['Y', 'N', 'U', 'W', '1']],
    [
      'no POA, exempt code: 1 first',
      '[CHF]{dx=I50.9 poa=Y} [history of tobacco use]{dx=Z87.891}',
      ['PDX  I50.9  Y'],
      'SDX  Z87.891',
      ['1', 'Y', 'N', 'U', 'W'],
    ],
  ];
  for (const [name, note, lines, added, choices] of cases) {
    const { text, actions } = actionsOn(`${HEADER}${note}\n${abs(...lines)}`, 'doc.not-in-abstract');
    const action = actions.find((a) => !a.command)!;
    const out = apply(text, action.edits);
    assert.ok(out.includes(`\n${added}\n\`\`\``), `${name}: ${out}`);
    assert.deepEqual(action.poaChoice?.choices ?? null, choices, name);
    if (action.poaChoice) {
      // The POA goes at the end of the new line, after padding that lines it up with the POA column.
      const line = out.split('\n')[action.poaChoice.position.line];
      assert.equal(line, added, name);
      assert.equal(action.poaChoice.position.character, added.length, name);
      assert.equal((added + action.poaChoice.padding).length, Math.max('PDX  I50.9  '.length, added.length + 1), name);
    }
  }
});

test('suppress with reason: inserts the comment on the line before and asks for the reason', () => {
  const { text, actions } = actionsOn(
    HEADER + '[DM2 CKD]{dx=E11.22 poa=Y} [CKD]{dx=N18.30 poa=Y} [DM1]{dx=E10.9 poa=Y}\n' + abs('PDX  E11.22  Y', 'SDX  N18.30  Y', 'SDX  E10.9  Y'),
    'icd.excludes1',
  );
  const s = actions.find((a) => a.command)!;
  const line = parseChart(text).abstract!.lines[2].range.start.line;
  assert.deepEqual(s.command, { id: 'chartcoder.suppressWithReason', args: [line, 'icd.excludes1'] });
  const out = apply(text, s.edits).replace(REASON_PLACEHOLDER, 'unrelated: LADA');
  const f = computeFindings(parseChart(out), ctx).find((x) => x.rule === 'icd.excludes1')!;
  assert.deepEqual(f.suppressed, { reason: 'unrelated: LADA' });
});
