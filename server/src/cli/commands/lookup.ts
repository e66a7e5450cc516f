// `chartcoder lookup <code> [--date YYYY-MM-DD] [--system …] [--format json]`: what the tables
// know about a code in the release of a date — the same text as the editor's hover.
import type { CliCommand } from '../types';
import { isCalendarDate, parseArgs } from '../args';
import { loadCliTables } from '../context';
import { describeCodeMarkdown } from '../../tables/describe';
import { newestRelease } from '../../service/release';
import type { CodeSystem } from '../../tables/types';

const SYSTEMS: CodeSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'];

const USAGE = `Usage: chartcoder lookup <code>… [--date YYYY-MM-DD] [--system icd10cm|icd10pcs|hcpcs|cpt] [--format text|json]

Looks codes up (dotted or not, any case) in the table release of the date (default: the newest
release) and prints title, billable, CC/MCC, tabular notes, Code Editor flags and sources.
Exit code: 0 all found and valid on the date, 1 otherwise, 2 bad usage.`;

export const lookupCommand: CliCommand = {
  name: 'lookup',
  summary: 'Look a code up in the release of a discharge date.',
  usage: USAGE,
  async run(args, io) {
    const a = parseArgs(args, { values: ['date', 'system', 'format', 'tables'] });
    if (a.positionals.length === 0) {
      io.err(USAGE);
      return 2;
    }
    const format = a.values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new Error(`--format must be text or json; got "${format}"`);
    const system = a.values.system as CodeSystem | undefined;
    if (system && !SYSTEMS.includes(system)) throw new Error(`--system must be one of ${SYSTEMS.join(', ')}; got "${system}"`);
    const { tables, error } = loadCliTables(a.values.tables);
    if (!tables) throw new Error(error);
    if (a.values.date !== undefined && !isCalendarDate(a.values.date)) throw new Error(`--date must be a date YYYY-MM-DD; got "${a.values.date}"`);
    const date = a.values.date ?? newestRelease(tables)?.start ?? '';
    const choice = tables.releaseFor(date);
    if (choice.kind === 'none') throw new Error(choice.message);
    if (choice.kind === 'beyond-newest') io.err(`chartcoder lookup: ${choice.message}`);
    let allValid = true;
    const results = a.positionals.map((code) => {
      const r = tables.lookup(code, date, system);
      if (r.kind !== 'valid') allValid = false;
      // When the code was valid and what replaced it (the CDC conversion tables), beside the answer.
      const history = tables.codeHistory(code, system);
      return { r, history };
    });
    if (format === 'json') {
      const shown = results.map(({ r, history }) => (history ? { ...r, history } : r));
      io.out(JSON.stringify(shown.length === 1 ? shown[0] : shown, null, 2));
    } else io.out(results.map(({ r, history }) => plain(describeCodeMarkdown(r, history))).join('\n\n'));
    return allValid ? 0 : 1;
  },
};

/** Markdown → terminal text: drop emphasis marks, keep code spans' contents. */
function plain(md: string): string {
  return md
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/^---$/m, '');
}
