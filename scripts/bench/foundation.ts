// Foundation figures: parse time of the largest sample and of a 1 MB chart, diagnostics on a
// 20-page chart (the keystroke path), server start (spawn → initialize answered → first
// diagnostics), and the .vsix size when one has been built.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseChart } from '../../server/src/chart/parse';
import { chartInput, LanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/context';
import { loadTables } from '../../server/src/tables/load';
import { defaultTablesDir } from '../../server/src/tables/format';
import { LspClient } from '../../server/test/helpers/lspClient';
import { fmt, percentile, timeRuns } from './util';

const root = join(__dirname, '..', '..');

export async function bench(): Promise<void> {
  const samples = readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.chart'))
    .map((f) => ({ f, text: readFileSync(join(root, 'samples', f), 'utf8') }));
  const largest = samples.sort((a, b) => b.text.length - a.text.length)[0];
  const small = timeRuns(200, () => parseChart(largest.text));
  console.log(
    `parse largest sample (${largest.f}, ${(largest.text.length / 1024).toFixed(1)} KB): p50 ${fmt(percentile(small, 50))}, p95 ${fmt(percentile(small, 95))}`,
  );

  const body = largest.text.replace(/^---[\s\S]*?\n---\n/, '').replace(/```abstract[\s\S]*?```/g, '');
  let big = largest.text;
  while (big.length < 1_000_000) big += '\n# Continued\n' + body;
  const mb = timeRuns(10, () => parseChart(big), 3);
  console.log(`parse 1 MB chart (${parseChart(big).annotations.length} annotations): p50 ${fmt(percentile(mb, 50))}, max ${fmt(mb[mb.length - 1])}`);

  // A 20-page chart: about 3,000 words a page is generous; ~60 KB.
  let twenty = largest.text;
  while (twenty.length < 60_000) twenty = twenty.replace('```abstract', body.replace(/```query[\s\S]*?```/g, '') + '\n```abstract');
  const tables = loadTables(defaultTablesDir());
  const service = new LanguageService({ tables, settings: { ...DEFAULT_SETTINGS } });
  let n = 0;
  const diag = timeRuns(50, () => service.findings(chartInput(`k${n++}`, twenty + ' '.repeat(n)))); // a fresh parse each time, as after a keystroke
  console.log(
    `diagnostics on a 20-page chart (${(twenty.length / 1024).toFixed(0)} KB, parse + all rules): p50 ${fmt(percentile(diag, 50))}, p95 ${fmt(percentile(diag, 95))}`,
  );

  if (existsSync(join(root, 'dist', 'server.js'))) {
    const starts: number[] = [];
    const firstCompletion: number[] = [];
    const firstDiag: number[] = [];
    const completionChart =
      '---\nage: 67\nsex: F\nadmitted: 2026-03-02\ndischarged: 2026-03-06\ndisposition: 01\n---\n# HPI\n[acute on chronic diastolic heart failure]{dx=\n';
    for (let i = 0; i < 5; i++) {
      // As when a coder opens a chart: the editor starts the server and opens the document at once.
      const t0 = performance.now();
      const client = new LspClient();
      await client.initialize();
      starts.push(performance.now() - t0);
      client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///bench.chart', languageId: 'chart', version: 1, text: largest.text } });
      await client.waitFor('textDocument/publishDiagnostics', (p) => (p as { uri?: string }).uri === 'file:///bench.chart');
      firstDiag.push(performance.now() - t0);
      // Then the first completion, which needs the search index (read after the handshake).
      client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///complete.chart', languageId: 'chart', version: 1, text: completionChart } });
      const list = await client.request<{ items: { label: string }[] }>('textDocument/completion', {
        textDocument: { uri: 'file:///complete.chart' },
        position: { line: 8, character: 46 },
      });
      if (!list?.items?.length) throw new Error('bench: the first completion returned no items');
      firstCompletion.push(performance.now() - t0);
      await client.shutdown();
    }
    starts.sort((a, b) => a - b);
    firstCompletion.sort((a, b) => a - b);
    firstDiag.sort((a, b) => a - b);
    console.log(
      `server start (spawn → initialize answered, tables loaded): median ${fmt(percentile(starts, 50))}; → first diagnostics of ${largest.f} opened at once: median ${fmt(percentile(firstDiag, 50))}; → then the first completion: median ${fmt(percentile(firstCompletion, 50))}`,
    );
  } else console.log('server start: dist/server.js not built (npm run build)');

  const vsix = join(root, 'chartcoder.vsix');
  if (existsSync(vsix)) console.log(`.vsix size: ${(statSync(vsix).size / 1024 / 1024).toFixed(2)} MB`);
  else console.log('.vsix: not built (npm run package)');
}
