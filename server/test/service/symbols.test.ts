// Outline and folding: sections nest by level, blocks sit in the section that holds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { documentSymbols, foldingRanges, type SymbolData } from '../../src/service/features/symbols';
import { HEADER } from '../helpers/markers';

const TEXT =
  HEADER +
  `# HPI
Text.
## Exam {author=MD}
More.

# Coding
\`\`\`abstract
PDX I16.0 Y
SDX E11.9 Y
\`\`\`
\`\`\`query id=Q2 to="Dr. A" status=answered
Which?
- a
answer: a
\`\`\`
`;

const shape = (s: SymbolData): unknown => [s.kind, s.name, s.children.map(shape)];

test('outline: header, nested sections, abstract lines, queries', () => {
  const symbols = documentSymbols(parseChart(TEXT));
  assert.deepEqual(symbols.map(shape), [
    ['header', 'Encounter', []],
    ['section', 'HPI', [['section', 'Exam', []]]],
    [
      'section',
      'Coding',
      [
        [
          'abstract',
          'Abstract',
          [
            ['abstract-line', 'PDX I16.0', []],
            ['abstract-line', 'SDX E11.9', []],
          ],
        ],
        ['query', 'Query Q2', []],
      ],
    ],
  ]);
  assert.equal(symbols[0].detail, '67 y · F · discharged 2026-03-06');
});

test('folding: header, sections (to their last non-blank line), blocks', () => {
  const folds = foldingRanges(parseChart(TEXT)).map((f) => `${f.startLine}-${f.endLine}`);
  assert.deepEqual(folds, ['0-6', '7-10', '9-10', '12-21', '13-16', '17-21']);
});

test('a chart with no header or sections still has an outline of its blocks', () => {
  const symbols = documentSymbols(parseChart('```abstract\nPDX I10\n```\n'));
  assert.deepEqual(symbols.map(shape), [['abstract', 'Abstract', [['abstract-line', 'PDX I10', []]]]]);
});

test("outline (format 1.1): the auditor's abstract and the results block, each folding", () => {
  const text =
    HEADER +
    '# Coding\n```abstract\nPDX I10 Y\n```\n```abstract by=auditor\nPDX I16.0 Y\nSDX N17.0 Y # reason: ATN\n```\n```results\n2026-03-02 sodium 128 mmol/L\n2026-03-03 sodium 131 mmol/L\n2026-03-03 creatinine 1.1\n```\n';
  const chart = parseChart(text);
  assert.deepEqual(documentSymbols(chart).map(shape), [
    ['header', 'Encounter', []],
    [
      'section',
      'Coding',
      [
        ['abstract', 'Abstract', [['abstract-line', 'PDX I10', []]]],
        [
          'abstract',
          "Auditor's abstract",
          [
            ['abstract-line', 'PDX I16.0', []],
            ['abstract-line', 'SDX N17.0', []],
          ],
        ],
        ['results', 'Results', []],
      ],
    ],
  ]);
  assert.equal(documentSymbols(chart)[1].children[2].detail, '3 values · 2 measurements');
  const folds = foldingRanges(chart).map((f) => `${f.startLine}-${f.endLine}`);
  assert.deepEqual(folds, ['0-6', '7-19', '8-10', '11-14', '15-19']);
});
