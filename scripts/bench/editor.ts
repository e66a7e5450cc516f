// Editor-side figures: TextMate tokenization of the largest sample and of a 1 MB chart (what
// VS Code does on open; it tokenizes visible lines first, so the per-line cost matters most),
// and the size of the .vsix and of the bundled client when they have been built.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadChartGrammar, tokenize } from '../../server/test/grammar/tokenize';
import { fmt, percentile, timeRuns } from './util';

const root = join(__dirname, '..', '..');

export async function bench(): Promise<void> {
  const grammar = await loadChartGrammar();
  const samples = readdirSync(join(root, 'samples'))
    .filter((f) => f.endsWith('.chart'))
    .map((f) => ({ f, text: readFileSync(join(root, 'samples', f), 'utf8') }));
  const largest = samples.sort((a, b) => b.text.length - a.text.length)[0];
  const lines = largest.text.split('\n').length;
  const small = timeRuns(50, () => tokenize(grammar, largest.text));
  console.log(
    `tokenize largest sample (${largest.f}, ${lines} lines): p50 ${fmt(percentile(small, 50))}, p95 ${fmt(percentile(small, 95))} — ${fmt(percentile(small, 50) / lines)} per line`,
  );

  const body = largest.text.replace(/^---[\s\S]*?\n---\n/, '');
  let big = largest.text;
  while (big.length < 1_000_000) big += '\n# Continued\n' + body;
  const bigLines = big.split('\n').length;
  const mb = timeRuns(3, () => tokenize(grammar, big), 1);
  console.log(`tokenize 1 MB chart (${bigLines} lines): p50 ${fmt(percentile(mb, 50))} — ${fmt(percentile(mb, 50) / bigLines)} per line`);

  for (const f of ['dist/client.js', 'chartcoder.vsix']) {
    const p = join(root, f);
    console.log(existsSync(p) ? `${f}: ${(statSync(p).size / 1024).toFixed(1)} KB` : `${f}: not built`);
  }
}
