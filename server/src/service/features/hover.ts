// Hover: on a code, a one-line DRG summary first (what removing or adding it does), then its lookup in the chart's release (title, billable, CC/MCC, notes, MCE flags,
// source and year); on the discharge date, the release the chart is checked against; on a
// suppression, the rule it silences.
import type { Position, Range } from '../../chart/model';
import type { ChartAnalysis } from '../analysis';
import { codeAt, headerFieldAt, suppressionAt } from '../../chart/locate';
import { describeCodeParts } from '../../tables/describe';
import { knownRuleIds } from './diagnostics';
import { drgHover } from './drg';

export interface HoverData {
  markdown: string;
  range: Range;
}

export function hover(a: ChartAnalysis, position: Position): HoverData | null {
  const { chart, ctx } = a;
  const site = codeAt(chart, position);
  if (site) {
    const range = site.kind === 'annotation' ? site.ref.range : site.line.code!.range;
    const code = site.kind === 'annotation' ? site.ref.code : site.line.code!.value;
    if (!ctx.tables) return { range, markdown: `**${code}**\n\nCode tables are not loaded: ${ctx.tablesError ?? 'unknown reason'}.` };
    const release = a.release()!;
    const result = ctx.tables.lookup(code, release.date, site.system);
    const releaseLine = release.warning ? `\n\n---\n⚠ ${release.warning}` : '';
    const drg = result.kind === 'valid' && (site.system === 'icd10cm' || site.system === 'icd10pcs') ? drgHover(a, site) : null;
    // The DRG impact first (summary line, then its detail), the code's reference facts below: the
    // hover's height is capped and the impact is what a coder hovers an SDX for.
    const { head, body } = describeCodeParts(result, ctx.tables.codeHistory?.(code, site.system));
    const parts = drg ? [`**${drg.summary}**`, head, ...(drg.detail ? [drg.detail] : []), '---', body] : [head, body];
    return { range, markdown: parts.filter(Boolean).join('\n\n') + releaseLine };
  }
  const field = headerFieldAt(chart, position);
  if (field && (field.key.value === 'discharged' || field.key.value === 'admitted') && ctx.tables) {
    const release = a.release()!;
    const text = release.release ? `Checked against **${release.release.label}** (${release.release.id}).` : 'No code-table release covers this date.';
    return { range: field.range, markdown: release.warning ? `${text}\n\n⚠ ${release.warning}` : text };
  }
  const suppression = suppressionAt(chart, position);
  if (suppression) {
    const rule = knownRuleIds().find((r) => r.id === suppression.ruleId.value);
    const text = rule ? `Silences **${rule.id}**: ${rule.summary}` : `\`${suppression.ruleId.value}\` is not a ChartCoder rule id.`;
    return { range: suppression.range, markdown: `${text}\n\nReason: ${suppression.reason?.value ?? '_none given_'}` };
  }
  return null;
}
