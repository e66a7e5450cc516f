// Parser: the spec's example read in full, and every syntax error at its exact range, with the
// rest of the chart still read. Data-driven: ⟨…⟩ marks where each expected error must be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../src/chart/parse';
import { fmtRange, HEADER, marked } from '../helpers/markers';

const SPEC_EXAMPLE = `---
encounter: 2026-004217
age: 67
sex: F
admitted: 2026-03-02
discharged: 2026-03-06
disposition: 01
---

# History of Present Illness
67-year-old woman admitted with [acute on chronic diastolic heart failure]{dx=I50.33 poa=Y}.
She has [hypertension]{dx=I13.0} and [CKD stage 4]{dx=N18.4 poa=Y}. [BNP 1,450]{ind=I50.33}.
On day 2 she became hypoxic; [acute respiratory failure with hypoxia]{dx=J96.01 poa=N}.

# Procedures
[Mechanical ventilation, 30 hours]{pcs=5A1945Z date=2026-03-03}

\`\`\`abstract
PDX  I13.0   Y      # principal diagnosis, POA
SDX  I50.33  Y
SDX  N18.4   Y
SDX  J96.01  N
PROC 5A1945Z 2026-03-03
\`\`\`

\`\`\`query id=Q1 to="Dr. Patel" status=open
Clinical indicators: SpO2 86% on room air, RR 32, ABG pO2 55.
Please clarify the diagnosis being treated:
- acute respiratory failure with hypoxia
- hypoxemia without respiratory failure
- other (please specify)
- clinically undetermined
\`\`\`
`;

test('the spec example: header, sections, annotations, abstract, query, no errors', () => {
  const chart = parseChart(SPEC_EXAMPLE);
  assert.deepEqual(chart.errors, []);
  const h = chart.header!;
  assert.equal(h.encounter, '2026-004217');
  assert.equal(h.age, 67);
  assert.equal(h.sex, 'F');
  assert.equal(h.admitted, '2026-03-02');
  assert.equal(h.discharged, '2026-03-06');
  assert.equal(h.disposition, '01');
  assert.equal(h.type, 'inpatient');
  assert.deepEqual(
    chart.sections.map((s) => [s.title.value, s.level]),
    [
      ['History of Present Illness', 1],
      ['Procedures', 1],
    ],
  );
  assert.deepEqual(
    chart.annotations.map((a) => [a.span.value, a.codes.map((c) => `${c.key}:${c.code}`).join(','), a.poa?.value ?? null, a.date?.value ?? null]),
    [
      ['acute on chronic diastolic heart failure', 'dx:I5033', 'Y', null],
      ['hypertension', 'dx:I130', null, null],
      ['CKD stage 4', 'dx:N184', 'Y', null],
      ['BNP 1,450', 'ind:I5033', null, null],
      ['acute respiratory failure with hypoxia', 'dx:J9601', 'N', null],
      ['Mechanical ventilation, 30 hours', 'pcs:5A1945Z', null, '2026-03-03'],
    ],
  );
  assert.equal(chart.annotations[0].section?.title.value, 'History of Present Illness');
  assert.deepEqual(
    chart.abstract!.lines.map((l) => [l.kind.value, l.code?.value, l.poa?.value ?? l.date?.value ?? null]),
    [
      ['PDX', 'I130', 'Y'],
      ['SDX', 'I5033', 'Y'],
      ['SDX', 'N184', 'Y'],
      ['SDX', 'J9601', 'N'],
      ['PROC', '5A1945Z', '2026-03-03'],
    ],
  );
  assert.equal(chart.abstract!.lines[0].comment?.value, 'principal diagnosis, POA');
  const q = chart.queries[0];
  assert.equal(q.id?.value, 'Q1');
  assert.equal(q.to?.value, 'Dr. Patel');
  assert.equal(q.status?.value, 'open');
  assert.equal(q.options.length, 4);
  assert.equal(q.options[3].value, 'clinically undetermined');
  assert.equal(q.question.length, 2);
});

test('ranges point at the text: a code range covers the code as written', () => {
  const chart = parseChart(SPEC_EXAMPLE);
  const lines = SPEC_EXAMPLE.split('\n');
  for (const a of chart.annotations) {
    for (const c of a.codes) assert.equal(lines[c.range.start.line].slice(c.range.start.character, c.range.end.character), c.written);
    assert.equal(lines[a.span.range.start.line].slice(a.span.range.start.character, a.span.range.end.character), a.span.value);
  }
  for (const l of chart.abstract!.lines)
    assert.equal(lines[l.code!.range.start.line].slice(l.code!.range.start.character, l.code!.range.end.character), l.written);
});

test('codes: dotted or not, any case, comma lists, quoted values', () => {
  const chart = parseChart(HEADER + '[diabetic CKD]{dx=e11.22,N184 note="see \\"A\\" plan" status=uncertain}\n');
  assert.deepEqual(
    chart.annotations[0].codes.map((c) => c.code),
    ['E1122', 'N184'],
  );
  assert.equal(chart.annotations[0].status, 'uncertain');
  assert.ok(chart.annotations[0].note);
});

test('CRLF and LF give the same model', () => {
  const lf = parseChart(SPEC_EXAMPLE);
  const crlf = parseChart(SPEC_EXAMPLE.replace(/\n/g, '\r\n'));
  assert.deepEqual(JSON.parse(JSON.stringify({ ...crlf, text: '' })), JSON.parse(JSON.stringify({ ...lf, text: '' })));
});

test('a BOM does not hide the header', () => {
  const chart = parseChart('\uFEFF' + SPEC_EXAMPLE);
  assert.equal(chart.header?.age, 67);
  assert.deepEqual(chart.errors, []);
});

test('sections nest by level and carry their author', () => {
  const chart = parseChart(HEADER + '# Note\ntext\n## Nursing Assessment {author=RN}\n[Stage 3 pressure ulcer]{dx=L89.153 poa=Y}\n# Plan\n');
  assert.deepEqual(
    chart.sections.map((s) => [s.title.value, s.level, s.author?.value ?? null, s.range.start.line, s.range.end.line]),
    [
      ['Note', 1, null, 7, 10],
      ['Nursing Assessment', 2, 'RN', 9, 10],
      ['Plan', 1, null, 11, 12], // to the end of the document (its last, empty line)
    ],
  );
  assert.equal(chart.annotations[0].section?.author?.value, 'RN');
});

test('suppressions target the next non-blank line', () => {
  const chart = parseChart(
    HEADER + '<!-- chartcoder-ignore icd.excludes1: unrelated conditions, per Dr. A -->\n\n[x]{dx=E11.9}\n<!-- chartcoder-ignore doc.no-evidence -->\n',
  );
  assert.equal(chart.suppressions[0].ruleId.value, 'icd.excludes1');
  assert.equal(chart.suppressions[0].reason?.value, 'unrelated conditions, per Dr. A');
  assert.equal(chart.suppressions[0].targetLine, 9);
  assert.equal(chart.suppressions[1].reason, null);
  assert.equal(chart.suppressions[1].targetLine, null);
});

test('a Markdown link and plain brackets are prose, not annotations', () => {
  const chart = parseChart(HEADER + 'See [the guideline](https://example.org) and [this] too.\n');
  assert.equal(chart.annotations.length, 0);
  assert.deepEqual(chart.errors, []);
});

// ── every error of the spec's "Errors" list, at its place ─────────────────────

const ERROR_CASES: { name: string; input: string; codes: string[] }[] = [
  { name: 'unclosed attribute list', input: HEADER + 'He has [CHF]⟨{dx=I50.9 poa=Y⟩\n[COPD]{dx=J44.9}\n', codes: ['unclosed-attributes'] },
  { name: 'unclosed attribute list before the next annotation', input: HEADER + '[CHF]⟨{dx=I50.9 ⟩[COPD]{dx=J44.9}\n', codes: ['unclosed-attributes'] },
  { name: 'unclosed span (missing ])', input: HEADER + 'Admitted with ⟨[acute MI⟩{dx=I21.4}\n', codes: ['unclosed-span'] },
  { name: 'unknown annotation key', input: HEADER + '[CHF]{⟨code⟩=I50.9}\n', codes: ['unknown-annotation-key'] },
  { name: 'attribute without value', input: HEADER + '[CHF]{dx=I50.9 ⟨poa⟩}\n', codes: ['bad-attribute'] },
  { name: 'bad POA', input: HEADER + '[CHF]{dx=I50.9 poa=⟨X⟩}\n', codes: ['invalid-poa'] },
  { name: 'bad status', input: HEADER + '[CHF]{dx=I50.9 status=⟨maybe⟩}\n', codes: ['invalid-status'] },
  { name: 'bad annotation date', input: HEADER + '[cath]{pcs=4A023N7 date=⟨2026-02-30⟩}\n', codes: ['invalid-date'] },
  { name: 'not a code', input: HEADER + '[CHF]{dx=⟨I50-9⟩}\n', codes: ['invalid-code-format'] },
  { name: 'empty span', input: HEADER + '⟨[]⟩{dx=I50.9}\n', codes: ['empty-span'] },
  { name: 'annotation without code', input: HEADER + '[CHF]⟨{poa=Y}⟩\n', codes: ['annotation-without-code'] },
  { name: 'unclosed quoted value', input: HEADER + '[CHF]{dx=I50.9 note=⟨"left open}⟩\n', codes: ['unclosed-attributes', 'unclosed-quote'] },
  { name: 'a second abstract', input: HEADER + '```abstract\nPDX I10\n```\n⟨```abstract⟩\nSDX E11.9 Y\n```\n', codes: ['second-abstract'] },
  { name: 'unclosed abstract', input: HEADER + '⟨```abstract⟩\nPDX I10\n', codes: ['unclosed-abstract'] },
  { name: 'unknown abstract entry', input: HEADER + '```abstract\n⟨DX⟩ I10\n```\n', codes: ['unknown-abstract-entry'] },
  { name: 'abstract line without code', input: HEADER + '```abstract\n⟨SDX⟩\n```\n', codes: ['missing-code'] },
  { name: 'bad abstract POA', input: HEADER + '```abstract\nSDX E11.9 ⟨Q⟩\n```\n', codes: ['invalid-poa'] },
  { name: 'bad PROC date', input: HEADER + '```abstract\nPROC 0SRC0J9 ⟨03/03/2026⟩\n```\n', codes: ['invalid-date'] },
  { name: 'extra token on an abstract line', input: HEADER + '```abstract\nSDX E11.9 Y ⟨extra⟩\n```\n', codes: ['unexpected-token'] },
  { name: 'unclosed query', input: HEADER + '⟨```query id=Q1 status=open⟩\nWhich?\n- a\n', codes: ['unclosed-query'] },
  { name: 'query without id', input: HEADER + '⟨```query status=open⟩\nWhich?\n```\n', codes: ['query-without-id'] },
  { name: 'bad query status', input: HEADER + '```query id=Q1 status=⟨pending⟩\nWhich?\n```\n', codes: ['invalid-query-status'] },
  { name: 'unknown query key', input: HEADER + '```query id=Q1 ⟨priority⟩=high\nWhich?\n```\n', codes: ['unknown-query-key'] },
  { name: 'suppression without rule id', input: HEADER + '⟨<!-- chartcoder-ignore -->⟩\n', codes: ['bad-suppression'] },
  { name: 'unclosed suppression', input: HEADER + '⟨<!-- chartcoder-ignore icd.excludes1: x⟩\n', codes: ['unclosed-suppression'] },
  { name: 'unclosed header', input: '⟨---⟩\nage: 67\nsex: F\ndischarged: 2026-03-06\n# HPI\ntext\n', codes: ['unclosed-header'] },
  { name: 'bad header date', input: '---\nage: 67\nsex: F\ndischarged: ⟨2026-13-01⟩\n---\n', codes: ['invalid-date'] },
  {
    name: 'discharged before admitted',
    input: '---\nage: 67\nsex: F\nadmitted: 2026-03-06\ndischarged: ⟨2026-03-02⟩\n---\n',
    codes: ['discharged-before-admitted'],
  },
  { name: 'unknown header key (kept)', input: '---\nage: 67\nsex: F\ndischarged: 2026-03-06\n⟨payer⟩: Medicare\n---\n', codes: ['unknown-header-key'] },
  { name: 'bad age and sex', input: '---\nage: ⟨130⟩\nsex: ⟨female⟩\ndischarged: 2026-03-06\n---\n', codes: ['invalid-age', 'invalid-sex'] },
  { name: 'missing age and sex', input: '⟨---⟩\ndischarged: 2026-03-06\n---\n', codes: ['missing-age', 'missing-sex'] },
  { name: 'bad disposition', input: '---\nage: 67\nsex: F\ndischarged: 2026-03-06\ndisposition: ⟨home⟩\n---\n', codes: ['invalid-disposition'] },
  { name: 'unknown heading attribute', input: HEADER + '# Note {⟨by⟩=RN}\n', codes: ['unknown-heading-key'] },
  // format 1.1
  {
    name: "a second auditor's abstract",
    input: HEADER + '```abstract by=auditor\nPDX I10\n```\n⟨```abstract by=auditor⟩\nPDX I10\n```\n',
    codes: ['second-abstract'],
  },
  { name: 'unknown abstract author', input: HEADER + '```abstract by=⟨reviewer⟩\nPDX I10\n```\n', codes: ['invalid-abstract-author'] },
  { name: 'unknown abstract attribute', input: HEADER + '```abstract ⟨who⟩=auditor\nPDX I10\n```\n', codes: ['unknown-abstract-key'] },
  { name: 'unclosed results', input: HEADER + '⟨```results⟩\n2026-03-02 sodium 128 mmol/L\n', codes: ['unclosed-results'] },
  { name: 'results line with a bad date', input: HEADER + '```results\n⟨2026-02-30T06:10⟩ sodium 128\n```\n', codes: ['invalid-date'] },
  { name: 'results line with a bad time', input: HEADER + '```results\n⟨2026-03-02T25:10⟩ sodium 128\n```\n', codes: ['invalid-date'] },
  { name: 'results line without a value', input: HEADER + '```results\n2026-03-02 ⟨sodium pending⟩\n```\n', codes: ['missing-result-value'] },
  { name: 'results line without a name', input: HEADER + '```results\n2026-03-02 ⟨128⟩ mmol/L\n```\n', codes: ['missing-result-name'] },
  { name: 'bad chart status', input: '---\nage: 67\nsex: F\ndischarged: 2026-03-06\nstatus: ⟨done⟩\n---\n', codes: ['invalid-status'] },
  { name: 'bad audited date', input: '---\nage: 67\nsex: F\ndischarged: 2026-03-06\naudited: ⟨yesterday⟩\n---\n', codes: ['invalid-date'] },
];

for (const c of ERROR_CASES) {
  test(`error: ${c.name}`, () => {
    const { text, ranges } = marked(c.input);
    const chart = parseChart(text);
    assert.deepEqual(
      chart.errors.map((e) => e.code),
      c.codes,
      JSON.stringify(chart.errors, null, 1),
    );
    const expectedRanges = ranges.map(fmtRange);
    // Every marked range is the range of one of the errors (a case may mark fewer ranges than errors when two share one).
    for (const r of expectedRanges)
      assert.ok(
        chart.errors.some((e) => fmtRange(e.range) === r),
        `no error at ${r}: ${chart.errors.map((e) => fmtRange(e.range)).join(', ')}`,
      );
  });
}

test('format 1.1 header keys: coder, auditor, audited, status, assigned, coded', () => {
  const chart = parseChart(
    '---\nage: 67\nsex: F\ndischarged: 2026-03-06\ncoder: jdoe\nauditor: asmith\naudited: 2026-04-01\nstatus: query-pending\nassigned: jdoe\ncoded: 2026-03-09\n---\n',
  );
  assert.deepEqual(chart.errors, []);
  const h = chart.header!;
  assert.deepEqual([h.coder, h.auditor, h.audited, h.status, h.assigned, h.coded], ['jdoe', 'asmith', '2026-04-01', 'query-pending', 'jdoe', '2026-03-09']);
});

test("the coder's and the auditor's abstracts, in either order, with the auditor's reasons", () => {
  const text =
    HEADER +
    '```abstract by=auditor\nPDX I13.0 Y\nSDX  N17.0  Y   # reason: ATN documented by nephrology\nSDX I50.33 Y # agreed\n```\n\n```abstract\nPDX I13.0 Y\nSDX N17.9 Y\n```\n';
  const chart = parseChart(text);
  assert.deepEqual(chart.errors, []);
  assert.equal(chart.abstract!.by, 'coder');
  assert.deepEqual(
    chart.abstract!.lines.map((l) => l.code?.value),
    ['I130', 'N179'],
  );
  assert.equal(chart.auditorAbstract!.by, 'auditor');
  assert.deepEqual(
    chart.auditorAbstract!.lines.map((l) => l.code?.value),
    ['I130', 'N170', 'I5033'],
  );
  const [, atn, hf] = chart.auditorAbstract!.lines;
  assert.equal(atn.reason?.value, 'ATN documented by nephrology');
  assert.equal(
    text.split('\n')[atn.reason!.range.start.line].slice(atn.reason!.range.start.character, atn.reason!.range.end.character),
    'ATN documented by nephrology',
  );
  assert.equal(hf.reason, undefined);
  assert.equal(hf.comment?.value, 'agreed');
  assert.deepEqual(chart.extraAbstracts, []);
  // `abstract by=coder` is the coder's abstract too.
  assert.equal(parseChart(HEADER + '```abstract by=coder\nPDX I10\n```\n').abstract?.by, 'coder');
});

test('a results block: dates and date-times, multi-word names, units, comparators, pairs, comments', () => {
  const text =
    HEADER +
    '```results\n' +
    '2026-03-02T06:10  creatinine   2.6   mg/dL\n' +
    '2026-03-02T06:10  sodium       128   mmol/L\n' +
    '2026-03-02        hemoglobin   8.1   g/dL    # after 2 units PRBC\n' +
    '2026-03-02T09:00  spo2         86    %       # room air\n' +
    '2026-03-03 respiratory rate 32\n' +
    'bnp 1,450 pg/mL\n' +
    '2026-03-03T10:00:30  troponin  <0.01  ng/mL\n' +
    '2026-03-03  bp  92/54  mm Hg\n' +
    '```\n';
  const chart = parseChart(text);
  assert.deepEqual(chart.errors, []);
  assert.equal(chart.results.length, 1);
  const rows = chart.results[0].entries.map((e) => [
    e.date?.value ?? null,
    e.name.value,
    e.value.value,
    e.unit?.value ?? null,
    e.comparator ?? null,
    e.value2 ?? null,
    e.comment?.value ?? null,
  ]);
  assert.deepEqual(rows, [
    ['2026-03-02T06:10', 'creatinine', 2.6, 'mg/dL', null, null, null],
    ['2026-03-02T06:10', 'sodium', 128, 'mmol/L', null, null, null],
    ['2026-03-02', 'hemoglobin', 8.1, 'g/dL', null, null, 'after 2 units PRBC'],
    ['2026-03-02T09:00', 'spo2', 86, '%', null, null, 'room air'],
    ['2026-03-03', 'respiratory rate', 32, null, null, null, null],
    [null, 'bnp', 1450, 'pg/mL', null, null, null],
    ['2026-03-03T10:00:30', 'troponin', 0.01, 'ng/mL', '<', null, null],
    ['2026-03-03', 'bp', 92, 'mm Hg', null, 54, null],
  ]);
  const creat = chart.results[0].entries[0];
  assert.equal(text.split('\n')[creat.value.range.start.line].slice(creat.value.range.start.character, creat.value.range.end.character), '2.6');
});

test('errors do not stop the rest of the chart from being read', () => {
  const chart = parseChart(
    HEADER + '# HPI\n[CHF]{dx=I50.9 poa=Y\n[COPD]{dx=J44.1 poa=Y}\n```abstract\nPDX J44.1 Y\nBAD\nSDX I50.9 Y\n```\n```query id=Q1 status=open\n- a\n```\n',
  );
  assert.deepEqual(
    chart.annotations.map((a) => a.codes[0]?.code),
    ['I509', 'J441'],
  );
  assert.deepEqual(
    chart.abstract!.lines.map((l) => l.code?.value),
    ['J441', 'I509'],
  );
  assert.equal(chart.queries.length, 1);
  assert.deepEqual(
    chart.errors.map((e) => e.code),
    ['unclosed-attributes', 'unknown-abstract-entry'],
  );
});

test('a half-typed annotation keeps the key being typed, for completion', () => {
  const chart = parseChart(HEADER + 'He has [acute on chronic diastolic heart failure]{dx');
  const a = chart.annotations[0];
  assert.equal(a.closed, false);
  assert.equal(a.span.value, 'acute on chronic diastolic heart failure');
  assert.equal(a.attributes[0]?.key.value, 'dx');
});

test('parses the shipped samples without syntax errors (samples/errors excepted)', () => {
  const dir = join(__dirname, '..', '..', '..', 'samples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.chart'));
  assert.ok(files.length >= 5, `expected at least five samples, found ${files.length}`);
  for (const f of files) {
    const chart = parseChart(readFileSync(join(dir, f), 'utf8'));
    assert.deepEqual(
      chart.errors.filter((e) => e.severity === 'error'),
      [],
      f,
    );
    assert.ok(chart.abstract, `${f} has an abstract`);
  }
});
