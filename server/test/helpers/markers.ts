// Inline markers for data-driven tests:
//   `$0`      a cursor position
//   `⟨` `⟩`   the range of an expected finding (several pairs allowed, in document order)
// Markers are removed before the text is parsed; their positions are reported in the clean text.
import type { Position, Range } from '../../src/chart/model';

export interface Marked {
  text: string;
  cursor: Position | null;
  ranges: Range[];
}

export function marked(input: string): Marked {
  let text = '';
  let line = 0;
  let character = 0;
  let cursor: Position | null = null;
  const ranges: Range[] = [];
  const open: Position[] = [];
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c === '$' && input[i + 1] === '0') {
      cursor = { line, character };
      i++;
      continue;
    }
    if (c === '⟨') {
      open.push({ line, character });
      continue;
    }
    if (c === '⟩') {
      const start = open.pop();
      if (!start) throw new Error('unbalanced ⟩ in test input');
      ranges.push({ start, end: { line, character } });
      continue;
    }
    text += c;
    if (c === '\n') {
      line++;
      character = 0;
    } else character++;
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, cursor, ranges };
}

export function fmtRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A minimal header so body-only fixtures have a discharge date. */
export const HEADER = '---\nage: 67\nsex: F\nadmitted: 2026-03-02\ndischarged: 2026-03-06\ndisposition: 01\n---\n';
