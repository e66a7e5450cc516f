// poa.inconsistent: the abstract's POA indicator differs from the `poa=` the note's annotation(s)
// of the same code document. The documented value is the one the claim must carry (guidelines
// Appendix I: POA is assigned from the provider's documentation). An error on a code of a CMS HAC
// category (the difference can hide or invent a hospital-acquired condition), a warning otherwise.
// Silent when the annotations disagree among themselves (nothing to choose from), on POA-exempt
// codes (poa.exempt) and where the abstract has no POA (poa.missing); outpatient claims carry none.
import type { Rule, RuleFinding } from './rule';
import { cmDetails, codeAnnotations, display, reportedDx } from './facts';

export const poaInconsistent: Rule = {
  id: 'poa.inconsistent',
  summary: "The abstract's POA indicator differs from the POA documented on the code's annotation.",
  defaultSeverity: 'warning',
  check(ctx) {
    if (ctx.chart.header?.type === 'outpatient') return [];
    const documented = new Map<string, Set<string>>();
    for (const { ann, ref } of codeAnnotations(ctx.chart)) {
      if (ref.key !== 'dx' || !ann.poa?.value || ann.status === 'ruled-out') continue;
      const set = documented.get(ref.code) ?? new Set<string>();
      set.add(ann.poa.value.trim().toUpperCase());
      documented.set(ref.code, set);
    }
    const out: RuleFinding[] = [];
    for (const r of reportedDx(ctx.chart)) {
      const poa = r.line.poa?.value.trim().toUpperCase();
      const values = documented.get(r.code);
      if (!poa || !values || values.size !== 1) continue;
      const [want] = values;
      if (want === poa || !/^[YNUW1]$/.test(want)) continue;
      const d = cmDetails(ctx, r.code);
      if (!d || d.poaExempt) continue;
      const hac = (d.msdrg?.hacs.length ?? 0) > 0;
      out.push({
        range: r.line.poa!.range,
        severity: hac ? 'error' : 'warning',
        message: `${display(r.code)} is reported with POA ${poa}, but the note documents poa=${want}${hac ? ` — it is a hospital-acquired-condition code (${d.msdrg!.hacs.map((h) => `HAC ${String(h.number).padStart(2, '0')}`).join(', ')}), so the POA decides whether it counts as a CC/MCC` : ''}: report ${want} as documented, or correct the annotation (ICD-10-CM guidelines Appendix I: POA is assigned from the provider's documentation).`,
        data: { fix: 'set-poa', value: want },
      });
    }
    return out;
  },
};
