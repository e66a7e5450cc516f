// Line bookkeeping shared by the parser and the features: offsets ↔ positions (UTF-16, as LSP
// counts), line texts without their line terminators (LF, CRLF and lone CR are all accepted).
import type { Position, Range } from './model';
import { lowerBoundOf } from '../base/binarySearch';

export interface LineIndex {
  /** Offset of the first character of each line. */
  starts: number[];
  /** Offset just past the last content character of each line (before its terminator). */
  ends: number[];
}

export function indexLines(text: string): LineIndex {
  const starts = [0];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      ends.push(i);
      starts.push(i + 1);
    } else if (c === 13 /* \r */) {
      ends.push(i);
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  ends.push(text.length);
  return { starts, ends };
}

export function lineText(text: string, index: LineIndex, line: number): string {
  return text.slice(index.starts[line], index.ends[line]);
}

export function offsetAt(index: LineIndex, position: Position): number {
  const line = Math.max(0, Math.min(position.line, index.starts.length - 1));
  const start = index.starts[line];
  return Math.min(start + Math.max(0, position.character), index.ends[line]);
}

export function positionAt(index: LineIndex, offset: number): Position {
  // The last line that starts at or before the offset.
  const line = Math.max(0, lowerBoundOf(index.starts, Math.floor(offset) + 1) - 1);
  return { line, character: Math.min(offset, index.ends[line]) - index.starts[line] };
}

export function range(line: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}

export function lineRange(line: number, startChar: number, endChar: number): Range {
  return range(line, startChar, line, endChar);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** True when `p` lies inside `r`, ends included (a cursor just after the last character counts). */
export function containsPosition(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}
