// Plain service data → LSP shapes.
import {
  CompletionItemKind,
  InsertTextFormat,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SymbolKind,
  type CompletionList,
  type Diagnostic,
  type Hover,
} from 'vscode-languageserver/node';
import type { Finding, Severity } from '../service/context';
import type { FoldingRangeData, SymbolData } from '../service/features/symbols';
import type { HoverData } from '../service/features/hover';
import type { CompletionItemData } from '../service/features/completion';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, docsBase: string | null, uri?: string): Diagnostic {
  return {
    ...(uri && f.related?.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) } : {}),
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

export function toHover(h: HoverData): Hover {
  return { contents: { kind: 'markdown', value: h.markdown }, range: h.range };
}

const COMPLETION_KIND: Record<CompletionItemData['kind'], CompletionItemKind> = {
  code: CompletionItemKind.Value,
  header: CompletionItemKind.Folder,
  'seventh-character': CompletionItemKind.EnumMember,
  'pcs-character': CompletionItemKind.EnumMember,
  notice: CompletionItemKind.Text,
};

/** `snippets`: the client takes snippets (else an item that asks for the POA inserts the bare code). */
export function toCompletionList(items: CompletionItemData[], snippets = true): CompletionList {
  return {
    isIncomplete: true, // the list depends on what is typed: ask again on the next keystroke
    items: items.map((i) => ({
      label: i.label,
      labelDetails: { detail: i.badge ? ` ${i.badge}` : undefined, description: i.title },
      kind: COMPLETION_KIND[i.kind],
      detail: i.detail,
      sortText: i.sortText,
      filterText: i.filterText,
      textEdit: { range: i.range, newText: i.insertTextFormat === 'snippet' && !snippets ? i.label : i.insertText },
      insertTextFormat: i.insertTextFormat === 'snippet' && snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      // A header: accepting it asks for completion again (VS Code's command; other clients ignore it).
      command: i.retrigger ? { title: 'codes below', command: 'editor.action.triggerSuggest' } : undefined,
    })),
  };
}
