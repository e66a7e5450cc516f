// What every CDI opportunity rule shares (spec: "What every finding carries" and "When it must
// stay silent"): whether the condition is documented, ruled out or already queried; the candidate
// codes with their CC/MCC status in the chart's MS-DRG version; the DRG at stake, computed with
// the grouper, weights and rate the DRG hover uses (service/features/drg.ts); the drafted query;
// and the finding itself (information by default, the DRG at stake at the end of its message).
import type { ChartDocument, QueryBlock, Range } from '../../chart/model';
import type { RuleContext, RuleFinding } from '../rule';
import { cmDetails, pcsDetails, reportedDx } from '../facts';
import { chartMeasurements, describeWhen, formatValue, type ChartMeasurements, type Measurement } from '../../cdi/measurements';
import { mentions, type Mention } from '../../cdi/concepts';
import { renderQuery, type QueryDraftInput } from '../../cdi/query';
import { basisOf, drgSetting, money, paymentOf, type DrgSetting } from '../../drg/setting';
import type { MsdrgTables } from '../../grouper/tables';
import { additionImpact, currentDrg, type DrgAbstract } from '../../grouper/impact';
import type { Poa } from '../../grouper/group';
import { dottedCm } from '../../base/codes';
import { documentingPrefixes, matchesAny } from './data';

export const FAMILY = 'cdi.opportunity';

/** The measurement model with the tables' O.R. flags (for "POD n"). */
export function modelOf(ctx: RuleContext): ChartMeasurements {
  return chartMeasurements(ctx.chart, {
    isOperatingRoom: ctx.tables && ctx.release?.release ? (code) => pcsDetails(ctx, code)?.procedure?.isOR ?? false : undefined,
  });
}

// ── documented, ruled out, queried ───────────────────────────────────────────

export interface DocumentationStatus {
  /** Why the condition counts as documented (for tests and the docs), or null. */
  documented: string | null;
  ruledOut: string | null;
  query: QueryBlock | null;
}

export interface ConditionSpec {
  /** Rule id suffix ("aki") — also the key of the documenting-code table. */
  key: string;
  /** The concept of the condition in provider prose (cdi/concepts.ts). */
  concept: string;
  /** Words in a query's options or question that make it a query about this condition. */
  queryTerms: RegExp;
  /** A provider mention that does not document the condition (e.g. "history of AKI", "chronic respiratory failure"). */
  notDocumenting?: (m: Mention) => boolean;
}

/** Is the condition documented by a provider or coded, ruled out, or already queried (open or answered)? */
export function documentationStatus(chart: ChartDocument, spec: ConditionSpec): DocumentationStatus {
  const prefixes = documentingPrefixes(spec.key);
  let documented: string | null = null;
  let ruledOut: string | null = null;
  for (const r of reportedDx(chart))
    if (matchesAny(r.code, prefixes)) documented ??= `${dottedCm(r.code)} is coded in the abstract (line ${r.line.range.start.line + 1})`;
  const model = chartMeasurements(chart);
  for (const a of chart.annotations) {
    const codes = a.codes.filter((c) => c.key === 'dx' && matchesAny(c.code, prefixes));
    if (!codes.length) continue;
    const role = roleAt(model, a.range.start.line);
    if (role !== 'provider') continue;
    if (a.status === 'ruled-out') ruledOut ??= `${dottedCm(codes[0].code)} is annotated as ruled out (line ${a.range.start.line + 1})`;
    else if (a.status !== 'history') documented ??= `${dottedCm(codes[0].code)} is annotated by a provider (line ${a.range.start.line + 1})`;
  }
  for (const m of mentions(chart, spec.concept)) {
    if (m.role !== 'provider') continue;
    if (spec.notDocumenting?.(m)) continue;
    if (m.negated) ruledOut ??= `"${m.sentence.trim()}" (line ${m.line + 1})`;
    else if (!/\b(?:history of|h\/o|hx of|prior|previous)\b/i.test(m.before)) documented ??= `"${m.text}" is documented by a provider (line ${m.line + 1})`;
  }
  const query = chart.queries.find((q) => q.status?.value !== 'withdrawn' && queryIsAbout(q, spec.queryTerms)) ?? null;
  return { documented, ruledOut, query };
}

/** A query is about a condition when its options (or, without options, its question or answer) name it. */
export function queryIsAbout(q: QueryBlock, terms: RegExp): boolean {
  const options = q.options.map((o) => o.value).filter((o) => !/\b(?:other|undetermined|unable to determine)\b/i.test(o));
  const text = options.length ? options.join(' \n ') : [...q.question.map((l) => l.value), q.answer?.value ?? ''].join(' \n ');
  return terms.test(text);
}

function roleAt(model: ChartMeasurements, line: number) {
  return model.proseAt(line)?.context?.role ?? 'provider';
}

// ── evidence ─────────────────────────────────────────────────────────────────

export interface EvidenceItem {
  /** One-based line. */
  line: number;
  range: Range;
  /** What was found, as the chart has it ("Cr 2.4", "3% saline"). */
  text: string;
  /** The value in canonical units when it is a measurement ("2.4 mg/dL"). */
  value?: string;
  date?: string;
  /** Which criterion it met ("creatinine rise ≥ 0.3 mg/dL within 48 h (KDIGO 2.1.1)"). */
  criterion: string;
  /** Who documented it (section author or role). */
  documentedBy?: string;
}

/** A value for messages: at most two decimals ("1.097" → "1.1"). */
export function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function measurementEvidence(m: Measurement, criterion: string): EvidenceItem {
  return {
    line: m.line + 1,
    range: m.range,
    text: m.written,
    value: formatValue(m),
    date: describeWhen(m),
    criterion,
    documentedBy: m.source === 'results' ? 'results' : (m.author ?? m.role),
  };
}

export function mentionEvidence(m: Mention, criterion: string): EvidenceItem {
  return { line: m.line + 1, range: m.range, text: m.text, value: m.text, date: m.date ?? undefined, criterion, documentedBy: m.author ?? m.role };
}

/** "creatinine 2.4 mg/dL on 2026-02-05 (line 22)" for a query's indicator list. */
export function indicatorOf(m: Measurement): string {
  const when = m.date
    ? ` on ${m.date}${m.time ? ` at ${m.time}` : ''}`
    : m.kind === 'baseline'
      ? ' (documented baseline)'
      : m.kind === 'prior'
        ? ' (before admission)'
        : '';
  const where = m.source === 'results' ? 'results' : m.role === 'provider' ? 'provider note' : `${m.author ?? m.role} documentation`;
  const ctx = m.context.roomAir
    ? ' on room air'
    : m.context.oxygen === 'supplemental'
      ? ` on ${m.context.flow ? `${m.context.flow} L ` : ''}oxygen`
      : m.context.oxygen === 'home'
        ? ' on home oxygen'
        : '';
  const label =
    m.name === 'rr'
      ? 'respiratory rate'
      : m.name === 'hr'
        ? 'heart rate'
        : m.name === 'map'
          ? 'mean arterial pressure'
          : m.name === 'sbp'
            ? 'systolic blood pressure'
            : m.name === 'spo2'
              ? 'SpO2'
              : m.name === 'temp'
                ? 'temperature'
                : m.name;
  return `${label} ${formatValue(m)}${ctx}${when} (${where}, line ${m.line + 1})`;
}

export function mentionIndicator(m: Mention, what?: string): string {
  const sentence = m.sentence.trim();
  const quote = sentence.length <= 200 ? sentence : sentence.slice(0, 200).replace(/\s+\S*$/, '') + ' …';
  return `${what ?? m.text}${m.date ? ` on ${m.date}` : ''} (${m.role === 'provider' ? 'provider note' : `${m.author ?? m.role} documentation`}, line ${m.line + 1}): "${quote}"`;
}

// ── candidates and DRG impact ────────────────────────────────────────────────

export interface Candidate {
  code: string;
  title: string | null;
  /** CC/MCC status of the code as a secondary diagnosis in the chart's MS-DRG version ('non-CC' when neither). */
  severity: 'MCC' | 'CC' | 'non-CC' | null;
  /** True when the chart's principal diagnosis excludes it as a CC/MCC. */
  ccExcluded?: boolean;
}

export interface DrgImpact {
  from: string;
  to: string;
  fromTitle: string | null;
  toTitle: string | null;
  fromWeight: number | null;
  toWeight: number | null;
  /** Estimated payment difference in dollars (weight difference × the rate the hover uses), or null without weights or a rate. */
  payment: number | null;
  fromPayment: number | null;
  toPayment: number | null;
  /** How the condition was placed to group it: as a secondary diagnosis, or as principal (sepsis present on admission). */
  placement: 'secondary' | 'principal';
  codes: string[];
  poa: Poa;
  /** Which grouper logic, weights and rate were used (as the hover says). */
  basis: string;
}

/** drgSetting once per chart and context (every finding of a chart groups the same abstract). */
const SETTINGS = new WeakMap<ChartDocument, { key: unknown[]; value: ReturnType<typeof drgSetting> }>();
function groupingOf(ctx: RuleContext): ReturnType<typeof drgSetting> {
  const key = [ctx.tables, ctx.grouper, ctx.settings.baseRate];
  const hit = SETTINGS.get(ctx.chart);
  if (hit && hit.key.every((k, i) => k === key[i])) return hit.value;
  const value = drgSetting(ctx.chart, ctx);
  SETTINGS.set(ctx.chart, { key, value });
  return value;
}

/**
 * Grouping results by what they depend on (the grouper tables, the abstract, the question): typing
 * in the note leaves the abstract unchanged, so a keystroke does not group the same claims again.
 */
const GROUPED = new WeakMap<MsdrgTables, Map<string, unknown>>();
function memoized<T>(g: MsdrgTables, what: string, a: DrgAbstract, compute: () => T): T {
  const memo = GROUPED.get(g) ?? GROUPED.set(g, new Map()).get(g)!;
  const key = `${what}|${a.version}|${a.age}|${a.sex}|${a.dstat}|${a.pdx}:${a.pdxPoa}|${a.sdx.map((d) => `${d.code}:${d.poa}`).join(',')}|${a.procs.join(',')}`;
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  if (memo.size > 5000) memo.delete(memo.keys().next().value!);
  return value;
}

export function candidatesOf(ctx: RuleContext, codes: string[], replace: string[] = []): Candidate[] {
  const gone = new Set(replace.map((c) => c.replace(/\./g, '').toUpperCase()));
  const setting = ctx.grouper ? groupingOf(ctx) : null;
  const version =
    setting && !('reason' in setting)
      ? setting.abstract.version
      : ctx.grouper && ctx.chart.header?.discharged
        ? ctx.grouper.versionFor(ctx.chart.header.discharged)
        : null;
  return codes.map((raw) => {
    const code = raw.replace(/\./g, '').toUpperCase();
    const details = cmDetails(ctx, code);
    let severity: Candidate['severity'] = null;
    let ccExcluded: boolean | undefined;
    const info = version && ctx.grouper ? ctx.grouper.dxInfo(code, version) : null;
    if (info) severity = info.severity === 'NCC' ? 'non-CC' : info.severity;
    else if (details?.msdrg) severity = details.msdrg.severity === 'NCC' ? 'non-CC' : details.msdrg.severity;
    if (setting && !('reason' in setting) && info && info.severity !== 'NCC' && setting.abstract.pdx !== code && !gone.has(setting.abstract.pdx)) {
      // The grouper's own verdict for the code added to this abstract (without the code it replaces).
      const a = { ...setting.abstract, sdx: setting.abstract.sdx.filter((d) => !gone.has(d.code)) };
      ccExcluded = memoized(ctx.grouper!, `excl|${code}`, a, () => additionImpact(ctx.grouper!, a, { code, poa: 'Y' }).ccExcluded);
    }
    return { code: dottedCm(code), title: details?.title ?? null, severity, ...(ccExcluded !== undefined ? { ccExcluded } : {}) };
  });
}

/** The DRG with the condition documented and coded, beside the DRG as the abstract stands. */
export function drgImpactOf(
  ctx: RuleContext,
  codes: string[],
  poa: Poa,
  placement: 'secondary' | 'principal',
  replace: string[] = [],
): { impact: DrgImpact | null; reason: string | null } {
  if (!ctx.grouper) return { impact: null, reason: 'the MS-DRG tables are not loaded' };
  const s = groupingOf(ctx);
  if ('reason' in s) return { impact: null, reason: s.reason };
  const g = ctx.grouper;
  const norm = codes.map((c) => c.replace(/\./g, '').toUpperCase()).filter((c) => g.dxInfo(c, s.abstract.version));
  if (!norm.length) return { impact: null, reason: 'the candidate codes are not in this MS-DRG version' };
  const a = s.abstract;
  const present = new Set([a.pdx, ...a.sdx.map((d) => d.code)]);
  const added = norm.filter((c) => !present.has(c));
  // A more specific code replaces the unspecified one where it stands (principal or secondary).
  const gone = new Set(replace.map((c) => c.replace(/\./g, '').toUpperCase()));
  if (gone.size && added.length) {
    const replaced: DrgAbstract = gone.has(a.pdx)
      ? { ...a, pdx: added[0], sdx: [...a.sdx.filter((d) => !gone.has(d.code)), ...added.slice(1).map((code) => ({ code, poa }))] }
      : {
          ...a,
          sdx: [...a.sdx.filter((d) => !gone.has(d.code)), ...added.map((code) => ({ code, poa: (a.sdx.find((d) => gone.has(d.code))?.poa ?? poa) as Poa }))],
        };
    return { impact: impactBetween(g, s, a, replaced, norm, poa, gone.has(a.pdx) ? 'principal' : 'secondary'), reason: null };
  }
  const withCodes: DrgAbstract =
    placement === 'principal'
      ? {
          ...a,
          pdx: added[0] ?? a.pdx,
          pdxPoa: poa,
          sdx: [...(added[0] ? [{ code: a.pdx, poa: (a.pdxPoa || 'Y') as Poa }] : []), ...added.slice(1).map((code) => ({ code, poa })), ...a.sdx],
        }
      : { ...a, sdx: [...a.sdx, ...added.map((code) => ({ code, poa }))] };
  return { impact: impactBetween(g, s, a, withCodes, norm, poa, placement), reason: null };
}

function impactBetween(
  g: MsdrgTables,
  s: DrgSetting,
  a: DrgAbstract,
  b: DrgAbstract,
  codes: string[],
  poa: Poa,
  placement: 'secondary' | 'principal',
): DrgImpact {
  // Weights depend on the release too (the key holds the abstract; the release id is added here).
  const before = memoized(g, `drg|${s.releaseId}`, a, () => currentDrg(g, a, s.weightOf));
  const after = memoized(g, `drg|${s.releaseId}`, b, () => currentDrg(g, b, s.weightOf));
  const fromPayment = paymentOf(s, before);
  const toPayment = paymentOf(s, after);
  return {
    from: before.drg,
    to: after.drg,
    fromTitle: before.title,
    toTitle: after.title,
    fromWeight: before.weight,
    toWeight: after.weight,
    payment: fromPayment !== null && toPayment !== null ? toPayment - fromPayment : null,
    fromPayment,
    toPayment,
    placement,
    codes: codes.map(dottedCm),
    poa,
    basis: basisOf(s),
  };
}

export function drgAtStake(impact: DrgImpact | null, reason: string | null): string {
  if (!impact) return `DRG at stake: not grouped (${reason ?? 'unknown reason'}).`;
  if (impact.from === impact.to) return `DRG at stake: none — stays MS-DRG ${impact.from}${impact.fromTitle ? ` ${impact.fromTitle}` : ''}.`;
  const delta = impact.payment !== null ? ` (${impact.payment >= 0 ? '+' : '−'}${money(Math.abs(impact.payment))} est.)` : '';
  return `DRG at stake: MS-DRG ${impact.from} → ${impact.to}${impact.toTitle ? ` ${impact.toTitle}` : ''}${delta}.`;
}

// ── POA from the evidence dates ──────────────────────────────────────────────

/** Y when the first indicator is on the admission date (or undated), N when it is first seen later. */
export function poaFrom(model: ChartMeasurements, dates: (string | null | undefined)[]): Poa {
  const admitted = model.stay.admitted;
  const known = dates.filter((d): d is string => !!d).sort();
  if (!admitted || !known.length) return 'Y';
  return known[0] <= admitted ? 'Y' : 'N';
}

// ── the finding ──────────────────────────────────────────────────────────────

export interface Opportunity {
  key: string;
  /** Where the diagnostic sits (the strongest indicator). */
  range: Range;
  /** "Possible acute kidney injury not documented". */
  headline: string;
  /** The criteria met, in words, each citing its source ("creatinine 0.9 → 1.4 mg/dL within 48 h, KDIGO 2012 §2.1.1"). */
  criteria: string[];
  evidence: EvidenceItem[];
  candidates: string[];
  /** Codes grouped for the DRG impact (defaults to the first candidate). */
  impactCodes?: string[];
  placement?: 'secondary' | 'principal';
  /** Codes the candidate replaces in the abstract (an unspecified code made specific). */
  replaceCodes?: string[];
  poa: Poa;
  query: QueryDraftInput;
  /** Extra data for tests and the JSON output (e.g. which sepsis definition fired). */
  extra?: Record<string, unknown>;
}

export function finding(ctx: RuleContext, o: Opportunity): RuleFinding {
  const candidates = candidatesOf(ctx, o.candidates, o.replaceCodes);
  const { impact, reason } = drgImpactOf(ctx, o.impactCodes ?? o.candidates.slice(0, 1), o.poa, o.placement ?? 'secondary', o.replaceCodes);
  const draft = renderQuery(ctx.chart, o.query);
  const cands = candidates
    .map((c) => `${c.code} (${c.severity ?? 'status unknown'}${c.ccExcluded ? ', CC-excluded by the principal diagnosis' : ''})`)
    .join(', ');
  const message = `${o.headline}: ${o.criteria.join('; ')}. Candidates: ${cands}. ${drgAtStake(impact, reason)}`;
  return {
    rule: `${FAMILY}.${o.key}`,
    range: o.range,
    message,
    data: {
      fix: 'draft-query',
      condition: o.headline,
      evidence: o.evidence,
      criteria: o.criteria,
      candidates,
      drgImpact: impact,
      ...(impact ? {} : { drgReason: reason }),
      poa: o.poa,
      query: draft.text,
      queryId: draft.id,
      ...o.extra,
    },
  };
}

/** Standard silence: documented, coded, ruled out, or queried. */
export function silenced(chart: ChartDocument, spec: ConditionSpec): boolean {
  const s = documentationStatus(chart, spec);
  return !!(s.documented || s.ruledOut || s.query);
}
