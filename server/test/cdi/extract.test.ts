// The measurement extractor on its own: phrasings clinicians write, units and their conversion,
// dates, reference ranges and targets that are not patient values, baseline and prior values, and
// the results block. Each row: a text, and the values it must give (name, canonical value, kind,
// date when the row says one) — and nothing else of those names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractLine, type ValueKind } from '../../src/cdi/extract';
import { parseChart } from '../../src/chart/parse';
import { chartMeasurements } from '../../src/cdi/measurements';
import { mentions } from '../../src/cdi/concepts';
import type { MeasureName } from '../../src/cdi/vocabulary';

const stay = { admitted: '2026-02-03', discharged: '2026-02-07', surgery: '2026-02-04' };
const ctx = { stay, sectionDate: '2026-02-05' };

interface Want {
  name: MeasureName;
  value: number;
  kind?: ValueKind;
  date?: string | null;
  context?: Record<string, unknown>;
}
const CASES: { text: string; want: Want[]; why: string }[] = [
  {
    why: 'two values, each with its own time',
    text: 'Cr 2.4 this morning, 1.1 on admission.',
    want: [
      { name: 'creatinine', value: 2.4, date: '2026-02-05' },
      { name: 'creatinine', value: 1.1, date: '2026-02-03' },
    ],
  },
  {
    why: 'Na+ and a prior value in parentheses',
    text: 'Na+ 127 on arrival (was 138 in November).',
    want: [
      { name: 'sodium', value: 127, date: '2026-02-03' },
      { name: 'sodium', value: 138, kind: 'prior' },
    ],
  },
  { why: 'sats on room air', text: 'sats 87% on RA', want: [{ name: 'spo2', value: 87, context: { roomAir: true } }] },
  {
    why: 'a written trend',
    text: 'Hgb fell from 11.8 to 8.6 after surgery.',
    want: [
      { name: 'hemoglobin', value: 11.8 },
      { name: 'hemoglobin', value: 8.6, context: { postop: true } },
    ],
  },
  { why: 'BMI', text: 'BMI 43.2', want: [{ name: 'bmi', value: 43.2 }] },
  { why: 'lactate', text: 'lactate 4.1', want: [{ name: 'lactate', value: 4.1 }] },
  { why: 'a documented baseline before the name', text: 'baseline creatinine 1.0', want: [{ name: 'creatinine', value: 1.0, kind: 'baseline' }] },
  {
    why: 'a baseline after the value',
    text: 'creatinine 2.6 mg/dL, baseline 1.0 in December',
    want: [
      { name: 'creatinine', value: 2.6, kind: 'patient' },
      { name: 'creatinine', value: 1.0, kind: 'baseline' },
    ],
  },
  { why: 'MAP', text: 'MAP 62', want: [{ name: 'map', value: 62 }] },
  {
    why: 'a reference range is not a value',
    text: 'Creatinine 1.0 on admission (ref 0.6–1.2).',
    want: [
      { name: 'creatinine', value: 1.0, kind: 'patient' },
      { name: 'creatinine', value: 0.6, kind: 'reference' },
    ],
  },
  {
    why: 'normal range words',
    text: 'Sodium 131 (normal 135-145)',
    want: [
      { name: 'sodium', value: 131, kind: 'patient' },
      { name: 'sodium', value: 135, kind: 'reference' },
    ],
  },
  { why: 'a target is not a value', text: '2 L NC to keep sats > 94%.', want: [{ name: 'spo2', value: 94, kind: 'target' }] },
  { why: 'a goal MAP', text: 'Norepinephrine titrated to a goal MAP > 65.', want: [{ name: 'map', value: 65, kind: 'target' }] },
  {
    why: 'µmol/L creatinine converted',
    text: 'Creat 168 µmol/L this AM (97 on admit).',
    want: [
      { name: 'creatinine', value: 1.9, date: '2026-02-05' },
      { name: 'creatinine', value: 1.097, date: '2026-02-03' },
    ],
  },
  {
    why: 'temperature in °F converted',
    text: 'T 102.4 °F, HR 124',
    want: [
      { name: 'temp', value: 39.111 },
      { name: 'hr', value: 124 },
    ],
  },
  {
    why: 'a bare temperature in °F',
    text: 'Temp 101.3 and HR 88',
    want: [
      { name: 'temp', value: 38.5 },
      { name: 'hr', value: 88 },
    ],
  },
  {
    why: 'WBC in K/µL and per µL',
    text: 'WBC 12.5 K/uL; repeat white count 12,500',
    want: [
      { name: 'wbc', value: 12.5 },
      { name: 'wbc', value: 12.5 },
    ],
  },
  { why: 'platelets per µL', text: 'platelets 85,000', want: [{ name: 'platelets', value: 85 }] },
  {
    why: 'hemoglobin in g/L',
    text: 'Hb 118 g/L, down to 91 g/L overnight',
    want: [
      { name: 'hemoglobin', value: 11.8 },
      { name: 'hemoglobin', value: 9.1 },
    ],
  },
  {
    why: 'a blood pressure pair gives a MAP',
    text: 'BP 84/50 on arrival',
    want: [
      { name: 'sbp', value: 84 },
      { name: 'dbp', value: 50 },
      { name: 'map', value: 61.333, context: { derived: true } },
    ],
  },
  {
    why: 'an ABG triple',
    text: 'ABG 7.29/62/54 on room air',
    want: [
      { name: 'ph', value: 7.29 },
      { name: 'paco2', value: 62 },
      { name: 'pao2', value: 54 },
    ],
  },
  {
    why: 'an ABG written out',
    text: 'ABG: pH 7.29, PaCO2 62, PaO2 54.',
    want: [
      { name: 'ph', value: 7.29 },
      { name: 'paco2', value: 62 },
      { name: 'pao2', value: 54 },
    ],
  },
  {
    why: 'a venous gas has no PaO2',
    text: 'VBG pH 7.31, pCO2 54',
    want: [
      { name: 'ph', value: 7.31 },
      { name: 'paco2', value: 54, context: { venous: true } },
    ],
  },
  { why: 'FiO2 in percent', text: 'BiPAP 12/5, FiO2 40%', want: [{ name: 'fio2', value: 0.4 }] },
  {
    why: 'bands before their name',
    text: 'WBC 18.6 with 14% bands',
    want: [
      { name: 'wbc', value: 18.6 },
      { name: 'bands', value: 14 },
    ],
  },
  { why: 'a dose ends the scope', text: 'Hemoglobin 11.8 on admission, on aspirin 81 mg', want: [{ name: 'hemoglobin', value: 11.8 }] },
  {
    why: 'a duration is skipped, the plausibility check drops a goal in mEq/L',
    text: 'sodium checks every 4 hours with a goal rise of no more than 8 mEq/L in 24 h',
    want: [],
  },
  { why: 'urine sodium is another test', text: 'Na 124. Serum osm 255, urine osm 520, urine Na 62.', want: [{ name: 'sodium', value: 124 }] },
  {
    why: 'a corrected sodium',
    text: 'sodium 128 mmol/L (corrected for glucose about 137), bicarbonate 9',
    want: [
      { name: 'sodium', value: 128, kind: 'patient' },
      { name: 'sodium', value: 137, kind: 'corrected' },
    ],
  },
  { why: 'unknown tests end a scope', text: 'Glucose 98, AST 45, ALT 60, lipase 2,400', want: [{ name: 'glucose', value: 98 }] },
  {
    why: 'weights, a restated unit, a usual weight with its age',
    text: 'Wt 54.4 kg (120 lb); UBW 59 kg (130 lb) 6 months ago',
    want: [
      { name: 'weight', value: 54.4 },
      { name: 'weight', value: 59, kind: 'baseline', context: { agoDays: 180 } },
    ],
  },
  {
    why: 'feet and inches, pounds',
    text: 'Ht 5\'10" (70 in). Wt 356 lb. BMI 51.1.',
    want: [
      { name: 'height', value: 177.8 },
      { name: 'weight', value: 161.479 },
      { name: 'bmi', value: 51.1 },
    ],
  },
  {
    why: 'a prior weight in a semicolon clause',
    text: 'Weight 48 kg today; 54 kg at her clinic visit two months ago.',
    want: [
      { name: 'weight', value: 48 },
      { name: 'weight', value: 54, kind: 'prior', context: { agoDays: 60 } },
    ],
  },
  { why: 'a weight change is not a weight', text: 'Weight up 3 kg; 4 kg weight gain', want: [] },
  { why: 'urine output over hours', text: 'Urine output 90 mL over the first six hours', want: [{ name: 'urine-output', value: 15, context: { hours: 6 } }] },
  { why: 'urine output rate and duration', text: 'urine output 15 mL/h for six hours', want: [{ name: 'urine-output', value: 15, context: { hours: 6 } }] },
  { why: 'an EF range', text: 'LV ejection fraction 35-40%.', want: [{ name: 'ef', value: 35, context: { upper: 40 } }] },
  {
    why: 'a preop value in an H/H pair',
    text: 'Preop H/H 13.6/40.',
    want: [
      { name: 'hemoglobin', value: 13.6, context: { preop: true } },
      { name: 'hematocrit', value: 40 },
    ],
  },
  { why: 'hospital day', text: 'On day 3 the creatinine was 1.9.', want: [{ name: 'creatinine', value: 1.9, date: '2026-02-05' }] },
  { why: 'POD', text: 'Hgb 8.1 on POD 1', want: [{ name: 'hemoglobin', value: 8.1, date: '2026-02-05' }] },
  { why: 'at discharge', text: 'Creatinine 1.2 at discharge', want: [{ name: 'creatinine', value: 1.2, date: '2026-02-07' }] },
  { why: 'a US date', text: 'Sodium 129 on 2/4', want: [{ name: 'sodium', value: 129, date: '2026-02-04' }] },
  { why: 'at baseline', text: 'Creatinine 3.3, stable, at her baseline.', want: [{ name: 'creatinine', value: 3.3, context: { atBaseline: true } }] },
  { why: 'home oxygen', text: 'SpO2 82% on his usual 2 L', want: [{ name: 'spo2', value: 82, context: { oxygen: 'home', flow: 2 } }] },
  {
    why: 'approximate saturations',
    text: 'FiO2 60% for sats in the low 90s',
    want: [
      { name: 'fio2', value: 0.6 },
      { name: 'spo2', value: 92, context: { approx: true } },
    ],
  },
  {
    why: 'GCS with a baseline',
    text: 'GCS 9 (baseline 15).',
    want: [
      { name: 'gcs', value: 9 },
      { name: 'gcs', value: 15, kind: 'baseline' },
    ],
  },
  { why: 'a systolic murmur grade is not a pressure', text: 'grade 3/6 systolic murmur', want: [] },
  { why: 'a temporal word is not a temperature', text: 'temporal wasting and temp 37.2', want: [{ name: 'temp', value: 37.2 }] },
];

for (const c of CASES) {
  test(`extract: ${c.why} — "${c.text}"`, () => {
    const got = extractLine(c.text, ctx);
    const names = new Set(c.want.map((w) => w.name));
    const relevant = c.want.length ? got.filter((g) => names.has(g.name)) : got;
    assert.equal(relevant.length, c.want.length, `got ${JSON.stringify(got.map((g) => [g.name, g.value, g.kind]))}`);
    c.want.forEach((w, i) => {
      const g = relevant[i];
      assert.equal(g.name, w.name);
      assert.ok(Math.abs(g.value - w.value) < 0.01, `${w.name}: ${g.value} ≠ ${w.value}`);
      assert.equal(g.kind, w.kind ?? 'patient', `${w.name} ${w.value} kind`);
      if (w.date !== undefined) assert.equal(g.date, w.date, `${w.name} ${w.value} date`);
      for (const [k, v] of Object.entries(w.context ?? {})) assert.deepEqual((g.context as Record<string, unknown>)[k], v, `${w.name} context.${k}`);
    });
  });
}

const header = '---\nencounter: X\nage: 70\nsex: F\nadmitted: 2026-02-03\ndischarged: 2026-02-07\ndisposition: 01\n---\n\n';

test('results block: units converted, the comment read, a pair, and a value before the stay is prior', () => {
  const chart = parseChart(
    header +
      '```results\n' +
      '2026-02-03T06:10  creatinine   221   umol/L\n' +
      '2026-02-03T06:10  Temp         101.3 F\n' +
      '2026-02-03T06:10  wbc          12,500\n' +
      '2026-02-03T09:00  spo2         86    %       # room air\n' +
      '2026-02-03T09:00  BP           92/50 mmHg\n' +
      '2026-02-03        hemoglobin   8.1   g/dL    # after 2 units PRBC\n' +
      '2025-11-20        creatinine   1.0   mg/dL   # outpatient\n' +
      '2026-02-04T10:00  pao2         68    mmHg    # on HFNC 60%\n' +
      '```\n',
  );
  const m = chartMeasurements(chart);
  assert.equal(m.of('creatinine').length, 1);
  assert.ok(Math.abs(m.of('creatinine')[0].value - 2.5) < 0.01);
  assert.equal(m.baselineOf('creatinine')[0].kind, 'prior');
  assert.ok(Math.abs(m.of('temp')[0].value - 38.5) < 0.01);
  assert.equal(m.of('wbc')[0].value, 12.5);
  assert.deepEqual(m.of('spo2')[0].context, { roomAir: true });
  assert.deepEqual([m.of('sbp')[0].value, m.of('dbp')[0].value, Math.round(m.of('map')[0].value)], [92, 50, 64]);
  assert.equal(m.of('hemoglobin')[0].time, null);
  assert.equal(m.of('pao2')[0].context.fio2, 0.6);
  assert.equal(m.of('creatinine')[0].role, 'lab');
});

test('a prose value that restates a results value is counted once, and lends its context', () => {
  const chart = parseChart(header + '# H&P {author=MD}\nSats 87% on room air.\n\n```results\n2026-02-03T08:00  spo2  87  %\n```\n');
  const m = chartMeasurements(chart);
  assert.equal(m.of('spo2').length, 1);
  assert.equal(m.of('spo2')[0].source, 'results');
  assert.equal(m.of('spo2')[0].context.roomAir, true);
});

test('sentences wrapped across lines are read whole, with ranges on the right lines', () => {
  const chart = parseChart(header + '# Progress Note — 2026-02-05 {author=MD}\nCreatinine up to 1.4 today from\n0.9 on admission; hold lisinopril.\n');
  const m = chartMeasurements(chart);
  const values = m.all.filter((x) => x.name === 'creatinine').map((x) => [x.value, x.date, x.line]);
  assert.deepEqual(values, [
    [1.4, '2026-02-05', 10],
    [0.9, '2026-02-03', 11],
  ]);
  assert.deepEqual(
    m.trends('creatinine').map((t) => [t.earlier.value, t.later.value]),
    [[0.9, 1.4]],
  );
});

test('section author and date: the heading attribute, a nursing title, hospital day and POD headings', () => {
  const chart = parseChart(
    header +
      '# Nursing Admission Assessment\nBMI 36.0\n\n# Nutrition Consult {author=RD}\nBMI 36.2\n\n# Progress Note, Hospital Day 3\nNa 131\n\n# Procedures\n[Hip nail]{pcs=0QS634Z date=2026-02-04}\n\n# POD 2 note {author=MD}\nHgb 8.0\n',
  );
  const m = chartMeasurements(chart);
  assert.deepEqual(
    m.of('bmi').map((b) => [b.value, b.role, b.author]),
    [
      [36, 'nursing', null],
      [36.2, 'dietitian', 'RD'],
    ],
  );
  assert.equal(m.of('sodium')[0].date, '2026-02-05');
  assert.equal(m.of('hemoglobin')[0].date, '2026-02-06');
});

// Negation, uncertainty and baseline cues of the concept finder (NegEx-style), one row each.
const CUES: { text: string; concept: string; negated: boolean; uncertain?: boolean; chronic?: boolean }[] = [
  { text: 'No hypoxia at rest.', concept: 'cond.hypoxemia', negated: true },
  { text: 'She denies confusion.', concept: 'find.ams', negated: true },
  { text: 'Confused and disoriented overnight.', concept: 'find.ams', negated: false },
  { text: 'AKI ruled out: creatinine back to baseline.', concept: 'cond.aki', negated: true },
  { text: 'Sepsis was considered and ruled out.', concept: 'cond.sepsis', negated: true },
  { text: 'Does not meet ASPEN criteria for malnutrition.', concept: 'cond.malnutrition', negated: true },
  { text: 'No further melena since the EGD.', concept: 'find.bleeding', negated: false },
  { text: 'Possible early sepsis, cultures pending.', concept: 'cond.sepsis', negated: false, uncertain: true },
  { text: 'Oriented to self only, which is his baseline.', concept: 'find.ams', negated: false, chronic: true },
  { text: 'Urosepsis on the ED sheet.', concept: 'cond.sepsis', negated: false },
  { text: 'Without accessory muscle use.', concept: 'find.wob', negated: true },
];

for (const c of CUES) {
  test(`cue: "${c.text}" → ${c.concept} ${c.negated ? 'negated' : 'asserted'}`, () => {
    const chart = parseChart(header + '# Note {author=MD}\n' + c.text + '\n');
    const found = mentions(chart, c.concept);
    if (c.text.startsWith('Urosepsis')) {
      assert.equal(found.length, 0, 'urosepsis is not sepsis (it has no code; it is queried)');
      return;
    }
    assert.ok(found.length >= 1, JSON.stringify(found.map((f) => f.text)));
    for (const f of found) {
      assert.equal(f.negated, c.negated, f.text);
      if (c.uncertain !== undefined) assert.equal(f.uncertain, c.uncertain, f.text);
      if (c.chronic !== undefined) assert.equal(f.chronic, c.chronic, f.text);
    }
  });
}
