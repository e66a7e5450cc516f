// A code's history in words: when it was valid, and what replaced it or what it replaced (the CDC
// conversion tables), as code.not-on-date, code.unknown, lookups and hovers say it:
//   "T78.1XXA was valid until 2025-09-30; it was expanded to T78.11-, T78.12-, T78.19- on 2025-10-01"
//   "D57.04 is valid from 2024-10-01 (FY2025); before that it was coded as D57.00"
import type { CodeChange, CodeHistory } from './types';
import { displayCode } from '../base/codes';

/** The change that took over from the code after its last valid day (or, never valid here, its newest change). */
export function replacementAfter(h: CodeHistory, date?: string): CodeChange | null {
  const last = h.ranges[h.ranges.length - 1];
  const after = last?.end ?? null;
  if (last && after === null) return null;
  const changes = h.replacedBy.filter((c) => (after === null || c.effective > after) && (!date || c.effective <= date));
  return changes.sort((a, b) => a.effective.localeCompare(b.effective))[0] ?? null;
}

/** Codes as a coder reads them: up to three in full, more as their 5-character stems ("T78.11-"). */
export function condensedCodes(codes: string[], system: CodeHistory['system']): string[] {
  if (codes.length <= 3) return codes.map((c) => displayCode(c, system));
  const stems = [...new Set(codes.map((c) => c.slice(0, Math.min(5, c.length))))];
  // A stem that is itself the whole code (Z59.10) is shown as the code.
  return stems.map((s) => (codes.includes(s) && codes.filter((c) => c.startsWith(s)).length === 1 ? displayCode(s, system) : `${displayCode(s, system)}-`));
}

const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** What the history says about the code on `date` (a discharge date it is not valid on), one or two sentences; null when it knows nothing useful. */
export function historyText(h: CodeHistory, date: string): string | null {
  const shown = displayCode(h.code, h.system);
  const ranges = h.ranges;
  const first = ranges[0];
  const last = ranges[ranges.length - 1];
  const parts: string[] = [];
  if (!first) {
    const change = replacementAfter(h);
    if (!change) return null;
    return `${shown} was deleted before ${h.oldest} (the oldest installed release); ${changeText(change, h)}.`;
  }
  if (date < first.start) {
    const since = first.start === h.oldest ? `${first.start} or earlier` : first.start;
    parts.push(`${shown} is valid from ${since} (${first.releases[0]})`);
    const before = h.replaces.filter((c) => c.effective === first.start)[0];
    if (before?.codes.length) parts.push(`before that it was coded as ${list(condensedCodes(before.codes, h.system))}`);
    return `${parts.join('; ')}.`;
  }
  if (last.end !== null && date > last.end) {
    parts.push(`${shown} was valid until ${last.end}`);
    const change = replacementAfter(h);
    if (change) parts.push(changeText(change, h));
    return `${parts.join('; ')}.`;
  }
  // Between two spans (deleted, then reinstated).
  const before = [...ranges].reverse().find((r) => r.end !== null && r.end < date);
  const after = ranges.find((r) => r.start > date);
  if (before && after) return `${shown} was valid until ${before.end} and again from ${after.start}.`;
  return null;
}

function changeText(change: CodeChange, h: CodeHistory): string {
  const codes = condensedCodes(change.codes, h.system);
  return `${change.codes.length > 1 ? 'it was expanded to' : 'it was replaced by'} ${codes.join(', ')} on ${change.effective}`;
}

/** The codes of a history's replacement that fit a deleted code: the same 7th character when it had one. */
export function replacementCandidates(h: CodeHistory, change: CodeChange): string[] {
  const seventh = h.code.length === 7 ? h.code[6] : null;
  const same = seventh ? change.codes.filter((c) => c.length === 7 && c[6] === seventh) : change.codes;
  return same.length ? same : change.codes;
}

/** The history of a code valid on the date, for a hover or a lookup: since when (when it is new within the installed releases) and until when (when a later release drops it). */
export function validHistoryText(h: CodeHistory, date: string): string | null {
  const span = h.ranges.find((r) => r.start <= date && (r.end === null || r.end >= date));
  if (!span) return null;
  const parts: string[] = [];
  if (span.start > h.oldest) {
    const created = h.replaces.find((c) => c.effective === span.start);
    parts.push(
      `${span.billable ? 'valid' : 'a header'} from ${span.start}${created ? `, replacing ${condensedCodes(created.codes, h.system).join(', ')}` : ''}`,
    );
  }
  if (!span.releases.includes(h.newest)) {
    const change = h.replacedBy.filter((c) => span.end !== null && c.effective > span.end).sort((a, b) => a.effective.localeCompare(b.effective))[0];
    const next = h.ranges.find((r) => r.start > span.start);
    parts.push(
      `${span.billable ? 'valid' : 'a header'} until ${span.end}${next ? ` (${next.billable ? 'billable' : 'a header'} from ${next.start})` : ''}${change ? `; then ${changeText(change, h).replace(/^it was /, '')}` : ''}`,
    );
  }
  return parts.length ? `${displayCode(h.code, h.system)}: ${parts.join('; ')}.` : null;
}
