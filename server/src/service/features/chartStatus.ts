// Writing the worklist fields of a chart's header: "Set status" and "Mark coded" (status coded
// and `coded:` today). The edit replaces the value of a field that is there and adds a missing
// field just before the header's closing `---`, in the chart's own line endings; nothing else of
// the chart changes. The server applies it through workspace/applyEdit when the user runs the
// command — never on its own.
import { CHART_STATUS_VALUES, type ChartDocument, type ChartStatus } from '../../chart/model';
import { indexLines, lineText } from '../../chart/text';
import { lineEndingAt, type TextEditData } from '../edits';

export type HeaderEdit = { edits: TextEditData[] } | { error: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The edits that set `status` (and, when given, `coded:` to that date). */
export function statusEdits(chart: ChartDocument, status: string, coded?: string): HeaderEdit {
  if (!(CHART_STATUS_VALUES as readonly string[]).includes(status))
    return { error: `status must be one of ${CHART_STATUS_VALUES.join(', ')}; got "${status}".` };
  if (coded !== undefined && (!DATE.test(coded) || Number.isNaN(Date.parse(`${coded}T00:00:00Z`))))
    return { error: `coded must be a date YYYY-MM-DD; got "${coded}".` };
  const fields: [string, string][] = [['status', status as ChartStatus]];
  if (coded !== undefined) fields.push(['coded', coded]);
  return headerFieldEdits(chart, fields);
}

/** The edits that give each `key` its `value` in the header (the first field of a key given twice). */
export function headerFieldEdits(chart: ChartDocument, fields: readonly [key: string, value: string][]): HeaderEdit {
  const header = chart.header;
  if (!header) return { error: 'The chart has no header (`---` … `---` at the top) to write the status into.' };
  const text = chart.text;
  const lines = indexLines(text);
  const closing = header.range.end.line;
  if (closing === 0 || lineText(text, lines, closing).trim() !== '---')
    return { error: 'The chart header is not closed: add a line with `---` after its last field first.' };
  const edits: TextEditData[] = [];
  const added: string[] = [];
  for (const [key, value] of fields) {
    const field = header.fields.find((f) => f.key.value === key);
    if (!field) {
      added.push(`${key}: ${value}`);
    } else if (field.value.value === '') {
      // `status:` with nothing after it (or only a comment): the value goes right after the colon.
      const line = field.key.range.start.line;
      const colon = lineText(text, lines, line).indexOf(':', field.key.range.end.character);
      edits.push({ range: { start: { line, character: colon + 1 }, end: { line, character: colon + 1 } }, newText: ` ${value}` });
    } else if (field.value.value !== value) {
      edits.push({ range: field.value.range, newText: value });
    }
  }
  if (added.length) {
    const eol = lineEndingAt(text, lines, closing - 1);
    const at = { line: closing, character: 0 };
    edits.push({ range: { start: at, end: at }, newText: added.map((l) => l + eol).join('') });
  }
  return { edits };
}
