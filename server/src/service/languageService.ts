// The language service: one object per workspace that holds the tables and settings and answers
// every feature for a chart text. Both faces use it: the LSP layer (server/src/lsp) and the CLI.
// It keeps the last parse per document so hover and completion after a diagnostics run are free.
import type { ChartDocument, Position, Range } from '../chart/model';
import { codeActions, type CodeActionData } from './features/codeActions';
import { parseChart } from '../chart/parse';
import type { Finding, ServiceContext, Settings } from './context';
import { computeFindings, findingSteps } from './features/diagnostics';
import { documentSymbols, foldingRanges, type FoldingRangeData, type SymbolData } from './features/symbols';
import { hover, type HoverData } from './features/hover';
import { chartRelease, type ChartRelease } from './release';
import { loadCptTable } from '../tables/cpt';
import { drgAnalysisMarkdown, drgCodeLenses, drgInlayHints, drgSetting, type CodeLensData, type InlayHintData } from './features/drg';
import { currentDrg } from '../grouper/impact';
import { SearchEngine, type SearchOptions, type SearchResult } from '../search/engine';
import { complete, type CompletionItemData } from './features/completion';

export class LanguageService {
  private readonly parsed = new Map<string, { text: string; chart: ChartDocument }>();

  constructor(readonly ctx: ServiceContext) {}

  private cptTableLoaded: string | null = null;

  /** Applies new settings; returns problems to show the user (e.g. bad rows of the CPT table). */
  updateSettings(settings: Settings): string[] {
    this.ctx.settings = settings;
    const problems: string[] = [];
    if (settings.cptTable && settings.cptTable !== this.cptTableLoaded && this.ctx.tables?.setCptTable) {
      try {
        const cpt = loadCptTable(settings.cptTable);
        this.ctx.tables.setCptTable(cpt.codes, settings.cptTable);
        problems.push(...cpt.problems);
      } catch (e) {
        problems.push((e as Error).message);
      }
      this.cptTableLoaded = settings.cptTable;
    }
    return problems;
  }

  /** The parse of a document's current text (cached per document key, e.g. its URI). */
  chart(key: string, text: string): ChartDocument {
    const hit = this.parsed.get(key);
    if (hit && hit.text === text) return hit.chart;
    const chart = parseChart(text);
    this.parsed.set(key, { text, chart });
    return chart;
  }

  forget(key: string): void {
    this.parsed.delete(key);
  }

  findings(key: string, text: string): Finding[] {
    return computeFindings(this.chart(key, text), this.ctx);
  }

  /** `findings` one rule per step, for a caller that yields between steps (see findingSteps). */
  findingSteps(key: string, text: string): Generator<string, Finding[]> {
    return findingSteps(this.chart(key, text), this.ctx);
  }

  symbols(key: string, text: string): SymbolData[] {
    return documentSymbols(this.chart(key, text));
  }

  folding(key: string, text: string): FoldingRangeData[] {
    return foldingRanges(this.chart(key, text));
  }

  hover(key: string, text: string, position: Position): HoverData | null {
    return hover(this.chart(key, text), position, this.ctx);
  }

  codeLenses(key: string, text: string): CodeLensData[] {
    return drgCodeLenses(this.chart(key, text), this.ctx);
  }

  inlayHints(key: string, text: string): InlayHintData[] {
    return drgInlayHints(this.chart(key, text), this.ctx);
  }

  /** "291 · RW 1.2838" for the status bar (the client labels it MS-DRG), or null when the chart cannot be grouped. */
  currentDrg(key: string, text: string): string | null {
    const chart = this.chart(key, text);
    const s = drgSetting(chart, this.ctx);
    if ('reason' in s) return null;
    const o = currentDrg(s.grouper, s.abstract, s.weightOf);
    return `${o.drg}${o.weight !== null ? ` · RW ${o.weight.toFixed(4)}` : ''}`;
  }

  drgAnalysis(key: string, text: string): string {
    return drgAnalysisMarkdown(this.chart(key, text), this.ctx);
  }

  private engine: SearchEngine | null = null;
  /** Why the search engine could not be read (a damaged or missing index), once. */
  searchEngineError: string | null = null;

  /** The code search engine, read from the index `npm run tables` prebuilt (tens of ms, once); null without tables or index. */
  searchEngine(): SearchEngine | null {
    if (!this.engine && this.searchEngineError === null && this.ctx.tables) {
      try {
        this.engine = new SearchEngine(this.ctx.tables);
      } catch (e) {
        this.searchEngineError = (e as Error).message;
      }
    }
    return this.engine;
  }

  search(query: string, options: SearchOptions): SearchResult[] {
    return this.searchEngine()?.search(query, options) ?? [];
  }

  completion(key: string, text: string, position: Position): CompletionItemData[] {
    return complete(this.chart(key, text), position, this.ctx, this.searchEngine());
  }

  /** Quick fixes for the findings that overlap `range` (suppressed ones excluded). */
  codeActions(key: string, text: string, range: Range): CodeActionData[] {
    const chart = this.chart(key, text);
    const findings = computeFindings(chart, this.ctx).filter((f) => !f.suppressed);
    return codeActions(chart, range, findings, this.ctx);
  }

  release(key: string, text: string): ChartRelease | null {
    return this.ctx.tables ? chartRelease(this.chart(key, text), this.ctx.tables) : null;
  }
}
