// Query tracking: `chartcoder queries` (text, json, csv), the per-query facts (status, age since
// discharge, condition asked about, agreement, coded) and the summary; the outline's query status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { parseChart } from '../../src/chart/parse';
import { trackQueries, summarizeQueries } from '../../src/service/features/queries';
import { documentSymbols } from '../../src/service/features/symbols';

const CHART = `---
encounter: Q-1
age: 70
sex: M
admitted: 2026-03-01
discharged: 2026-03-05
disposition: 01
---

# H&P {author=MD}
[Pneumonia]{dx=J18.9 poa=Y}. [Acute kidney injury]{dx=N17.9 poa=Y}.

\`\`\`abstract
PDX  J18.9  Y
SDX  N17.9  Y
\`\`\`

\`\`\`query id=Q1 to="Dr. A" status=answered
Creatinine 2.1 on 2026-03-01, 1.0 in January.
- acute kidney injury
- creatinine change without acute kidney injury
- other (please specify)
- clinically undetermined
answer: acute kidney injury, prerenal
\`\`\`

\`\`\`query id=Q2 to="Dr. A" status=answered
Lactate 2.6, MAP 62.
- sepsis due to pneumonia
- pneumonia without sepsis
- other (please specify)
- clinically undetermined
answer: pneumonia without sepsis
\`\`\`

\`\`\`query id=Q3 to="Dr. B" status=open
Sodium 128 with fluid restriction.
- hyponatremia
- other (please specify)
- clinically undetermined
\`\`\`

\`\`\`query id=Q4 to="Dr. B" status=withdrawn
BMI 41.
- obesity, class 3
- other (please specify)
- clinically undetermined
\`\`\`

\`\`\`query id=Q5 to="Dr. C"
Hemoglobin 11.9 → 8.7 after surgery.
- acute blood loss anemia
- other (please specify)
- clinically undetermined
answer: acute blood loss anemia
\`\`\`
`;

test('each query: status (inferred without one), age since discharge, condition, agreement, coded', () => {
  const rows = trackQueries(parseChart(CHART), '2026-03-15');
  assert.deepEqual(
    rows.map((r) => [r.id, r.status, r.ageDays, r.condition, r.agreed, r.coded]),
    [
      ['Q1', 'answered', 10, 'acute kidney injury', true, 'yes'],
      ['Q2', 'answered', 10, 'sepsis', false, 'n/a'],
      ['Q3', 'open', 10, 'hyponatremia', null, 'n/a'],
      ['Q4', 'withdrawn', 10, 'obesity', null, 'n/a'],
      ['Q5', 'answered', 10, 'acute blood loss anemia', true, 'no'],
    ],
  );
  const s = summarizeQueries(rows, 1);
  assert.deepEqual(
    [s.queries, s.open, s.answered, s.withdrawn, s.responseRate, s.agreementRate, s.openOver7Days, s.answeredAndCoded],
    [5, 1, 3, 1, 0.75, 0.667, 1, 1],
  );
});

function cli(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd, isTTY: false }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

test('chartcoder queries: text, json and csv over a directory, with a summary', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-queries-'));
  writeFileSync(join(dir, 'a.chart'), CHART);
  writeFileSync(join(dir, 'b.chart'), CHART.replace(/```query[\s\S]*$/, ''));
  const text = await cli(['queries', '--today', '2026-03-20', dir], dir);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /a\.chart:\d+ Q3 open 15 d — hyponatremia — to Dr\. B/);
  assert.match(text.out, /2 charts, 5 queries \(2\.5 per chart\): 1 open, 3 answered, 1 withdrawn/);
  assert.match(text.out, /response rate 75 % · agreement rate 66\.7 % · open > 7 days: 1/);
  const json = await cli(['queries', '--format', 'json', '--today', '2026-03-20', dir], dir);
  const parsed = JSON.parse(json.out) as { queries: { id: string; file: string; encounter: string }[]; summary: { queriesPerChart: number } };
  assert.equal(parsed.queries.length, 5);
  assert.equal(parsed.queries[0].encounter, 'Q-1');
  assert.equal(parsed.summary.queriesPerChart, 2.5);
  const csv = await cli(['queries', '--format', 'csv', '--today', '2026-03-20', join(dir, 'a.chart')], dir);
  const lines = csv.out.split('\n');
  assert.equal(lines[0], 'file,encounter,id,to,status,line,ageDays,condition,answer,agreed,coded');
  assert.equal(lines.length, 6);
  assert.match(lines[1], /^a\.chart,Q-1,Q1,Dr\. A,answered,\d+,15,acute kidney injury,"acute kidney injury, prerenal",true,yes$/);
  const bad = await cli(['queries', '--format', 'xml', dir], dir);
  assert.equal(bad.code, 2);
  const missing = await cli(['queries', join(dir, 'nope.chart')], dir);
  assert.equal(missing.code, 2);
});

test('the outline shows each query with its status and the condition asked about', () => {
  const symbols = documentSymbols(parseChart(CHART));
  const queries = symbols
    .flatMap(function walk(s): typeof symbols {
      return [s, ...s.children.flatMap(walk)];
    })
    .filter((s) => s.kind === 'query');
  assert.deepEqual(
    queries.map((q) => [q.name, q.detail]),
    [
      ['Query Q1', 'answered · Dr. A · acute kidney injury'],
      ['Query Q2', 'answered · Dr. A · sepsis'],
      ['Query Q3', 'open · Dr. B · hyponatremia'],
      ['Query Q4', 'withdrawn · Dr. B · obesity'],
      ['Query Q5', 'answered (no status) · Dr. C · acute blood loss anemia'],
    ],
  );
});
