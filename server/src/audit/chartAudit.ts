// One chart's audit: the comparison of the two abstracts (./compare.ts), both abstracts grouped
// with the grouper logic of the release of the chart's discharge date and priced with that
// release's weights and rate (../drg/setting.ts, as the DRG code lens does), and the reasons
// (./reasons.ts). Plain data for the CLI, the report and the editor.
import type { ChartDocument } from '../chart/model';
import type { ServiceContext } from '../service/context';
import type { ChartRelease } from '../service/release';
import { drgSetting, type DrgSetting } from '../drg/setting';
import { groupAbstract, outcome } from '../grouper/impact';
import type { GroupResult } from '../grouper/group';
import { abstractCodes, compareCodes, type AbstractCode, type AbstractComparison } from './compare';
import { auditReasons, type AuditReason, type GroupedSide } from './reasons';

/** One side's MS-DRG: null fields when the abstract cannot be grouped (`error` says why). */
export interface AuditDrg {
  drg: string | null;
  title: string | null;
  weight: number | null;
  /** Estimated payment: weight × the release's national standardized amount (or the user's base rate). */
  payment: number | null;
  /** Grouper version used ("430"). */
  version: string | null;
  error?: string;
}

export interface ChartAudit {
  coder: AuditDrg;
  auditor: AuditDrg;
  comparison: AbstractComparison;
  drgChanged: boolean;
  /** auditor − coder, when both are known. */
  weightDelta: number | null;
  paymentDelta: number | null;
  reasons: AuditReason[];
  /** The rate payments are estimated with, and where it comes from. */
  rate: { amount: number; label: string } | null;
}

interface Grouped {
  drg: AuditDrg;
  side: GroupedSide | null;
  setting: DrgSetting | null;
}

function groupSide(
  chart: ChartDocument,
  which: 'coder' | 'auditor',
  codes: AbstractCode[],
  ctx: ServiceContext,
  release: ChartRelease | null | undefined,
): Grouped {
  const block = which === 'coder' ? chart.abstract : chart.auditorAbstract;
  const empty = (error: string): Grouped => ({ drg: { drg: null, title: null, weight: null, payment: null, version: null, error }, side: null, setting: null });
  if (!block) return empty(`the chart has no ${which === 'coder' ? "coder's" : "auditor's"} abstract`);
  const s = drgSetting(which === 'coder' ? chart : { ...chart, abstract: block }, ctx, release);
  if ('reason' in s) return empty(s.reason);
  const result: GroupResult = groupAbstract(s.grouper, s.abstract);
  const o = outcome(s.grouper, s.abstract.version, result, s.weightOf);
  const payment = o.weight !== null && s.rate ? round2(o.weight * s.rate.amount) : null;
  // SDX results are in the order chartAbstract reads SDX lines: the abstract's SDX codes in order.
  const sdx = new Map<AbstractCode, GroupResult['sdx'][number]>();
  codes.filter((c) => c.kind === 'SDX').forEach((c, i) => result.sdx[i] && sdx.set(c, result.sdx[i]!));
  return { drg: { drg: o.drg, title: o.title, weight: o.weight, payment, version: s.abstract.version }, side: { sdx }, setting: s };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;

/** The audit of a chart that has an auditor's abstract; null when it has none (not audited). */
export function auditChart(chart: ChartDocument, ctx: ServiceContext, release?: ChartRelease | null): ChartAudit | null {
  if (!chart.auditorAbstract) return null;
  const coderCodes = abstractCodes(chart.abstract);
  const auditorCodes = abstractCodes(chart.auditorAbstract);
  const comparison = compareCodes(coderCodes, auditorCodes);
  const coder = groupSide(chart, 'coder', coderCodes, ctx, release);
  const auditor = groupSide(chart, 'auditor', auditorCodes, ctx, release);
  const weightDelta = coder.drg.weight !== null && auditor.drg.weight !== null ? round4(auditor.drg.weight - coder.drg.weight) : null;
  const paymentDelta = coder.drg.payment !== null && auditor.drg.payment !== null ? round2(auditor.drg.payment - coder.drg.payment) : null;
  return {
    coder: coder.drg,
    auditor: auditor.drg,
    comparison,
    drgChanged: coder.drg.drg !== auditor.drg.drg,
    weightDelta,
    paymentDelta,
    reasons: auditReasons({ comparison, coder: coder.side, auditor: auditor.side, coderCodes, auditorCodes }),
    rate: (auditor.setting ?? coder.setting)?.rate ?? null,
  };
}

const memo = new WeakMap<ChartDocument, WeakMap<object, ChartAudit | null>>();

/**
 * auditChart, computed once per parsed chart and settings (the audit.* rules and the code lens
 * share it; a rule's context is a copy of the service's, its settings object is the same).
 */
export function cachedAudit(chart: ChartDocument, ctx: ServiceContext, release?: ChartRelease | null): ChartAudit | null {
  let bySettings = memo.get(chart);
  if (!bySettings) memo.set(chart, (bySettings = new WeakMap()));
  if (bySettings.has(ctx.settings)) return bySettings.get(ctx.settings)!;
  const a = auditChart(chart, ctx, release);
  bySettings.set(ctx.settings, a);
  return a;
}
