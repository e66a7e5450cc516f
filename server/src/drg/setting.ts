// A chart's DRG setting: its abstract as grouper input (./chartAbstract.ts), the grouper logic of
// the chart's release, and that release's weights and payment rates (or the user's base rate),
// each with where it comes from. The DRG feature (service/features/drg.ts: lens, hover, inlay
// hints, analysis), the per-version ChartAnalysis and the rules that state a DRG impact all start
// from here, so they group the same abstract the same way. Imports no feature, rule, lsp or cli.
import type { ChartDocument } from '../chart/model';
import type { ServiceContext } from '../service/context';
import { chartRelease, type ChartRelease } from '../service/release';
import type { DrgAbstract, DrgOutcome, WeightOf } from '../grouper/impact';
import type { MsdrgTables } from '../grouper/tables';
import type { CodeFacts, DrgFacts, Release } from '../tables/types';
import { versionKey, versionLabel } from '../base/versions';
import { chartAbstract } from './chartAbstract';

export interface DrgSetting {
  abstract: DrgAbstract;
  /** The grouper, and the tables the weights, rates and code facts come from. */
  grouper: MsdrgTables;
  tables: CodeFacts & DrgFacts;
  /** The chart's release (its grouper version, weights and rates). */
  release: Release;
  releaseId: string;
  /** "MS-DRG v43.0", plus the note for a release whose own logic is missing. */
  logicLabel: string;
  weightOf: WeightOf;
  weightSource: string;
  /** Dollars per unit of relative weight, and where that figure comes from. */
  rate: { amount: number; label: string } | null;
}

/** Everything needed to group this chart, or why it cannot be grouped; `chosen` is the chart's release when the caller has it. */
export function drgSetting(chart: ChartDocument, ctx: ServiceContext, chosen?: ChartRelease | null): DrgSetting | { reason: string } {
  if (!ctx.grouper || !ctx.tables) return { reason: ctx.tablesError ? `tables not loaded: ${ctx.tablesError}` : 'the MS-DRG tables are not loaded' };
  const { tables, grouper } = ctx;
  const release = (chosen ?? chartRelease(chart, tables)).release;
  if (!release?.msdrgVersion) return { reason: 'no MS-DRG logic covers the discharge date' };
  const version = versionKey(release.msdrgVersion);
  const a = chartAbstract(chart, grouper, version);
  if (!a.ok) return { reason: a.message };
  const weightOf: WeightOf = (drg) => {
    const w = tables.drgInfo(drg, release.id);
    return w ? { weight: w.weight, gmlos: w.gmlos ?? 0, title: w.title ?? '' } : null;
  };
  const rates = tables.paymentRates(release.id);
  const base = ctx.settings.baseRate;
  const rate = base
    ? { amount: base, label: 'your base rate' }
    : rates
      ? { amount: rates.standardizedAmount, label: `national standardized amount ${money(rates.standardizedAmount)}` }
      : null;
  const logicLabel = `MS-DRG ${versionLabel(version)}${release.msdrgNote ? ` logic — ${release.msdrgNote.replace(/^MS-DRG v[\d.]+ logic — /, '')}` : ''}`;
  const weightSource = tables.drgInfo('291', release.id)?.source;
  return {
    abstract: a.abstract,
    grouper,
    tables,
    release,
    releaseId: release.id,
    logicLabel,
    weightOf,
    weightSource: weightSource ? `${weightSource.file} (${weightSource.year})` : 'no weights',
    rate,
  };
}

/** "$2,936" (rounded to the dollar). Written out: toLocaleString costs tens of µs a call, and every grouped chart states its rate. */
/** The estimated payment of a grouping: its weight × the setting's rate, in whole dollars (null without either). */
export function paymentOf(s: DrgSetting, o: DrgOutcome): number | null {
  return o.weight !== null && s.rate ? Math.round(o.weight * s.rate.amount) : null;
}

/** What a DRG figure was computed with, as the hover says it: grouper logic, weights, rate. */
export function basisOf(s: DrgSetting): string {
  return `${s.logicLabel} · weights ${s.weightSource}${s.rate ? ` · ${s.rate.label}` : ''}`;
}

export function money(n: number): string {
  const r = Math.round(n);
  return `$${r < 0 ? '-' : ''}${String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}
