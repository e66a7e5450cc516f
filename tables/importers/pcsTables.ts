// ICD-10-PCS tables from the CMS order file: the 3-character tables (header rows, e.g. "027 Heart
// and Great Vessels, Dilation") and the meaning of characters 4–7 of each table (body part,
// approach, device, qualifier, or the section's own axes), derived from the long titles of the
// table's valid codes — and checked by re-generating every title from those parts.
//
// How the meanings are derived (no PCS tables XML is in the sources, only the titles):
// 1. Codes of a table that differ in one character only have titles that differ only where that
//    character is named: the tokens between the group's common prefix and suffix are the value's
//    rendering there ("with Zooplastic Tissue", ", Diagnostic", "" for No Device). The longest
//    rendering seen for a value (least stripped by words its group happened to share) is kept.
// 2. Each code's title with its renderings cut out is a template ("Replacement of {4} {6}, {5}
//    Approach"). The templates seen are tried in turn: one must match every titled code of the
//    table (a backtracking match, each slot taking any run of words) with ONE rendering per
//    value across the table. That is the check: every title = the template filled with the parts
//    of its characters. A table where no template does is reported, with the titles that break it.
// 3. A character with a single value in the whole table never varies, so step 1 cannot see it:
//    its meaning is borrowed from the same character and value in the sibling tables (same
//    section and body system; approach: same section) when that rendering stands in the template
//    as it is; Z in the device and qualifier positions renders as nothing (No Device, No
//    Qualifier — the PCS convention). Otherwise the meaning is reported as not separable.
// Labels drop the connector a rendering starts with (",", "with", "to", "using" …: the lower-case
// words before the first capitalised one): "with Zooplastic Tissue" → "Zooplastic Tissue".
import { lines, PCS_CODE, SourceError, type SourceFile } from './source';

export interface PcsOrderFile {
  /** Table (3 characters) → title, e.g. "027" → "Heart and Great Vessels, Dilation". */
  tables: Map<string, string>;
  /** Valid code → titles. */
  codes: Map<string, { short: string; title: string }>;
}

/**
 * The CMS ICD-10-PCS order file (icd10pcs_order_YYYY.txt, fixed width): order number (5), code
 * (7, a table header is 3 characters padded), flag (0 = table header row, 1 = valid code), short
 * title (60), long title.
 */
export function readPcsOrderFile(src: SourceFile): PcsOrderFile {
  const tables = new Map<string, string>();
  const codes = new Map<string, { short: string; title: string }>();
  for (const [line, n] of lines(src)) {
    const code = line.slice(6, 13).trim();
    const flag = line.slice(14, 15);
    if (!/^\d{5} [0-9A-Z]{3,7} *[01] /.test(line.slice(0, 16)) || !/^[0-9A-Z]{3,7}$/.test(code))
      throw new SourceError(src.name, n, 'expected "order code flag short-title long-title" (fixed width: 5, 7, 1, 60, rest)');
    const short = line.slice(16, 76).trim();
    const long = line.slice(77).trim();
    if (flag === '0') {
      if (code.length !== 3) throw new SourceError(src.name, n, `a header row (flag 0) should name a 3-character table, not "${code}"`);
      if (tables.has(code)) throw new SourceError(src.name, n, `table ${code} appears twice`);
      tables.set(code, long);
    } else {
      if (!PCS_CODE.test(code)) throw new SourceError(src.name, n, `"${code}" is not a 7-character ICD-10-PCS code`);
      if (codes.has(code)) throw new SourceError(src.name, n, `code ${code} appears twice`);
      if (!tables.has(code.slice(0, 3)))
        throw new SourceError(src.name, n, `code ${code} comes before (or without) the header row of its table ${code.slice(0, 3)}`);
      codes.set(code, { short, title: long });
    }
  }
  return { tables, codes };
}

// ── titles as tokens ──────────────────────────────────────────────────────

/** Title words; a comma that ends a word is its own token (", " separates the parts of a title). */
export function tokenize(title: string): readonly string[] {
  let out = tokenCache.get(title);
  if (out) return out;
  if (tokenCache.size > 100_000) tokenCache.clear();
  out = tokenizeUncached(title);
  tokenCache.set(title, out);
  return out;
}

/** Renderings are tokenized over and over while templates are fitted: remembered. */
const tokenCache = new Map<string, readonly string[]>();

function tokenizeUncached(title: string): string[] {
  const out: string[] = [];
  for (const piece of title.split(/\s+/)) {
    if (!piece) continue;
    if (piece.length > 1 && piece.endsWith(',')) out.push(piece.slice(0, -1), ',');
    else out.push(piece);
  }
  return out;
}

/** The inverse of tokenize for titles in the canonical form (single spaces, ", " between parts). */
export function joinTokens(tokens: readonly string[]): string {
  let s = '';
  for (const t of tokens) s += t === ',' ? ',' : s ? ` ${t}` : t;
  return s;
}

// ── derivation ────────────────────────────────────────────────────────────

/** Character positions 4–7 are indexes 0–3 here. */
const POSITIONS = [0, 1, 2, 3] as const;
/** At most this many templates are fitted per table (a regular table needs one; the rest are reported). */
const FIT_BUDGET = 14;

export interface DerivedAxis {
  /** 4 … 7 */
  position: number;
  /** Value → label ("F" → "Aortic Valve"); null when the titles do not let it be separated. */
  values: Record<string, string | null>;
}

export interface PcsTableProblem {
  kind: 'regeneration' | 'inseparable' | 'untitled';
  message: string;
}

export interface DerivedPcsTable {
  table: string;
  title: string | null;
  /** Codes of the table in this code set, and how many have a title to derive from. */
  codes: number;
  titled: number;
  axes: DerivedAxis[];
  /** The title template with {4} … {7} slots (null when the table has no titled code). */
  template: string | null;
  /** Value renderings in the titles, per position 4–7 (what fills the template's slots). */
  renderings: Record<number, Record<string, string>>;
  /** Titles re-generated from template and renderings, and how many came out identical. */
  regenerated: number;
  matched: number;
  problems: PcsTableProblem[];
}

/** A title template: literal words and commas, and slots for characters 4–7 (indexes 0–3). */
export type TemplatePart = { slot: number } | { lit: string };

/** What sibling tables (same section and root operation or type) teach a table whose titles alone do not. */
export interface SiblingHints {
  /** Renderings of (position 4–7, value) in sibling tables, most common first. */
  renderings(position: number, value: string): string[];
  /** Templates of sibling tables, most common first. */
  templates: TemplatePart[][];
}

interface Work {
  table: string;
  codes: string[]; // 4-character suffixes (characters 4–7)
  tokens: (readonly string[] | null)[]; // null: no title in the source
  /** The titles as re-joined from their tokens (what a re-generated title must equal). */
  text: string[];
  titled: number[];
  valuesAt: string[][];
  /** Templates still to be fitted (a fit reads every title; irregular tables would try many). */
  budget: number;
}

interface Fit {
  skeleton: TemplatePart[];
  renderings: Map<string, string>[];
  matched: number;
  failures: number[];
  unknown: number;
}

/**
 * Derives the axes of one table from its codes' long titles (`titles`: 7-character code → title,
 * '' when the source has none) and checks them by re-generating every title. `siblings` (from a
 * first pass over every table) helps where the table alone cannot tell (see the file comment).
 */
export function derivePcsTable(table: string, title: string | null, titles: Map<string, string>, siblings?: SiblingHints): DerivedPcsTable {
  const sorted = [...titles].sort(([a], [b]) => (a < b ? -1 : 1));
  const codes = sorted.map(([c]) => c.slice(3));
  const tokens = sorted.map(([, t]) => (t ? tokenize(t) : null));
  const w: Work = {
    table,
    codes,
    tokens,
    text: tokens.map((t) => (t ? joinTokens(t) : '')),
    titled: tokens.flatMap((t, i) => (t ? [i] : [])),
    valuesAt: POSITIONS.map((p) => [...new Set(codes.map((c) => c[p]))].sort()),
    budget: FIT_BUDGET,
  };
  const problems: PcsTableProblem[] = [];
  if (w.titled.length === 0) {
    problems.push({ kind: 'untitled', message: `${table}: no code has a title in the source, so no meaning can be derived` });
    return {
      table,
      title,
      codes: codes.length,
      titled: 0,
      axes: POSITIONS.map((p) => ({ position: p + 4, values: Object.fromEntries(w.valuesAt[p].map((v) => [v, null])) })),
      template: null,
      renderings: { 4: {}, 5: {}, 6: {}, 7: {} },
      regenerated: 0,
      matched: 0,
      problems,
    };
  }

  // 1. Renderings where codes differ in one character only (the hints for the matcher).
  const { hints, spans } = groupRenderings(w);

  // 2. Templates: the table's own (each code's title with its renderings cut out), then, when those
  //    leave titles unexplained or characters unnamed, the sibling tables'.
  const better = (a: Fit | null, b: Fit) => !a || b.matched > a.matched || (b.matched === a.matched && b.matched > 0 && b.unknown < a.unknown);
  let best: Fit | null = null;
  // A comma where two parts meet is one comma in the title, so a group may show it on either side
  // of a value ("with Intraluminal Device," beside ", Bifurcation,"): the renderings are tried as
  // seen, then without a comma at their end at one position, at all, and at either edge.
  const varyingAt = POSITIONS.filter((p) => w.valuesAt[p].length > 1);
  for (const set of [hints, ...varyingAt.map((p) => stripCommas(hints, 'end', p)), stripCommas(hints, 'end'), stripCommas(hints, 'both')]) {
    const own = new Map<string, { skeleton: TemplatePart[]; count: number }>();
    for (const i of w.titled) {
      const sk = skeletonOf(w, i, set, spans);
      if (!sk) continue;
      const key = skeletonText(sk);
      const c = own.get(key);
      if (c) c.count++;
      else own.set(key, { skeleton: sk, count: 1 });
    }
    for (const { skeleton } of [...own.values()].sort((a, b) => b.count - a.count).slice(0, 4)) {
      if (w.budget <= 0) break;
      const f = fitWithAbsorption(skeleton, w, set);
      if (better(best, f)) best = f;
      if (f.failures.length === 0) break;
    }
    if (best && best.failures.length === 0) break;
  }
  if (siblings && (!best || best.failures.length > 0 || best.unknown > 0)) {
    w.budget = Math.max(w.budget, 6);
    for (const skeleton of siblings.templates.slice(0, 4)) {
      if (w.budget <= 0) break;
      const f = fitWithAbsorption(skeleton, w, hints);
      if (better(best, f)) best = f;
      if (f.failures.length === 0 && f.unknown === 0) break;
    }
  }
  if (!best)
    best = {
      skeleton: w.tokens[w.titled[0]]!.map((lit) => ({ lit })),
      renderings: POSITIONS.map(() => new Map()),
      matched: 0,
      failures: [...w.titled],
      unknown: 0,
    };

  // 3. Characters that never vary here: Z device/qualifier is nothing; else a sibling's rendering
  //    found in the template as it stands.
  let skeleton = best.skeleton;
  const renderings = best.renderings.map((m) => new Map(m));
  for (const p of POSITIONS) {
    if (w.valuesAt[p].length !== 1 || hasSlot(skeleton, p)) continue;
    const v = w.valuesAt[p][0];
    if (v === 'Z' && (p === 2 || p === 3)) {
      renderings[p].set(v, '');
      continue;
    }
    for (const cand of siblings?.renderings(p + 4, v) ?? []) {
      const carved = cand ? carve(skeleton, tokenize(cand), p) : null;
      if (carved) {
        skeleton = carved;
        renderings[p].set(v, cand);
        break;
      }
    }
  }

  // The check: every titled code re-generated from the template and its characters' renderings.
  let matched = 0;
  const mismatches: string[] = [];
  const confirmed = POSITIONS.map(() => new Set<string>()); // values with a code whose title is re-generated
  for (const i of w.titled) {
    const made = fill(skeleton, w.codes[i], renderings);
    const actual = w.text[i];
    if (made === actual) {
      matched++;
      POSITIONS.forEach((p) => confirmed[p].add(w.codes[i][p]));
    } else mismatches.push(`${table}${w.codes[i]} "${actual}" (re-generated: "${made}")`);
  }
  if (mismatches.length)
    problems.push({
      kind: 'regeneration',
      message: `${table}: ${mismatches.length} of ${w.titled.length} titles are not re-generated by "${skeletonText(skeleton)}" with one rendering per value — e.g. ${mismatches.slice(0, 2).join('; ')}`,
    });

  // A value none of whose titles the template re-generates (a title CMS words its own way) is
  // labelled from where codes differing in it alone differ — the table's check still fails.
  const labelSource = (p: number, v: string) => (confirmed[p].has(v) || !hints[p].has(v) ? renderings[p].get(v) : hints[p].get(v));
  const axes: DerivedAxis[] = POSITIONS.map((p) => ({
    position: p + 4,
    values: Object.fromEntries(
      w.valuesAt[p].map((v) => {
        const r = labelSource(p, v);
        return [v, r === undefined ? conventionalLabel(w, p, v) : labelOf(r, v, p)];
      }),
    ),
  }));
  for (const axis of axes) {
    const p = axis.position - 4;
    const unknown = Object.entries(axis.values)
      .filter(([, l]) => l === null)
      .map(([v]) => v);
    const untitledOnly = unknown.filter((v) => !w.titled.some((i) => w.codes[i][p] === v));
    const inseparable = unknown.filter((v) => !untitledOnly.includes(v));
    if (inseparable.length)
      problems.push({
        kind: 'inseparable',
        message: `${table} character ${axis.position} (${inseparable.join(', ')}): the meaning cannot be told apart from the rest of the title (${w.valuesAt[p].length === 1 ? 'the only value in the table, and no sibling table names it the same way' : 'no template separates it'})`,
      });
    if (untitledOnly.length)
      problems.push({
        kind: 'untitled',
        message: `${table} character ${axis.position} (${untitledOnly.join(', ')}): only codes without a title in the source have this value`,
      });
  }
  const out: Record<number, Record<string, string>> = {};
  POSITIONS.forEach((p) => (out[p + 4] = Object.fromEntries([...renderings[p]].sort(([a], [b]) => (a < b ? -1 : 1)))));
  return {
    table,
    title,
    codes: codes.length,
    titled: w.titled.length,
    axes,
    template: skeletonText(skeleton),
    renderings: out,
    regenerated: w.titled.length,
    matched,
    problems,
  };
}

/** The template's parts, for sibling hints (parsed back from its text). */
export function parseTemplate(text: string): TemplatePart[] {
  return tokenize(text).map((t) => (/^\{[4-7]\}$/.test(t) ? { slot: Number(t[1]) - 4 } : { lit: t }));
}

/**
 * Step 1: codes that differ only at position p, grouped; what lies between the group's common
 * prefix and suffix is each member's rendering of its value. Per value the longest rendering seen
 * (the least stripped by words its group happened to share) in two groups or more, most frequent
 * among equals.
 */
function groupRenderings(w: Work): { hints: Map<string, string>[]; spans: Map<number, [number, number]>[] } {
  const hints = POSITIONS.map(() => new Map<string, string>());
  const spans = POSITIONS.map(() => new Map<number, [number, number]>());
  for (const p of POSITIONS) {
    if (w.valuesAt[p].length < 2) continue;
    const groups = new Map<string, number[]>();
    for (const i of w.titled) {
      const key = w.codes[i].slice(0, p) + w.codes[i].slice(p + 1);
      const g = groups.get(key);
      if (g) g.push(i);
      else groups.set(key, [i]);
    }
    const seen = new Map<string, Map<string, { n: number; len: number }>>();
    for (const g of groups.values()) {
      if (g.length < 2) continue;
      const toks = g.map((i) => w.tokens[i]!);
      const min = Math.min(...toks.map((t) => t.length));
      let a = 0;
      while (a < min && toks.every((t) => t[a] === toks[0][a])) a++;
      let b = 0;
      while (b < min - a && toks.every((t) => t[t.length - 1 - b] === toks[0][toks[0].length - 1 - b])) b++;
      g.forEach((i, k) => {
        const span: [number, number] = [a, toks[k].length - b];
        const text = joinTokens(toks[k].slice(span[0], span[1]));
        const v = w.codes[i][p];
        let m = seen.get(v);
        if (!m) seen.set(v, (m = new Map()));
        const e = m.get(text);
        if (e) e.n++;
        else m.set(text, { n: 1, len: span[1] - span[0] });
        const old = spans[p].get(i);
        if (!old || span[1] - span[0] > old[1] - old[0]) spans[p].set(i, span);
      });
    }
    for (const [v, m] of seen) {
      // The longest rendering seen in two groups or more (one odd title cannot lengthen it), else the longest.
      let bestText = '';
      let bestE = { n: -1, len: -1 };
      const seenTwice = [...m.values()].some((e) => e.n >= 2);
      for (const [text, e] of m) {
        if (seenTwice && e.n < 2) continue;
        if (e.len > bestE.len || (e.len === bestE.len && e.n > bestE.n)) [bestText, bestE] = [text, e];
      }
      hints[p].set(v, bestText);
    }
  }
  return { hints, spans };
}

/** Renderings without the comma at their end (or at both edges), at every position or at `only`. */
function stripCommas(hints: Map<string, string>[], edges: 'end' | 'both', only?: number): Map<string, string>[] {
  return hints.map((m, p) =>
    only !== undefined && p !== only
      ? m
      : new Map(
          [...m].map(([v, r]) => {
            let t = [...tokenize(r)];
            if (t[t.length - 1] === ',') t = t.slice(0, -1);
            if (edges === 'both' && t[0] === ',') t = t.slice(1);
            return [v, joinTokens(t)];
          }),
        ),
  );
}

/** A code's title with the renderings of its varying characters cut out, or null when they cannot be placed. */
function skeletonOf(w: Work, i: number, hints: Map<string, string>[], spans: Map<number, [number, number]>[]): TemplatePart[] | null {
  const tokens = w.tokens[i]!;
  const code = w.codes[i];
  const cuts: { p: number; start: number; end: number }[] = [];
  for (const p of POSITIONS) {
    if (w.valuesAt[p].length < 2) continue;
    const r = hints[p].get(code[p]);
    if (r === undefined) continue; // never seen varying: this code's template has no slot for it
    const rt = tokenize(r);
    const span = spans[p].get(i);
    let at = -1;
    if (span) {
      // The full rendering around the span this code was seen with.
      for (let s = Math.max(0, span[1] - rt.length); s <= Math.min(span[0], tokens.length - rt.length); s++)
        if (startsAt(tokens, rt, s)) {
          at = s;
          break;
        }
    } else if (rt.length > 0) {
      // Never seen varying here: where the rendering occurs, if once.
      const hits = [];
      for (let s = 0; s + rt.length <= tokens.length; s++) if (startsAt(tokens, rt, s)) hits.push(s);
      if (hits.length === 1) at = hits[0];
    }
    if (at < 0) return null;
    cuts.push({ p, start: at, end: at + rt.length });
  }
  cuts.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < cuts.length; k++) if (cuts[k].start < cuts[k - 1].end) return null;
  const out: TemplatePart[] = [];
  let pos = 0;
  for (const c of cuts) {
    for (; pos < c.start; pos++) out.push({ lit: tokens[pos] });
    out.push({ slot: c.p });
    pos = c.end;
  }
  for (; pos < tokens.length; pos++) out.push({ lit: tokens[pos] });
  return out;
}

function startsAt(tokens: readonly string[], run: readonly string[], s: number): boolean {
  for (let k = 0; k < run.length; k++) if (tokens[s + k] !== run[k]) return false;
  return true;
}

/**
 * Fits a template, and when titles stay unexplained, variants where a literal word next to a slot
 * becomes part of the slot ("{5} Approach" → "{5}": "Via Natural or Artificial Opening" has no
 * "Approach"), the literal missing from most failing titles first; two rounds at most.
 */
function fitWithAbsorption(skeleton: TemplatePart[], w: Work, hints: Map<string, string>[]): Fit {
  let best = fit(skeleton, w, hints);
  let current = { fit: best, hints };
  const tried = new Set<string>([skeletonText(skeleton)]);
  for (let round = 0; round < 3 && best.failures.length > 0; round++) {
    const failing = current.fit.failures;
    const lacking = (lit: string) => failing.filter((i) => !w.tokens[i]!.includes(lit)).length;
    const options: { sk: TemplatePart[]; hints: Map<string, string>[]; score: number }[] = [];
    const sk = current.fit.skeleton;
    sk.forEach((part, k) => {
      if (!('lit' in part) || part.lit === ',') return;
      const score = lacking(part.lit);
      if (score === 0) return;
      const left = sk[k - 1];
      const right = sk[k + 1];
      const rest = sk.filter((_, x) => x !== k);
      if (left && 'slot' in left) options.push({ sk: rest, hints: absorbedHints(current.hints, left.slot, part.lit, 'after', w), score });
      if (right && 'slot' in right) options.push({ sk: rest, hints: absorbedHints(current.hints, right.slot, part.lit, 'before', w), score });
    });
    let next: { fit: Fit; hints: Map<string, string>[] } | null = null;
    for (const o of options.sort((a, b) => b.score - a.score).slice(0, 3)) {
      const key = skeletonText(o.sk) + JSON.stringify(o.hints.map((m) => [...m]));
      if (tried.has(key) || w.budget <= 0) continue;
      tried.add(key);
      const f = fit(o.sk, w, o.hints);
      if (!next || f.matched > next.fit.matched) next = { fit: f, hints: o.hints };
    }
    // A step that explains no more titles may still be the way (two literals to absorb): keep going from it.
    if (!next || next.fit.matched < current.fit.matched) break;
    current = next;
    if (current.fit.matched > best.matched) best = current.fit;
  }
  return best;
}

/**
 * Hints after literal `lit` joined slot p: a value's rendering takes the literal along where its
 * titles show the two together ("Anterior Approach, Anterior" + "Column").
 */
function absorbedHints(hints: Map<string, string>[], p: number, lit: string, side: 'after' | 'before', w: Work): Map<string, string>[] {
  const out = hints.map((m) => new Map(m));
  for (const [v, h] of hints[p]) {
    const joined = side === 'after' ? (h ? `${h} ${lit}` : lit) : h ? `${lit} ${h}` : lit;
    const jt = tokenize(joined);
    const together = w.titled.some((i) => w.codes[i][p] === v && w.tokens[i]!.some((_, s) => startsAt(w.tokens[i]!, jt, s)));
    if (together) out[p].set(v, joinTokens(jt));
  }
  return out;
}

/**
 * Matches every titled code against the template, takes per value the rendering most codes show,
 * and re-generates the titles with it; then matches again holding each value to its agreed
 * rendering (a title that cannot be matched that way is matched freely), until nothing changes.
 * `failures` lists the code indexes whose title is not re-generated.
 */
function fit(skeleton: TemplatePart[], w: Work, hints: Map<string, string>[]): Fit {
  w.budget--;
  const hintTokens = hints.map((m) => new Map([...m].map(([v, r]) => [v, tokenize(r)])));
  let renderings: Map<string, string>[] = POSITIONS.map(() => new Map());
  let fixed: Map<string, readonly string[]>[] | null = null;
  let result: { matched: number; failures: number[] } = { matched: -1, failures: [] };
  let failing = new Set<number>();
  for (let round = 0; round < 4; round++) {
    const votes = POSITIONS.map(() => new Map<string, Map<string, number>>());
    for (const i of w.titled) {
      // A title the agreed renderings already re-generate votes for them as they are.
      const settledTitle = fixed && result.failures.length && !failing.has(i);
      const got = settledTitle
        ? renderingsOf(skeleton, w.codes[i], renderings)
        : (fixed && extract(skeleton, w.tokens[i]!, w.codes[i], hintTokens, fixed)) || extract(skeleton, w.tokens[i]!, w.codes[i], hintTokens, null);
      if (!got) continue;
      for (const [p, text] of got) {
        const v = w.codes[i][p];
        let m = votes[p].get(v);
        if (!m) votes[p].set(v, (m = new Map()));
        m.set(text, (m.get(text) ?? 0) + 1);
      }
    }
    const next = POSITIONS.map((p) => {
      const out = new Map<string, string>();
      for (const [v, m] of votes[p]) {
        let bestText = '';
        let bestN = -1;
        for (const [text, n] of m) if (n > bestN || (n === bestN && text.length > bestText.length)) [bestText, bestN] = [text, n];
        out.set(v, bestText);
      }
      return out;
    });
    const failures: number[] = [];
    let matched = 0;
    for (const i of w.titled) {
      if (fill(skeleton, w.codes[i], next) === w.text[i]) matched++;
      else failures.push(i);
    }
    if (matched <= result.matched) break;
    renderings = next;
    result = { matched, failures };
    failing = new Set(failures);
    if (failures.length === 0) break;
    fixed = next.map((m) => new Map([...m].map(([v, r]) => [v, tokenize(r)])));
  }
  let unknown = 0;
  for (const p of POSITIONS)
    if (!hasSlot(skeleton, p)) unknown += w.valuesAt[p].length === 1 && w.valuesAt[p][0] === 'Z' && (p === 2 || p === 3) ? 0 : w.valuesAt[p].length;
  return { skeleton, renderings, matched: result.matched, failures: result.failures, unknown };
}

/**
 * One title against a template: literals match themselves (a literal comma may match nothing right
 * after a comma a slot took: ", Bifurcation," then ", Open"), slots take runs of words. With
 * `fixed`, a slot takes its value's agreed rendering (with or without its edge commas) or fails;
 * without, the group rendering of the value first, then shortest first. Bounded backtracking.
 */
function extract(
  sk: TemplatePart[],
  toks: readonly string[],
  code: string,
  hints: Map<string, readonly string[]>[],
  fixed: Map<string, readonly string[]>[] | null,
): Map<number, string> | null {
  const m: Matching = { sk, toks, code, hints, fixed, assigned: new Map(), steps: 0 };
  return matchFrom(m, 0, 0) ? m.assigned : null;
}

interface Matching {
  sk: TemplatePart[];
  toks: readonly string[];
  code: string;
  hints: Map<string, readonly string[]>[];
  fixed: Map<string, readonly string[]>[] | null;
  assigned: Map<number, string>;
  steps: number;
}

function matchFrom(m: Matching, i: number, j: number): boolean {
  if (++m.steps > 3000) return false;
  const { sk, toks } = m;
  if (i === sk.length) return j === toks.length;
  const s = sk[i];
  if ('lit' in s) {
    if (toks[j] === s.lit && matchFrom(m, i + 1, j + 1)) return true;
    return s.lit === ',' && j > 0 && toks[j - 1] === ',' && matchFrom(m, i + 1, j);
  }
  const p = s.slot;
  const v = m.code[p];
  if (m.fixed) {
    const f = m.fixed[p].get(v);
    if (!f) return false;
    for (const variant of commaVariants(f, toks, j)) {
      if (!startsAt(toks, variant, j)) continue;
      m.assigned.set(p, joinTokens(f));
      if (matchFrom(m, i + 1, j + variant.length)) return true;
    }
    m.assigned.delete(p);
    return false;
  }
  const h = m.hints[p].get(v);
  const hl = h === undefined ? -1 : h.length;
  if (h && j + hl <= toks.length && startsAt(toks, h, j) && takeRun(m, i, j, hl)) return true;
  for (let n = 0; j + n <= toks.length; n++) if (n !== hl && takeRun(m, i, j, n)) return true;
  return false;
}

/** Slot i takes the next n words. */
function takeRun(m: Matching, i: number, j: number, n: number): boolean {
  const p = (m.sk[i] as { slot: number }).slot;
  m.assigned.set(p, joinTokens(m.toks.slice(j, j + n)));
  if (matchFrom(m, i + 1, j + n)) return true;
  m.assigned.delete(p);
  return false;
}

/** The renderings a template and agreed renderings give a code's slots. */
function renderingsOf(sk: TemplatePart[], code: string, renderings: Map<string, string>[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const s of sk) if ('slot' in s) out.set(s.slot, renderings[s.slot].get(code[s.slot]) ?? '');
  return out;
}

/** A rendering as it may stand in a title: whole, or without the comma it shares with its neighbour. */
function commaVariants(r: readonly string[], toks: readonly string[], j: number): (readonly string[])[] {
  const out = [r];
  if (r[0] === ',' && j > 0 && toks[j - 1] === ',') out.push(r.slice(1));
  if (r[r.length - 1] === ',') out.push(r.slice(0, -1));
  if (r.length > 1 && r[0] === ',' && r[r.length - 1] === ',' && j > 0 && toks[j - 1] === ',') out.push(r.slice(1, -1));
  return out;
}

function hasSlot(sk: TemplatePart[], p: number): boolean {
  return sk.some((s) => 'slot' in s && s.slot === p);
}

/** The template with a literal run equal to `tokens` (occurring once) made slot `p`, or null. */
function carve(sk: TemplatePart[], tokens: readonly string[], p: number): TemplatePart[] | null {
  const hits: number[] = [];
  for (let s = 0; s + tokens.length <= sk.length; s++) {
    let ok = true;
    for (let k = 0; k < tokens.length && ok; k++) {
      const x = sk[s + k];
      ok = 'lit' in x && x.lit === tokens[k];
    }
    if (ok) hits.push(s);
  }
  if (hits.length !== 1) return null;
  return [...sk.slice(0, hits[0]), { slot: p }, ...sk.slice(hits[0] + tokens.length)];
}

/**
 * A title from a template and the renderings of a code's characters. Parts of a title are
 * separated by one comma: a rendering that brings its own comma next to another, or an empty
 * rendering between two, leaves one.
 */
export function fill(sk: TemplatePart[], code: string, renderings: Map<string, string>[]): string {
  const out: string[] = [];
  const push = (t: string) => {
    if (t === ',' && (out.length === 0 || out[out.length - 1] === ',')) return;
    out.push(t);
  };
  for (const s of sk) {
    if ('lit' in s) push(s.lit);
    else for (const t of tokenize(renderings[s.slot].get(code[s.slot]) ?? `{${s.slot + 4}?}`)) push(t);
  }
  while (out[out.length - 1] === ',') out.pop();
  return joinTokens(out);
}

/**
 * What the tables' conventions say of a value the titles do not separate: Z is "None" on every
 * axis (No Device, No Qualifier — RM, the PCS table conventions); in the New Technology section the
 * qualifier is the New Technology Group its titles end with (RM, section X).
 */
function conventionalLabel(w: Work, p: number, v: string): string | null {
  if (v === 'Z') return p === 2 ? 'No Device' : p === 3 ? 'No Qualifier' : 'None';
  if (w.table[0] === 'X' && p === 3) {
    const groups = new Set(w.titled.filter((i) => w.codes[i][p] === v).map((i) => /New Technology Group \d+$/.exec(w.text[i])?.[0] ?? ''));
    if (groups.size === 1 && !groups.has('')) return [...groups][0];
  }
  return null;
}

/** The display label of a rendering: without the commas and connector words at its edges ("from", "to", "with" …); "No Device" etc. for nothing. */
export function labelOf(rendering: string, value: string, p: number): string | null {
  const toks = tokenize(rendering);
  let a = 0;
  while (a < toks.length && (toks[a] === ',' || /^[a-z]/.test(toks[a]))) a++;
  let b = toks.length;
  while (b > a && (toks[b - 1] === ',' || /^[a-z]/.test(toks[b - 1]))) b--;
  const label = joinTokens(toks.slice(a, b));
  if (label) return label;
  if (value === 'Z') return p === 2 ? 'No Device' : p === 3 ? 'No Qualifier' : 'None';
  return null;
}

export function skeletonText(sk: TemplatePart[]): string {
  return joinTokens(sk.map((s) => ('slot' in s ? `{${s.slot + 4}}` : s.lit)));
}
