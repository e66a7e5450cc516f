// The chart's prose as CDI reads it: every line outside the header and fenced blocks, with the
// annotation markup removed (`[Cr 2.4]{ind=N17.9}` reads "Cr 2.4") and a map back to the original
// columns, and for each line the context clinicians rely on: who wrote the section (its `author`,
// or the kind of note its title names), and the date the section speaks of (a date in its heading,
// "Hospital Day 3", "POD 1", or the admission date for an H&P or ED note).
import type { ChartDocument, Range, Section } from '../chart/model';
import { indexLines, lineText } from '../chart/text';
import type { ParagraphFacts } from './paragraphCache';

/** Who documented a section: providers (MD, DO, NP, PA per the chart format), or other clinicians. */
export type Role = 'provider' | 'nursing' | 'dietitian' | 'wound' | 'therapy' | 'report' | 'lab';

export interface SectionContext {
  title: string;
  /** The author as written on the heading (or inherited from an enclosing heading), upper case. */
  author: string | null;
  role: Role;
  /** The date the section speaks of (YYYY-MM-DD), or null when it is a narrative of the stay. */
  date: string | null;
  /** How the date was found, for the evidence text. */
  dateFrom: 'heading' | 'hospital-day' | 'pod' | 'admission-note' | 'parent' | null;
  kind: 'admission' | 'progress' | 'discharge' | 'operative' | 'report' | 'other';
  section: Section;
}

/**
 * A paragraph of prose (consecutive non-blank lines of one section; a list item starts a new one),
 * or a heading. Clinicians wrap sentences across lines, so sentences are read per paragraph.
 */
export interface ProseLine {
  /** The first line of the paragraph. */
  line: number;
  lastLine: number;
  /** The paragraph's text without annotation markup and HTML comments, its lines joined by a space. */
  text: string;
  /**
   * Where the text comes from: runs of characters copied unchanged, as triples (text offset, line,
   * column) sorted by text offset; the offset of a character is mapped by the last run at or before it.
   */
  runs: Int32Array;
  context: SectionContext | null;
  heading: boolean;
  /** The paragraph's cached facts (cdi/paragraphCache.ts; set on first use). */
  facts?: ParagraphFacts;
}

export interface Stay {
  admitted: string | null;
  discharged: string | null;
  /** The date of the first operating-room procedure (for "POD n", "postop"), or null. */
  surgery: string | null;
}

const PROVIDERS = new Set(['MD', 'DO', 'NP', 'PA', 'PHYSICIAN', 'HOSPITALIST', 'ATTENDING', 'RESIDENT', 'APP', 'CRNP', 'PA-C']);
const FENCE = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/;

/** The role of a written author (spec: MD, DO, NP, PA are providers). */
export function roleOfAuthor(author: string): Role {
  const a = author.trim().toUpperCase();
  if (PROVIDERS.has(a)) return 'provider';
  if (/^(RD|RDN|LD|DIETITIAN|NUTRITION)/.test(a)) return 'dietitian';
  if (/^(WOC|WOCN|CWOCN|CWON|CWS|WCC|WOUND)/.test(a)) return 'wound';
  if (/^(RN|LPN|LVN|CNA|NURS)/.test(a)) return 'nursing';
  if (/^(PT|OT|SLP|RT|RRT|CRT)$/.test(a)) return 'therapy';
  return 'nursing';
}

/** The role a heading's title implies when it carries no author (a "Nursing Assessment" is nursing documentation). */
function roleOfTitle(title: string): Role | null {
  if (/\b(dietitian|dietician|nutrition(?:al)?|RD)\b/i.test(title)) return 'dietitian';
  if (/\b(wound care|wound nurse|WOC|WOCN|ostomy)\b/i.test(title)) return 'wound';
  if (/\b(nursing|nurse|RN|flowsheet|skin assessment)\b/i.test(title)) return 'nursing';
  if (/\b(physical therapy|occupational therapy|speech|respiratory therapy)\b/i.test(title)) return 'therapy';
  if (/\b(echo(?:cardiogram)?|radiology|imaging|ct|mri|x-?ray|ultrasound|pathology|lab(?:oratory)?) (?:report|results?)\b|^echo(?:cardiogram)?\b/i.test(title))
    return 'report';
  return null;
}

// ── dates ────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
export function dayNumber(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}
export function isoOfDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
export function addDays(iso: string, days: number): string {
  return isoOfDay(dayNumber(iso) + days);
}
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const NAMED_DATE = new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`, 'i');

/** A written m/d or m/d/yyyy (US order) or ISO date as ISO, the year taken from the stay when missing. */
export function writtenDate(text: string, stay: Stay): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = /(?<![\d/.])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/.exec(text);
  if (us) return withYear(Number(us[1]), Number(us[2]), us[3], stay);
  const named = NAMED_DATE.exec(text);
  if (named) return withYear(MONTHS.indexOf(named[1].slice(0, 3).toLowerCase()) + 1, Number(named[2]), named[3], stay);
  return null;
}

function valid(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}

function withYear(m: number, d: number, y: string | undefined, stay: Stay): string | null {
  if (y) return valid(y.length === 2 ? 2000 + Number(y) : Number(y), m, d);
  const ref = stay.admitted ?? stay.discharged;
  if (!ref) return null;
  const year = Number(ref.slice(0, 4));
  // The candidate year closest to the stay (a January note of a December admission is next year).
  const options = [year - 1, year, year + 1].map((yy) => valid(yy, m, d)).filter((x): x is string => !!x);
  options.sort((a, b) => Math.abs(daysBetween(ref, a)) - Math.abs(daysBetween(ref, b)));
  return options[0] ?? null;
}

/** "Hospital Day 3" / "HD 3" / "Day 3" → the admission date + 2. */
export function hospitalDay(text: string, stay: Stay): string | null {
  const m = /\b(?:hospital day|HD|day)\s*#?\s*(\d{1,2})\b/i.exec(text);
  return m && stay.admitted ? addDays(stay.admitted, Number(m[1]) - 1) : null;
}

/** "POD 1" / "postoperative day 1" → the surgery date + 1. */
export function postopDay(text: string, stay: Stay): string | null {
  const m = /\b(?:POD|post-?op(?:erative)? day)\s*#?\s*(\d{1,2})\b/i.exec(text);
  return m && stay.surgery ? addDays(stay.surgery, Number(m[1])) : null;
}

// ── the prose view ───────────────────────────────────────────────────────────

/** Lines inside fenced blocks (any info string), the header, and nothing else, are not prose. */
function nonProseLines(chart: ChartDocument, lines: string[]): Uint8Array {
  const skip = new Uint8Array(lines.length);
  if (chart.header) for (let i = chart.header.range.start.line; i <= Math.min(chart.header.range.end.line, lines.length - 1); i++) skip[i] = 1;
  let open: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    if (skip[i] && !open) continue;
    const m = FENCE.exec(lines[i]);
    if (open) {
      skip[i] = 1;
      if (m && m[2][0] === open[0] && m[2].length >= open.length && m[3].trim() === '') open = null;
    } else if (m) {
      skip[i] = 1;
      open = m[2];
    }
  }
  return skip;
}

export function sectionContexts(chart: ChartDocument, stay: Stay): Map<Section, SectionContext> {
  const out = new Map<Section, SectionContext>();
  const stack: SectionContext[] = [];
  for (const s of chart.sections) {
    while (stack.length && stack[stack.length - 1].section.level >= s.level) stack.pop();
    const parent = stack[stack.length - 1] ?? null;
    const title = s.title.value;
    const author = s.author?.value ? s.author.value.toUpperCase() : (parent?.author ?? null);
    const role: Role = s.author?.value ? roleOfAuthor(s.author.value) : (roleOfTitle(title) ?? parent?.role ?? 'provider');
    const kind: SectionContext['kind'] = /\b(operative|op note|operation|procedure note|surgery note|brief op)\b/i.test(title)
      ? 'operative'
      : /\bdischarge\b/i.test(title)
        ? 'discharge'
        : /\b(h\s*&\s*p|history (?:and|&) physical|emergency|ED\b|triage|admission|admit|HPI|history of present illness|presenting)/i.test(title)
          ? 'admission'
          : /\b(progress|daily|ICU|rapid response|follow-?up|consult|note)\b/i.test(title)
            ? 'progress'
            : role === 'report'
              ? 'report'
              : 'other';
    let date: string | null = null;
    let dateFrom: SectionContext['dateFrom'] = null;
    const written = writtenDate(title, stay);
    if (written) [date, dateFrom] = [written, 'heading'];
    else if (postopDay(title, stay)) [date, dateFrom] = [postopDay(title, stay), 'pod'];
    else if (hospitalDay(title, stay)) [date, dateFrom] = [hospitalDay(title, stay), 'hospital-day'];
    else if (kind === 'admission' && !/\bdischarge\b/i.test(title) && stay.admitted) [date, dateFrom] = [stay.admitted, 'admission-note'];
    else if (/\bfirst 24 hours\b/i.test(title) && stay.admitted) [date, dateFrom] = [stay.admitted, 'admission-note'];
    else if (parent?.date && kind !== 'discharge') [date, dateFrom] = [parent.date, 'parent'];
    const ctx: SectionContext = { title, author, role, date, dateFrom, kind, section: s };
    out.set(s, ctx);
    stack.push(ctx);
  }
  return out;
}

/** The first date of an operating-room procedure: an operative note's date, else the earliest O.R. procedure date. */
export function surgeryDate(chart: ChartDocument, admitted: string | null, isOperatingRoom?: (pcs: string) => boolean): string | null {
  const dates: string[] = [];
  const stay: Stay = { admitted, discharged: chart.header?.discharged ?? null, surgery: null };
  for (const s of chart.sections) {
    if (!/\b(operative|op note|operation|surgery)\b/i.test(s.title.value)) continue;
    const d = writtenDate(s.title.value, stay);
    if (d) dates.push(d);
  }
  const procDates: string[] = [];
  for (const a of chart.annotations)
    for (const c of a.codes) if (c.key === 'pcs' && a.date?.value && (!isOperatingRoom || isOperatingRoom(c.code))) procDates.push(a.date.value);
  for (const l of chart.abstract?.lines ?? [])
    if (l.kind.value === 'PROC' && l.code && l.date?.value && (!isOperatingRoom || isOperatingRoom(l.code.value))) procDates.push(l.date.value);
  const all = [...dates, ...procDates].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  return all[0] ?? null;
}

/** Every prose paragraph (and heading) with its cleaned text and context. */
export function proseLines(chart: ChartDocument, contexts: Map<Section, SectionContext>): ProseLine[] {
  const index = indexLines(chart.text);
  const raw: string[] = [];
  for (let i = 0; i < index.starts.length; i++) raw.push(lineText(chart.text, index, i));
  const skip = nonProseLines(chart, raw);
  const annsByLine = new Map<number, ChartDocument['annotations']>();
  for (const a of chart.annotations) {
    const l = a.range.start.line;
    if (a.range.end.line !== l) continue;
    (annsByLine.get(l) ?? annsByLine.set(l, []).get(l)!).push(a);
  }
  const headingLines = new Map<number, Section>();
  for (const s of chart.sections) headingLines.set(s.headingRange.start.line, s);
  // The innermost section of each line (sections are nested by level and listed in order).
  const sectionOf: (Section | null)[] = new Array(raw.length).fill(null);
  for (const s of chart.sections) for (let i = s.range.start.line; i <= Math.min(s.range.end.line, raw.length - 1); i++) sectionOf[i] = s;
  const out: ProseLine[] = [];
  let open: { p: ProseLine; parts: string[]; runs: number[]; length: number } | null = null;
  const close = () => {
    if (open) {
      open.p.text = open.parts.join('');
      // A last run for the position just after the text.
      open.runs.push(open.length, open.p.lastLine, raw[open.p.lastLine].length);
      open.p.runs = Int32Array.from(open.runs);
    }
    open = null;
  };
  for (let i = 0; i < raw.length; i++) {
    const content = raw[i];
    if (skip[i] || !content.trim() || /^\s*<!--.*-->\s*$/.test(content)) {
      close();
      continue;
    }
    const heading = headingLines.get(i);
    if (heading) {
      close();
      const start = heading.title.range.start.character;
      out.push({
        line: i,
        lastLine: i,
        text: heading.title.value,
        runs: Int32Array.from([0, i, start, heading.title.value.length, i, start + heading.title.value.length]),
        context: contexts.get(heading) ?? null,
        heading: true,
      });
      continue;
    }
    // The kept stretches of the line: everything but annotation brackets/attributes and HTML comments.
    const cuts: [number, number][] = [];
    for (const a of annsByLine.get(i) ?? []) {
      cuts.push([a.range.start.character, a.range.start.character + 1]); // '['
      const to = Math.min(a.attributesRange.end.line === i ? a.attributesRange.end.character : content.length, content.length);
      cuts.push([a.span.range.end.character, to]); // ']{…}'
    }
    if (content.includes('<!--')) for (const m of content.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) cuts.push([m.index!, m.index! + m[0].length]);
    cuts.sort((x, y) => x[0] - y[0]);
    const s = sectionOf[i];
    const ctx = s ? (contexts.get(s) ?? null) : null;
    const listItem = /^\s*(?:\d+[.)]|[-*•]|[a-z][.)])\s/.test(content);
    if (!open || listItem || open.p.context !== ctx) {
      close();
      open = { p: { line: i, lastLine: i, text: '', runs: new Int32Array(0), context: ctx, heading: false }, parts: [], runs: [], length: 0 };
      out.push(open.p);
    } else {
      // The joining space maps to the end of the previous line.
      open.runs.push(open.length, open.p.lastLine, raw[open.p.lastLine].length);
      open.parts.push(' ');
      open.length += 1;
    }
    let at = 0;
    for (const [from, to] of [...cuts, [content.length, content.length] as [number, number]]) {
      if (from > at) {
        open.runs.push(open.length, i, at);
        open.parts.push(content.slice(at, from));
        open.length += from - at;
      }
      at = Math.max(at, to);
    }
    open.p.lastLine = i;
  }
  close();
  return out;
}

/** The document position of text offset `offset` of a paragraph. */
export function positionOf(p: ProseLine, offset: number): { line: number; character: number } {
  const r = p.runs;
  let lo = 0;
  let hi = r.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (r[mid * 3] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: r[lo * 3 + 1], character: r[lo * 3 + 2] + (offset - r[lo * 3]) };
}

/** The document range of text[from, to) of a paragraph. */
export function rangeOf(p: ProseLine, from: number, to: number): Range {
  const start = positionOf(p, Math.max(0, Math.min(from, p.text.length)));
  if (to <= from) return { start, end: { ...start } };
  const last = positionOf(p, Math.min(to, p.text.length) - 1);
  return { start, end: { line: last.line, character: last.character + 1 } };
}
