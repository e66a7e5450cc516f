// The Charts worklist's data, from the service: the quick summary (header, dates, MS-DRG, open
// queries — no rule pass), the counts the rules add, and the header edits of "Set status" and
// "Mark coded". On the built tables and the sample charts (their DRGs were checked with CMS's
// grouper when the samples were written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartInput, LanguageService } from '../../src/service/languageService';
import { loadTables } from '../../src/tables/load';
import { defaultTablesDir } from '../../src/tables/format';
import { loadMsdrgTables } from '../../src/grouper/tables';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { parseChart } from '../../src/chart/parse';
import { CHART_STATUS_VALUES } from '../../src/chart/model';
import { indexLines, offsetAt } from '../../src/chart/text';
import type { TextEditData } from '../../src/service/edits';
import { HEADER } from '../helpers/markers';

const dir = defaultTablesDir();
const service = new LanguageService({ tables: loadTables(dir), grouper: loadMsdrgTables(dir), settings: { ...DEFAULT_SETTINGS } });
const sample = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'samples', `${name}.chart`), 'utf8');
const withHeader = (text: string, lines: string) => text.replace(/\n---\n/, `\n${lines}\n---\n`);
let n = 0;
const input = (text: string) => chartInput(`mem:chart-${n++}`, text);

/** `edits` applied to `text` (non-overlapping, applied from the end). */
function apply(text: string, edits: TextEditData[]): string {
  const lines = indexLines(text);
  const offsets = edits
    .map((e) => ({ from: offsetAt(lines, e.range.start), to: offsetAt(lines, e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from);
  for (const e of offsets) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return text;
}

test('quick summary of the samples: dates, MS-DRG and RW as the code lens groups them, no counts before the rules run', () => {
  const cases: [name: string, discharged: string, drg: string, weight: number][] = [
    ['hf-ckd', '2026-03-06', '291', 1.2838],
    ['sepsis-aki', '2026-02-14', '872', 1.0233],
    ['hip-fracture', '2026-01-22', '522', 2.1177],
    ['newborn', '2026-05-03', '795', 0.1998],
  ];
  for (const [name, discharged, drg, weight] of cases) {
    const s = service.chartSummary(input(sample(name)), false);
    assert.equal(s.discharged, discharged, name);
    assert.deepEqual([s.drg?.drg, s.drg?.weight], [drg, weight], name);
    assert.equal(s.status, null, `${name} has no status line`);
    assert.equal(s.counts, undefined, `${name}: the quick summary runs no rule`);
  }
});

test('the quick summary read from the header and blocks alone equals the one from the whole chart', async () => {
  const { quickChartSummary } = await import('../../src/service/features/chartSummary');
  const { ChartAnalysis } = await import('../../src/service/analysis');
  const { readdirSync } = await import('node:fs');
  const root = join(__dirname, '..', '..', '..', 'samples');
  const texts = [...readdirSync(root), ...readdirSync(join(root, 'errors')).map((f) => `errors/${f}`)]
    .filter((f) => f.endsWith('.chart'))
    .map((f) => readFileSync(join(root, f), 'utf8'));
  const variants = (t: string) => [
    t,
    t.replace(/\n/g, '\r\n'),
    `\uFEFF${t}`,
    withHeader(t, 'status: query-pending\nassigned: kim'),
    t.replace(/\n---\n/, '\n\n'), // header never closed
    `${t}\n~~~~query id=Q9\nIs it \`\`\` open?\n~~~~\n`,
    t.replace(/```abstract/, '```abstract\n```'), // an empty abstract, then the lines as prose
  ];
  let compared = 0;
  for (const text of texts.flatMap(variants)) {
    const whole = quickChartSummary(new ChartAnalysis(parseChart(text), service.ctx));
    assert.deepEqual(service.chartSummary(input(text), false), whole, text.slice(0, 120));
    compared++;
  }
  assert.ok(compared >= 40, `${compared} charts compared`);
});

test('the counts: errors, warnings and CDI opportunities as the diagnostics show them, suppressed ones left out', () => {
  const sepsis = service.chartSummary(input(sample('sepsis-aki')), true);
  assert.deepEqual(sepsis.counts, { errors: 0, warnings: 0, cdiOpportunities: 1 }, 'the encephalopathy opportunity (an info)');
  const bad = `${HEADER}# HPI\n[x]{dx=ZZZ99}\n`;
  const counts = service.chartSummary(input(bad), true).counts!;
  const findings = service.findings(input(bad));
  assert.ok(counts.errors >= 1, 'an unknown code is an error');
  assert.equal(counts.errors, findings.filter((f) => f.severity === 'error').length);
  // The same opportunity silenced with a reason on its line: no longer counted.
  const text = sample('sepsis-aki');
  const line = service.findings(input(text)).find((f) => f.rule === 'cdi.opportunity.encephalopathy')!.range.start.line;
  const lines = text.split('\n');
  lines.splice(line, 0, '<!-- chartcoder-ignore cdi.opportunity.encephalopathy: reviewed with CDI -->');
  assert.deepEqual(service.chartSummary(input(lines.join('\n')), true).counts, { errors: 0, warnings: 0, cdiOpportunities: 0 });
});

test('status, assigned and coded from the header; an unknown status is null, kept as written, and a chart.header warning', () => {
  for (const status of CHART_STATUS_VALUES) {
    const s = service.chartSummary(input(withHeader(sample('hf-ckd'), `status: ${status}\nassigned: jdoe\ncoded: 2026-03-09`)), false);
    assert.deepEqual([s.status, s.assigned, s.coded, s.invalidStatus], [status, 'jdoe', '2026-03-09', undefined]);
  }
  const text = withHeader(sample('hf-ckd'), 'status: done');
  const s = service.chartSummary(input(text), false);
  assert.deepEqual([s.status, s.invalidStatus], [null, 'done']);
  const warning = parseChart(text).errors.find((e) => e.code === 'invalid-status');
  assert.deepEqual([warning?.rule, warning?.severity], ['chart.header', 'warning']);
});

test('open queries: status=open, or neither a status nor an answer', () => {
  const query = (attrs: string, answer: string) => `\`\`\`query id=Q${n} to="Dr. A"${attrs}\nIs there a diagnosis?\n- yes\n- no\n${answer}\`\`\`\n`;
  const cases: [attrs: string, answer: string, open: number][] = [
    [' status=open', '', 1],
    ['', '', 1],
    ['', 'answer: yes\n', 0],
    [' status=answered', 'answer: yes\n', 0],
    [' status=withdrawn', '', 0],
  ];
  for (const [attrs, answer, open] of cases) {
    assert.equal(
      service.chartSummary(input(`${HEADER}# HPI\nText.\n\n${query(attrs, answer)}`), false).openQueries,
      open,
      `${attrs || 'no status'} ${answer ? 'answered' : ''}`,
    );
  }
  assert.equal(service.chartSummary(input(`${HEADER}\n${query(' status=open', '')}\n${query('', '')}`), false).openQueries, 2);
});

test('a chart that cannot be grouped says why; a chart without a header has empty fields', () => {
  const s = service.chartSummary(input(`${HEADER}# HPI\nNo abstract yet.\n`), false);
  assert.equal(s.drg, null);
  assert.ok(s.drgReason && s.drgReason.length > 0);
  const none = service.chartSummary(input('just text\n'), false);
  assert.deepEqual([none.status, none.discharged, none.encounter, none.drg], [null, null, null, null]);
});

test('the service keeps no state for a chart it summarizes without holding it', () => {
  const before = (service as unknown as { documents: Map<string, unknown> }).documents.size;
  service.chartSummary(chartInput('file:///not/open.chart', sample('hf-ckd')), true);
  assert.equal((service as unknown as { documents: Map<string, unknown> }).documents.size, before);
});

test('status edits: a value replaced, a missing field added before the closing ---, line endings kept', () => {
  const base = sample('hf-ckd');
  const cases: { name: string; text: string; status: string; coded?: string; expect: string }[] = [
    { name: 'no status: added', text: base, status: 'in-progress', expect: withHeader(base, 'status: in-progress') },
    { name: 'replaced', text: withHeader(base, 'status: to-code'), status: 'query-pending', expect: withHeader(base, 'status: query-pending') },
    {
      name: 'comment kept',
      text: withHeader(base, 'status: to-code   # from the queue'),
      status: 'coded',
      expect: withHeader(base, 'status: coded   # from the queue'),
    },
    { name: 'empty value', text: withHeader(base, 'status:'), status: 'to-code', expect: withHeader(base, 'status: to-code') },
    {
      name: 'mark coded: both',
      text: withHeader(base, 'status: in-progress'),
      status: 'coded',
      coded: '2026-03-09',
      expect: withHeader(base, 'status: coded\ncoded: 2026-03-09'),
    },
    {
      name: 'mark coded: date replaced',
      text: withHeader(base, 'coded: 2026-01-01\nstatus: in-progress'),
      status: 'coded',
      coded: '2026-03-09',
      expect: withHeader(base, 'coded: 2026-03-09\nstatus: coded'),
    },
    {
      name: 'CRLF',
      text: withHeader(base, 'status: to-code').replace(/\n/g, '\r\n'),
      status: 'coded',
      coded: '2026-03-09',
      expect: withHeader(base, 'status: coded\ncoded: 2026-03-09').replace(/\n/g, '\r\n'),
    },
    { name: 'unchanged', text: withHeader(base, 'status: coded'), status: 'coded', expect: withHeader(base, 'status: coded') },
  ];
  for (const c of cases) {
    const r = service.statusEdits(input(c.text), c.status, c.coded);
    assert.ok('edits' in r, `${c.name}: ${'error' in r ? r.error : ''}`);
    const after = apply(c.text, r.edits);
    assert.equal(after, c.expect, c.name);
    const parsed = parseChart(after).header!;
    assert.deepEqual([parsed.status, parsed.coded], [c.status, c.coded ?? parsed.coded], c.name);
  }
});

test('status edits refuse what they cannot write, with a reason', () => {
  const cases: [name: string, text: string, status: string, coded: string | undefined, error: RegExp][] = [
    ['no header', '# HPI\ntext\n', 'coded', undefined, /no header/],
    ['unclosed header', '---\nage: 70\nsex: F\ndischarged: 2026-03-06\n\n# HPI\n', 'coded', undefined, /not closed/],
    ['unknown status', sample('hf-ckd'), 'done', undefined, /status must be one of/],
    ['bad date', sample('hf-ckd'), 'coded', '2026-13-45', /coded must be a date/],
    ['not a date', sample('hf-ckd'), 'coded', 'today', /coded must be a date/],
  ];
  for (const [name, text, status, coded, error] of cases) {
    const r = service.statusEdits(input(text), status, coded);
    assert.ok('error' in r, name);
    assert.match(r.error, error, name);
  }
});
