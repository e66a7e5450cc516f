// Text the service writes into a chart: inserted lines end the way the chart's own lines end
// (a CRLF chart gets CRLF, an LF chart LF), and the one writer of the suppression comment, used by
// the quick fix, by the server's `chartcoder.suppress` command and (through that command) by the
// VS Code client once it has asked for the reason.
import type { Range } from '../chart/model';
import { indexLines, lineText, type LineIndex } from '../chart/text';

export interface TextEditData {
  range: Range;
  newText: string;
}

/**
 * The line ending to write before line `line`'s text: the terminator of that line when it has
 * one (so a line inserted there matches its neighbour in a chart that mixes endings), else the
 * first terminator of the chart, else LF.
 */
export function lineEndingAt(text: string, lines: LineIndex, line: number): string {
  const own = line >= 0 && line + 1 < lines.starts.length ? text.slice(lines.ends[line], lines.starts[line + 1]) : '';
  if (own) return own;
  const first = lines.starts.length > 1 ? text.slice(lines.ends[0], lines.starts[1]) : '';
  return first || '\n';
}

/** `<!-- chartcoder-ignore rule.id: reason -->`; the reason is kept on one line and cannot close the comment early. */
export function suppressionComment(ruleId: string, reason: string | null): string {
  const why = (reason ?? '').replace(/\s+/g, ' ').replace(/-->/g, '->').trim();
  return `<!-- chartcoder-ignore ${ruleId}:${why ? ` ${why}` : ''} -->`;
}

/**
 * The edit that silences `ruleId` on `line`: the comment on a new line just before it, indented
 * like it, ended like it. `reason` null writes no reason (suppression.no-reason then says so).
 */
export function suppressionEdit(text: string, line: number, ruleId: string, reason: string | null, lines: LineIndex = indexLines(text)): TextEditData {
  const at = Math.max(0, Math.min(line, lines.starts.length - 1));
  const indent = /^\s*/.exec(lineText(text, lines, at))![0];
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${indent}${suppressionComment(ruleId, reason)}${lineEndingAt(text, lines, at)}` };
}
