// The `.chart` parser. It never fails: every problem becomes a ParseError at its place and the
// rest of the chart is still read, so every feature keeps working on a half-typed chart.
//
// It reads line by line: front matter, then prose (headings, annotations, suppression comments)
// interrupted by fenced blocks (`abstract`, `query`, or any other fence, kept as prose).
import {
  ANNOTATION_KEYS,
  CHART_STATUS_VALUES,
  CODE_KEYS,
  type AbstractAuthor,
  type AbstractBlock,
  type AbstractKind,
  type AbstractLine,
  type Annotation,
  type AnnotationKey,
  type Attribute,
  type ChartDocument,
  type CodeKey,
  type CodeRef,
  type EvidenceStatus,
  type Header,
  type HeaderField,
  type Located,
  type ParseError,
  type QueryBlock,
  type ChartStatus,
  type QueryStatus,
  type Range,
  type ResultEntry,
  type ResultsBlock,
  type Section,
  type Suppression,
} from './model';
import { indexLines, lineRange, lineText, range, type LineIndex } from './text';
import { normalizeCode } from '../base/codes';
import { headerFieldOf, headingOf, suppressionsOf, type HeadingSyntax } from './lineSyntax';

export const POA_VALUES = ['Y', 'N', 'U', 'W', '1'] as const;
const STATUS_VALUES: readonly EvidenceStatus[] = ['confirmed', 'uncertain', 'ruled-out', 'history'];
const QUERY_STATUS_VALUES: readonly QueryStatus[] = ['open', 'answered', 'withdrawn'];
const ABSTRACT_KINDS: readonly AbstractKind[] = ['PDX', 'ADX', 'SDX', 'PROC'];
const HEADER_KEYS = [
  'encounter',
  'age',
  'sex',
  'admitted',
  'discharged',
  'disposition',
  'type',
  'birthweight',
  'coder',
  'auditor',
  'audited',
  'status',
  'assigned',
  'coded',
];
/** A results value: an optional comparator, a number (commas as thousands separators allowed), an optional `/number` pair. */
const RESULT_VALUE = /^(<=|>=|≤|≥|<|>)?(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?(?:\d+(?:\.\d+)?|\.\d+))(?:\/(\d+(?:\.\d+)?|\.\d+))?$/;
const RESULT_DATE = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*(.*)$/;

/** Parses a whole chart. Cheap enough to run on every keystroke (about 10 ms per MB). */
export function parseChart(text: string): ChartDocument {
  return new ChartParser(text).parse();
}

export function isValidDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** A code as the tables key it: no dot, upper case (the one normalisation, base/codes.ts). */
export const normalizeWrittenCode = normalizeCode;

class ChartParser {
  private readonly lines: LineIndex;
  private readonly errors: ParseError[] = [];
  private readonly sections: Section[] = [];
  private readonly annotations: Annotation[] = [];
  private readonly suppressions: Suppression[] = [];
  private readonly queries: QueryBlock[] = [];
  private readonly abstracts: AbstractBlock[] = [];
  private readonly results: ResultsBlock[] = [];
  private currentSection: Section | null = null;
  /** Sections whose end is not known yet, outermost first (levels strictly increasing). */
  private readonly openSections: Section[] = [];

  constructor(private readonly text: string) {
    this.lines = indexLines(text);
  }

  parse(): ChartDocument {
    const lineCount = this.lines.starts.length;
    const { header, next } = this.parseHeader();
    let line = next;
    while (line < lineCount) {
      const content = this.line(line);
      const fence = FENCE.exec(content);
      if (fence) {
        line = this.parseFencedBlock(line, fence);
        continue;
      }
      this.parseProseLine(line, content);
      line++;
    }
    this.closeSections(lineCount - 1);
    this.resolveSuppressionTargets();
    const coderAbstracts = this.abstracts.filter((a) => a.by === 'coder');
    const auditorAbstracts = this.abstracts.filter((a) => a.by === 'auditor');
    const extraAbstracts = [...coderAbstracts.slice(1), ...auditorAbstracts.slice(1)].sort((a, b) => a.range.start.line - b.range.start.line);
    for (const extra of extraAbstracts) {
      const message =
        extra.by === 'coder'
          ? "A chart has at most one coder's abstract block; this second one is ignored for coding (merge it into the first)."
          : "A chart has at most one auditor's abstract (```abstract by=auditor); this second one is ignored (merge it into the first).";
      this.error('second-abstract', 'chart.syntax', message, lineRange(extra.range.start.line, 0, this.line(extra.range.start.line).length));
    }
    this.errors.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return {
      text: this.text,
      lineCount,
      header,
      sections: this.sections,
      annotations: this.annotations,
      abstract: coderAbstracts[0] ?? null,
      auditorAbstract: auditorAbstracts[0] ?? null,
      extraAbstracts,
      results: this.results,
      queries: this.queries,
      suppressions: this.suppressions,
      errors: this.errors,
    };
  }

  // ── helpers ────────────────────────────────────────────────────────────────

  private line(n: number): string {
    const s = lineText(this.text, this.lines, n);
    return n === 0 && s.charCodeAt(0) === 0xfeff ? ' ' + s.slice(1) : s; // a BOM reads as a space, keeping columns
  }

  private error(
    code: string,
    rule: ParseError['rule'],
    message: string,
    at: Range,
    severity: ParseError['severity'] = rule === 'chart.header' ? 'warning' : 'error',
  ): void {
    this.errors.push({ code, rule, message, range: at, severity });
  }

  private located(line: number, start: number, value: string, length = value.length): Located {
    return { value, range: lineRange(line, start, start + length) };
  }

  // ── front matter ───────────────────────────────────────────────────────────

  private parseHeader(): { header: Header | null; next: number } {
    if (this.line(0).trim() !== '---') return { header: null, next: 0 };
    const lineCount = this.lines.starts.length;
    // The header closes at the first `---` line before any fenced block. Without one, it is the
    // run of `key: value` lines after the opening `---` (a `#` line then reads as a heading).
    let close = -1;
    for (let n = 1; n < lineCount; n++) {
      const content = this.line(n);
      if (content.trim() === '---') {
        close = n;
        break;
      }
      if (FENCE.test(content)) break;
    }
    let last = close;
    if (close < 0) {
      last = 1;
      while (last < lineCount && (this.line(last).trim() === '' || headerFieldOf(this.line(last)) !== null)) last++;
      while (last > 1 && this.line(last - 1).trim() === '') last--;
    }
    const fields: HeaderField[] = [];
    for (let n = 1; n < last; n++) {
      const content = this.line(n);
      const field = headerFieldOf(stripComment(content));
      if (field) {
        const valueStart = field.value === '' ? content.length : field.valueStart;
        fields.push({
          key: this.located(n, field.indent.length, field.key),
          value: this.located(n, valueStart, field.value),
          range: lineRange(n, 0, content.length),
        });
      } else if (content.trim() !== '' && !content.trim().startsWith('#')) {
        this.error('bad-header-line', 'chart.header', 'A header line is `key: value` (a `#` starts a comment).', lineRange(n, 0, content.length));
      }
    }
    const header: Header = { range: lineRange(0, 0, 3), fields, type: 'inpatient' };
    if (close >= 0) {
      header.range = range(0, 0, close, this.line(close).length);
    } else {
      const end = Math.max(0, last - 1);
      header.range = range(0, 0, end, this.line(end).length);
      this.error(
        'unclosed-header',
        'chart.syntax',
        'The encounter header is not closed: add a line with `---` after its last field.',
        lineRange(0, 0, this.line(0).length),
      );
    }
    this.readHeaderFields(header);
    return { header, next: close >= 0 ? close + 1 : last };
  }

  private readHeaderFields(header: Header): void {
    const seen = new Map<string, HeaderField>();
    for (const field of header.fields) {
      const key = field.key.value;
      const value = field.value.value;
      const at = field.value.value === '' ? field.range : field.value.range;
      if (seen.has(key)) {
        this.error('duplicate-header-key', 'chart.header', `\`${key}\` is given twice in the header; the first value is used.`, field.key.range);
        continue;
      }
      seen.set(key, field);
      switch (key) {
        case 'encounter':
          header.encounter = value;
          break;
        case 'age': {
          const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
          if (Number.isInteger(n) && n >= 0 && n <= 124) header.age = n;
          else this.error('invalid-age', 'chart.header', `age must be whole years at admission, 0–124; got "${value}".`, at);
          break;
        }
        case 'sex':
          if (value === 'M' || value === 'F' || value === 'U') header.sex = value;
          else this.error('invalid-sex', 'chart.header', `sex must be M, F or U; got "${value}".`, at);
          break;
        case 'admitted':
        case 'discharged':
          if (isValidDate(value)) header[key] = value;
          else this.error('invalid-date', 'chart.header', `${key} must be a date YYYY-MM-DD; got "${value}".`, at);
          break;
        case 'disposition':
          if (/^\d{2}$/.test(value)) header.disposition = value;
          else
            this.error(
              'invalid-disposition',
              'chart.header',
              `disposition must be a 2-digit UB-04 discharge status (01 home, 20 expired …); got "${value}".`,
              at,
            );
          break;
        case 'type':
          if (value === 'inpatient' || value === 'outpatient') header.type = value;
          else this.error('invalid-type', 'chart.header', `type must be inpatient or outpatient; got "${value}" (inpatient is assumed).`, at);
          break;
        case 'birthweight': {
          const n = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
          if (n > 0) header.birthweight = n;
          else this.error('invalid-birthweight', 'chart.header', `birthweight must be grams, a whole number; got "${value}".`, at);
          break;
        }
        case 'coder':
        case 'auditor':
        case 'assigned':
          if (value !== '') header[key] = value;
          break;
        case 'audited':
        case 'coded':
          if (isValidDate(value)) header[key] = value;
          else this.error('invalid-date', 'chart.header', `${key} must be a date YYYY-MM-DD; got "${value}".`, at);
          break;
        case 'status':
          if ((CHART_STATUS_VALUES as readonly string[]).includes(value)) header.status = value as ChartStatus;
          else this.error('invalid-status', 'chart.header', `status must be one of ${CHART_STATUS_VALUES.join(', ')}; got "${value}".`, at);
          break;
        default:
          this.error('unknown-header-key', 'chart.header', `Unknown header key \`${key}\` (kept; known keys: ${HEADER_KEYS.join(', ')}).`, field.key.range);
      }
    }
    for (const required of ['age', 'sex', 'discharged'] as const) {
      if (!seen.has(required)) this.error(`missing-${required}`, 'chart.header', missingMessage(required), lineRange(header.range.start.line, 0, 3));
    }
    if (header.admitted && header.discharged && header.discharged < header.admitted) {
      this.error(
        'discharged-before-admitted',
        'chart.header',
        `discharged ${header.discharged} is before admitted ${header.admitted}.`,
        seen.get('discharged')!.value.range,
      );
    }
  }

  // ── prose: headings, annotations, suppressions ─────────────────────────────

  private parseProseLine(line: number, content: string): void {
    const heading = headingOf(content);
    if (heading) {
      this.parseHeading(line, content, heading);
      return;
    }
    this.parseSuppressions(line, content);
    this.parseAnnotations(line, content);
  }

  private parseHeading(line: number, content: string, heading: HeadingSyntax): void {
    const level = heading.level;
    let title = heading.title;
    let author: Located | undefined;
    const titleStart = heading.titleStart;
    const attrs = /\{([^{}]*)\}?$/.exec(title);
    if (attrs && title.lastIndexOf('{') === attrs.index) {
      const attrStart = titleStart + attrs.index;
      if (!title.endsWith('}'))
        this.error(
          'unclosed-heading-attributes',
          'chart.syntax',
          'The heading attribute list is not closed: add `}`.',
          lineRange(line, attrStart, content.length),
        );
      for (const attr of this.parseAttributeList(line, content, attrStart + 1, attrStart + 1 + attrs[1].length)) {
        if (attr.key.value === 'author') author = attr.value;
        else
          this.error(
            'unknown-heading-key',
            'chart.syntax',
            `Unknown heading attribute \`${attr.key.value}\`: a heading takes only \`author\`.`,
            attr.key.range,
          );
      }
      title = title.slice(0, attrs.index).trimEnd();
    }
    this.closeSections(line - 1, level);
    const section: Section = {
      title: this.located(line, titleStart, title),
      level,
      author,
      headingRange: lineRange(line, 0, content.length),
      range: lineRange(line, 0, content.length),
    };
    this.sections.push(section);
    this.openSections.push(section);
    this.currentSection = section;
  }

  /** Ends the open sections of `level` or deeper (all when no level) at `lastLine`. */
  private closeSections(lastLine: number, level = 1): void {
    while (this.openSections.length && this.openSections[this.openSections.length - 1].level >= level) {
      const s = this.openSections.pop()!;
      const end = Math.max(lastLine, s.headingRange.start.line);
      s.range = range(s.headingRange.start.line, 0, end, this.line(end).length);
    }
  }

  private parseSuppressions(line: number, content: string): void {
    const { suppressions, unclosed } = suppressionsOf(content);
    for (const m of suppressions) {
      const commentRange = lineRange(line, m.start, m.end);
      if (!m.ruleId) {
        this.error(
          'bad-suppression',
          'chart.syntax',
          'A suppression needs a rule id and a reason: `<!-- chartcoder-ignore rule.id: reason -->`.',
          commentRange,
        );
        continue;
      }
      const reason = m.reason ? this.located(line, m.reason.start, m.reason.text) : null;
      this.suppressions.push({ ruleId: this.located(line, m.ruleId.start, m.ruleId.text), reason, range: commentRange, targetLine: null });
    }
    if (unclosed) {
      const at = content.indexOf('<!--');
      this.error(
        'unclosed-suppression',
        'chart.syntax',
        'The suppression comment is not closed: end it with `-->` on the same line.',
        lineRange(line, at, content.length),
      );
    }
  }

  private resolveSuppressionTargets(): void {
    const lineCount = this.lines.starts.length;
    for (const s of this.suppressions) {
      let target = s.range.end.line + 1;
      while (target < lineCount && (this.line(target).trim() === '' || /^\s*<!--\s*chartcoder-ignore\b.*-->\s*$/.test(this.line(target)))) target++;
      s.targetLine = target < lineCount ? target : null;
    }
  }

  private parseAnnotations(line: number, content: string): void {
    let i = 0;
    while (i < content.length) {
      const open = content.indexOf('[', i);
      if (open < 0) return;
      if (open > 0 && content[open - 1] === '\\') {
        i = open + 1;
        continue;
      }
      const close = findSpanEnd(content, open + 1);
      if (close < 0) {
        // `[acute MI{dx=I21.4}`: an attribute list after an unclosed span is an annotation missing its `]`.
        const brace = content.indexOf('{', open);
        if (brace > 0 && startsAttributeList(content, brace)) {
          this.error('unclosed-span', 'chart.syntax', 'The annotated span is not closed: add `]` before `{`.', lineRange(line, open, brace));
          const end = content.indexOf('}', brace);
          this.addAnnotation(line, content, open, content.slice(open + 1, brace), brace, end < 0 ? content.length : end + 1, end >= 0);
          i = end < 0 ? content.length : end + 1;
          continue;
        }
        return;
      }
      if (content[close + 1] !== '{') {
        i = close + 1; // `[text]` alone or a Markdown link: prose
        continue;
      }
      const attrStart = close + 1;
      const attrEnd = findAttributesEnd(content, attrStart + 1);
      const closed = attrEnd.closed;
      const end = closed ? attrEnd.at + 1 : attrEnd.at;
      if (!closed) this.error('unclosed-attributes', 'chart.syntax', 'The annotation attribute list is not closed: add `}`.', lineRange(line, attrStart, end));
      this.addAnnotation(line, content, open, content.slice(open + 1, close), attrStart, end, closed);
      i = end;
    }
  }

  private addAnnotation(line: number, content: string, open: number, spanText: string, attrStart: number, end: number, closed: boolean): void {
    const errorsBefore = this.errors.length;
    const attributes = this.parseAttributeList(line, content, attrStart + 1, closed ? end - 1 : end);
    const annotation: Annotation = {
      span: this.located(line, open + 1, spanText),
      attributes: [],
      codes: [],
      status: 'confirmed',
      section: this.currentSection,
      range: lineRange(line, open, end),
      attributesRange: lineRange(line, attrStart, end),
      closed,
    };
    if (spanText.trim() === '')
      this.error('empty-span', 'chart.syntax', 'The annotated span is empty: put the documenting words between `[` and `]`.', lineRange(line, open, attrStart));
    const seen = new Set<string>();
    for (const attr of attributes) {
      const key = attr.key.value as AnnotationKey;
      if (!ANNOTATION_KEYS.includes(key)) {
        this.error(
          'unknown-annotation-key',
          'chart.syntax',
          `Unknown annotation key \`${attr.key.value}\` (known: ${ANNOTATION_KEYS.join(', ')}).`,
          attr.key.range,
        );
        continue;
      }
      if (seen.has(key) && !CODE_KEYS.includes(key as CodeKey)) {
        this.error('duplicate-annotation-key', 'chart.syntax', `\`${key}\` is given twice in this annotation; the first value is used.`, attr.key.range);
        continue;
      }
      seen.add(key);
      annotation.attributes.push(attr);
      const value = attr.value;
      if (CODE_KEYS.includes(key as CodeKey)) {
        annotation.codes.push(...this.splitCodes(key as CodeKey, value));
      } else if (key === 'poa') {
        if (value.value !== '' && !(POA_VALUES as readonly string[]).includes(value.value.toUpperCase())) {
          this.error('invalid-poa', 'chart.syntax', `poa must be one of Y, N, U, W, 1; got "${value.value}".`, value.range);
        } else annotation.poa = { value: value.value.toUpperCase(), range: value.range };
      } else if (key === 'date') {
        if (value.value !== '' && !isValidDate(value.value))
          this.error('invalid-date', 'chart.syntax', `date must be YYYY-MM-DD; got "${value.value}".`, value.range);
        else annotation.date = value;
      } else if (key === 'status') {
        if (value.value !== '' && !STATUS_VALUES.includes(value.value as EvidenceStatus)) {
          this.error('invalid-status', 'chart.syntax', `status must be one of ${STATUS_VALUES.join(', ')}; got "${value.value}".`, value.range);
        } else if (value.value !== '') annotation.status = value.value as EvidenceStatus;
      } else if (key === 'note') {
        annotation.note = value;
      }
    }
    // Only when nothing else is wrong with it: one problem, one finding.
    if (closed && annotation.codes.length === 0 && this.errors.length === errorsBefore && !annotation.attributes.some((a) => a.key.value === 'note')) {
      this.error(
        'annotation-without-code',
        'chart.syntax',
        'This annotation names no code: give one of dx=, pcs=, hcpcs=, cpt= or ind=.',
        annotation.attributesRange,
      );
    }
    this.annotations.push(annotation);
  }

  private splitCodes(key: CodeKey, value: Located): CodeRef[] {
    const out: CodeRef[] = [];
    const { line, character } = value.range.start;
    let offset = 0;
    for (const part of value.value.split(',')) {
      const lead = part.length - part.trimStart().length;
      const written = part.trim();
      if (written !== '') {
        if (!/^[A-Za-z0-9.]+$/.test(written)) {
          this.error(
            'invalid-code-format',
            'chart.syntax',
            `"${written}" is not a code: codes are letters and digits, with an optional dot.`,
            lineRange(line, character + offset + lead, character + offset + lead + written.length),
          );
        } else {
          out.push({
            key,
            code: normalizeWrittenCode(written),
            written,
            range: lineRange(line, character + offset + lead, character + offset + lead + written.length),
          });
        }
      }
      offset += part.length + 1;
    }
    return out;
  }

  /** Parses `key=value key="quoted value"` between `from` and `to` on one line. */
  private parseAttributeList(line: number, content: string, from: number, to: number): Attribute[] {
    const out: Attribute[] = [];
    let i = from;
    while (i < to) {
      while (i < to && isSpace(content.charCodeAt(i))) i++;
      if (i >= to) break;
      const keyStart = i;
      while (i < to && isKeyChar(content.charCodeAt(i))) i++;
      const key = content.slice(keyStart, i);
      if (key === '' || content[i] !== '=') {
        let j = i;
        while (j < to && !isSpace(content.charCodeAt(j))) j++;
        const word = content.slice(keyStart, Math.max(j, keyStart + 1));
        const message = key === '' ? `Unexpected "${word}" in the attribute list: write key=value.` : `Attribute \`${key}\` has no value: write ${key}=value.`;
        this.error('bad-attribute', 'chart.syntax', message, lineRange(line, keyStart, Math.max(j, keyStart + 1)));
        // Keep a half-typed attribute (`{dx`) so completion still knows the key being typed.
        if (key !== '' && j === i) out.push({ key: this.located(line, keyStart, key), value: this.located(line, i, ''), range: lineRange(line, keyStart, i) });
        i = Math.max(j, keyStart + 1);
        continue;
      }
      i++; // '='
      let value: Located;
      if (content[i] === '"') {
        const close = content.indexOf('"', i + 1);
        if (close < 0 || close >= to) {
          this.error('unclosed-quote', 'chart.syntax', 'The quoted value is not closed: add `"`.', lineRange(line, i, to));
          value = this.located(line, i + 1, content.slice(i + 1, to));
          i = to;
        } else {
          value = this.located(line, i + 1, content.slice(i + 1, close));
          i = close + 1;
        }
      } else {
        const valueStart = i;
        while (i < to && !isSpace(content.charCodeAt(i))) i++;
        value = this.located(line, valueStart, content.slice(valueStart, i));
        if (value.value === '' && to > i) {
          this.error('empty-value', 'chart.syntax', `Attribute \`${key}\` has an empty value.`, lineRange(line, keyStart, i));
        }
      }
      out.push({
        key: this.located(line, keyStart, key),
        value,
        range: lineRange(line, keyStart, value.range.end.character + (content[value.range.end.character] === '"' ? 1 : 0)),
      });
    }
    return out;
  }

  // ── fenced blocks ──────────────────────────────────────────────────────────

  /** Reads a fenced block starting at `start`; returns the line after it. */
  private parseFencedBlock(start: number, fence: RegExpExecArray): number {
    const marker = fence[2];
    const info = fence[3].trim();
    const lineCount = this.lines.starts.length;
    let end = start + 1;
    while (end < lineCount) {
      const m = FENCE.exec(this.line(end));
      if (m && m[2][0] === marker[0] && m[2].length >= marker.length && m[3].trim() === '') break;
      end++;
    }
    const closed = end < lineCount;
    const lastLine = closed ? end : lineCount - 1;
    const blockRange = range(start, 0, lastLine, this.line(lastLine).length);
    // An unclosed block's body runs to the end of the document — never to a line past it (fuzzing
    // found (lineCount, 0) here; an unclosed fence on the last line has an empty body at its end).
    const bodyRange = closed
      ? range(start + 1, 0, end, 0)
      : start + 1 < lineCount
        ? range(start + 1, 0, lastLine, this.line(lastLine).length)
        : range(start, this.line(start).length, start, this.line(start).length);
    const kind = info.split(/\s+/)[0];
    if (kind === 'abstract') {
      if (!closed)
        this.error(
          'unclosed-abstract',
          'chart.syntax',
          `The abstract block is not closed: add a line with ${marker}.`,
          lineRange(start, 0, this.line(start).length),
        );
      const by = this.parseAbstractOpening(start, fence);
      this.abstracts.push(this.parseAbstract(start, closed ? end : lineCount, blockRange, bodyRange, closed, by));
    } else if (kind === 'results') {
      if (!closed)
        this.error(
          'unclosed-results',
          'chart.syntax',
          `The results block is not closed: add a line with ${marker}.`,
          lineRange(start, 0, this.line(start).length),
        );
      this.results.push(this.parseResults(start, closed ? end : lineCount, blockRange, bodyRange, closed));
    } else if (kind === 'query') {
      if (!closed)
        this.error('unclosed-query', 'chart.syntax', `The query block is not closed: add a line with ${marker}.`, lineRange(start, 0, this.line(start).length));
      this.queries.push(this.parseQuery(start, closed ? end : lineCount, fence, blockRange, bodyRange, closed));
    } else if (!closed) {
      this.error('unclosed-fence', 'chart.syntax', `The fenced block is not closed: add a line with ${marker}.`, lineRange(start, 0, this.line(start).length));
    }
    return closed ? end + 1 : lineCount;
  }

  /** `abstract`, `abstract by=coder` or `abstract by=auditor`: whose abstract the block holds. */
  private parseAbstractOpening(start: number, fence: RegExpExecArray): AbstractAuthor {
    const opening = this.line(start);
    const infoStart = opening.indexOf(fence[3]) + fence[3].indexOf('abstract') + 'abstract'.length;
    let by: AbstractAuthor = 'coder';
    for (const attr of this.parseAttributeList(start, opening, infoStart, opening.length)) {
      if (attr.key.value !== 'by') {
        this.error('unknown-abstract-key', 'chart.syntax', `Unknown abstract attribute \`${attr.key.value}\` (known: by=coder, by=auditor).`, attr.key.range);
      } else if (attr.value.value === 'coder' || attr.value.value === 'auditor') {
        by = attr.value.value;
      } else {
        this.error(
          'invalid-abstract-author',
          'chart.syntax',
          `An abstract is by=coder or by=auditor; got "${attr.value.value}" (read as the coder's).`,
          attr.value.range,
        );
      }
    }
    return by;
  }

  /** A ```results block: `DATE  NAME…  VALUE  [UNIT…]  [# comment]`, one measurement per line. */
  private parseResults(start: number, bodyEnd: number, blockRange: Range, bodyRange: Range, closed: boolean): ResultsBlock {
    const entries: ResultEntry[] = [];
    for (let n = start + 1; n < bodyEnd; n++) {
      const content = this.line(n);
      if (/^\s*<!--/.test(content)) {
        this.parseSuppressions(n, content);
        continue;
      }
      const hash = content.indexOf('#');
      const body = hash >= 0 ? content.slice(0, hash) : content;
      const tokens = tokenize(body);
      if (tokens.length === 0) continue;
      const lineAll = lineRange(n, 0, content.length);
      let i = 0;
      let date: Located | null = null;
      const dateMatch = RESULT_DATE.exec(tokens[0].text);
      if (dateMatch) {
        const [, day, hh, mm, ss] = dateMatch;
        const timeOk = hh === undefined || (Number(hh) < 24 && Number(mm) < 60 && (ss === undefined || Number(ss) < 60));
        if (isValidDate(day) && timeOk) date = this.located(n, tokens[0].start, tokens[0].text);
        else
          this.error(
            'invalid-date',
            'chart.syntax',
            `A results line starts with a date YYYY-MM-DD or YYYY-MM-DDTHH:MM; got "${tokens[0].text}".`,
            lineRange(n, tokens[0].start, tokens[0].start + tokens[0].text.length),
          );
        i = 1;
      } else if (/^\d{4}-\d/.test(tokens[0].text)) {
        this.error(
          'invalid-date',
          'chart.syntax',
          `A results line starts with a date YYYY-MM-DD or YYYY-MM-DDTHH:MM; got "${tokens[0].text}".`,
          lineRange(n, tokens[0].start, tokens[0].start + tokens[0].text.length),
        );
        i = 1;
      }
      // The name runs up to the first token that is a value; the unit is what follows the value.
      let v = i;
      while (v < tokens.length && !RESULT_VALUE.test(tokens[v].text)) v++;
      if (v === i) {
        const at = tokens[i] ? lineRange(n, tokens[i].start, tokens[i].start + tokens[i].text.length) : lineAll;
        this.error(
          'missing-result-name',
          'chart.syntax',
          'A results line needs a measurement name before its value: `2026-03-02T06:10  creatinine  2.6  mg/dL`.',
          at,
        );
        continue;
      }
      const nameStart = tokens[i].start;
      const nameEnd = tokens[v - 1].start + tokens[v - 1].text.length;
      const name = this.located(n, nameStart, content.slice(nameStart, nameEnd));
      if (v >= tokens.length) {
        this.error('missing-result-value', 'chart.syntax', `"${name.value}" has no numeric value: write \`${name.value}  <number>  [unit]\`.`, name.range);
        continue;
      }
      const valueTok = tokens[v];
      const m = RESULT_VALUE.exec(valueTok.text)!;
      const entry: ResultEntry = {
        date,
        name,
        value: { value: Number(m[2].replace(/,/g, '')), range: lineRange(n, valueTok.start, valueTok.start + valueTok.text.length) },
        range: lineAll,
      };
      if (m[1]) entry.comparator = m[1] === '≤' ? '<=' : m[1] === '≥' ? '>=' : (m[1] as ResultEntry['comparator']);
      if (m[3] !== undefined) entry.value2 = Number(m[3]);
      const unitToks = tokens.slice(v + 1);
      if (unitToks.length) {
        const uStart = unitToks[0].start;
        const uEnd = unitToks[unitToks.length - 1].start + unitToks[unitToks.length - 1].text.length;
        entry.unit = this.located(n, uStart, content.slice(uStart, uEnd));
      }
      if (hash >= 0) entry.comment = this.located(n, hash + 1, content.slice(hash + 1).trim(), content.length - hash - 1);
      entries.push(entry);
    }
    return { range: blockRange, bodyRange, entries, closed };
  }

  private parseAbstract(start: number, bodyEnd: number, blockRange: Range, bodyRange: Range, closed: boolean, by: AbstractAuthor): AbstractBlock {
    const lines: AbstractLine[] = [];
    for (let n = start + 1; n < bodyEnd; n++) {
      const content = this.line(n);
      if (/^\s*<!--/.test(content)) {
        this.parseSuppressions(n, content);
        continue;
      }
      const hash = content.indexOf('#');
      const body = hash >= 0 ? content.slice(0, hash) : content;
      const tokens = tokenize(body);
      if (tokens.length === 0) continue;
      const [kindTok, ...rest] = tokens;
      const kindValue = kindTok.text.toUpperCase() as AbstractKind;
      const lineRangeAll = lineRange(n, 0, content.length);
      if (!ABSTRACT_KINDS.includes(kindValue)) {
        this.error(
          'unknown-abstract-entry',
          'chart.syntax',
          `Unknown abstract entry "${kindTok.text}": lines start with PDX, ADX, SDX or PROC.`,
          lineRange(n, kindTok.start, kindTok.start + kindTok.text.length),
        );
        continue;
      }
      const entry: AbstractLine = {
        kind: this.located(n, kindTok.start, kindValue, kindTok.text.length) as Located<AbstractKind>,
        code: null,
        written: null,
        range: lineRangeAll,
      };
      if (hash >= 0) {
        entry.comment = this.located(n, hash + 1, content.slice(hash + 1).trim(), content.length - hash - 1);
        const reason = /^\s*reason\s*:\s*/i.exec(content.slice(hash + 1));
        if (reason) {
          const from = hash + 1 + reason[0].length;
          const text = content.slice(from).trimEnd();
          if (text !== '') entry.reason = this.located(n, from, text);
        }
      }
      const [codeTok, extraTok, ...tooMany] = rest;
      if (!codeTok) {
        this.error('missing-code', 'chart.syntax', `${kindValue} needs a code.`, entry.kind.range);
      } else if (!/^[A-Za-z0-9.]+$/.test(codeTok.text)) {
        this.error(
          'invalid-code-format',
          'chart.syntax',
          `"${codeTok.text}" is not a code: codes are letters and digits, with an optional dot.`,
          lineRange(n, codeTok.start, codeTok.start + codeTok.text.length),
        );
      } else {
        entry.code = this.located(n, codeTok.start, normalizeWrittenCode(codeTok.text), codeTok.text.length);
        entry.written = codeTok.text;
      }
      if (extraTok) {
        const at = lineRange(n, extraTok.start, extraTok.start + extraTok.text.length);
        if (kindValue === 'PROC') {
          if (isValidDate(extraTok.text)) entry.date = { value: extraTok.text, range: at };
          else this.error('invalid-date', 'chart.syntax', `A PROC line takes a procedure date YYYY-MM-DD; got "${extraTok.text}".`, at);
        } else if (kindValue === 'ADX') {
          this.error('unexpected-token', 'chart.syntax', `ADX takes only a code; "${extraTok.text}" is extra.`, at);
        } else if ((POA_VALUES as readonly string[]).includes(extraTok.text.toUpperCase())) {
          entry.poa = { value: extraTok.text.toUpperCase(), range: at };
        } else {
          this.error('invalid-poa', 'chart.syntax', `POA must be one of Y, N, U, W, 1; got "${extraTok.text}".`, at);
        }
      }
      for (const tok of tooMany) {
        this.error(
          'unexpected-token',
          'chart.syntax',
          `Unexpected "${tok.text}" on this ${kindValue} line (use # for a comment).`,
          lineRange(n, tok.start, tok.start + tok.text.length),
        );
      }
      lines.push(entry);
    }
    return { by, range: blockRange, bodyRange, lines, closed };
  }

  private parseQuery(start: number, bodyEnd: number, fence: RegExpExecArray, blockRange: Range, bodyRange: Range, closed: boolean): QueryBlock {
    const opening = this.line(start);
    const infoStart = opening.indexOf(fence[3]) + fence[3].indexOf('query') + 'query'.length;
    const attributes = this.parseAttributeList(start, opening, infoStart, opening.length);
    const query: QueryBlock = { attributes, question: [], options: [], range: blockRange, bodyRange, closed };
    for (const attr of attributes) {
      const key = attr.key.value;
      if (key === 'id') query.id = attr.value;
      else if (key === 'to') query.to = attr.value;
      else if (key === 'status') {
        if (QUERY_STATUS_VALUES.includes(attr.value.value as QueryStatus)) query.status = attr.value as Located<QueryStatus>;
        else
          this.error(
            'invalid-query-status',
            'chart.syntax',
            `Query status must be one of ${QUERY_STATUS_VALUES.join(', ')}; got "${attr.value.value}".`,
            attr.value.range,
          );
      } else this.error('unknown-query-key', 'chart.syntax', `Unknown query attribute \`${key}\` (known: id, to, status).`, attr.key.range);
    }
    if (!query.id)
      this.error('query-without-id', 'chart.syntax', 'A query needs an id: ```query id=Q1 to="Dr. …" status=open', lineRange(start, 0, opening.length));
    for (let n = start + 1; n < bodyEnd; n++) {
      const content = this.line(n);
      if (content.trim() === '') continue;
      if (/^\s*<!--/.test(content)) {
        this.parseSuppressions(n, content);
        continue;
      }
      const option = /^(\s*)- (.*)$/.exec(content);
      const answer = /^(\s*)answer:\s*(.*)$/i.exec(content);
      if (option) query.options.push(this.located(n, option[1].length + 2, option[2]));
      else if (answer) query.answer = this.located(n, content.length - answer[2].length, answer[2]);
      else query.question.push(this.located(n, content.length - content.trimStart().length, content.trim()));
    }
    return query;
  }
}

function missingMessage(key: 'age' | 'sex' | 'discharged'): string {
  switch (key) {
    case 'age':
      return 'The header has no `age`: the MCE age edits and grouping need it.';
    case 'sex':
      return 'The header has no `sex` (M, F or U): grouping needs it.';
    case 'discharged':
      return 'The header has no `discharged` date: it picks the code-table release; the newest release is used meanwhile.';
  }
}

/** A `#` comment in a header line (not inside the value of a key such as `encounter: #12`). */
function stripComment(content: string): string {
  const m = /(^|\s)#/.exec(content);
  return m ? content.slice(0, m.index) : content;
}

/** Index of the `]` closing a span opened just before `from`, on the same line; -1 when none. */
function findSpanEnd(content: string, from: number): number {
  let depth = 0;
  for (let i = from; i < content.length; i++) {
    const c = content[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    } else if (c === '{' && depth === 0 && startsAttributeList(content, i)) return -1;
  }
  return -1;
}

/**
 * Where an attribute list ends: at its `}` (closed), or, when unclosed, where the next annotation
 * starts or at the end of the line. Quoted values may hold `}` and `[`.
 */
function findAttributesEnd(content: string, from: number): { at: number; closed: boolean } {
  let quoted = false;
  for (let i = from; i < content.length; i++) {
    const c = content[i];
    if (c === '"') quoted = !quoted;
    else if (c === '}' && !quoted) return { at: i, closed: true };
    else if (c === '[' && !quoted) return { at: i, closed: false };
  }
  return { at: content.length, closed: false };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0xfeff;
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** `{` followed by optional spaces, a lower-case key and `=`: the start of an attribute list. */
function startsAttributeList(content: string, i: number): boolean {
  let j = i + 1;
  while (j < content.length && isSpace(content.charCodeAt(j))) j++;
  const keyStart = j;
  while (j < content.length && content.charCodeAt(j) >= 97 && content.charCodeAt(j) <= 122) j++;
  if (j === keyStart) return false;
  while (j < content.length && isSpace(content.charCodeAt(j))) j++;
  return content[j] === '=';
}

function tokenize(s: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push({ text: m[0], start: m.index });
  return out;
}
