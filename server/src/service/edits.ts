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
  return {
    range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } },
    newText: `${indent}${suppressionComment(ruleId, reason)}${lineEndingAt(text, lines, at)}`,
  };
}

/** A rule id as a suppression comment spells it (chart/lineSyntax.ts reads the same). */
const RULE_ID_SYNTAX = /^[A-Za-z][\w.*-]*$/;

/**
 * Why `chartcoder.suppress` must not write a comment for these arguments, or null when it may:
 * the rule id is one the engine raises (or a `family.*` of them), so it cannot carry `-->`, a
 * line break or other text into the chart; the line is an integer line of the document.
 */
export function suppressionRefusal(text: string, line: unknown, ruleId: unknown, knownIds: readonly string[]): string | null {
  if (typeof ruleId !== 'string' || !RULE_ID_SYNTAX.test(ruleId)) return 'the rule id is not a rule id';
  const known = ruleId.endsWith('.*') ? knownIds.some((id) => id.startsWith(ruleId.slice(0, -1))) : knownIds.includes(ruleId);
  if (!known) return 'no rule has this id';
  if (typeof line !== 'number' || !Number.isInteger(line)) return 'the line is not an integer';
  if (line < 0 || line >= indexLines(text).starts.length) return 'the line is outside the document';
  return null;
}
