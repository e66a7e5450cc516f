// chart.release: the table release a chart is checked against is not the one its discharge date
// calls for (a date after the newest installed release, before the oldest, or no date at all).
// Never silent: the finding sits on the discharge date (or the header) and names the release.
import type { Rule } from './rule';

export const chartRelease: Rule = {
  id: 'chart.release',
  summary: 'The chart is checked against a code-table release other than the one of its discharge date.',
  defaultSeverity: 'warning',
  check({ chart, release, tables, tablesError }) {
    const header = chart.header;
    const dateField = header?.fields.find((f) => f.key.value === 'discharged');
    const at = dateField?.value.range ?? header?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (!tables) return [{ range: at, message: `Code tables are not loaded, so codes are not checked: ${tablesError ?? 'unknown reason'}.` }];
    if (!release?.warning) return [];
    // A missing discharge date is already a chart.header finding; say only which release is used.
    return [{ range: at, message: release.warning, severity: header?.discharged ? 'warning' : 'info' }];
  },
};
