// poa.missing / poa.exempt / poa.hac: present-on-admission indicators on an inpatient claim
// (ICD-10-CM Guidelines Appendix I). Values: Y, N, U, W, or 1 (exempt, also written blank).
// Exempt codes come from the CMS POA-exempt list in the tables; HAC categories from MS-DRG.
import { versionLabel } from '../base/versions';
import type { Rule, RuleFinding } from './rule';
import { cmDetails, display, reportedDx } from './facts';

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
    for (const r of reportedDx(ctx.chart)) {
      const d = cmDetails(ctx, r.code);
      if (!d) continue; // code.* says what is wrong with the code
      const poa = r.line.poa?.value.toUpperCase();
      if (d.poaExempt) {
        if (poa && poa !== '1') out.push({ rule: 'poa.exempt', range: r.line.poa!.range, message: `${display(r.code)} is exempt from POA reporting (${d.poaSource?.file ?? 'CMS POA-exempt list'}, ${d.poaSource?.year ?? ''}): report 1 or leave it blank, not ${poa}.`.replace(', )', ')'), data: { fix: 'set-poa', value: '1' } });
        continue;
      }
      if (!poa || poa === '1') {
        out.push({ rule: 'poa.missing', range: r.line.poa?.range ?? r.line.code!.range, message: `${display(r.code)} needs a POA indicator (Y, N, U or W)${poa === '1' ? ': 1 is only for exempt codes' : ''}.`, data: { fix: 'poa-choices' } });
        continue;
      }
      if ((poa === 'N' || poa === 'U') && r.kind === 'SDX' && d.msdrg?.hacs.length) {
        const hacs = d.msdrg.hacs.map((h) => `HAC ${String(h.number).padStart(2, '0')}${h.title ? ` ${h.title}` : ''}`).join(', ');
        out.push({ rule: 'poa.hac', range: r.line.poa!.range, message: `${display(r.code)} with POA ${poa} is a hospital-acquired condition (${hacs}, MS-DRG ${versionLabel(d.msdrg.version)}): it does not count as a CC/MCC and can change the DRG.` });
      }
    }
    return out;
  },
};
