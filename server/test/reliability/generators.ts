// fast-check generators of chart texts for the reliability tests and `npm run fuzz`: valid charts
// built from the grammar's pieces, and the hostile variants a coder's editor can hold — mutated,
// truncated, random strings, huge lines, deep bracket nesting, CRLF/LF/CR mixes, a BOM,
// astral-plane characters and right-to-left text.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from '../../src/chart/model';

export const SAMPLES_DIR = join(__dirname, '..', '..', '..', 'samples');

export function sampleCharts(): { name: string; path: string; text: string }[] {
  const out: { name: string; path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.chart')) out.push({ name: e.name, path: join(dir, e.name), text: readFileSync(join(dir, e.name), 'utf8') });
    }
  };
  walk(SAMPLES_DIR);
  return out;
}

/** The seed: CHARTCODER_FUZZ_SEED when set (to replay a failure), else a fixed one so CI is reproducible. */
export function fuzzSeed(): number {
  const s = Number(process.env.CHARTCODER_FUZZ_SEED);
  return Number.isInteger(s) ? s : 20261123;
}

/** Runs a property with the seed printed on failure (fast-check's report includes seed and path). */
export function check<T>(name: string, prop: fc.IProperty<T> | fc.IAsyncProperty<T>, numRuns: number): void | Promise<void> {
  const seed = fuzzSeed();
  const params = { seed, numRuns, endOnFailure: true };
  const fail = (e: unknown) => {
    const cause = (e as Error).cause as Error | undefined;
    throw new Error(`${name} failed (replay: CHARTCODER_FUZZ_SEED=${seed}):\n${(e as Error).message}${cause ? `\nCause: ${cause.message}` : ''}`);
  };
  if ('isAsync' in prop && prop.isAsync()) return fc.assert(prop as fc.IAsyncProperty<T>, params).catch(fail);
  try {
    fc.assert(prop as fc.IProperty<T>, params);
  } catch (e) {
    fail(e);
  }
}

// ── pieces of the grammar ────────────────────────────────────────────────────

const HOSTILE_CHARS = [
  '[',
  ']',
  '{',
  '}',
  '=',
  '"',
  '`',
  '#',
  '-',
  ':',
  ',',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  '\u0000',
  '\u200F',
  '\u202E',
  'ש',
  'ال',
  '😷',
  '𝔘',
  '\uD83D',
  '\uDE37',
  'é',
  '\u0301',
];
const WORDS = [
  'sepsis',
  'CKD',
  'stage 4',
  'E11.22',
  'I50.33',
  'N18.4',
  'A41.9',
  'R65.20',
  'S72.001A',
  '0SR9019',
  'J1100',
  '99223',
  'Y',
  'N',
  'U',
  'W',
  '1',
  'history of',
  'rule out',
  'confirmed',
  'مريض',
  'חולה',
  '患者',
  '😷🫁',
  '𝐀𝐁𝐂',
];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE_CHARS));
const phrase = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const code = fc.oneof(
  fc.constantFrom(
    'E11.22',
    'I50.33',
    'N18.4',
    'A41.9',
    'R65.20',
    'S72.001A',
    'Z79.4',
    'I13.0',
    'J44.1',
    'O80',
    'P07.14',
    '0SR9019',
    '5A1955Z',
    'J1100',
    '99223',
    'E1122',
    'XXX',
    '',
  ),
  fc.stringMatching(/^[A-Z0-9][0-9A-Z.]{0,8}$/),
);
const attrKey = fc.constantFrom('dx', 'pcs', 'hcpcs', 'cpt', 'ind', 'poa', 'date', 'status', 'note', 'bogus', '');
const attrValue = fc.oneof(
  code,
  fc.array(code, { minLength: 1, maxLength: 3 }).map((c) => c.join(',')),
  fc.constantFrom('Y', 'N', 'U', 'W', '1', 'uncertain', 'ruled-out', 'history', '2026-03-04', '"a note with spaces"', '"unclosed'),
);
const attribute = fc.tuple(attrKey, attrValue).map(([k, v]) => `${k}=${v}`);
const annotation = fc
  .tuple(phrase, fc.array(attribute, { maxLength: 4 }), fc.boolean())
  .map(([span, attrs, closed]) => `[${span}]{${attrs.join(' ')}${closed ? '}' : ''}`);
const noteLine = fc.array(fc.oneof(phrase, annotation), { minLength: 1, maxLength: 5 }).map((p) => p.join(' '));
const heading = fc.tuple(fc.integer({ min: 1, max: 4 }), phrase, fc.boolean()).map(([n, t, rn]) => `${'#'.repeat(n)} ${t}${rn ? ' {author=RN}' : ''}`);
const headerField = fc.oneof(
  fc.constantFrom(
    'encounter: 2026-000001',
    'age: 72',
    'age: -3',
    'age: old',
    'sex: F',
    'sex: Q',
    'admitted: 2026-03-02',
    'discharged: 2026-03-06',
    'discharged: 2027-13-45',
    'disposition: 01',
    'type: outpatient',
    'birthweight: 1450',
  ),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([k, v]) => `${k}: ${v}`),
);
const header = fc.tuple(fc.array(headerField, { maxLength: 8 }), fc.boolean()).map(([f, closed]) => `---\n${f.join('\n')}${closed ? '\n---' : ''}`);
const abstractLine = fc
  .tuple(fc.constantFrom('PDX', 'ADX', 'SDX', 'PROC', 'XDX', ''), code, fc.constantFrom('Y', 'N', 'U', 'W', '1', '', '2026-03-04'), fc.option(phrase))
  .map(([k, c, p, comment]) => `${k}  ${c}  ${p}${comment ? `  # ${comment}` : ''}`);
const abstract = fc
  .tuple(fc.array(abstractLine, { maxLength: 6 }), fc.boolean())
  .map(([l, closed]) => `\`\`\`abstract\n${l.join('\n')}${closed ? '\n```' : ''}`);
const query = fc
  .tuple(
    fc.array(phrase, { maxLength: 3 }),
    fc.array(phrase, { maxLength: 3 }),
    fc.option(phrase),
    fc.boolean(),
    fc.constantFrom('open', 'answered', 'withdrawn', 'bogus'),
  )
  .map(
    ([q, opts, answer, closed, status]) =>
      `\`\`\`query id=Q1 to="Dr. X" status=${status}\n${q.join('\n')}\n${opts.map((o) => `- ${o}`).join('\n')}${answer ? `\nanswer: ${answer}` : ''}${closed ? '\n```' : ''}`,
  );
const suppression = fc
  .tuple(fc.constantFrom('icd.excludes1', 'chart.syntax', 'no.such-rule', ''), fc.option(phrase))
  .map(([id, reason]) => `<!-- chartcoder-ignore ${id}${reason ? ` -- ${reason}` : ''} -->`);
const block = fc.oneof(
  { weight: 5, arbitrary: noteLine },
  { weight: 2, arbitrary: heading },
  { weight: 1, arbitrary: abstract },
  { weight: 1, arbitrary: query },
  { weight: 1, arbitrary: suppression },
  { weight: 1, arbitrary: fc.constant('') },
);

/** A chart that follows the grammar's shape (its values may still be wrong: that is the point). */
export const validishChart = fc.tuple(fc.option(header, { freq: 5 }), fc.array(block, { maxLength: 25 })).map(([h, b]) => [h ?? '', ...b].join('\n'));

const newline = fc.constantFrom('\n', '\r\n', '\r');
/** Re-joins a text's lines with a random mix of LF, CRLF and lone CR. */
const withMixedNewlines = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.array(newline, { minLength: 1, maxLength: 8 })).map(([t, nls]) =>
    t
      .split(/\r\n|\r|\n/)
      .map((l, i) => l + nls[i % nls.length])
      .join(''),
  );

/** A sample chart with random edits applied: deletions, insertions of hostile text, duplications. */
export function mutatedSample(samples: string[]): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...HOSTILE_CHARS), word, annotation, fc.constant('')));
  return fc.tuple(fc.constantFrom(...samples), fc.array(edit, { minLength: 1, maxLength: 12 })).map(([text, edits]) => {
    let t = text;
    for (const [at, len, insert] of edits) {
      const i = t.length ? at % (t.length + 1) : 0;
      t = t.slice(0, i) + insert + t.slice(i + len);
    }
    return t;
  });
}

/** Any chart text worth throwing at the parser. `samples` are the real charts, to mutate and truncate. */
export function anyChart(samples: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: validishChart },
    { weight: 3, arbitrary: mutatedSample(samples) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...samples), fc.nat()).map(([t, n]) => t.slice(0, n % (t.length + 1))) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...HOSTILE_CHARS), maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8')) },
    { weight: 1, arbitrary: withMixedNewlines(fc.oneof(validishChart, fc.constantFrom(...samples))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('\uFEFF', '\uFEFF\uFEFF'), fc.oneof(validishChart, fc.constantFrom(...samples))).map(([b, t]) => b + t) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[', '{', '[x]{', '[[', '{{', '}{', ']['))
        .map(([n, s]) => `# Deep\n${s.repeat(n)}\n`),
    },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 10_000, max: 60_000 }), annotation).map(([n, a]) => `# Huge\n${'x'.repeat(n)}${a}${'y'.repeat(n)}`) },
    { weight: 1, arbitrary: fc.tuple(validishChart, fc.constantFrom('\u202E', '\u200F', 'مريض ', '😷', '𝔘')).map(([t, s]) => t.replace(/ /g, ` ${s}`)) },
  );
}

/** A random position, including ones past the end of a line or of the document. */
export const position = fc.record({ line: fc.integer({ min: 0, max: 200 }), character: fc.integer({ min: 0, max: 400 }) });

/** Every range object anywhere in a value (the chart model, a feature's answer). */
export function collectRanges(
  value: unknown,
  path = '$',
  out: { path: string; range: Range }[] = [],
  seen = new Set<unknown>(),
): { path: string; range: Range }[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  const v = value as Record<string, unknown>;
  if (isPos(v.start) && isPos(v.end)) out.push({ path, range: v as unknown as Range });
  for (const [k, child] of Object.entries(v)) if (k !== 'text') collectRanges(child, `${path}.${k}`, out, seen);
  return out;
}
function isPos(p: unknown): p is { line: number; character: number } {
  return !!p && typeof p === 'object' && typeof (p as { line: unknown }).line === 'number' && typeof (p as { character: unknown }).character === 'number';
}

/** Lines as LSP sees them (LF, CRLF and lone CR end a line); lengths in UTF-16 code units. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Returns null when the range is inside the document and well ordered, else what is wrong. */
export function rangeProblem(r: Range, lengths: number[]): string | null {
  for (const [name, p] of [
    ['start', r.start],
    ['end', r.end],
  ] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${name} not a non-negative integer position`;
    if (p.line >= lengths.length) return `${name} line ${p.line} past the last line ${lengths.length - 1}`;
    if (p.character > lengths[p.line]) return `${name} character ${p.character} past the end of line ${p.line} (length ${lengths[p.line]})`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return 'start after end';
  return null;
}
