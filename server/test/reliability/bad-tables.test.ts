// Bad tables and settings: a truncated or corrupted built table, a missing tables folder, a CPT
// file with bad rows, an unknown rule id. Each gives ONE clear message naming the file, line or
// setting, and the server keeps working (outline and syntax diagnostics still come).
// The server is pointed at a damaged copy of tables/build through CHARTCODER_TABLES.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './client';
import { defaultTablesDir } from '../../src/tables/format';
import { parseChart } from '../../src/chart/parse';
import { documentSymbols } from '../../src/service/features/symbols';

const TMP = mkdtempSync(join(tmpdir(), 'chartcoder-badtables-'));
after(() => rmSync(TMP, { recursive: true, force: true }));

/** A copy of the built tables (links to the real files) with `damage` applied to named files. */
function damagedCopy(name: string, damage: Record<string, (original: Buffer) => Buffer | null>): string {
  const src = defaultTablesDir();
  const dir = join(TMP, name);
  const copy = (from: string, to: string, rel: string) => {
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) {
      const p = join(from, f);
      const r = rel ? `${rel}/${f}` : f;
      if (statSync(p).isDirectory()) copy(p, join(to, f), r);
      else if (damage[r]) {
        const out = damage[r](readFileSync(p));
        if (out) writeFileSync(join(to, f), out);
      } else symlinkSync(p, join(to, f));
    }
  };
  copy(src, dir, '');
  return dir;
}

const URI = 'file:///tmp/chartcoder-badtables/patient.chart';
const TEXT = `---\nencounter: 1\nage: 70\nsex: F\nadmitted: 2026-03-02\ndischarged: 2026-03-06\ndisposition: 01\n---\n# Assessment\n[Heart failure]{dx=I50.33 poa=Y} and [CKD]{dx=N18.4 poa=Y\n\`\`\`abstract\nPDX I50.33 Y\nSDX N18.4 Y\n\`\`\`\n`;

type Message = { type: number; message: string };
/** The outline of TEXT needs no tables: the damaged server must still give exactly this. */
const OUTLINE = documentSymbols(parseChart(TEXT)).map((s) => s.name);

/** Opens TEXT in a server with these tables/settings; returns what the user was told and saw. */
async function session(env: Record<string, string>, settings: unknown = undefined) {
  const client = startServer(['--stdio'], { ...process.env, ...env });
  // Messages to the user arrive as window/showMessage notifications or window/showMessageRequest
  // requests (the helper answers requests itself): record both.
  const shown: Message[] = [];
  const inner = client as unknown as { dispatch(m: Record<string, unknown>): void };
  const dispatch = inner.dispatch.bind(client);
  inner.dispatch = (m) => {
    if (m.method === 'window/showMessage' || m.method === 'window/showMessageRequest') shown.push(m.params as Message);
    dispatch(m);
  };
  try {
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: settings ? { settings } : {} });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'chart', version: 1, text: TEXT } });
    const first = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI, 15_000);
    // A few more keystrokes: a damaged table must not turn into one message per keystroke.
    for (let v = 2; v <= 4; v++)
      client.notify('textDocument/didChange', {
        textDocument: { uri: URI, version: v },
        contentChanges: [{ range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } }, text: ' ' }],
      });
    const last = await client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === 4, 15_000);
    await client.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 9, character: 20 } });
    const symbols = (await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } })) as { name: string }[];
    // Completion right after N18.4 on line 10 (three spaces were typed at its start).
    const completion = (await client.request('textDocument/completion', { textDocument: { uri: URI }, position: { line: 9, character: 54 } })) as {
      items: { label: string }[];
    } | null;
    assert.equal(await client.shutdown(), 0, 'clean exit');
    const errors = client.notifications.filter((n) => n.method === 'window/logMessage' && n.params.type === 1).map((n) => String(n.params.message));
    const codes = (last.diagnostics as { code: string }[]).map((d) => d.code);
    return { first, codes, symbols: symbols.map((s) => s.name), shown, errors, completion: completion?.items.map((i) => i.label) ?? [] };
  } finally {
    client.proc.kill();
  }
}

function assertDegradedButWorking(r: Awaited<ReturnType<typeof session>>): void {
  assert.deepEqual(r.symbols, OUTLINE, 'the outline still works');
  assert.ok(r.codes.includes('chart.syntax'), `syntax diagnostics still come: ${r.codes.join(', ')}`);
}

test('a truncated code table: one message naming the file, the server works without code checks', async () => {
  const dir = damagedCopy('truncated', { 'codes-icd10cm.bin': (b) => b.subarray(0, Math.floor(b.length / 2)) });
  const r = await session({ CHARTCODER_TABLES: dir });
  assertDegradedButWorking(r);
  const about = r.shown.filter((m) => m.message.includes('codes-icd10cm.bin'));
  assert.equal(about.length, 1, JSON.stringify(r.shown));
  assert.match(about[0].message, /damaged|checksum|truncated/i);
});

test('a corrupted (same size, one byte flipped) lazily read table: one message naming the file, never one per keystroke', async () => {
  const dir = damagedCopy('corrupted', {
    'tabular-nodes.tsv.gz': (b) => {
      const c = Buffer.from(b);
      c[c.length >> 1] ^= 0xff;
      return c;
    },
  });
  const r = await session({ CHARTCODER_TABLES: dir });
  assertDegradedButWorking(r);
  const mentions = [...r.shown.map((m) => m.message), ...r.errors].filter((m) => m.includes('tabular-nodes.tsv.gz'));
  assert.ok(
    mentions.length >= 1 && r.shown.filter((m) => m.message.includes('tabular-nodes.tsv.gz')).length <= 1,
    JSON.stringify({ shown: r.shown, errors: r.errors }),
  );
  assert.ok(r.errors.filter((m) => m.includes('tabular-nodes.tsv.gz')).length <= 1, `logged once, not per keystroke: ${r.errors.length} errors`);
});

test('a damaged search index: one message naming it; code checks, hover and the rest still work, completion offers nothing', async () => {
  const dir = damagedCopy('bad-search-index', {
    'search-index.bin': (b) => {
      const c = Buffer.from(b);
      c[c.length >> 1] ^= 0xff;
      return c;
    },
  });
  const r = await session({ CHARTCODER_TABLES: dir });
  assertDegradedButWorking(r);
  const about = r.shown.filter((m) => m.message.includes('search-index.bin'));
  assert.equal(about.length, 1, JSON.stringify(r.shown));
  assert.match(about[0].message, /code search unavailable.*damaged/i);
  assert.deepEqual(r.completion, [], 'no search results, and no error');
});

test('the same request in a healthy server completes codes (the control for the test above)', async () => {
  const r = await session({ CHARTCODER_TABLES: defaultTablesDir() });
  assert.ok(
    r.completion.some((label) => label.startsWith('N18.4')),
    `N18.4… offered: ${r.completion.slice(0, 5).join(', ')}`,
  );
  assert.deepEqual(r.shown, []);
});

test('damaged PCS tables: at most one message naming them; diagnosis completion and the rest still work', async () => {
  const dir = damagedCopy('bad-pcs-tables', {
    'pcs-tables.json.gz': (b) => {
      const c = Buffer.from(b);
      c[c.length >> 1] ^= 0xff;
      return c;
    },
  });
  const r = await session({ CHARTCODER_TABLES: dir });
  assertDegradedButWorking(r);
  assert.ok(
    r.completion.some((label) => label.startsWith('N18.4')),
    `N18.4… offered: ${r.completion.slice(0, 5).join(', ')}`,
  );
  const about = r.shown.filter((m) => m.message.includes('pcs-tables'));
  assert.ok(about.length <= 1, JSON.stringify(r.shown));
  for (const m of about) assert.match(m.message, /PCS tables not loaded.*damaged/i);
  assert.deepEqual(
    r.shown.filter((m) => !m.message.includes('pcs-tables')),
    [],
  );
});

test('a missing tables folder: one message naming it, the server works', async () => {
  const r = await session({ CHARTCODER_TABLES: join(TMP, 'no-such-folder') });
  assertDegradedButWorking(r);
  const about = r.shown.filter((m) => m.message.includes('no-such-folder'));
  assert.equal(about.length, 1, JSON.stringify(r.shown));
});

test('a manifest that is not JSON: one message naming it', async () => {
  const dir = damagedCopy('bad-manifest', { 'manifest.json': (b) => b.subarray(0, 100) });
  const r = await session({ CHARTCODER_TABLES: dir });
  assertDegradedButWorking(r);
  assert.equal(r.shown.filter((m) => m.message.includes('manifest.json')).length, 1, JSON.stringify(r.shown));
});

test('a CPT table with bad rows: a message naming file and line, the good rows still used', async () => {
  const cpt = join(TMP, 'cpt.csv');
  writeFileSync(cpt, 'code,description\n99223,Initial hospital care\nABC,not a code\n99233,\n');
  const r = await session({}, { cptTable: cpt });
  assert.deepEqual(r.symbols, OUTLINE);
  const about = r.shown.filter((m) => m.message.includes(cpt));
  assert.ok(
    about.some((m) => m.message.includes(`${cpt}:3`)),
    JSON.stringify(r.shown),
  );
  assert.ok(
    about.some((m) => m.message.includes(`${cpt}:4`)),
    JSON.stringify(r.shown),
  );
  assert.equal(new Set(about.map((m) => m.message)).size, about.length, 'each problem said once');
});

test('an unknown rule id in settings: one message naming the setting, the other rules apply', async () => {
  const r = await session({}, { rules: { 'icd.no-such-rule': 'off', 'chart.syntax': 'warning' } });
  const about = r.shown.filter((m) => m.message.includes('chartcoder.rules.icd.no-such-rule'));
  assert.equal(about.length, 1, JSON.stringify(r.shown));
  assert.deepEqual(r.symbols, OUTLINE);
  assert.ok(r.codes.includes('chart.syntax'));
  const syntax = (r.first.diagnostics as { code: string; severity: number }[]).find((d) => d.code === 'chart.syntax');
  assert.equal(syntax?.severity, 2, 'the known rule override applied (warning)');
});
