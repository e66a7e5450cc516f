// Quick fixes as plain data: each action is a set of text edits the user chooses to apply
// (nothing edits a chart silently). The LSP layer turns them into WorkspaceEdits.
// Fixes come from the `data` the rules attach to their findings (see the rule files), plus a
// "suppress with reason" action for every finding, which writes the spec's comment on the line
// before; its `command` lets the client ask for the reason and fill `${reason}` in.
import type { AbstractLine, ChartDocument, Position, Range } from '../../chart/model';
import type { Finding, ServiceContext } from '../context';
import { indexLines, lineText } from '../../chart/text';
import { lineEndingAt, suppressionEdit, type TextEditData } from '../edits';
import { systemOfAbstractLine, systemOfKey } from '../../chart/locate';
import { canonicalCode } from '../../rules/codeFormat';
import { normalizeCode } from '../../base/codes';
import { chartRelease } from '../release';
import { abstractColumns, isPoaExempt, padTo, poaChoices } from './abstractLine';

export type { TextEditData };

export interface CodeActionData {
  title: string;
  kind: 'quickfix' | 'source';
  isPreferred?: boolean;
  diagnosticRules: string[];
  edits: TextEditData[];
  /** For "suppress with reason": the client asks for the reason and replaces `${reason}` in the edit. */
  command?: { id: 'chartcoder.suppressWithReason'; args: [line: number, ruleId: string] };
  /**
   * After the edit, ask for the POA at `position` (the end of the inserted line, as the document
   * reads once the edit is applied; `padding` goes first) with these choices, likeliest first: an
   * "Add to abstract" of a diagnosis whose annotation gives no POA. A client that cannot ask leaves
   * the line without one (poa.missing then says so).
   */
  poaChoice?: { position: Position; padding: string; choices: string[] };
}

/** The placeholder a suppression edit carries until the client fills in the user's reason. */
export const REASON_PLACEHOLDER = '${reason}';

const MAX_CHOICES = 12;

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export function codeActions(chart: ChartDocument, range: Range, findings: Finding[], ctx?: ServiceContext, date?: string): CodeActionData[] {
  const out: CodeActionData[] = [];
  const lines = indexLines(chart.text);
  let formatDone = false;
  for (const f of findings) {
    if (!overlaps(f.range, range)) continue;
    const data = (f.data ?? {}) as Record<string, unknown> & { fix?: string };
    switch (data.fix) {
      case 'replace-code': {
        const cands = (data.candidates as { code: string; display: string; title: string | null; meaning?: string }[]) ?? [];
        // A 7th-character fix lists every valid character (16 for a fracture, sequela included), each with only its own meaning.
        const shown = cands.some((c) => c.meaning) ? cands : cands.slice(0, MAX_CHOICES);
        const label = (c: (typeof cands)[number]) => (c.meaning ? `${c.display} — ${c.meaning}` : `${c.display}${c.title ? ` ${c.title}` : ''}`);
        // The same code elsewhere in the chart (annotations and the abstract): one fix can change them all.
        const others = sameCodeRanges(chart, f.range).filter((r) => !overlaps(r, f.range));
        shown.forEach((c, i) => {
          const preferred = shown.length === 1 && i === 0;
          if (others.length) {
            out.push({
              title: `Replace with ${label(c)} — here and everywhere this code appears (${others.length + 1} places)`,
              kind: 'quickfix',
              isPreferred: preferred,
              diagnosticRules: [f.rule],
              edits: [f.range, ...others].map((range) => ({ range, newText: c.display })),
            });
          }
          out.push({
            title: `Replace with ${label(c)}${others.length ? ' — here only' : ''}`,
            kind: 'quickfix',
            isPreferred: preferred && !others.length,
            diagnosticRules: [f.rule],
            edits: [{ range: f.range, newText: c.display }],
          });
        });
        break;
      }
      case 'format':
        if (formatDone) break;
        formatDone = true;
        out.push({
          title: 'Write every code in standard form (dotted, upper case)',
          kind: 'quickfix',
          isPreferred: true,
          diagnosticRules: ['code.format'],
          edits: formatEdits(chart),
        });
        break;
      case 'combination': {
        const at = data.range as Range;
        const to = data.to as string | null;
        out.push(
          to
            ? {
                title: `Replace ${canonicalCode(data.from as string, 'icd10cm')} with the combination code ${to}`,
                kind: 'quickfix',
                isPreferred: true,
                diagnosticRules: [f.rule],
                edits: [{ range: at, newText: to }],
              }
            : {
                title: `Remove ${canonicalCode(data.from as string, 'icd10cm')}`,
                kind: 'quickfix',
                isPreferred: true,
                diagnosticRules: [f.rule],
                edits: [wholeLine(chart, lines, data.line as number)],
              },
        );
        break;
      }
      case 'add-to-abstract': {
        const abs = chart.abstract;
        if (!abs?.closed) break;
        const kind = data.kind as string;
        const third = String((kind === 'PROC' ? data.date : data.poa) ?? '');
        const fence = abs.range.end.line;
        // Lined up with the abstract's own columns (its most common code and POA/date starts).
        const columns = abstractColumns(chart);
        const head = `${kind}${padTo(kind.length, columns.code)}${String(data.display)}`;
        const body = third ? `${head}${padTo(head.length, columns.third)}${third}` : head;
        const action: CodeActionData = {
          title: `Add ${data.display} to the abstract${kind !== 'PROC' && data.poa ? ` (POA ${data.poa})` : ''}`,
          kind: 'quickfix',
          diagnosticRules: [f.rule],
          edits: [
            { range: { start: { line: fence, character: 0 }, end: { line: fence, character: 0 } }, newText: body + lineEndingAt(chart.text, lines, fence) },
          ],
        };
        // A diagnosis whose annotation gives no POA: the POA is asked right after the line goes in.
        if (kind !== 'PROC' && !third && ctx?.tables) {
          const choices = poaChoices(null, isPoaExempt(ctx.tables, String(data.code), date ?? chartRelease(chart, ctx.tables).date));
          action.poaChoice = { position: { line: fence, character: head.length }, padding: padTo(head.length, columns.third), choices };
          action.title = `Add ${data.display} to the abstract (then choose its POA)`;
        }
        out.push(action);
        break;
      }
      case 'draft-query': {
        // A CDI opportunity: insert the drafted ```query block at the end of the chart (a blank line before it).
        const query = data.query as string | undefined;
        if (!query) break;
        const last = lines.starts.length - 1;
        const end = { line: last, character: lineText(chart.text, lines, last).length };
        const eol = lineEndingAt(chart.text, lines, last);
        const before =
          lineText(chart.text, lines, last).trim() === '' ? (last > 0 && lineText(chart.text, lines, last - 1).trim() === '' ? '' : eol) : eol + eol;
        out.push({
          title: `Draft query: ${String(data.condition ?? f.rule).replace(/, not documented.*$|,? without .*$/i, '')} (${String(data.queryId ?? '')})`.replace(
            ' ()',
            '',
          ),
          kind: 'quickfix',
          isPreferred: true,
          diagnosticRules: [f.rule],
          edits: [{ range: { start: end, end }, newText: before + query.replace(/\n/g, eol) + eol }],
        });
        break;
      }
      case 'delete-line':
        out.push({
          title: String(data.title ?? 'Remove the duplicate line'),
          kind: 'quickfix',
          isPreferred: true,
          diagnosticRules: [f.rule],
          edits: [wholeLine(chart, lines, f.range.start.line)],
        });
        break;
      case 'set-poa':
        out.push({
          title: `Set POA to ${data.value}`,
          kind: 'quickfix',
          isPreferred: true,
          diagnosticRules: [f.rule],
          edits: [{ range: f.range, newText: String(data.value) }],
        });
        break;
      case 'swap-lines': {
        // Two diagnosis lines trade places: each takes the other's code and POA (seq.sepsis, seq.poisoning, seq.newborn).
        const a = chart.abstract?.lines.find((l) => l.range.start.line === (data.a as number));
        const b = chart.abstract?.lines.find((l) => l.range.start.line === (data.b as number));
        if (!a?.code || !b?.code || a === b) break;
        out.push({
          title: String(data.title ?? 'Swap the two lines'),
          kind: 'quickfix',
          isPreferred: data.preferred !== false,
          diagnosticRules: [f.rule],
          edits: [...swapEdits(a, b), ...swapEdits(b, a)],
        });
        break;
      }
      case 'make-principal': {
        // A documented code becomes the principal diagnosis; the old principal moves to a secondary line (seq.newborn).
        const abs = chart.abstract;
        const pdx = abs?.lines.find((l) => l.range.start.line === (data.line as number));
        if (!abs?.closed || !pdx?.code) break;
        const fence = abs.range.end.line;
        const moved =
          `${'SDX'.padEnd(5)}${(pdx.written ?? pdx.code.value).padEnd(8)}${pdx.poa?.value ?? ''}`.trimEnd() + lineEndingAt(chart.text, lines, fence);
        const edits: TextEditData[] = [{ range: pdx.code.range, newText: String(data.display) }];
        if (pdx.poa) edits.push({ range: pdx.poa.range, newText: String(data.poa ?? '') });
        edits.push({ range: { start: { line: fence, character: 0 }, end: { line: fence, character: 0 } }, newText: moved });
        out.push({
          title: `Make ${data.display} the principal diagnosis (${pdx.written ?? pdx.code.value} becomes secondary)`,
          kind: 'quickfix',
          isPreferred: true,
          diagnosticRules: [f.rule],
          edits,
        });
        break;
      }
      case 'poa-choices': {
        const line = chart.abstract?.lines.find((l) => l.range.start.line === f.range.start.line);
        if (!line?.code) break;
        for (const [v, what] of [
          ['Y', 'present on admission'],
          ['N', 'not present on admission'],
          ['U', 'documentation insufficient'],
          ['W', 'clinically undetermined'],
        ]) {
          const edit = line.poa
            ? { range: line.poa.range, newText: v }
            : { range: { start: line.code.range.end, end: line.code.range.end }, newText: `  ${v}` };
          out.push({ title: `Set POA to ${v} (${what})`, kind: 'quickfix', diagnosticRules: [f.rule], edits: [edit] });
        }
        break;
      }
    }
    if (!f.rule.startsWith('suppression.') && !f.suppressed) out.push(suppressAction(chart, lines, f.rule, f.range.start.line));
  }
  return out;
}

/** "Suppress with a reason": the comment on a new line before `line` (see ../edits), its reason filled in by the client. */
export function suppressAction(chart: ChartDocument, lines: ReturnType<typeof indexLines>, ruleId: string, line: number): CodeActionData {
  return {
    title: `Suppress ${ruleId} on this line (with a reason)…`,
    kind: 'quickfix',
    diagnosticRules: [ruleId],
    edits: [suppressionEdit(chart.text, line, ruleId, REASON_PLACEHOLDER, lines)],
    command: { id: 'chartcoder.suppressWithReason', args: [line, ruleId] },
  };
}

function wholeLine(chart: ChartDocument, lines: ReturnType<typeof indexLines>, line: number): TextEditData {
  const next = line + 1 < lines.starts.length ? { line: line + 1, character: 0 } : { line, character: lineText(chart.text, lines, line).length };
  return { range: { start: { line, character: 0 }, end: next }, newText: '' };
}

/**
 * The ranges of every code in the chart (annotations and the coder's abstract) that is the code
 * written at `at`, in the same code system; empty when no code is written there.
 */
export function sameCodeRanges(chart: ChartDocument, at: Range): Range[] {
  const sites: { code: string; system: string; range: Range }[] = [];
  // Indicators (`ind=`) name what a finding supports, not a reported code: they are left as written.
  for (const a of chart.annotations)
    for (const ref of a.codes) if (ref.code && ref.key !== 'ind') sites.push({ code: normalizeCode(ref.code), system: systemOfKey(ref.key), range: ref.range });
  for (const l of chart.abstract?.lines ?? [])
    if (l.code?.value) sites.push({ code: normalizeCode(l.code.value), system: systemOfAbstractLine(l), range: l.code.range });
  const here = sites.find((s) => overlaps(s.range, at));
  return here ? sites.filter((s) => s.code === here.code && s.system === here.system).map((s) => s.range) : [];
}

/** The edits that give line `to` the code and POA of line `from` (the code as written, the POA added or removed as needed). */
function swapEdits(to: AbstractLine, from: AbstractLine): TextEditData[] {
  const edits: TextEditData[] = [{ range: to.code!.range, newText: from.written ?? from.code!.value }];
  const poa = from.poa?.value ?? '';
  if (to.poa) edits.push({ range: to.poa.range, newText: poa });
  else if (poa) edits.push({ range: { start: to.code!.range.end, end: to.code!.range.end }, newText: `  ${poa}` });
  return edits;
}

/** Edits that write every code of the document in standard form. */
export function formatEdits(chart: ChartDocument): TextEditData[] {
  const edits: TextEditData[] = [];
  for (const a of chart.annotations)
    for (const ref of a.codes) {
      if (ref.key === 'cpt' || !ref.code) continue;
      const want = canonicalCode(ref.code, systemOfKey(ref.key));
      if (ref.written !== want) edits.push({ range: ref.range, newText: want });
    }
  for (const l of chart.abstract?.lines ?? []) {
    if (!l.code?.value || !l.written) continue;
    const want = canonicalCode(l.code.value, systemOfAbstractLine(l));
    if (l.written !== want) edits.push({ range: l.code.range, newText: want });
  }
  return edits;
}
