// Plain service data → LSP shapes. The only other file besides main.ts that knows LSP.
import {
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  type Diagnostic,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../service/context';
import type { FoldingRangeData, SymbolData } from '../service/features/symbols';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, docsBase: string | null): Diagnostic {
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: docsBase ? { href: `${docsBase}/${f.rule}.md` } : undefined,
    source: 'chartcoder',
    message: f.message,
    data: f.data,
  };
}

const SYMBOL_KIND: Record<SymbolData['kind'], SymbolKind> = {
  header: SymbolKind.Object,
  section: SymbolKind.String,
  abstract: SymbolKind.Array,
  'abstract-line': SymbolKind.Field,
  query: SymbolKind.Event,
  results: SymbolKind.Number,
};

export function toDocumentSymbol(s: SymbolData): DocumentSymbol {
  return DocumentSymbol.create(s.name, s.detail, SYMBOL_KIND[s.kind], s.range, s.selectionRange, s.children.map(toDocumentSymbol));
}

export function toFoldingRange(f: FoldingRangeData): FoldingRange {
  return FoldingRange.create(f.startLine, f.endLine, undefined, undefined, f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region);
}
