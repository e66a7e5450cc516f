// code.format: a code written undotted or in lower case. Harmless for the tables (lookups
// normalise) but claims and auditors read the dotted upper-case form; the quick fix rewrites
// every code in the document.
import type { Rule, RuleFinding } from './rule';
import { displayCode } from '../base/codes';
import { systemOfAbstractLine, systemOfKey } from '../chart/locate';
import type { CodeSystem } from '../tables/types';

export function canonicalCode(code: string, system: CodeSystem): string {
  return displayCode(code, system);
}

export const codeFormat: Rule = {
  id: 'code.format',
  summary: 'A code written undotted or in lower case.',
  defaultSeverity: 'hint',
  check({ chart }) {
    const out: RuleFinding[] = [];
    const consider = (written: string | null, code: string, system: CodeSystem, range: RuleFinding['range']) => {
      if (!written || !code || system === 'cpt') return;
      const want = canonicalCode(code, system);
      if (written !== want)
        out.push({
          range,
          message: `${written} is not in standard form: write ${want} (dotted, upper case), as claims and auditors read codes.`,
          data: { fix: 'format', replacement: want },
        });
    };
    for (const line of chart.abstract?.lines ?? []) if (line.code) consider(line.written, line.code.value, systemOfAbstractLine(line), line.code.range);
    for (const a of chart.annotations) for (const ref of a.codes) consider(ref.written, ref.code, systemOfKey(ref.key), ref.range);
    return out;
  },
};
