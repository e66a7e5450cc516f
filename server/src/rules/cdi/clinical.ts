// Clinical facts several CDI rules need: a documented or treated infection, the treatments given
// (as query indicator lines), chronic kidney or liver disease, and whether a code is documented.
import type { ChartDocument } from '../../chart/model';
import { present, type Mention } from '../../cdi/concepts';
import { chartMeasurements } from '../../cdi/measurements';
import { reportedDx } from '../facts';
import { INFECTION_CODES, matchesAny } from './data';
import { mentionIndicator } from './common';

/** Codes of the coder's abstract and of provider annotations that are not ruled out. */
const CODES = new WeakMap<ChartDocument, { code: string; line: number; source: 'abstract' | 'annotation' }[]>();

export function documentedCodes(chart: ChartDocument): { code: string; line: number; source: 'abstract' | 'annotation' }[] {
  const hit = CODES.get(chart);
  if (hit) return hit;
  const out: { code: string; line: number; source: 'abstract' | 'annotation' }[] = [];
  for (const r of reportedDx(chart)) out.push({ code: r.code, line: r.line.range.start.line, source: 'abstract' });
  const model = chartMeasurements(chart);
  for (const a of chart.annotations) {
    if (a.status === 'ruled-out' || a.status === 'history') continue;
    const p = model.proseAt(a.range.start.line);
    if (p?.context && p.context.role !== 'provider') continue;
    for (const c of a.codes) if (c.key === 'dx') out.push({ code: c.code, line: a.range.start.line, source: 'annotation' });
  }
  CODES.set(chart, out);
  return out;
}

export function hasCode(chart: ChartDocument, prefixes: string[]): boolean {
  return documentedCodes(chart).some((c) => matchesAny(c.code, prefixes));
}

export interface InfectionFacts {
  /** A provider-documented infection (mention or code), with what names it. */
  documented: Mention | { code: string; line: number } | null;
  antibiotics: Mention[];
  /** Documented or treated (antibiotics with a culture result, a fever or an infection word). */
  present: boolean;
  /** The words naming the infection, for query options ("pneumonia", "urinary tract infection"). */
  name: string | null;
}

const CULTURE =
  /\b(?:cultures?\s+(?:grew|growing|positive|with)|grew\b|gram[- ](?:positive|negative) (?:rods|cocci|bacilli)|bacteremia|positive (?:blood|urine) cultures?)\b/i;

const INFECTIONS = new WeakMap<ChartDocument, InfectionFacts>();

export function infectionFacts(chart: ChartDocument): InfectionFacts {
  const hit = INFECTIONS.get(chart);
  if (hit) return hit;
  const mentions = present(chart, 'cond.infection').filter(
    (m) => m.role === 'provider' && !m.uncertain && !/\b(?:risk|prophyla\w*|history of|h\/o|no signs? of|to prevent)\b/i.test(m.before),
  );
  const codes = documentedCodes(chart).filter((c) =>
    matchesAny(
      c.code,
      INFECTION_CODES.map((r) => r.prefix),
    ),
  );
  // Prophylaxis (before surgery, perioperative) treats no infection.
  const antibiotics = present(chart, 'tx.antibiotic').filter(
    (m) =>
      !m.uncertain &&
      !/\b(?:prophyla\w*|pre-?op(?:erative(?:ly)?)?|peri-?operative|on call to (?:the )?OR|surgical prophylaxis|allerg\w*|intolerance)\b/i.test(m.sentence),
  );
  const documented = mentions[0] ?? (codes[0] ? { code: codes[0].code, line: codes[0].line } : null);
  const model = chartMeasurements(chart);
  const fever = model.of('temp').some((t) => t.value > 38);
  const treated = antibiotics.length > 0 && (fever || model.prose.some((p) => CULTURE.test(p.text)));
  const name = mentions[0]?.text ?? null;
  const facts = { documented, antibiotics, present: !!documented || treated, name };
  INFECTIONS.set(chart, facts);
  return facts;
}

/** Indicator lines for the treatments found (one per line of the chart, first few). */
export function treatmentLines(chart: ChartDocument, concepts: string[], limit = 4): string[] {
  const seen = new Set<number>();
  const out: string[] = [];
  for (const c of concepts)
    for (const m of present(chart, c)) {
      if (seen.has(m.line) || out.length >= limit) continue;
      seen.add(m.line);
      out.push(mentionIndicator(m));
    }
  return out;
}
