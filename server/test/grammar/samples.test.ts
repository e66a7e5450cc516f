// The grammar against the shipped samples: reference charts colour without any "invalid" token
// and every code in them is coloured as a code; the syntax-error sample shows its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChartGrammar, tokenize } from './tokenize';

const samples = join(__dirname, '..', '..', '..', 'samples');
const charts = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.chart'))
    .map((f) => join(dir, f));

test('reference samples have no invalid tokens, and every annotated and abstract code is a code token', async () => {
  const grammar = await loadChartGrammar();
  const files = charts(samples);
  assert.ok(files.length >= 5);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const tokens = tokenize(grammar, text);
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid')));
    assert.deepEqual(
      invalid.map((t) => `${t.line + 1}: ${t.text}`),
      [],
      `${file} has no invalid tokens`,
    );
    const codeTokens = tokens
      .filter((t) => t.scopes.includes('constant.other.code.chart') && !t.scopes.some((s) => s.startsWith('punctuation')))
      .map((t) => t.text.toUpperCase());
    const annotated = [...text.matchAll(/\b(?:dx|pcs|hcpcs|cpt|ind)=([A-Za-z0-9.,]+)/g)].flatMap((m) => m[1].split(','));
    const abstract = [...(/```abstract\n([\s\S]*?)```/.exec(text)?.[1] ?? '').matchAll(/^(?:PDX|ADX|SDX|PROC)\s+(\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(codeTokens.sort(), [...annotated, ...abstract].map((c) => c.toUpperCase()).sort(), `${file}: codes coloured`);
    assert.ok(
      tokens.some((t) => t.scopes.includes('keyword.control.entry.chart') && t.text === 'PDX'),
      `${file}: PDX keyword`,
    );
    assert.ok(
      tokens.some((t) => t.scopes.includes('entity.name.tag.header-key.chart') && t.text === 'discharged'),
      `${file}: header key`,
    );
  }
});

test('the syntax-error sample marks the unclosed string invalid and leaves the unclosed bracket as prose', async () => {
  const grammar = await loadChartGrammar();
  const text = readFileSync(join(samples, 'errors', 'syntax-errors.chart'), 'utf8');
  const invalid = tokenize(grammar, text).filter((t) => t.scopes.some((s) => s.startsWith('invalid')));
  assert.ok(
    invalid.some((t) => t.text.startsWith('"read by radiology')),
    'unclosed quoted value',
  );
  // The unclosed bracket stays prose: the code after it is not coloured as an annotation.
  const line = text.split('\n').findIndex((l) => l.includes('[hypertension{'));
  assert.ok(!tokenize(grammar, text).some((t) => t.line === line && t.scopes.includes('meta.annotation.chart')));
});
