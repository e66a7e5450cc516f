// `chartcoder audit` over samples/audit (six charts: five audited, one not): both MS-DRGs per chart,
// the changes, the reasons and the summary rates. The rates are worked out by hand from the
// definitions (docs/audit.md); the DRGs are those of the grouper for the charts' discharge dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/types';

const ROOT = join(__dirname, '..', '..', '..');

async function cli(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, isTTY: false };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface ChartRow {
  file: string;
  audited: boolean;
  coder: { drg: string; weight: number; payment: number };
  auditor: { drg: string; weight: number; payment: number };
  drgChanged: boolean;
  pdxChanged: boolean;
  dx: { added: string[]; deleted: string[]; revised: string[][]; poa: string[][] };
  proc: { added: string[]; deleted: string[]; revised: string[][] };
  reasons: { category: string; auditorReason?: string }[];
}

const EXPECTED: Record<string, { coder: string; auditor: string; pdxChanged: boolean; dx: ChartRow['dx']; proc: ChartRow['proc']; categories: string[] }> = {
  'hf-missed-mcc.chart': {
    coder: '292',
    auditor: '291',
    pdxChanged: false,
    dx: { added: ['I50.33'], deleted: [], revised: [], poa: [] },
    proc: { added: [], deleted: [], revised: [] },
    categories: ['missed-cc-mcc'],
  },
  'hf-sequencing.chart': {
    coder: '292',
    auditor: '291',
    pdxChanged: true,
    dx: { added: [], deleted: [], revised: [], poa: [['E78.5', 'N', 'Y']] },
    proc: { added: [], deleted: [], revised: [] },
    categories: ['pdx-selection', 'poa'],
  },
  'hip-laterality.chart': {
    coder: '522',
    auditor: '522',
    pdxChanged: true,
    dx: { added: [], deleted: [], revised: [['S72.031A', 'S72.032A']], poa: [] },
    proc: { added: [], deleted: [], revised: [['0SRR0J9', '0SRS0J9']] },
    categories: ['pdx-selection', 'specificity', 'procedure-body-part'],
  },
  'hip-seventh.chart': {
    coder: '522',
    auditor: '522',
    pdxChanged: false,
    dx: { added: [], deleted: [], revised: [['W01.0XXD', 'W01.0XXA']], poa: [] },
    proc: { added: [], deleted: [], revised: [] },
    categories: ['seventh-character'],
  },
  'sepsis-atn.chart': {
    coder: '872',
    auditor: '871',
    pdxChanged: false,
    dx: { added: [], deleted: ['R65.20'], revised: [['N17.9', 'N17.0']], poa: [] },
    proc: { added: [], deleted: [], revised: [] },
    categories: ['unsupported', 'missed-cc-mcc'],
  },
};

test("audit --format json: each chart's DRGs, changes and reasons; the summary rates", async () => {
  const r = await cli(['audit', 'samples/audit', '--format', 'json']);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { charts: ChartRow[]; summary: Record<string, unknown> & { byCoder: Record<string, Record<string, unknown>> } };
  assert.equal(json.charts.length, 6);
  for (const row of json.charts) {
    const name = row.file.replace(/^.*\//, '');
    if (name === 'copd-not-audited.chart') {
      assert.equal(row.audited, false);
      continue;
    }
    const e = EXPECTED[name];
    assert.ok(e, name);
    assert.equal(row.coder.drg, e.coder, `${name} coder DRG`);
    assert.equal(row.auditor.drg, e.auditor, `${name} auditor DRG`);
    assert.equal(row.drgChanged, e.coder !== e.auditor, name);
    assert.equal(row.pdxChanged, e.pdxChanged, name);
    assert.deepEqual(row.dx, e.dx, name);
    assert.deepEqual(row.proc, e.proc, name);
    assert.deepEqual(
      row.reasons.map((x) => x.category),
      e.categories,
      name,
    );
  }
  const s = json.summary;
  // 5 audited: DRG changed in 3 (hf ×2, sepsis); PDX changed in 2 (hf-sequencing, hip-laterality).
  assert.equal(s.charts, 5);
  assert.equal(s.notAudited, 1);
  assert.equal(s.drgAccuracy, 1 - 3 / 5);
  assert.equal(s.pdxAccuracy, 1 - 2 / 5);
  // Code changes 1 + 0 + 2 + 1 + 2 = 6 over 7 + 7 + 7 + 7 + 7 = 35 codes in the auditors' abstracts.
  assert.equal(s.codeAccuracy, 1 - 6 / 35);
  // POA: 1 change over 6 + 7 + 5 + 5 + 6 = 29 diagnoses in both abstracts.
  assert.equal(s.poaAccuracy, 1 - 1 / 29);
  const byCoder = s.byCoder;
  assert.deepEqual(Object.keys(byCoder), ['alice', 'bob']);
  assert.equal(byCoder.alice!.drgAccuracy, 0);
  assert.equal(byCoder.alice!.codeAccuracy, 1 - 1 / 14);
  assert.equal(byCoder.bob!.codeAccuracy, 1 - 5 / 21);
});

test("audit: payment impact is the sum of the differences of weight × the release's standardized amount", async () => {
  const r = await cli(['audit', 'samples/audit', '--format', 'json']);
  const json = JSON.parse(r.out) as { charts: (ChartRow & { paymentDelta: number | null })[]; summary: { paymentImpact: { net: number; absolute: number } } };
  let net = 0;
  let abs = 0;
  for (const c of json.charts) {
    if (!c.audited) continue;
    const rate = c.coder.payment / c.coder.weight;
    assert.ok(Math.abs(c.auditor.payment - c.auditor.weight * rate) < 0.02, `${c.file}: one rate for both abstracts`);
    net += c.paymentDelta!;
    abs += Math.abs(c.paymentDelta!);
  }
  assert.ok(Math.abs(json.summary.paymentImpact.net - net) < 0.01);
  assert.ok(Math.abs(json.summary.paymentImpact.absolute - abs) < 0.01);
  assert.ok(net > 0, 'every DRG change of the samples raises the payment');
});

test('audit: text names the DRG change as the code lens does; csv has one row per chart', async () => {
  const t = await cli(['audit', 'samples/audit/hf-missed-mcc.chart']);
  assert.match(t.out, /MS-DRG 292 → 291 · \+0\.4348 RW · \+\$2,936/);
  const c = await cli(['audit', 'samples/audit', '--format', 'csv']);
  const lines = c.out.split('\n');
  assert.equal(lines.length, 7);
  assert.match(lines[0]!, /^file,coder,auditor,audited,coder_drg/);
});

test('audit --format html --out: one self-contained page with inline SVG plots, and never over a chart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chartcoder-audit-'));
  const out = join(dir, 'report.html');
  const r = await cli(['audit', join(ROOT, 'samples/audit'), '--format', 'html', '--out', out], dir);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(out, 'utf8');
  assert.ok((html.match(/<svg/g) ?? []).length >= 4, 'four plots');
  assert.doesNotMatch(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]*"/g, ''), /https?:\/\/|<script|<link/i, 'no network, no script');
  assert.match(html, /95 %/);
  const chart = join(dir, 'x.chart');
  writeFileSync(chart, 'keep me');
  const refused = await cli(['audit', join(ROOT, 'samples/audit'), '--out', chart], dir);
  assert.equal(refused.code, 2);
  assert.equal(readFileSync(chart, 'utf8'), 'keep me');
  assert.ok(existsSync(out));
});
