// chart.syntax / chart.header: the parser's own findings (unclosed spans and blocks, bad
// attributes, a second abstract; invalid or missing header fields, unknown header keys).
import type { Rule } from './rule';

export const chartSyntax: Rule = {
  id: 'chart.syntax',
  summary: 'A syntax error in the chart markup.',
  defaultSeverity: 'error',
  ids: [
    { id: 'chart.syntax', defaultSeverity: 'error', summary: 'A syntax error in the chart markup (unclosed span or block, bad attribute, second abstract …).' },
    { id: 'chart.header', defaultSeverity: 'warning', summary: 'A missing or invalid header field (age, sex, dates, disposition) or an unknown header key.' },
  ],
  check({ chart }) {
    return chart.errors.map((e) => ({ rule: e.rule, range: e.range, message: e.message, severity: e.severity }));
  },
};
