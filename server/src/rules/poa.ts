// poa.missing / poa.exempt / poa.hac: present-on-admission indicators on an inpatient claim
// (ICD-10-CM Guidelines Appendix I). Values: Y, N, U, W, or 1 (exempt, also written blank).
// Exempt codes come from the CMS POA-exempt list in the tables; HAC categories from MS-DRG.
// poa.hac follows the grouper: a code is called a HAC exactly when CMS's HAC logic (which the
// grouper applies) meets one of its categories on this claim — N39.0 only together with a catheter
// code that is a HAC itself, HAC 08/10/12–14 only with their procedure, HAC 11 with its principal.
import { versionKey, versionLabel } from '../base/versions';
import type { Rule, RuleContext, RuleFinding } from './rule';
import type { AbstractLine } from '../chart/model';
import { cmDetails, display, reportedDx } from './facts';
import { chartAbstract } from '../drg/chartAbstract';
import { hacConditions } from '../grouper/impact';

export const poaRules: Rule = {
  id: 'poa.*',
  summary: 'Present-on-admission indicators.',
  defaultSeverity: 'error',
  ids: [
    { id: 'poa.missing', defaultSeverity: 'error', summary: 'A diagnosis without a POA indicator where one is required.' },
    { id: 'poa.exempt', defaultSeverity: 'warning', summary: 'A POA value other than 1/blank on a POA-exempt code.' },
    { id: 'poa.hac', defaultSeverity: 'info', summary: 'A hospital-acquired condition (HAC category code with POA N/U).' },
  ],
  check(ctx) {
    if (ctx.chart.header?.type === 'outpatient') return []; // POA is reported on inpatient claims only
    const out: RuleFinding[] = [];
    // The grouper is asked only when a HAC-category code is reported POA N/U (its tables load on first use).
    let grouped: ReturnType<typeof groupedHacs> | undefined;
    for (const r of reportedDx(ctx.chart)) {
      const d = cmDetails(ctx, r.code);
      if (!d) continue; // code.* says what is wrong with the code
      const poa = r.line.poa?.value.toUpperCase();
      if (d.poaExempt) {
        if (poa && poa !== '1')
          out.push({
            rule: 'poa.exempt',
            range: r.line.poa!.range,
            message:
              `${display(r.code)} is exempt from POA reporting (${d.poaSource?.file ?? 'CMS POA-exempt list'}, ${d.poaSource?.year ?? ''}): report 1 or leave it blank, not ${poa}.${d.poaNote ? ` (${d.poaNote}.)` : ''}`.replace(
                ', )',
                ')',
              ),
            data: { fix: 'set-poa', value: '1' },
          });
        continue;
      }
      if (!poa || poa === '1') {
        out.push({
          rule: 'poa.missing',
          range: r.line.poa?.range ?? r.line.code!.range,
          message: `${display(r.code)} needs a POA indicator (Y, N, U or W)${poa === '1' ? ': 1 is only for exempt codes' : ''}.`,
          data: { fix: 'poa-choices' },
        });
        continue;
      }
      if ((poa === 'N' || poa === 'U') && r.kind === 'SDX' && d.msdrg?.hacs.length) {
        let hacs = d.msdrg.hacs;
        let version = d.msdrg.version;
        if (grouped === undefined) grouped = groupedHacs(ctx);
        const g = grouped;
        if (g) {
          // The grouper decides: only the categories CMS's HAC logic meets on this claim.
          const met = g.byLine.get(r.line) ?? [];
          if (!met.length) continue;
          hacs = met.map((n) => ({ number: n, title: g.title(n) }));
          version = g.version;
        }
        const names = hacs.map((h) => `HAC ${String(h.number).padStart(2, '0')}${h.title ? ` ${h.title}` : ''}`).join(', ');
        out.push({
          rule: 'poa.hac',
          range: r.line.poa!.range,
          message: `${display(r.code)} with POA ${poa} is a hospital-acquired condition (${names}, MS-DRG ${versionLabel(version)}): it does not count as a CC/MCC and can change the DRG.`,
        });
      }
    }
    return out;
  },
};

/**
 * The HAC categories the grouper meets for each SDX line of the abstract, or null when the chart
 * cannot be grouped (no MS-DRG tables, no logic for the date, no principal): then the code's HAC
 * categories in the tables are reported as they are.
 */
function groupedHacs(ctx: RuleContext): { byLine: Map<AbstractLine, readonly number[]>; version: string; title: (n: number) => string | null } | null {
  const g = ctx.grouper;
  const release = ctx.release?.release as { msdrgVersion?: string | null } | null | undefined;
  if (!g || !release?.msdrgVersion || !ctx.chart.abstract) return null;
  const version = versionKey(release.msdrgVersion);
  if (!g.versions.includes(version)) return null;
  const built = chartAbstract(ctx.chart, g, version);
  if (!built.ok) return null;
  const met = hacConditions(g, built.abstract);
  const byLine = new Map<AbstractLine, readonly number[]>();
  let i = 0;
  for (const line of ctx.chart.abstract.lines) {
    if (!line.code || line.kind.value !== 'SDX') continue; // the order chartAbstract reads SDX lines in
    const hacs = met.get(i++);
    if (hacs) byLine.set(line, hacs);
  }
  return { byLine, version, title: (n) => g.version(version).hacTitle(n) };
}
