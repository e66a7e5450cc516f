// abstract.missing-pdx / abstract.duplicate / abstract.too-many: the abstract as a claim.
// UB-04 / 837I carry one principal diagnosis, up to 24 secondary diagnoses and 25 procedures.
import type { Rule, RuleFinding } from './rule';
import { reportedLines, display } from './facts';

export const MAX_SECONDARY_DX = 24;
export const MAX_PROCEDURES = 25;

export const abstractRules: Rule = {
  id: 'abstract.*',
  summary: 'The abstract as a claim: one principal diagnosis, no duplicates, within claim limits.',
  defaultSeverity: 'error',
  ids: [
    { id: 'abstract.missing-pdx', defaultSeverity: 'error', summary: 'The abstract has no principal diagnosis.' },
    { id: 'abstract.duplicate', defaultSeverity: 'warning', summary: 'A code reported twice in the abstract.' },
    { id: 'abstract.too-many', defaultSeverity: 'warning', summary: 'More than 24 secondary diagnoses or 25 procedures on one claim.' },
  ],
  check({ chart }) {
    const abs = chart.abstract;
    if (!abs) return [];
    const out: RuleFinding[] = [];
    const lines = reportedLines(chart);
    if (!abs.lines.some((l) => l.kind.value === 'PDX'))
      out.push({ rule: 'abstract.missing-pdx', range: abs.range, message: 'The abstract has no principal diagnosis (a `PDX` line).' });
    const seen = new Map<string, number>();
    for (const r of lines) {
      if (r.kind === 'ADX') continue; // the admitting diagnosis may repeat a reported code
      const key = `${r.kind === 'PROC' ? 'P' : 'D'}:${r.code}`;
      const first = seen.get(key);
      if (first !== undefined)
        out.push({
          rule: 'abstract.duplicate',
          range: r.line.range,
          message: `${r.kind === 'PROC' ? r.code : display(r.code)} is already reported on line ${first + 1}.`,
          data: { fix: 'delete-line' },
        });
      else seen.set(key, r.line.range.start.line);
    }
    const sdx = lines.filter((r) => r.kind === 'SDX');
    const proc = lines.filter((r) => r.kind === 'PROC');
    if (sdx.length > MAX_SECONDARY_DX)
      out.push({
        rule: 'abstract.too-many',
        range: sdx[MAX_SECONDARY_DX].line.range,
        message: `${sdx.length} secondary diagnoses: a claim carries at most ${MAX_SECONDARY_DX}; this and later ones are not sent.`,
      });
    if (proc.length > MAX_PROCEDURES)
      out.push({
        rule: 'abstract.too-many',
        range: proc[MAX_PROCEDURES].line.range,
        message: `${proc.length} procedures: a claim carries at most ${MAX_PROCEDURES}; this and later ones are not sent.`,
      });
    return out;
  },
};
