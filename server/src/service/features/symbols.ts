// The outline (document symbols) and folding ranges of a chart: header, sections (nested by
// heading level), the abstract with its lines, and the queries with their status and the condition asked about.
import { allAbstracts, type ChartDocument, type Range } from '../../chart/model';
import { trackQueries } from './queries';

export type SymbolKind = 'header' | 'section' | 'abstract' | 'abstract-line' | 'query' | 'results';

export interface SymbolData {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: SymbolData[];
}

export function documentSymbols(chart: ChartDocument): SymbolData[] {
  const top: SymbolData[] = [];
  const h = chart.header;
  if (h) {
    const detail = [h.age !== undefined ? `${h.age} y` : null, h.sex, h.discharged ? `discharged ${h.discharged}` : null].filter(Boolean).join(' · ');
    top.push({ name: h.encounter ? `Encounter ${h.encounter}` : 'Encounter', detail, kind: 'header', range: h.range, selectionRange: h.range, children: [] });
  }
  const blocks: SymbolData[] = [];
  for (const a of allAbstracts(chart)) {
    blocks.push({
      name: a.by === 'auditor' ? "Auditor's abstract" : 'Abstract',
      detail: `${a.lines.filter((l) => l.kind.value === 'SDX').length} SDX, ${a.lines.filter((l) => l.kind.value === 'PROC').length} PROC`,
      kind: 'abstract',
      range: a.range,
      selectionRange: { start: a.range.start, end: a.range.start },
      children: a.lines.map((l) => ({
        name: `${l.kind.value} ${l.written ?? '?'}`,
        detail: l.poa?.value ?? l.date?.value,
        kind: 'abstract-line' as const,
        range: l.range,
        selectionRange: l.code?.range ?? l.kind.range,
        children: [],
      })),
    });
  }
  for (const r of chart.results) {
    const names = new Set(r.entries.map((e) => e.name.value.toLowerCase()));
    blocks.push({
      name: 'Results',
      detail: `${r.entries.length} value${r.entries.length === 1 ? '' : 's'} · ${names.size} measurement${names.size === 1 ? '' : 's'}`,
      kind: 'results',
      range: r.range,
      selectionRange: { start: r.range.start, end: r.range.start },
      children: [],
    });
  }
  const tracked = trackQueries(chart, '');
  chart.queries.forEach((q, i) => {
    const t = tracked[i];
    blocks.push({
      name: `Query ${q.id?.value ?? '(no id)'}`,
      // The status first (inferred when the block has none: a recorded answer makes it answered), then whom and what.
      detail: [q.status?.value ?? `${t.status} (no status)`, q.to?.value, t.condition].filter(Boolean).join(' · '),
      kind: 'query',
      range: q.range,
      selectionRange: { start: q.range.start, end: q.range.start },
      children: [],
    });
  });
  // Nest sections by level; put blocks inside the innermost section that contains them.
  const stack: { level: number; symbol: SymbolData }[] = [];
  const sectionSymbols: SymbolData[] = [];
  for (const s of chart.sections) {
    const symbol: SymbolData = {
      name: s.title.value || '(untitled section)',
      detail: s.author ? `author ${s.author.value}` : undefined,
      kind: 'section',
      range: s.range,
      selectionRange: s.title.range,
      children: [],
    };
    while (stack.length && stack[stack.length - 1].level >= s.level) stack.pop();
    (stack.length ? stack[stack.length - 1].symbol.children : sectionSymbols).push(symbol);
    stack.push({ level: s.level, symbol });
  }
  for (const b of blocks) {
    const parent = innermostContaining(sectionSymbols, b.range);
    (parent ? parent.children : top).push(b);
    if (parent) parent.children.sort((x, y) => x.range.start.line - y.range.start.line);
  }
  return [...top, ...sectionSymbols].sort((x, y) => x.range.start.line - y.range.start.line);
}

function innermostContaining(symbols: SymbolData[], r: Range): SymbolData | null {
  for (const s of symbols) {
    if (s.range.start.line <= r.start.line && r.end.line <= s.range.end.line) {
      return (
        innermostContaining(
          s.children.filter((c) => c.kind === 'section'),
          r,
        ) ?? s
      );
    }
  }
  return null;
}

export interface FoldingRangeData {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment';
}

export function foldingRanges(chart: ChartDocument): FoldingRangeData[] {
  const out: FoldingRangeData[] = [];
  const add = (start: number, end: number, kind?: FoldingRangeData['kind']) => {
    if (end > start) out.push({ startLine: start, endLine: end, kind });
  };
  if (chart.header) add(chart.header.range.start.line, chart.header.range.end.line);
  const lines = chart.sections.length ? chart.text.split(/\r\n|\r|\n/) : [];
  for (const s of chart.sections) {
    // Fold up to the last non-blank line of the section, as Markdown editors do.
    let end = s.range.end.line;
    while (end > s.range.start.line && (lines[end] ?? '').trim() === '') end--;
    add(s.range.start.line, end);
  }
  for (const a of allAbstracts(chart)) add(a.range.start.line, a.range.end.line);
  for (const r of chart.results) add(r.range.start.line, r.range.end.line);
  for (const q of chart.queries) add(q.range.start.line, q.range.end.line);
  return out.sort((a, b) => a.startLine - b.startLine);
}
