// `chartcoder report`: the CMI equals the mean of CMS's weights (read here from the Pricer DRG table
// and the FY2027 weights file, not through the product's tables) for the DRGs of the charts; charts
// by status; open queries and their age; jsonl records in file order at --jobs 1 and 2, and the
// report --merge of jsonl shards equal to the report of the whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';

const ROOT = join(__dirname, '..', '..', '..');
const CODE_SETS = join(ROOT, '..', 'shared', 'code-sets');

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, isTTY: false };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** CMS's weights: the FY2026 Pricer DRG table (CSV) and the FY2027 weights (TSV), by DRG. */
function cmsWeights(): { fy2026: Map<string, number>; fy2027: Map<string, number> } {
  const fy2026 = new Map<string, number>();
  for (const line of readFileSync(join(CODE_SETS, 'ipps', 'drgstable-2026.csv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [drg, , weight] = line.split(',');
    if (drg && weight) fy2026.set(drg.padStart(3, '0'), Number(weight));
  }
  const fy2027 = new Map<string, number>();
  for (const line of readFileSync(join(CODE_SETS, 'fy2027', 'fy2027_msdrg_v44_weights.tsv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [drg, , , weight] = line.split('\t');
    if (drg && weight) fy2027.set(drg.padStart(3, '0'), Number(weight));
  }
  return { fy2026, fy2027 };
}

/** A folder of charts: the samples with statuses, and one FY2027 discharge. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-report-'));
  const sample = (name: string) => readFileSync(join(ROOT, 'samples', name), 'utf8');
  const withStatus = (text: string, status: string) => text.replace('disposition:', `status: ${status}\ndisposition:`);
  writeFileSync(join(dir, 'a-hf.chart'), withStatus(sample('hf-ckd.chart'), 'coded'));
  writeFileSync(join(dir, 'b-hip.chart'), withStatus(sample('hip-fracture.chart'), 'coded'));
  writeFileSync(join(dir, 'c-sepsis.chart'), withStatus(sample('sepsis-aki.chart'), 'query-pending').replace('status=answered', 'status=open'));
  writeFileSync(join(dir, 'd-copd.chart'), withStatus(sample('copd-resp-failure.chart'), 'in-progress'));
  writeFileSync(
    join(dir, 'e-hf-fy2027.chart'),
    withStatus(sample('hf-ckd.chart'), 'coded')
      .replace('admitted: 2026-03-02', 'admitted: 2026-10-02')
      .replace('discharged: 2026-03-06', 'discharged: 2026-10-06'),
  );
  writeFileSync(join(dir, 'f-audited.chart'), readFileSync(join(ROOT, 'samples', 'audit', 'hf-missed-mcc.chart'), 'utf8'));
  return dir;
}

interface Record {
  file: string;
  drg: string;
  weight: number;
  discharged: string;
  status: string | null;
}

test("report: CMI is the mean of CMS's weights for the coders' DRGs, each of its discharge year", async () => {
  const dir = workspace();
  const jsonl = await cli(['report', '.', '--format', 'jsonl', '--jobs', '1', '--today', '2026-11-01'], dir);
  assert.equal(jsonl.code, 0, jsonl.err);
  const records = jsonl.out.split('\n').map((l) => JSON.parse(l) as Record);
  assert.deepEqual(
    records.map((r) => r.file),
    ['a-hf.chart', 'b-hip.chart', 'c-sepsis.chart', 'd-copd.chart', 'e-hf-fy2027.chart', 'f-audited.chart'],
  );
  const cms = cmsWeights();
  const weights = records.map((r) => (r.discharged >= '2026-10-01' ? cms.fy2027 : cms.fy2026).get(r.drg));
  assert.ok(
    weights.every((w) => typeof w === 'number'),
    JSON.stringify(records.map((r) => r.drg)),
  );
  const expected = Math.round((weights.reduce((s, w) => s + w!, 0) / weights.length) * 10000) / 10000;
  const json = await cli(['report', '.', '--format', 'json', '--today', '2026-11-01'], dir);
  const report = JSON.parse(json.out) as {
    charts: number;
    cmi: number;
    cmiCharts: number;
    byStatus: { [k: string]: number };
    drgs: { drg: string; charts: number }[];
    openQueries: { count: number; queries: { file: string; ageDays: number }[] };
    audit: { charts: number; drgAccuracy: number };
  };
  assert.equal(report.charts, 6);
  assert.equal(report.cmiCharts, 6);
  assert.equal(report.cmi, expected);
  // The FY2027 chart is weighted with FY2027's weight: the same DRG as a-hf, another weight.
  assert.equal(records[0]!.drg, records[4]!.drg);
  assert.notEqual(records[0]!.weight, records[4]!.weight);
  assert.deepEqual(report.byStatus, { coded: 3, 'query-pending': 1, 'in-progress': 1, '(no status)': 1 });
  assert.equal(
    report.drgs.reduce((s, d) => s + d.charts, 0),
    6,
  );
  // The one open query: sepsis-aki discharged 2026-02-14, 260 days before 2026-11-01.
  assert.equal(report.openQueries.count, 1);
  assert.deepEqual(
    report.openQueries.queries.map((q) => [q.file, q.ageDays]),
    [['c-sepsis.chart', 260]],
  );
  assert.equal(report.audit.charts, 1);
  assert.equal(report.audit.drgAccuracy, 0);
});

test('report: --jobs 2 gives the same records in the same order; --merge of shards gives the same report', async () => {
  const dir = workspace();
  // Enough charts for two workers (batches of 32).
  const base = readFileSync(join(dir, 'a-hf.chart'), 'utf8');
  for (let i = 0; i < 70; i++) writeFileSync(join(dir, `g-${String(i).padStart(3, '0')}.chart`), base.replace('encounter: 2026-004217', `encounter: G${i}`));
  const one = await cli(['report', '.', '--format', 'jsonl', '--jobs', '1', '--no-findings', '--today', '2026-11-01'], dir);
  const two = await cli(['report', '.', '--format', 'jsonl', '--jobs', '2', '--no-findings', '--today', '2026-11-01'], dir);
  assert.equal(two.code, 0, two.err);
  assert.equal(two.out, one.out);
  const lines = one.out.split('\n');
  writeFileSync(join(dir, 'shard-1.jsonl'), lines.slice(0, 30).join('\n') + '\n');
  writeFileSync(join(dir, 'shard-2.jsonl'), lines.slice(30).join('\n') + '\n');
  const merged = await cli(['report', '--merge', 'shard-1.jsonl', 'shard-2.jsonl', '--format', 'json'], dir);
  const whole = await cli(['report', '.', '--format', 'json', '--no-findings', '--today', '2026-11-01'], dir);
  assert.equal(merged.code, 0, merged.err);
  assert.deepEqual(JSON.parse(merged.out), JSON.parse(whole.out));
});

test('report --format html: one self-contained page with inline SVG', async () => {
  const dir = workspace();
  const r = await cli(['report', '.', '--format', 'html', '--out', 'team.html', '--today', '2026-11-01'], dir);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(join(dir, 'team.html'), 'utf8');
  assert.ok((html.match(/<svg/g) ?? []).length >= 3);
  assert.doesNotMatch(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, ''), /https?:\/\/|<script|<link/i);
});
