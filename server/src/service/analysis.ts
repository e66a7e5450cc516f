// What the features derive from one version of a chart — the release it is checked against, its
// abstract grouped (and the what-ifs around it), its findings — computed at most once, when first
// asked for, and shared by every feature: diagnostics, hover, code lens, inlay hints, code
// actions, the DRG analysis and the status bar. The language service keeps one per document and
// makes a new one when the document's text or settings change (languageService.ts), so nothing
// here is ever stale and nothing is computed twice for the same version.
import type { ChartDocument } from '../chart/model';
import type { Finding, ServiceContext } from './context';
import { chartRelease, type ChartRelease } from './release';
import { findingSteps } from './features/diagnostics';
import { usablePrincipalAlternatives } from './features/drg';
import { type DrgSetting } from './../drg/setting';
import { drgSetting } from './../drg/setting';
import {
  additionImpact,
  groupAbstract,
  outcome,
  procedureAdditionImpact,
  sdxRemovalImpacts,
  type DrgChange,
  type DrgOutcome,
  type PrincipalAlternative,
  type SdxImpact,
} from '../grouper/impact';
import type { GroupResult, Poa } from '../grouper/group';
import type { Severity } from '../grouper/tables';

/** The chart's abstract grouped: everything the DRG features start from. */
export interface DrgView {
  setting: DrgSetting;
  /** The full grouper result, with the grouping path. */
  result: GroupResult;
  /** The DRG as the abstract stands, priced with the release's weights. */
  current: DrgOutcome;
}

export class ChartAnalysis {
  constructor(
    readonly chart: ChartDocument,
    /** The tables and this document's settings. */
    readonly ctx: ServiceContext,
  ) {}

  private releaseMemo: ChartRelease | null | undefined;
  /** The release of the chart's discharge date (null when no tables are loaded). */
  release(): ChartRelease | null {
    if (this.releaseMemo === undefined) this.releaseMemo = this.ctx.tables ? chartRelease(this.chart, this.ctx.tables) : null;
    return this.releaseMemo;
  }

  private findingsMemo: Finding[] | undefined;
  /** Every finding, suppressed ones included (flagged). */
  findings(): Finding[] {
    if (this.findingsMemo) return this.findingsMemo;
    const steps = this.findingSteps();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * The findings one rule per step, for a caller that yields between rules (the server on a big
   * chart). A run that completes is kept: later callers get its result without running a rule.
   */
  *findingSteps(): Generator<string, Finding[]> {
    if (this.findingsMemo) return this.findingsMemo;
    const findings = yield* findingSteps(this.chart, this.ctx, this.release(), () => {
      // The DRG impact of the findings starts from this version's grouping and shares its what-ifs.
      const d = this.drg();
      return 'reason' in d ? null : { setting: d.setting, current: d.current, added: (code, poa) => this.additionImpact(code, poa)?.after ?? null };
    });
    this.findingsMemo ??= findings;
    return this.findingsMemo;
  }

  private drgMemo: DrgView | { reason: string } | undefined;
  /** The abstract grouped with the logic of the chart's release, or why it cannot be. */
  drg(): DrgView | { reason: string } {
    if (this.drgMemo) return this.drgMemo;
    const setting = drgSetting(this.chart, this.ctx, this.release());
    if ('reason' in setting) return (this.drgMemo = setting);
    const grouper = this.ctx.grouper!;
    const result = groupAbstract(grouper, setting.abstract);
    return (this.drgMemo = { setting, result, current: outcome(grouper, setting.abstract.version, result, setting.weightOf) });
  }

  private sdxMemo: SdxImpact[] | undefined;
  /** For each secondary diagnosis, the DRG without it (empty when the chart cannot be grouped). */
  sdxImpacts(): SdxImpact[] {
    if (this.sdxMemo) return this.sdxMemo;
    const d = this.drg();
    return (this.sdxMemo = 'reason' in d ? [] : sdxRemovalImpacts(this.ctx.grouper!, d.setting.abstract, d.setting.weightOf, d.result));
  }

  private alternativesMemo: PrincipalAlternative[] | undefined;
  /** Reported diagnoses that may stand as principal, each grouped as principal. */
  principalAlternatives(): PrincipalAlternative[] {
    if (this.alternativesMemo) return this.alternativesMemo;
    const d = this.drg();
    return (this.alternativesMemo = 'reason' in d ? [] : usablePrincipalAlternatives(d.setting));
  }

  private readonly additions = new Map<string, DrgChange & { severity: Severity; ccExcluded: boolean }>();
  /** The DRG with `code` added as a secondary diagnosis with `poa` (null when the chart cannot be grouped). */
  additionImpact(code: string, poa: Poa): (DrgChange & { severity: Severity; ccExcluded: boolean }) | null {
    const d = this.drg();
    if ('reason' in d) return null;
    const key = `${code} ${poa}`;
    let c = this.additions.get(key);
    if (!c) this.additions.set(key, (c = additionImpact(this.ctx.grouper!, d.setting.abstract, { code, poa }, d.setting.weightOf, d.current)));
    return c;
  }

  private readonly procedures = new Map<string, DrgChange>();
  /** The DRG with procedure `code` added (null when the chart cannot be grouped). */
  procedureImpact(code: string): DrgChange | null {
    const d = this.drg();
    if ('reason' in d) return null;
    let c = this.procedures.get(code);
    if (!c) this.procedures.set(code, (c = procedureAdditionImpact(this.ctx.grouper!, d.setting.abstract, code, d.setting.weightOf, d.current)));
    return c;
  }
}
