// Query tracking: every physician query of a chart with its status, its age in days since
// discharge, the condition it asks about, the answer and whether the answer was coded; and the
// summary a CDI program reports (queries per chart, response rate, agreement rate, queries open
// more than 7 days — the ACDIS CDI program metrics: response rate = answered / issued, agreement
// rate = answers that document a diagnosis offered / answered).
import type { ChartDocument, QueryBlock } from '../../chart/model';
import { reportedDx } from '../../rules/facts';
import { documentingPrefixes, matchesAny } from '../../rules/cdi/data';
import { dayNumber } from '../../cdi/prose';

export type TrackedStatus = 'open' | 'answered' | 'withdrawn';

export interface TrackedQuery {
  id: string;
  to: string | null;
  /** The status attribute, or (without one) answered when an answer is recorded, else open. */
  status: TrackedStatus;
  /** One-based line of the query's fence. */
  line: number;
  /** Days from the discharge date to `today` (null without a discharge date). */
  ageDays: number | null;
  /** The condition asked about (the CDI condition its options name, else its first option). */
  condition: string | null;
  answer: string | null;
  /** The answer documents one of the diagnoses offered (not "other", "undetermined" or a "without …" option). */
  agreed: boolean | null;
  /** Whether the condition the answer documents is coded in the abstract: yes, no, n/a (no diagnosis answered), or unknown. */
  coded: 'yes' | 'no' | 'n/a' | 'unknown';
}

/** The ten CDI conditions as query words (the rules' own query vocabulary), with their rule key. */
const CONDITIONS: { key: string; name: string; re: RegExp }[] = [
  { key: 'sepsis', name: 'sepsis', re: /\b(?:sepsis|septic shock|septicemia)\b/i },
  { key: 'aki', name: 'acute kidney injury', re: /\b(?:acute kidney injury|AKI|acute renal failure|acute kidney failure|acute tubular necrosis|ATN)\b/i },
  { key: 'malnutrition', name: 'malnutrition', re: /\b(?:malnutrition|malnourished|protein[- ]calorie)\b/i },
  { key: 'hyponatremia', name: 'hyponatremia', re: /\b(?:hyponatr\w+|SIADH)\b/i },
  { key: 'anemia-blood-loss', name: 'acute blood loss anemia', re: /\b(?:blood loss anemia|posthemorrhagic anemia|ABLA)\b/i },
  { key: 'resp-failure', name: 'acute respiratory failure', re: /\brespiratory failure\b/i },
  { key: 'encephalopathy', name: 'encephalopathy', re: /\b(?:encephalopathy|delirium)\b/i },
  { key: 'hf-specificity', name: 'heart failure type and acuity', re: /\b(?:heart failure|HFrEF|HFpEF|CHF)\b/i },
  { key: 'obesity', name: 'obesity', re: /\b(?:obesity|obese|overweight)\b/i },
  { key: 'pressure-injury', name: 'pressure ulcer', re: /\b(?:pressure (?:ulcer|injury)|decubitus)\b/i },
];

const NOT_A_DIAGNOSIS =
  /\b(?:other|undetermined|unable to determine|cannot be determined|not clinically (?:significant|supported|valid)|without|no (?:further|clinical)|none|not present|ruled out|does not|do not|finding without|without clinical significance)\b/i;

function conditionOf(text: string): (typeof CONDITIONS)[number] | null {
  for (const c of CONDITIONS) if (c.re.test(text)) return c;
  return null;
}

export function trackQueries(chart: ChartDocument, today: string): TrackedQuery[] {
  const discharged = chart.header?.discharged ?? null;
  const ageDays = discharged && /^\d{4}-\d{2}-\d{2}$/.test(today) ? dayNumber(today) - dayNumber(discharged) : null;
  const coded = reportedDx(chart).map((r) => r.code);
  return chart.queries.map((q) => track(q, ageDays, coded, chart));
}

/** A query's status: its status attribute, or (without one) answered when an answer is recorded, else open. */
export function queryStatus(q: QueryBlock): TrackedStatus {
  return q.status?.value ?? (q.answer?.value ? 'answered' : 'open');
}

function track(q: QueryBlock, ageDays: number | null, coded: string[], chart: ChartDocument): TrackedQuery {
  const status = queryStatus(q);
  const options = q.options.map((o) => o.value);
  const positive = options.filter((o) => !NOT_A_DIAGNOSIS.test(o));
  const asked = conditionOf(positive.join(' \n ')) ?? conditionOf(q.question.map((l) => l.value).join(' '));
  const answer = q.answer?.value.trim() || null;
  let agreed: boolean | null = null;
  let isCoded: TrackedQuery['coded'] = 'n/a';
  if (status === 'answered' && answer) {
    const negative = NOT_A_DIAGNOSIS.test(answer.split(/[;,]/)[0]);
    const answered = conditionOf(answer);
    agreed = !negative && (positive.some((o) => overlap(o, answer) >= 0.6) || (!!answered && !!asked && answered.key === asked.key));
    if (!negative && answered) {
      // Heart failure: coded when a code with type and acuity is (the query asked for the specificity).
      const hit =
        answered.key === 'hf-specificity'
          ? coded.some((c) => /^I50(?:[234][123]|81[1-4]|8[2-9])/.test(c))
          : coded.some((c) => matchesAny(c, documentingPrefixes(answered.key)));
      isCoded = hit ? 'yes' : 'no';
    } else if (!negative) {
      // Another condition: an annotation whose words are the answer's, and whose code is in the abstract.
      const spans = chart.annotations.filter((a) => a.codes.some((c) => c.key === 'dx') && overlap(a.span.value, answer) >= 0.6);
      isCoded = spans.length ? (spans.some((a) => a.codes.some((c) => coded.includes(c.code))) ? 'yes' : 'no') : 'unknown';
    }
  }
  return {
    id: q.id?.value ?? '(no id)',
    to: q.to?.value ?? null,
    status,
    line: q.range.start.line + 1,
    ageDays,
    condition: asked?.name ?? positive[0] ?? q.question[q.question.length - 1]?.value ?? null,
    answer,
    agreed,
    coded: isCoded,
  };
}

/** Share of the words of an option found in the answer (for "acute kidney injury" vs "acute kidney injury, prerenal"). */
function overlap(option: string, answer: string): number {
  const words =
    option
      .toLowerCase()
      .match(/[a-z0-9]+/g)
      ?.filter((w) => w.length > 2 && !['the', 'and', 'with', 'due'].includes(w)) ?? [];
  if (!words.length) return 0;
  const a = answer.toLowerCase();
  return words.filter((w) => a.includes(w)).length / words.length;
}

export interface QuerySummary {
  charts: number;
  queries: number;
  queriesPerChart: number;
  open: number;
  answered: number;
  withdrawn: number;
  /** answered / (answered + open): withdrawn queries are not awaiting an answer. */
  responseRate: number | null;
  /** agreed / answered. */
  agreementRate: number | null;
  openOver7Days: number;
  answeredAndCoded: number;
}

export function summarizeQueries(rows: TrackedQuery[], charts: number): QuerySummary {
  const open = rows.filter((r) => r.status === 'open').length;
  const answered = rows.filter((r) => r.status === 'answered');
  const withdrawn = rows.filter((r) => r.status === 'withdrawn').length;
  const issued = open + answered.length;
  return {
    charts,
    queries: rows.length,
    queriesPerChart: charts ? Math.round((rows.length / charts) * 100) / 100 : 0,
    open,
    answered: answered.length,
    withdrawn,
    responseRate: issued ? Math.round((answered.length / issued) * 1000) / 1000 : null,
    agreementRate: answered.length ? Math.round((answered.filter((r) => r.agreed).length / answered.length) * 1000) / 1000 : null,
    openOver7Days: rows.filter((r) => r.status === 'open' && r.ageDays !== null && r.ageDays > 7).length,
    answeredAndCoded: answered.filter((r) => r.coded === 'yes').length,
  };
}
