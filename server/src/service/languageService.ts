// The language service: one object per workspace that holds the tables and settings and answers
// every feature for a chart. Both faces use it: the LSP layer (server/src/lsp) and the CLI.
//
// A chart is given as a ChartInput: its URI, its version, its text and its settings. The service
// keeps, per document, the parse and the ChartAnalysis of the current version (analysis.ts): the
// release, the grouping and the findings are computed once per version and shared by hover, code
// lens, inlay hints, code actions, the DRG analysis and the status bar. A new version, other
// settings, or a change of the workspace settings (a new CPT table) starts a fresh analysis.
import type { ChartDocument, Position, Range } from '../chart/model';
import { codeActions, type CodeActionData } from './features/codeActions';
import { parseChart } from '../chart/parse';
import type { Finding, ServiceContext, Settings } from './context';
import { documentSymbols, foldingRanges, type FoldingRangeData, type SymbolData } from './features/symbols';
import { hover, type HoverData } from './features/hover';
import type { ChartRelease } from './release';
import { loadCptTable } from '../tables/cpt';
import { drgAnalysisMarkdown, drgCodeLenses, drgInlayHints, type CodeLensData, type InlayHintData } from './features/drg';
import { drgSetting } from './../drg/setting';
import { currentDrg } from '../grouper/impact';
import { SearchEngine, type SearchOptions, type SearchResult } from '../search/engine';

/** A line of the Search Codes list that is not a code: what the search has to say about the query ("no code matches 'xyz'"). */
export interface SearchNotice {
  code: '';
  display: '';
  title: string;
  billable: false;
  system: 'notice';
  score: 0;
}
import { complete, type CompletionItemData } from './features/completion';
import { rankSearchHits, type CodeSearchHit } from './features/searchCodes';
import { ChartAnalysis } from './analysis';
import { auditCodeActions, auditCodeLenses, type AuditLensData } from './features/audit';
import { chartSummary, quickChartSummary, summaryText, type ChartSummary } from './features/chartSummary';
import { statusEdits, type HeaderEdit } from './features/chartStatus';

/** One version of a chart, as the service is asked about it. */
export interface ChartInput {
  /** The document's key: its URI in the editor, its path in the CLI. */
  uri: string;
  /** Changes with every edit (the editor's document version; the CLI reads each file once). */
  version: number;
  text: string;
  /** This document's settings (see settings.ts: defaults, its .chartcoder.json, the editor's); default: the service's. */
  settings?: Settings;
}

/** A ChartInput of `text` under the key `uri` (tests and one-shot callers; the editor passes its document versions). */
export function chartInput(uri: string, text: string, version = 0): ChartInput {
  return { uri, version, text };
}

/** What the status bar shows for a chart. */
export interface StatusData {
  /** The release the chart is checked against, e.g. "FY2026 (Oct 2025)". */
  release: string;
  releaseWarning?: string;
  /** "291 · RW 1.2838" (the client labels it MS-DRG); absent when the chart cannot be grouped. */
  drg?: string;
}

interface DocumentState {
  version: number;
  text: string;
  chart: ChartDocument;
  settings: Settings;
  generation: number;
  analysis: ChartAnalysis;
}

export class LanguageService {
  private readonly documents = new Map<string, DocumentState>();
  /** Bumped when something every analysis depends on changes (the CPT table). */
  private generation = 0;
  private readonly contexts = new WeakMap<Settings, ServiceContext>();

  constructor(readonly ctx: ServiceContext) {}

  private cptTableLoaded: string | null = null;

  /**
   * Applies the workspace's settings (those of a chart given without its own) and loads the CPT
   * table they name; returns problems to show the user (e.g. bad rows of the CPT table).
   */
  updateSettings(settings: Settings): string[] {
    this.ctx.settings = settings;
    return this.useCptTable(settings.cptTable);
  }

  /** Loads the CPT table at `file` unless it is the one loaded; null keeps the current one. */
  useCptTable(file: string | null): string[] {
    const problems: string[] = [];
    if (file && file !== this.cptTableLoaded && this.ctx.tables?.setCptTable) {
      try {
        const cpt = loadCptTable(file);
        this.ctx.tables.setCptTable(cpt.codes, file);
        problems.push(...cpt.problems);
      } catch (e) {
        problems.push((e as Error).message);
      }
      this.cptTableLoaded = file;
      this.generation++; // findings and hovers of CPT codes change
    }
    return problems;
  }

  /** Everything derived from this version of the chart, computed on first use (see analysis.ts). */
  analysis(doc: ChartInput): ChartAnalysis {
    const settings = doc.settings ?? this.ctx.settings;
    let state = this.documents.get(doc.uri);
    if (!state || state.version !== doc.version || state.text !== doc.text) {
      const chart = state && state.text === doc.text ? state.chart : parseChart(doc.text);
      state = {
        version: doc.version,
        text: doc.text,
        chart,
        settings,
        generation: this.generation,
        analysis: new ChartAnalysis(chart, this.contextFor(settings)),
      };
      this.documents.set(doc.uri, state);
    } else if (state.settings !== settings || state.generation !== this.generation) {
      state.settings = settings;
      state.generation = this.generation;
      state.analysis = new ChartAnalysis(state.chart, this.contextFor(settings));
    }
    return state.analysis;
  }

  /** The service's context with other settings: the same tables (read through, so tables loaded on first use stay lazy). */
  private contextFor(settings: Settings): ServiceContext {
    if (settings === this.ctx.settings) return this.ctx;
    let ctx = this.contexts.get(settings);
    if (!ctx) {
      const base = this.ctx;
      ctx = new Proxy(base, {
        get: (target, key) => (key === 'settings' ? settings : Reflect.get(target, key)),
        getOwnPropertyDescriptor: (target, key) =>
          key === 'settings' ? { value: settings, enumerable: true, configurable: true, writable: true } : Reflect.getOwnPropertyDescriptor(target, key),
      });
      this.contexts.set(settings, ctx);
    }
    return ctx;
  }

  /** The parse of this version of the chart. */
  chart(doc: ChartInput): ChartDocument {
    return this.analysis(doc).chart;
  }

  forget(uri: string): void {
    this.documents.delete(uri);
  }

  /** Every finding, suppressed ones included (flagged). */
  findings(doc: ChartInput): Finding[] {
    return this.analysis(doc).findings();
  }

  /** `findings` one rule per step, for a caller that yields between steps (see findingSteps). */
  findingSteps(doc: ChartInput): Generator<string, Finding[]> {
    return this.analysis(doc).findingSteps();
  }

  symbols(doc: ChartInput): SymbolData[] {
    return documentSymbols(this.chart(doc));
  }

  folding(doc: ChartInput): FoldingRangeData[] {
    return foldingRanges(this.chart(doc));
  }

  hover(doc: ChartInput, position: Position): HoverData | null {
    return hover(this.analysis(doc), position);
  }

  codeLenses(doc: ChartInput): (CodeLensData | AuditLensData)[] {
    const a = this.analysis(doc);
    return [...drgCodeLenses(a), ...auditCodeLenses(a)];
  }

  inlayHints(doc: ChartInput): InlayHintData[] {
    return drgInlayHints(this.analysis(doc));
  }

  /** The release in use and the MS-DRG, for the status bar. */
  status(doc: ChartInput): StatusData {
    const a = this.analysis(doc);
    const release = a.release();
    const d = a.drg();
    return {
      release: release?.release?.label ?? (this.ctx.tablesError ? 'tables not loaded' : 'no release'),
      releaseWarning: release?.warning ?? this.ctx.tablesError ?? undefined,
      drg: 'reason' in d ? undefined : `${d.current.drg}${d.current.weight !== null ? ` · RW ${d.current.weight.toFixed(4)}` : ''}`,
    };
  }

  drgAnalysis(doc: ChartInput): string {
    return drgAnalysisMarkdown(this.analysis(doc));
  }

  /**
   * The MS-DRG of the chart's abstract (the coder's, or the auditor's), as the code lens groups it,
   * or why it cannot be grouped. Plain data for the export.
   */
  drgOf(
    doc: ChartInput,
    which: 'coder' | 'auditor' = 'coder',
  ): { drg: string; title: string | null; version: string; weight: number | null } | { reason: string } {
    const a = this.analysis(doc);
    if (which === 'coder') {
      const d = a.drg();
      if ('reason' in d) return d;
      return { drg: d.current.drg, title: d.current.title, version: d.setting.abstract.version, weight: d.current.weight };
    }
    const parsed = a.chart;
    if (!parsed.auditorAbstract) return { reason: "the chart has no auditor's abstract" };
    const s = drgSetting({ ...parsed, abstract: parsed.auditorAbstract }, this.ctx, a.release());
    if ('reason' in s) return s;
    const o = currentDrg(s.grouper, s.abstract, s.weightOf);
    return { drg: o.drg, title: o.title, version: s.abstract.version, weight: o.weight };
  }

  /** A code's title in the release of a discharge date (the newest without one), or undefined. */
  codeTitle(code: string, date: string | undefined, system: 'icd10cm' | 'icd10pcs'): string | undefined {
    const tables = this.ctx.tables;
    if (!tables) return undefined;
    const on = date ?? tables.releases[tables.releases.length - 1]?.start;
    if (!on) return undefined;
    const hit = tables.lookup(code, on, system);
    return hit.kind === 'valid' ? (hit.entry.title ?? undefined) : undefined;
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

  /**
   * The Search Codes list: the codes, then a notice line for what matched nothing (never an empty
   * list for a query the search could not read). With `chart`, the search uses its release, and the
   * codes carry their CC/MCC badge and go after the rest when they fail the patient's MCE age/sex edits.
   */
  searchCodes(query: string, options: SearchOptions, chart?: ChartInput): (CodeSearchHit | SearchNotice)[] {
    const engine = this.searchEngine();
    if (!engine) return [];
    const a = chart ? this.analysis(chart) : null;
    const release = a?.release() ?? null;
    const date = release?.date ?? options.date;
    const { results, notices } = engine.find(query, { ...options, date });
    const choice = !release && date && this.ctx.tables ? this.ctx.tables.releaseFor(date) : null;
    const msdrg = release?.release?.msdrgVersion ?? (choice && 'release' in choice ? choice.release.msdrgVersion : null);
    const version = msdrg ? msdrg.replace(/^V/, '') : null;
    const patient = a ? { age: a.chart.header?.age ?? null, sex: a.chart.header?.sex ?? null } : null;
    const hits = rankSearchHits(results, this.ctx, date, version, patient);
    return [...hits, ...notices.map((title): SearchNotice => ({ code: '', display: '', title, billable: false, system: 'notice', score: 0 }))];
  }

  completion(doc: ChartInput, position: Position): CompletionItemData[] {
    const a = this.analysis(doc);
    return complete(a.chart, position, a.ctx, this.searchEngine(), undefined, a.release());
  }

  /** Quick fixes for the findings that overlap `range` (suppressed ones excluded). */
  codeActions(doc: ChartInput, range: Range): CodeActionData[] {
    const a = this.analysis(doc);
    return [
      ...codeActions(
        a.chart,
        range,
        a.findings().filter((f) => !f.suppressed),
        a.ctx,
        a.release()?.date,
      ),
      ...auditCodeActions(a.chart, range),
    ];
  }

  release(doc: ChartInput): ChartRelease | null {
    return this.analysis(doc).release();
  }

  /**
   * The worklist line of a chart (features/chartSummary.ts); `counts` runs the rules unless they
   * have run for this version. A chart the service does not hold (a file the editor has not
   * open) is analysed without being kept.
   */
  chartSummary(doc: ChartInput, counts: boolean): ChartSummary {
    if (counts) return chartSummary(this.peek(doc));
    // Not held and no rules to run: the header and the blocks are all the quick summary reads.
    return quickChartSummary(this.documents.has(doc.uri) ? this.analysis(doc) : this.peek({ ...doc, text: summaryText(doc.text) }));
  }

  /** The header edits of "Set status" / "Mark coded" (features/chartStatus.ts). */
  statusEdits(doc: ChartInput, status: string, coded?: string): HeaderEdit {
    return statusEdits(this.peek(doc).chart, status, coded);
  }

  /** The analysis of a chart the service holds; of another, a fresh one that is not kept. */
  private peek(doc: ChartInput): ChartAnalysis {
    if (this.documents.has(doc.uri)) return this.analysis(doc);
    return new ChartAnalysis(parseChart(doc.text), this.contextFor(doc.settings ?? this.ctx.settings));
  }
}
