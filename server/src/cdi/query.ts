// Drafting a physician query that follows the AHIMA/ACDIS "Guidelines for Achieving a Compliant
// Query Practice" (2022 update): it states the clinical indicators with their values, dates and
// where they are documented, asks an open question based on the provider's clinical judgment,
// offers the clinically reasonable options plus "other (please specify)" and "clinically
// undetermined", and never mentions payment, DRGs, CC/MCC status or quality scores, nor leads to
// one answer (the options include the ones that are not the queried condition).
import type { ChartDocument } from '../chart/model';

export interface QueryDraftInput {
  /** What the query asks about, in clinical words ("kidney function", "the heart failure"). */
  topic: string;
  /** One line per clinical indicator: value, date, where documented. */
  indicators: string[];
  /** Treatment and monitoring lines (optional). */
  treatment: string[];
  /** The clinically reasonable options (without "other" and "clinically undetermined"; they are added). */
  options: string[];
  /** The question (defaults to the standard open question). */
  question?: string;
}

/** Words a compliant query never contains (the cdi.query-leading rule checks the same, and more). */
const NEVER =
  /\b(?:payments?|paid|reimburse\w*|revenue|case[- ]mix|severity of illness|risk of mortality|financial|MS-DRG|DRGs?|APR-DRG|SOI|ROM|CMI|MCCs?|CCs?|quality scores?|HCC|expected mortality|dollars?)\b|\$/;

export function isCompliantText(line: string): boolean {
  return !NEVER.test(line);
}

/** The next free query id (Q1, Q2, …). */
export function nextQueryId(chart: ChartDocument): string {
  const used = new Set(chart.queries.map((q) => q.id?.value ?? ''));
  let n = chart.queries.length + 1;
  for (const q of chart.queries) {
    const m = /^Q(\d+)$/i.exec(q.id?.value ?? '');
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  while (used.has(`Q${n}`)) n++;
  return `Q${n}`;
}

/**
 * The text of a ```query block. It carries no `status` yet: it is a draft until the CDI specialist
 * sends it (then `status=open`), so the open-query check does not fire on a query nobody has sent.
 */
export function renderQuery(chart: ChartDocument, input: QueryDraftInput): { id: string; text: string } {
  const id = nextQueryId(chart);
  const clean = (s: string) =>
    s
      .replace(/\s+/g, ' ')
      // A volume written in cc reads as mL in a query (no "CC" for a reader to mistake for a complication code).
      .replace(/\b(\d+(?:\.\d+)?)\s*cc\b/gi, '$1 mL')
      .replace(/\bcc\s*\/\s*(h|hr|hour|kg)\b/gi, 'mL/$1')
      .replace(/^[-–—\s]+/, '')
      .replace(/^answer:/i, 'answer -')
      .trim();
  const lines: string[] = [];
  lines.push(`\`\`\`query id=${id} to="attending physician"`);
  lines.push(`Clinical indicators in the record (${input.topic}):`);
  for (const i of input.indicators.map(clean).filter((x) => x && isCompliantText(x))) lines.push(`  ${i}`);
  const tx = input.treatment.map(clean).filter((x) => x && isCompliantText(x));
  if (tx.length) {
    lines.push('Treatment and monitoring:');
    for (const t of tx) lines.push(`  ${t}`);
  }
  lines.push(
    clean(
      input.question ??
        'Based on your clinical judgment, can these findings be further specified as a diagnosis? Please document your response in the medical record.',
    ),
  );
  const seen = new Set<string>();
  for (const o of [...input.options, 'other (please specify)', 'clinically undetermined']) {
    const c = clean(o);
    if (!c || seen.has(c.toLowerCase()) || !isCompliantText(c)) continue;
    seen.add(c.toLowerCase());
    lines.push(`- ${c}`);
  }
  lines.push('```');
  return { id, text: lines.join('\n') };
}
