// One model of a chart's measurements, shared by every CDI rule: the ```results block entries and
// the values written in prose, in canonical units, each with its line, its date (and time when the
// extract gives one), who documented it, and what kind of value it is (the patient's, a baseline or
// prior value, a reference range, a target). Built once per parsed chart (the parse is cached per
// document version, so a keystroke builds it once for all rules).
import type { ChartDocument, Range, ResultEntry } from '../chart/model';
import { extractLine, whenOf, type Extracted, type ValueContext, type ValueKind } from './extract';
import { paragraphFacts } from './paragraphCache';
import { proseLines, rangeOf, sectionContexts, surgeryDate, daysBetween, type ProseLine, type Role, type Stay } from './prose';
import { RangeBest, lowerBound } from './rangeBest';
import { MEASURE_BY_NAME, canonicalMeasure, isPlausible, toCanonical, type MeasureName } from './vocabulary';

export interface Measurement {
  name: MeasureName;
  /** Value in the canonical unit of the measurement (vocabulary.ts). */
  value: number;
  unit: string;
  /** As written: "Cr 2.4", "creatinine  2.6  mg/dL". */
  written: string;
  range: Range;
  line: number;
  source: 'results' | 'prose';
  kind: ValueKind;
  date: string | null;
  time: string | null;
  /** Hours since the admission date began (date-only values at noon), or null when undated. */
  hours: number | null;
  /** Document order (ties and undated values). */
  seq: number;
  author: string | null;
  role: Role;
  context: ValueContext;
  /** Values of one written trend share it ("Hgb fell from 11.8 to 8.6"); `order` says before/after the previous one. */
  scope: string;
  order: -1 | 0 | 1;
  /** A prose value that restates a results-block value (same measurement, value and date): counted once. */
  duplicateOf?: Measurement;
}

export interface ChartMeasurements {
  stay: Stay;
  all: Measurement[];
  /** The patient's values of a measurement during the stay, in time order (undated ones by document order). */
  of(name: MeasureName): Measurement[];
  /** Documented baseline values (and prior values before the stay). */
  baselineOf(name: MeasureName): Measurement[];
  /** Explicitly ordered pairs from prose ("from X to Y", "X, now Y"). */
  trends(name: MeasureName): { earlier: Measurement; later: Measurement }[];
  prose: ProseLine[];
  /** The prose line of a document line (absent for non-prose lines). */
  proseAt(line: number): ProseLine | undefined;
}

const cache = new WeakMap<ChartDocument, ChartMeasurements>();

export interface ModelOptions {
  /** Whether a PCS code is an operating-room procedure (for "POD n" and "postop"); every dated procedure counts when absent. */
  isOperatingRoom?: (pcs: string) => boolean;
}

/** The measurement model of a chart (built once per parsed chart). */
export function chartMeasurements(chart: ChartDocument, options: ModelOptions = {}): ChartMeasurements {
  const hit = cache.get(chart);
  if (hit) return hit;
  const admitted = chart.header?.admitted ?? null;
  const stay: Stay = { admitted, discharged: chart.header?.discharged ?? null, surgery: null };
  stay.surgery = surgeryDate(chart, admitted, options.isOperatingRoom);
  const contexts = sectionContexts(chart, stay);
  const prose = proseLines(chart, contexts);
  const all: Measurement[] = [];
  let seq = 0;
  for (const block of chart.results) for (const m of resultsOf(chart, block, stay)) all.push({ ...m, context: { ...m.context }, seq: seq++ });
  let scopeBase = 0;
  for (const p of prose) {
    if (p.heading) continue;
    const ctx = p.context;
    for (const x of extractCached(p, { stay, sectionDate: ctx?.date ?? null })) all.push(fromProse(x, p, stay, seq++, scopeBase));
    scopeBase += 1000;
  }
  homeOxygen(all, prose);
  restated(all);
  const byLine = new Map<number, ProseLine>();
  for (const p of prose) for (let l = p.line; l <= p.lastLine; l++) byLine.set(l, p);
  const sorted = [...all].sort(byTime);
  const patient = new Map<MeasureName, Measurement[]>();
  const baseline = new Map<MeasureName, Measurement[]>();
  for (const m of sorted) {
    if (m.duplicateOf) continue;
    const map = m.kind === 'patient' ? patient : m.kind === 'baseline' || m.kind === 'prior' ? baseline : null;
    if (map) (map.get(m.name) ?? map.set(m.name, []).get(m.name)!).push(m);
  }
  const model: ChartMeasurements = {
    stay,
    all,
    of: (name) => patient.get(name) ?? [],
    baselineOf: (name) => baseline.get(name) ?? [],
    trends: (name) => trendsOf(all.filter((m) => m.name === name && m.source === 'prose')),
    prose,
    proseAt: (line) => byLine.get(line),
  };
  cache.set(chart, model);
  return model;
}

/** Extraction per paragraph, cached with the paragraph's text (cdi/paragraphCache.ts). */
function extractCached(p: ProseLine, ctx: { stay: Stay; sectionDate: string | null }): Extracted[] {
  const facts = (p.facts ??= paragraphFacts(p.text));
  const key = `${ctx.sectionDate}|${ctx.stay.admitted}|${ctx.stay.discharged}|${ctx.stay.surgery}`;
  let hit = facts.extracted.get(key) as Extracted[] | undefined;
  if (!hit) facts.extracted.set(key, (hit = extractLine(p.text, ctx)));
  return hit;
}

function byTime(a: Measurement, b: Measurement): number {
  if (a.hours !== null && b.hours !== null && a.hours !== b.hours) return a.hours - b.hours;
  return a.seq - b.seq;
}

function hoursOf(stay: Stay, date: string | null, time: string | null): number | null {
  if (!date || !stay.admitted) return null;
  const days = daysBetween(stay.admitted, date);
  const t = time ? Number(time.slice(0, 2)) + Number(time.slice(3, 5)) / 60 : 12;
  return days * 24 + t;
}

/** Where each line of the chart's text starts (once per chart: a results block's text without splitting the whole chart per block). */
const LINE_STARTS = new WeakMap<ChartDocument, number[]>();
function lineStartsOf(chart: ChartDocument): number[] {
  let starts = LINE_STARTS.get(chart);
  if (starts) return starts;
  starts = [0];
  const text = chart.text;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  LINE_STARTS.set(chart, starts);
  return starts;
}

/** A results block's measurements, cached by the block's text and the stay (its line moves as the note above it is typed). */
const RESULTS_CACHE = new Map<string, { start: number; values: Omit<Measurement, 'seq'>[] }>();
function resultsOf(chart: ChartDocument, block: ChartDocument['results'][number], stay: Stay): Omit<Measurement, 'seq'>[] {
  const start = block.range.start.line;
  const starts = lineStartsOf(chart);
  const lines = chart.text
    .slice(starts[start] ?? chart.text.length, starts[block.range.end.line + 1] ?? chart.text.length)
    .split(/\r\n|\r|\n/, block.range.end.line + 1 - start);
  const key = `${stay.admitted}|${stay.discharged}|${lines.join('\n')}`;
  let hit = RESULTS_CACHE.get(key);
  if (!hit) {
    hit = { start, values: block.entries.flatMap((e) => fromResult(e, stay)) };
    RESULTS_CACHE.set(key, hit);
    if (RESULTS_CACHE.size > 200) RESULTS_CACHE.delete(RESULTS_CACHE.keys().next().value!);
  }
  const shift = start - hit.start;
  if (!shift) return hit.values;
  const move = (r: Range): Range => ({
    start: { line: r.start.line + shift, character: r.start.character },
    end: { line: r.end.line + shift, character: r.end.character },
  });
  return hit.values.map((m) => ({ ...m, range: move(m.range), line: m.line + shift, scope: `r${m.line + shift}` }));
}

function fromResult(e: ResultEntry, stay: Stay): Omit<Measurement, 'seq'>[] {
  const written = e.name.value;
  const lower = written.toLowerCase();
  const date = e.date?.value.slice(0, 10) ?? null;
  const time = e.date && e.date.value.length > 10 ? e.date.value.slice(11, 16) : null;
  const comment = e.comment?.value ?? '';
  const context: ValueContext = {};
  if (/\b(?:RA|room air)\b/i.test(comment)) context.roomAir = true;
  const flow = /(?<!\d)(\d+(?:\.\d+)?)\s*(?:L|lpm)\b/i.exec(comment);
  if (/\b(?:home|usual|baseline)\b/i.test(comment) && (flow || /\bO2|oxygen\b/i.test(comment))) context.oxygen = 'home';
  else if (flow || /\b(?:NC|O2|oxygen|BiPAP|CPAP|HFNC|high[- ]flow|NRB|vent)/i.test(comment)) context.oxygen = 'supplemental';
  if (flow) context.flow = Number(flow[1]);
  const fio2 = /(?:FiO2\s*)?(\d{2,3})\s?%/i.exec(comment);
  if (fio2 && context.oxygen === 'supplemental' && Number(fio2[1]) >= 21 && Number(fio2[1]) <= 100) context.fio2 = Number(fio2[1]) / 100;
  if (/\bvenous|VBG\b/i.test(comment + ' ' + written)) context.venous = true;
  if (e.comparator) context.comparator = e.comparator;
  let kind: ValueKind = /\bbaseline|usual\b/i.test(comment) ? 'baseline' : 'patient';
  if (date && stay.admitted && date < stay.admitted && kind === 'patient') kind = 'prior';
  const base = {
    written: `${written} ${e.value.value}${e.unit ? ' ' + e.unit.value : ''}`,
    range: e.range,
    line: e.range.start.line,
    source: 'results' as const,
    kind,
    date,
    time,
    hours: hoursOf(stay, date, time),
    author: null,
    role: 'lab' as Role,
    context,
    scope: `r${e.range.start.line}`,
    order: 0 as const,
  };
  if (/^(?:bp|blood pressure|nibp|abp)$/.test(lower)) {
    const out: Omit<Measurement, 'seq'>[] = [{ ...base, name: 'sbp', value: e.value.value, unit: 'mmHg' }];
    if (e.value2 !== undefined) {
      out.push({ ...base, name: 'dbp', value: e.value2, unit: 'mmHg' });
      out.push({
        ...base,
        name: 'map',
        value: Math.round(((e.value.value + 2 * e.value2) / 3) * 10) / 10,
        unit: 'mmHg',
        context: { ...context, derived: true },
      });
    }
    return out;
  }
  const name = canonicalMeasure(written);
  if (!name) return [];
  const def = MEASURE_BY_NAME.get(name)!;
  const conv = toCanonical(def, e.value.value, e.unit?.value) ?? toCanonical(def, e.value.value, undefined);
  if (!conv || !isPlausible(def, conv.value)) return [];
  return [{ ...base, name, value: Math.round(conv.value * 1000) / 1000, unit: def.unit }];
}

function fromProse(x: Extracted, p: ProseLine, stay: Stay, seq: number, scopeBase: number): Measurement {
  const ctx = p.context;
  const def = MEASURE_BY_NAME.get(x.name)!;
  return {
    name: x.name,
    value: x.value,
    unit: def.unit,
    written: x.written,
    range: rangeOf(p, x.nameFrom, x.to),
    line: rangeOf(p, x.from, x.to).start.line,
    source: 'prose',
    kind: x.kind,
    date: x.date,
    time: null,
    hours: x.kind === 'patient' || x.kind === 'corrected' ? hoursOf(stay, x.date, null) : null,
    seq,
    author: ctx?.author ?? null,
    role: ctx?.role ?? 'provider',
    context: { ...x.context },
    scope: `p${scopeBase + x.scope}`,
    order: x.order,
  };
}

/** The patient's home oxygen flow (documented anywhere): values on that flow are on home oxygen, not supplemental. */
function homeOxygen(all: Measurement[], prose: ProseLine[]): void {
  let home: number | null = null;
  for (const p of prose) {
    if (!/\b(?:home|usual|continuous)/i.test(p.text)) continue;
    const m =
      /\b(?:home (?:O2|oxygen)|on home oxygen|home)\s*(?:at\s+)?(\d+(?:\.\d+)?)\s*(?:L|liters?|lpm)\b|\b(\d+(?:\.\d+)?)\s*(?:L|liters?|lpm)\s*(?:NC\s+)?(?:home (?:O2|oxygen)|at home|continuous(?:ly)?|at baseline)|\bon home oxygen\s+(\d+(?:\.\d+)?)\s*L|\busual\s+(\d+(?:\.\d+)?)\s*L\b/i.exec(
        p.text,
      );
    if (m) {
      home = Number(m[1] ?? m[2] ?? m[3] ?? m[4]);
      break;
    }
  }
  if (home === null) return;
  for (const m of all) if (m.context.oxygen === 'supplemental' && m.context.flow !== undefined && m.context.flow <= home) m.context.oxygen = 'home';
}

/**
 * Values sorted by value: the first one in document order within a restatement's tolerance of v
 * (|x − v| ≤ max(0.5 % of x, 0.01), i.e. x in [min(v − 0.01, v / 1.005), max(v + 0.01, v / 0.995)]),
 * in O(log n) (a range minimum of the document position) instead of a scan of every value.
 */
class NearestFirst {
  private readonly sorted: { m: Measurement; k: number }[];
  private readonly firstOf: RangeBest<{ m: Measurement; k: number }>;
  constructor(list: Measurement[]) {
    this.sorted = list.map((m, k) => ({ m, k })).sort((a, b) => a.m.value - b.m.value || a.k - b.k);
    this.firstOf = new RangeBest(this.sorted, (x, y) => x.k < y.k);
  }
  first(v: number): Measurement | undefined {
    const lo = Math.min(v - 0.01, v / 1.005);
    const hi = Math.max(v + 0.01, v / 0.995);
    const from = lowerBound(this.sorted.length, (k) => this.sorted[k].m.value >= lo);
    const to = lowerBound(this.sorted.length, (k) => this.sorted[k].m.value > hi);
    return this.firstOf.best(from, to)?.m;
  }
}

/** Prose values that restate a results-block value; the results value takes the prose's context (room air …). */
function restated(all: Measurement[]): void {
  // By name, and by name and date: the results values sorted by value, for the first (in document order) near a prose value.
  const lists = new Map<string, Measurement[]>();
  for (const m of all) {
    if (m.source !== 'results' || m.kind !== 'patient') continue;
    for (const key of [m.name, `${m.name}|${m.date}`]) (lists.get(key) ?? lists.set(key, []).get(key)!).push(m);
  }
  if (!lists.size) return;
  const indexes = new Map<string, NearestFirst>();
  const indexOf = (key: string) => {
    const list = lists.get(key);
    if (!list) return undefined;
    let index = indexes.get(key);
    if (!index) indexes.set(key, (index = new NearestFirst(list)));
    return index;
  };
  for (const m of all) {
    if (m.source !== 'prose' || m.kind !== 'patient') continue;
    const r = indexOf(m.date ? `${m.name}|${m.date}` : m.name)?.first(m.value);
    if (!r) continue;
    m.duplicateOf = r;
    for (const k of ['roomAir', 'oxygen', 'flow', 'atBaseline', 'venous'] as const)
      if (m.context[k] !== undefined && r.context[k] === undefined) (r.context as Record<string, unknown>)[k] = m.context[k];
  }
}

function trendsOf(values: Measurement[]): { earlier: Measurement; later: Measurement }[] {
  const out: { earlier: Measurement; later: Measurement }[] = [];
  const byScope = new Map<string, Measurement[]>();
  for (const v of values) (byScope.get(v.scope) ?? byScope.set(v.scope, []).get(v.scope)!).push(v);
  for (const list of byScope.values()) {
    list.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const cur = list[i];
      if (prev.kind !== 'patient' || cur.kind !== 'patient') continue;
      if (cur.order === 1) out.push({ earlier: prev, later: cur });
      else if (cur.order === -1) out.push({ earlier: cur, later: prev });
    }
  }
  return out;
}

/** "on 2026-03-04", "on admission" … for evidence text. */
export function describeWhen(m: Measurement): string {
  if (m.date && m.time) return `${m.date} ${m.time}`;
  if (m.date) return m.date;
  if (m.kind === 'baseline') return 'baseline';
  if (m.kind === 'prior') return 'before admission';
  return 'date not documented';
}

/** Format a canonical value with its unit ("2.4 mg/dL", "87%", "38.9 °C"). */
export function formatValue(m: Pick<Measurement, 'name' | 'value'>): string {
  const def = MEASURE_BY_NAME.get(m.name)!;
  const v = m.name === 'fio2' ? `${Math.round(m.value * 100)}%` : String(Math.round(m.value * 100) / 100);
  if (m.name === 'fio2') return v;
  if (!def.unit) return v;
  if (def.unit === '%') return `${v}%`;
  if (def.unit === '/min') return `${v}/min`;
  return `${v} ${def.unit}`;
}

export { whenOf };
