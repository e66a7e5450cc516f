// `check(fixture, expect)` for the core feature tests, in the style of rust-analyzer's tests: a
// chart with its cursor (`$0`) marked, and the feature's whole answer rendered as text, expected
// inline. They run on the fixture tables (../fixtures): no built tables, no ../shared.
import assert from 'node:assert/strict';
import { parseChart } from '../../src/chart/parse';
import { computeFindings } from '../../src/service/features/diagnostics';
import type { Settings } from '../../src/service/context';
import { fixtureService, fixtureTables, fixtureGrouper } from '../fixtures';
import { fmtRange, marked } from '../helpers/markers';
import { DEFAULT_SETTINGS } from '../../src/service/context';
import { chartInput } from '../../src/service/languageService';

/** A template literal's text without the indentation it shares and its first and last (blank) lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/**
 * Compares a rendered answer with the expected text. With PRINT_ACTUAL=1 it prints the answer
 * instead of failing, for writing a new case (read it, check it, paste it: never paste unread).
 */
function expectText(actual: string, expect: string): void {
  if (process.env.PRINT_ACTUAL && actual !== dedent(expect)) {
    process.stderr.write(`\n----- actual -----\n${actual.replace(/^/gm, '|')}\n------------------\n`);
    return;
  }
  assert.equal(actual, dedent(expect));
}

/** The chart of a fixture (dedented) with its cursor; the cursor marker is required where a feature needs it. */
function chart(fixture: string): { text: string; cursor: { line: number; character: number } | null } {
  const m = marked(dedent(fixture) + '\n');
  return { text: m.text, cursor: m.cursor };
}

function cursorOf(fixture: string) {
  const c = chart(fixture);
  if (!c.cursor) throw new Error('the fixture has no $0 cursor');
  return { text: c.text, cursor: c.cursor };
}

/** Completion at the cursor: one line per item, `label [kind] detail`, in the order offered. */
export function checkCompletion(fixture: string, expect: string): void {
  const { text, cursor } = cursorOf(fixture);
  const items = fixtureService().completion(chartInput('fixture', text), cursor);
  expectText(items.map((i) => `${i.label} [${i.kind}] ${i.detail}`).join('\n'), expect);
}

/** The hover at the cursor, as markdown ('' for none). */
export function checkHover(fixture: string, expect: string, settings: Partial<Settings> = {}): void {
  const { text, cursor } = cursorOf(fixture);
  expectText(fixtureService(settings).hover(chartInput('fixture', text), cursor)?.markdown ?? '', expect);
}

/** The DRG code lens titles, then the inlay hints (`line:character label — tooltip`). */
export function checkDrg(fixture: string, expect: string, settings: Partial<Settings> = {}): void {
  const { text } = chart(fixture);
  const service = fixtureService(settings);
  const lenses = service.codeLenses(chartInput('fixture', text)).map((l) => `lens: ${l.title}`);
  const hints = service.inlayHints(chartInput('fixture', text)).map((h) => `hint ${h.position.line}:${h.position.character}: ${h.label} — ${h.tooltip}`);
  expectText([...lenses, ...hints].join('\n'), expect);
}

/** Findings of the rules whose id starts with `rules` (a family like "code." or an id), in document order, one a line: `range severity rule: message`. */
export function checkFindings(rules: string, fixture: string, expect: string): void {
  const { text } = chart(fixture);
  const ctx = { tables: fixtureTables(), grouper: fixtureGrouper(), settings: { ...DEFAULT_SETTINGS } };
  const findings = computeFindings(parseChart(text), ctx)
    .filter((f) => f.rule.startsWith(rules))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule))
    .map((f) => `${fmtRange(f.range)} ${f.severity} ${f.rule}${f.suppressed ? ' (suppressed)' : ''}: ${f.message}`);
  expectText(findings.join('\n'), expect);
}
