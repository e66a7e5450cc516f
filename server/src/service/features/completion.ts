// Completion of codes in a chart: inside `{dx=…}`, `{pcs=…}`, `{hcpcs=…}`, `{cpt=…}`, `{ind=…}`
// (after a comma for the next code too) and on abstract lines (PDX/ADX/SDX → ICD-10-CM, PROC →
// ICD-10-PCS). In an annotation with nothing typed yet, the annotated words are the query. Codes
// valid on the chart's discharge date are offered (a typed code of another release comes last,
// saying so; codes that fail the patient's MCE age/sex edits come after the rest, ./patientFit.ts);
// a diagnosis code goes in with its POA as a snippet choice (./abstractLine.ts); a header re-triggers completion for its
// children, and a code that takes a 7th character offers the valid ones with their meanings. On a
// PCS code prefix (`PROC 02R`, `{pcs=02RF3`) the items are the code builder's next characters.
import { allAbstracts, type ChartDocument, type Position, type Range } from '../../chart/model';
import type { ServiceContext } from '../context';
import type { CodeFacts, CodeSystem } from '../../tables/types';
import type { SearchEngine, SearchResult } from '../../search/engine';
import { chartRelease, type ChartRelease } from '../release';
import { normalizeCode } from '../../base/codes';
import { lineText, indexLines } from '../../chart/text';
import { patientConcern, rankForPatient } from './patientFit';
import { abstractColumns, choiceSnippet, padTo, poaChoicesFor } from './abstractLine';

export interface CompletionItemData {
  label: string; // dotted code
  display: string; // dotted code (the same as label: kept for clients that show label differently)
  title: string;
  detail: string;
  /** notice: not a code — what the search says about the query ("no code matches 'xyz'"); accepting it leaves the text as typed. */
  kind: 'code' | 'header' | 'seventh-character' | 'pcs-character' | 'notice';
  billable: boolean;
  badge?: 'CC' | 'MCC';
  insertText: string;
  /** `snippet`: insertText is a snippet (the POA choice after a diagnosis code); else plain text. */
  insertTextFormat?: 'plain' | 'snippet';
  range: Range; // the text the item replaces (what was typed of the code)
  sortText: string;
  filterText: string;
  /** A header: accepting it asks for completion again, to pick a code below it. */
  retrigger: boolean;
}

export interface CompletionContext {
  system: CodeSystem;
  /** The part of the code typed so far, and its range. */
  typed: string;
  range: Range;
  /** What to search for: the typed text, or the annotated span when nothing is typed. */
  query: string;
  /**
   * Where a diagnosis code going in should be followed by its POA (asked as a snippet choice):
   * `line` on a PDX/SDX line with nothing after the cursor, `attribute` in a `{dx=…}` with no
   * `poa=` yet; absent where no POA belongs (PROC, ADX, a POA already written).
   */
  poa?: 'line' | 'attribute';
}

const KEY_SYSTEM: Record<string, CodeSystem> = { dx: 'icd10cm', ind: 'icd10cm', pcs: 'icd10pcs', hcpcs: 'hcpcs', cpt: 'cpt' };
const LINE_SYSTEM: Record<string, CodeSystem> = { PDX: 'icd10cm', ADX: 'icd10cm', SDX: 'icd10cm', PROC: 'icd10pcs' };

/** Where a code is being typed at `position`, or null when the cursor is not at a code. */
export function completionContext(chart: ChartDocument, requested: Position): CompletionContext | null {
  const lines = indexLines(chart.text);
  if (requested.line < 0 || requested.line >= lines.starts.length) return null;
  const text = lineText(chart.text, lines, requested.line);
  // A position past the end of its line (clients may send one) means the end of the line.
  const position = { line: requested.line, character: Math.min(Math.max(0, requested.character), text.length) };
  const before = text.slice(0, position.character);
  // Abstract line: PDX/ADX/SDX/PROC, then the code being typed.
  const inAbstract = allAbstracts(chart).some((a) => position.line > a.range.start.line && (position.line < a.range.end.line || !a.closed));
  if (inAbstract) {
    const m = /^\s*(PDX|ADX|SDX|PROC)\s+([A-Za-z0-9.]*)$/i.exec(before);
    if (!m) return null;
    const typed = m[2];
    const kind = m[1].toUpperCase();
    const poa = (kind === 'PDX' || kind === 'SDX') && text.slice(position.character).trim() === '' ? 'line' : undefined;
    return { system: LINE_SYSTEM[kind], typed, query: typed, range: lineRange(position, typed.length), poa };
  }
  // Annotation attribute value: `[span]{… key=VALUE,VAL|`.
  const open = before.lastIndexOf('{');
  if (open < 1 || before.lastIndexOf('}') > open || before[open - 1] !== ']') return null;
  const attr = /(?:^|\s)(dx|pcs|hcpcs|cpt|ind)=([A-Za-z0-9.,]*)$/.exec(before.slice(open + 1));
  if (!attr) return null;
  const typed = attr[2].slice(attr[2].lastIndexOf(',') + 1);
  const spanStart = before.lastIndexOf('[', open);
  const span = spanStart >= 0 ? before.slice(spanStart + 1, open - 1) : '';
  // The POA goes in with the code unless the annotation has one or another code follows (`,J96.01`).
  const after = text.slice(position.character);
  const close = after.indexOf('}');
  const attributes = before.slice(open + 1) + (close >= 0 ? after.slice(0, close) : after);
  const poa = attr[1] === 'dx' && !/(?:^|\s)poa=/.test(attributes) && /^(?:\s|\}|$)/.test(after) ? 'attribute' : undefined;
  return { system: KEY_SYSTEM[attr[1]], typed, query: typed || span, range: lineRange(position, typed.length), poa };
}

function lineRange(p: Position, typedLength: number): Range {
  return { start: { line: p.line, character: p.character - typedLength }, end: p };
}

/** Completion items at `position`; `chosen` is the chart's release when the caller has it (ChartAnalysis). */
export function complete(
  chart: ChartDocument,
  position: Position,
  ctx: ServiceContext,
  engine: SearchEngine | null,
  limit = 30,
  chosen?: ChartRelease | null,
): CompletionItemData[] {
  const c = completionContext(chart, position);
  if (!c || !ctx.tables || !engine) return [];
  const tables = ctx.tables;
  const release = chosen ?? chartRelease(chart, tables);
  let results: SearchResult[];
  let notices: string[] = [];
  if (c.query.trim() === '') {
    results = annotatedCodesForAbstract(chart, c.system, tables, release.date);
  } else {
    ({ results, notices } = engine.find(c.query, { system: c.system, date: release.date, limit }));
  }
  const version = release.release?.msdrgVersion?.replace(/^V/, '') ?? null;
  const typedIsCode = /^[A-Za-z0-9.]+$/.test(c.typed) && c.typed !== '';
  const columns = c.poa === 'line' ? abstractColumns(chart) : null;
  /** The text a billable diagnosis code goes in with: the code, then its POA as a snippet choice. */
  const withPoa = (display: string, code: string): string => {
    const choice = choiceSnippet(poaChoicesFor(chart, tables, code, release.date));
    return c.poa === 'line' ? `${display}${padTo(c.range.start.character + display.length, columns!.third)}${choice}` : `${display} poa=${choice}`;
  };
  const items = results.map((r, i): CompletionItemData => {
    const entry = tables.lookup(r.code, release.date, r.system);
    const details = entry.kind === 'valid' ? entry.entry : null;
    const seventh = details?.seventhCharacter && r.code.length === 7 && r.system === 'icd10cm' ? details.seventhCharacter.values[r.code[6]] : undefined;
    const severity = version && r.system === 'icd10cm' ? ctx.grouper?.dxInfo(r.code, version)?.severity : undefined;
    const badge = severity === 'CC' || severity === 'MCC' ? severity : undefined;
    // The PCS code builder: a partial code is the next character's value, its meaning and the codes below it.
    const step = r.builder && !r.billable ? r.builder : undefined;
    const kind: CompletionItemData['kind'] = step
      ? 'pcs-character'
      : !r.billable
        ? 'header'
        : seventh && typedIsCode && normalizeCode(c.typed).length >= 6
          ? 'seventh-character'
          : 'code';
    const poaSnippet = c.poa && r.billable && r.system === 'icd10cm';
    const detailParts = step
      ? [
          `character ${step.position}, ${step.axis}: ${step.meaning ?? '(not named in the titles)'} — ${step.codes} code${step.codes === 1 ? '' : 's'}, pick the next character`,
        ]
      : [
          r.billable ? (badge ?? '') : 'header — pick a code below it',
          seventh ? `7th character ${r.code[6]}: ${seventh}` : '',
          r.builder ? `character ${r.builder.position}, ${r.builder.axis}: ${r.builder.meaning ?? '?'}` : '',
        ].filter(Boolean);
    return {
      label: r.display,
      display: r.display,
      title: r.title,
      detail: step ? detailParts[0] : detailParts.length ? `${detailParts.join(' · ')} — ${r.title}` : r.title,
      kind,
      billable: r.billable,
      badge,
      insertText: poaSnippet ? withPoa(r.display, r.code) : r.display,
      insertTextFormat: poaSnippet ? 'snippet' : 'plain',
      range: c.range,
      sortText: String(i).padStart(4, '0'),
      // The client filters items by what was typed: for a word query, the typed words must match.
      filterText: typedIsCode && /^[A-Za-z]\d|^\d/.test(c.typed) ? r.display : c.typed || r.display,
      retrigger: !r.billable,
    };
  });
  // Codes that fail the patient's MCE age/sex edits go after the rest, the reason first in their detail.
  const patient = { age: chart.header?.age ?? null, sex: chart.header?.sex ?? null };
  const systemOf = new Map(results.map((r) => [r.display, r.system]));
  const ranked = rankForPatient(items, (i) =>
    i.kind === 'pcs-character' ? null : patientConcern(tables, normalizeCode(i.label), systemOf.get(i.label) ?? c.system, release.date, patient),
  );
  items.splice(
    0,
    items.length,
    ...ranked.map(({ item, concern }, i) => ({
      ...item,
      detail: concern ? `⚠ ${concern} — ${item.detail}` : item.detail,
      sortText: String(i).padStart(4, '0'),
    })),
  );
  // A typed code of another release (not valid on the discharge date): offered last, saying so — never hidden.
  if (typedIsCode && !items.some((i) => normalizeCode(i.label) === normalizeCode(c.typed))) {
    const other = tables.lookup(normalizeCode(c.typed), release.date, c.system);
    if (other.kind === 'not-on-date') {
      const display = c.typed.toUpperCase();
      items.push({
        label: display,
        display,
        title: '',
        detail: `⚠ not valid on the discharge date (${other.release.label}); it is in ${other.releases.join(', ')}`,
        kind: 'code',
        billable: false,
        insertText: display,
        insertTextFormat: 'plain',
        range: c.range,
        sortText: String(items.length).padStart(4, '0'),
        filterText: display,
        retrigger: false,
      });
    }
  }
  // What matched nothing is said in the list, after the codes (or alone): never a silent empty list.
  for (const [k, notice] of notices.entries()) {
    items.push({
      label: notice,
      display: notice,
      title: notice,
      detail: 'ChartCoder search: no code or vocabulary term has this word',
      kind: 'notice',
      billable: false,
      insertText: c.typed,
      range: c.range,
      sortText: `9${String(k).padStart(3, '0')}`,
      filterText: c.typed || notice,
      retrigger: false,
    });
  }
  return items;
}

/** On an empty abstract line: the codes annotated in the note that the abstract does not carry yet. */
function annotatedCodesForAbstract(chart: ChartDocument, system: CodeSystem, tables: CodeFacts, date: string): SearchResult[] {
  if (!chart.abstract) return [];
  const reported = new Set(chart.abstract.lines.map((l) => l.code?.value).filter(Boolean));
  const out: SearchResult[] = [];
  for (const a of chart.annotations) {
    if (a.status === 'ruled-out') continue;
    for (const ref of a.codes) {
      const sys = ref.key === 'pcs' ? 'icd10pcs' : ref.key === 'dx' ? 'icd10cm' : null;
      if (sys !== system || reported.has(ref.code) || out.some((o) => o.code === ref.code)) continue;
      const r = tables.lookup(ref.code, date, sys);
      if (r.kind !== 'valid') continue;
      out.push({ code: r.entry.code, display: r.entry.display, title: r.entry.title ?? '', billable: r.entry.billable, system: sys, score: 1 });
    }
  }
  return out;
}
