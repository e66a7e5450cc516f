// The line-level syntax of a chart — headings, `key: value` header fields, suppression comments —
// read by plain string scanning. Regular expressions such as /^(#{1,6})[ \t]+(.*?)[ \t]*$/ read
// the same lines but backtrack quadratically on a long run of spaces (a 100 KB line took seconds,
// on every keystroke); these scanners look at each character a bounded number of times.
// server/test/reliability/linear-time.test.ts times them on lines of 10 KB to 1 MB.

/** Characters a regex `.` does not match: a line holding one is neither a heading nor a field. */
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isWordChar = (c: string | undefined) => c !== undefined && /\w/.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** End of `s` with trailing spaces and tabs left off (from `start`). */
function endWithoutBlanks(s: string, start: number): number {
  let end = s.length;
  while (end > start && isBlank(s[end - 1])) end--;
  return end;
}

export interface HeadingSyntax {
  /** 1–6: the number of `#`. */
  level: number;
  /** The title, without the blanks around it (may be empty). */
  title: string;
  /** Column of the title (the line's length when the title is empty). */
  titleStart: number;
}

/** `#`…`######`, at least one space or tab, then the title: a Markdown ATX heading. */
export function headingOf(line: string): HeadingSyntax | null {
  let level = 0;
  while (line[level] === '#') level++;
  if (level < 1 || level > 6 || !isBlank(line[level])) return null;
  if (LINE_TERMINATOR.test(line)) return null;
  let start = level;
  while (isBlank(line[start])) start++;
  const end = endWithoutBlanks(line, start);
  return { level, title: line.slice(start, end), titleStart: start === end ? line.length : start };
}

export interface HeaderFieldSyntax {
  /** The leading spaces and tabs. */
  indent: string;
  key: string;
  /** The value, without the blanks around it (may be empty). */
  value: string;
  /** Column of the value (the line's length when the value is empty). */
  valueStart: number;
}

/** `key: value` with a key of letters, digits, `_` and `-` that starts with a letter or `_`. */
export function headerFieldOf(line: string): HeaderFieldSyntax | null {
  let i = 0;
  while (isBlank(line[i])) i++;
  const keyStart = i;
  if (!/[A-Za-z_]/.test(line[i] ?? '')) return null;
  while (i < line.length && /[\w-]/.test(line[i])) i++;
  const keyEnd = i;
  while (isBlank(line[i])) i++;
  if (line[i] !== ':') return null;
  if (LINE_TERMINATOR.test(line)) return null;
  i++;
  while (isBlank(line[i])) i++;
  const end = endWithoutBlanks(line, i);
  return { indent: line.slice(0, keyStart), key: line.slice(keyStart, keyEnd), value: line.slice(i, end), valueStart: i === end ? line.length : i };
}

export interface SuppressionSyntax {
  /** Column of `<!--` and just past `-->`. */
  start: number;
  end: number;
  /** The rule id and its column; null when the comment does not start with one (a malformed suppression). */
  ruleId: { text: string; start: number } | null;
  /** The reason after `:`, trimmed, and its column; null when there is none or it is empty. */
  reason: { text: string; start: number } | null;
}

const IGNORE = 'chartcoder-ignore';

/**
 * The `<!-- chartcoder-ignore rule.id: reason -->` comments on a line, and whether one is left
 * unclosed (an opening with no `-->` after it on the line, and no closed one on the line at all).
 */
export function suppressionsOf(line: string): { suppressions: SuppressionSyntax[]; unclosed: boolean } {
  const suppressions: SuppressionSyntax[] = [];
  let opened = false;
  for (let from = 0; ;) {
    const open = line.indexOf('<!--', from);
    if (open < 0) break;
    let p = open + 4;
    while (isSpace(line[p])) p++;
    if (!line.startsWith(IGNORE, p) || isWordChar(line[p + IGNORE.length])) {
      from = open + 1;
      continue;
    }
    opened = true;
    const innerStart = p + IGNORE.length;
    const close = line.indexOf('-->', innerStart);
    // No `-->` after this opening: none after a later one either.
    if (close < 0) break;
    suppressions.push({ start: open, end: close + 3, ...suppressionBody(line, innerStart, close) });
    from = close + 3;
  }
  return { suppressions, unclosed: opened && suppressions.length === 0 };
}

/** The rule id and reason between `chartcoder-ignore` and `-->`: `rule.id`, then optionally `: reason`. */
function suppressionBody(line: string, start: number, end: number): Pick<SuppressionSyntax, 'ruleId' | 'reason'> {
  const malformed = { ruleId: null, reason: null };
  if (LINE_TERMINATOR.test(line.slice(start, end))) return malformed;
  let i = start;
  while (i < end && isSpace(line[i])) i++;
  const idStart = i;
  if (!/[A-Za-z]/.test(line[i] ?? '') || i >= end) return malformed;
  while (i < end && /[\w.*-]/.test(line[i])) i++;
  const ruleId = { text: line.slice(idStart, i), start: idStart };
  while (i < end && isSpace(line[i])) i++;
  if (i === end) return { ruleId, reason: null };
  if (line[i] !== ':') return malformed;
  i++;
  while (i < end && isSpace(line[i])) i++;
  let reasonEnd = end;
  while (reasonEnd > i && isSpace(line[reasonEnd - 1])) reasonEnd--;
  return { ruleId, reason: reasonEnd > i ? { text: line.slice(i, reasonEnd), start: i } : null };
}
