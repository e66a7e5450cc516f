// Code patterns in tabular notes: single codes, "category.-" families, and ranges — the shapes
// CMS writes inside a note's parentheses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesPattern, notePatterns } from '../../src/tables/codePatterns';
import { instructions } from '../../src/rules/facts';
import type { CodeDetails } from '../../src/tables/types';

const cases: [string, { from: string; to: string; family: boolean }[]][] = [
  ['code (B95-B97), to identify infectious agent.', [{ from: 'B95', to: 'B97', family: false }]],
  ['chronic kidney disease (N18.1-N18.6)', [{ from: 'N181', to: 'N186', family: false }]],
  ['diabetes mellitus due to underlying condition (E08.-)', [{ from: 'E08', to: 'E08', family: true }]],
  ['candidiasis of urinary tract (B37.4-)', [{ from: 'B374', to: 'B374', family: true }]],
  [
    'abortion or ectopic or molar pregnancy (O00-O07, O08.8)',
    [
      { from: 'O00', to: 'O07', family: false },
      { from: 'O088', to: 'O088', family: false },
    ],
  ],
  ['certain infectious and parasitic diseases (A00-B99)', [{ from: 'A00', to: 'B99', family: false }]],
  [
    'pregnancy, childbirth and the puerperium (O23.-, O75.3, O86.2-)',
    [
      { from: 'O23', to: 'O23', family: true },
      { from: 'O753', to: 'O753', family: false },
      { from: 'O862', to: 'O862', family: true },
    ],
  ],
  ['pyuria (R82.81)', [{ from: 'R8281', to: 'R8281', family: false }]],
];

for (const [text, expected] of cases) {
  test(`patterns of "${text}"`, () => {
    assert.deepEqual(
      notePatterns(text).map(({ from, to, family }) => ({ from, to, family })),
      expected,
    );
  });
}

test('a code falls under a range, a family, or a single code and its subcodes', () => {
  const [range] = notePatterns('(B95-B97)');
  for (const c of ['B9520', 'B9620', 'B971', 'B97']) assert.ok(matchesPattern(c, range), c);
  for (const c of ['B94', 'B980', 'A4151']) assert.ok(!matchesPattern(c, range), c);
  const [ckd] = notePatterns('(N18.1-N18.6)');
  assert.ok(matchesPattern('N1832', ckd) && matchesPattern('N186', ckd) && !matchesPattern('N189', ckd));
  const [family] = notePatterns('(E08.-)');
  assert.ok(matchesPattern('E0822', family) && !matchesPattern('E0922', family));
  const [single] = notePatterns('(R82.8)');
  assert.ok(matchesPattern('R8281', single), 'a code named without "-" covers its later subcodes');
});

test('a note’s cached patterns cannot be changed by a caller: instructions() once appended to them at every check (a leak, and checking slowed with each chart)', () => {
  const head = 'use additional code to identify:';
  const item = 'stage of chronic kidney disease (N18.1-N18.6)';
  const a = notePatterns(head);
  assert.ok(Object.isFrozen(a), 'the cached array is frozen');
  const d = { notes: [head, item].map((text) => ({ kind: 'useAdditionalCode', from: 'E11.22', text })) } as unknown as CodeDetails;
  const lengths = Array.from({ length: 5 }, () => instructions(d, 'useAdditionalCode')[0]!.patterns.length);
  assert.deepEqual(lengths, [1, 1, 1, 1, 1], 'the same instruction every time');
  assert.equal(notePatterns(head).length, a.length);
});
