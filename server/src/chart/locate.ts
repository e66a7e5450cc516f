// What is under the cursor: a code in an annotation or on an abstract line, a header field,
// a suppression's rule id. Shared by hover, completion and code actions.
import {
  allAbstracts,
  type AbstractLine,
  type Annotation,
  type ChartDocument,
  type CodeRef,
  type CodeSystem,
  type HeaderField,
  type Position,
  type Suppression,
} from './model';
import { containsPosition } from './text';

export type CodeSite =
  { kind: 'annotation'; ref: CodeRef; annotation: Annotation; system: CodeSystem } | { kind: 'abstract'; line: AbstractLine; system: CodeSystem };

export function systemOfKey(key: CodeRef['key']): CodeSystem {
  switch (key) {
    case 'pcs':
      return 'icd10pcs';
    case 'hcpcs':
      return 'hcpcs';
    case 'cpt':
      return 'cpt';
    default:
      return 'icd10cm'; // dx and ind name diagnosis codes
  }
}

export function systemOfAbstractLine(line: AbstractLine): CodeSystem {
  return line.kind.value === 'PROC' ? 'icd10pcs' : 'icd10cm';
}

export function codeAt(chart: ChartDocument, position: Position): CodeSite | null {
  for (const a of chart.annotations) {
    if (a.range.start.line !== position.line) continue;
    for (const ref of a.codes) if (containsPosition(ref.range, position)) return { kind: 'annotation', ref, annotation: a, system: systemOfKey(ref.key) };
  }
  const abs = allAbstracts(chart).find((b) => containsPosition(b.range, position));
  const line = abs?.lines.find((l) => l.range.start.line === position.line);
  if (line?.code && containsPosition(line.code.range, position)) return { kind: 'abstract', line, system: systemOfAbstractLine(line) };
  return null;
}

export function headerFieldAt(chart: ChartDocument, position: Position): HeaderField | null {
  return chart.header?.fields.find((f) => f.range.start.line === position.line) ?? null;
}

export function suppressionAt(chart: ChartDocument, position: Position): Suppression | null {
  return chart.suppressions.find((s) => containsPosition(s.range, position)) ?? null;
}
