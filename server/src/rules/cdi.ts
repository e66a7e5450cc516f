// cdi.clinical-validation / cdi.query-leading / cdi.query-open: clinical documentation integrity.
import type { Range } from '../chart/model';
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, reportedDx } from './facts';
import { HIGH_RISK_CC } from './data/highRiskCc';

/** Words that make a query leading (ACDIS/AHIMA 2022: no impact on reimbursement or quality scores). Whole words. */
const PAYMENT_WORDS = /\b(payments?|paid|reimburse(?:ment|ments|d)?|revenue|case[- ]mix|severity of illness|risk of mortality|financial)\b/i;
const PAYMENT_ACRONYMS = /\b(MS-DRG|DRGs?|APR-DRG|SOI|ROM|CMI|MCC|CCs?)\b/; // case-sensitive: "500 cc" is a volume

export const cdiRules: Rule = {
  id: 'cdi.*',
  summary: 'Clinical documentation integrity: clinical validation and compliant queries.',
  defaultSeverity: 'warning',
  ids: [
    { id: 'cdi.clinical-validation', defaultSeverity: 'warning', summary: 'A high-risk CC/MCC without any clinical indicator for it.' },
    { id: 'cdi.query-leading', defaultSeverity: 'warning', summary: 'A leading physician query.' },
    { id: 'cdi.query-open', defaultSeverity: 'info', summary: 'A query still open on a chart whose abstract has a principal diagnosis.' },
  ],
  check(ctx) {
    const { chart } = ctx;
    const out: RuleFinding[] = [];
    const indicators = chart.annotations.flatMap((a) => a.codes.filter((c) => c.key === 'ind').map((c) => c.code));
    for (const r of reportedDx(chart)) {
      const row = HIGH_RISK_CC.find((h) => r.code.startsWith(h.prefix));
      if (!row) continue;
      const sev = cmDetails(ctx, r.code)?.msdrg?.severity;
      if (sev !== 'CC' && sev !== 'MCC') continue;
      if (indicators.some((i) => r.code.startsWith(i) || i.startsWith(r.code) || i.startsWith(row.prefix))) continue;
      out.push({
        rule: 'cdi.clinical-validation',
        range: r.line.code!.range,
        message: `${display(r.code)} (${row.condition}) is a${sev === 'MCC' ? 'n MCC' : ' CC'} that auditors clinically validate, and no \`ind=${display(r.code)}\` clinical indicator supports it in the note (${row.source}).`,
      });
    }
    const hasPdx = chart.abstract?.lines.some((l) => l.kind.value === 'PDX' && l.code);
    for (const q of chart.queries) {
      const at: Range = q.id?.range ?? { start: q.range.start, end: { line: q.range.start.line, character: 3 } };
      const name = q.id ? `Query ${q.id.value}` : 'This query';
      const words = [...q.question, ...q.options].map((l) => ({ l, m: l.value.match(PAYMENT_WORDS) ?? l.value.match(PAYMENT_ACRONYMS) })).find((x) => x.m);
      if (words)
        out.push({
          rule: 'cdi.query-leading',
          range: words.l.range,
          message: `${name} mentions "${words.m![0]}": a compliant query never refers to payment, DRGs or severity scores (ACDIS/AHIMA Guidelines for Achieving a Compliant Query Practice, 2022).`,
        });
      else if (q.options.length === 1)
        out.push({
          rule: 'cdi.query-leading',
          range: q.options[0].range,
          message: `${name} offers a single diagnosis ("${q.options[0].value}"): a multiple-choice query lists the clinically reasonable options, "other" and "clinically undetermined" (ACDIS/AHIMA 2022).`,
        });
      else if (q.options.length > 1) {
        const other = q.options.some((o) => /\bother\b/i.test(o.value));
        const undetermined = q.options.some((o) => /undetermined|unable to determine|cannot be determined/i.test(o.value));
        if (!other || !undetermined)
          out.push({
            rule: 'cdi.query-leading',
            range: at,
            message: `${name} is multiple choice without ${[!other && '"other"', !undetermined && '"clinically undetermined"'].filter(Boolean).join(' and ')} as an option (ACDIS/AHIMA Guidelines for Achieving a Compliant Query Practice, 2022).`,
          });
      }
      if (q.status?.value === 'open' && hasPdx)
        out.push({
          rule: 'cdi.query-open',
          range: q.status.range,
          message: `${name} is still open while the abstract has a principal diagnosis: the answer may change the coding.`,
        });
    }
    return out;
  },
};
