// DRG impact in the editor: the code lens over the abstract, the DRG part of a diagnosis hover,
// inlay hints after SDX/PROC lines, and the DRG analysis view. All of it groups the chart's
// abstract with the grouper logic of the chart's release and prices it with that release's
// weights and rates (or the user's base rate) — and says which ones it used.
// Each feature reads the chart's ChartAnalysis (../analysis.ts): the release, the grouping and
// the what-ifs are computed once per version of the chart, whichever feature asks first.
import type { AbstractLine, ChartDocument, Position, Range } from '../../chart/model';
import type { ChartAnalysis } from '../analysis';
import { alternativePrincipals, procedureAdditionImpact, type DrgChange, type DrgOutcome } from '../../grouper/impact';
import { basisOf, money, type DrgSetting } from '../../drg/setting';
import type { Poa } from '../../grouper/group';
import type { CodeSite } from '../../chart/locate';
import { dottedCm, normalizeCode } from '../../base/codes';
import { parseFormula, type FormulaNode } from '../../grouper/formula';

function estimate(o: DrgOutcome, s: DrgSetting): string | null {
  return o.weight !== null && s.rate ? money(o.weight * s.rate.amount) : null;
}

export function drgLine(o: DrgOutcome, s: DrgSetting): string {
  const parts = [`MS-DRG ${o.drg} ${o.title ?? ''}`.trim()];
  if (o.weight !== null) parts.push(`RW ${o.weight.toFixed(4)}`);
  if (o.gmlos) parts.push(`GMLOS ${o.gmlos.toFixed(1)}`);
  const est = estimate(o, s);
  if (est) parts.push(`est. ${est}`);
  return parts.join(' · ');
}

// ── code lens ────────────────────────────────────────────────────────────────

export interface CodeLensData {
  range: Range;
  title: string;
  /** Clicking the lens opens the DRG analysis view (the LSP layer names the client's command). */
  opensDrgAnalysis: boolean;
  /** What the lens means, for a client that shows a tooltip. */
  tooltip?: string;
}

export function drgCodeLenses(a: ChartAnalysis): CodeLensData[] {
  const chart = a.chart;
  if (!chart.abstract) return [];
  const range = { start: chart.abstract.range.start, end: chart.abstract.range.start };
  const d = a.drg();
  if ('reason' in d) return [{ range, title: `MS-DRG: not grouped — ${d.reason}`, opensDrgAnalysis: false }];
  const s = d.setting;
  const basis = s.rate ? ` (${s.rate.label === 'your base rate' ? 'your base rate' : 'national rate'})` : '';
  return [
    {
      range,
      title: drgLine(d.current, s) + basis,
      opensDrgAnalysis: true,
      tooltip: "The abstract's MS-DRG, relative weight, mean length of stay and estimated payment: click for the DRG analysis",
    },
    // The second lens says which grouper logic produced the first (the discharge date picks it).
    {
      range,
      title: `Grouper: ${s.logicLabel}`,
      opensDrgAnalysis: true,
      tooltip: `The MS-DRG grouper version for this discharge date (release ${s.releaseId}); weights ${s.weightSource}`,
    },
  ];
}

// ── hover ────────────────────────────────────────────────────────────────────

/**
 * The DRG part of a hover on a diagnosis or procedure code: a one-line summary the coder reads
 * first (`MCC · without it → MS-DRG 292 (−$2,936)`), then the detail; null when the chart can't
 * be grouped (an abstract line still says why) or the code has no DRG role here.
 */
export interface DrgHover {
  summary: string;
  detail: string;
}

/** "MS-DRG 292 (−$2,936)", or "no change (MS-DRG 291)" when the change leaves the DRG as it is. */
function changeSummary(c: DrgChange, s: DrgSetting): string {
  if (!c.changes) return `no change (MS-DRG ${c.after.drg})`;
  const sign = (n: number) => (n >= 0 ? '+' : '−');
  const delta =
    c.weightDelta === null
      ? ''
      : s.rate
        ? ` (${sign(c.weightDelta)}${money(Math.abs(c.weightDelta) * s.rate.amount)})`
        : ` (RW ${sign(c.weightDelta)}${Math.abs(c.weightDelta).toFixed(4)})`;
  return `MS-DRG ${c.after.drg}${delta}`;
}

function severityLabel(sev: string): string {
  return sev === 'NCC' ? 'non-CC' : sev;
}

export function drgHover(a: ChartAnalysis, site: CodeSite): DrgHover | null {
  const d = a.drg();
  if ('reason' in d) return site.kind === 'abstract' ? { summary: `DRG impact: not grouped — ${d.reason}`, detail: '' } : null;
  const s = d.setting;
  const g = s.grouper;
  const out: string[] = [];
  let summary: string;
  const fmtChange = (c: DrgChange, verb: string) => {
    const delta = c.weightDelta !== null && s.rate ? ` (${c.weightDelta >= 0 ? '+' : '−'}${money(Math.abs(c.weightDelta) * s.rate.amount)})` : '';
    return c.changes ? `${verb}: **${drgLine(c.after, s)}**${delta}` : `${verb}: no change (DRG ${c.after.drg})`;
  };
  const code = normalizeCode(site.kind === 'annotation' ? site.ref.code : site.line.code!.value);
  // An annotated code already in the abstract reads as its abstract line does.
  const role =
    site.kind === 'abstract'
      ? site.line.kind.value
      : site.ref.key === 'pcs'
        ? s.abstract.procs.map(normalizeCode).includes(code)
          ? 'PROC'
          : 'add-PROC'
        : site.ref.key === 'dx'
          ? normalizeCode(s.abstract.pdx) === code
            ? 'PDX'
            : s.abstract.sdx.some((x) => normalizeCode(x.code) === code)
              ? 'SDX'
              : 'add-SDX'
          : null;
  if (role === 'PDX') {
    const o = d.current;
    const est = estimate(o, s);
    summary = `Principal · MS-DRG ${o.drg}${est ? ` (est. ${est})` : ''}`;
    out.push(drgLine(o, s));
    const alts = a.principalAlternatives().filter((alt) => alt.outcome.drg !== o.drg);
    if (alts.length) {
      out.push('Other reported diagnoses as principal (information only — the guidelines, not the DRG, decide the sequence):');
      out.push(alts.map((alt) => `- ${dottedCm(alt.code)}: ${drgLine(alt.outcome, s)}`).join('\n'));
    }
  } else if (role === 'SDX') {
    const impact = site.kind === 'abstract' ? a.sdxImpacts()[sdxIndex(a.chart, site.line)] : a.sdxImpacts().find((i) => normalizeCode(i.code) === code);
    if (!impact) return null;
    const group = g.ccExclusionOf(impact.code, s.abstract.pdx, s.abstract.version);
    // The grouper reports the severity as used on this claim; the code's own is in the tables.
    const own = g.dxInfo(impact.code, s.abstract.version)?.severity ?? impact.severity;
    const shortStatus = impact.ccExcluded ? `${own}, CC-excluded` : impact.hac ? `${own}, HAC` : severityLabel(own);
    summary = `${shortStatus} · without it → ${changeSummary(impact, s)}`;
    const status = impact.ccExcluded
      ? `${own}, **CC-excluded** by PDX ${dottedCm(s.abstract.pdx)}${group ? ` (exclusion list ${group})` : ''}: grouped as non-CC`
      : impact.hac
        ? `${own}, **HAC** (POA ${impact.poa}): grouped as non-CC`
        : severityLabel(own);
    out.push(`As secondary here: ${status}`);
    out.push(`With it: ${drgLine(impact.before, s)}`);
    out.push(fmtChange(impact, 'Without it'));
  } else if (role === 'PROC') {
    // The DRG without this procedure: the abstract without it, with the procedure added back.
    const without = { ...s.abstract, procs: s.abstract.procs.filter((p) => normalizeCode(p) !== code) };
    const back = procedureAdditionImpact(g, without, code, s.weightOf);
    const removal: DrgChange = {
      before: back.after,
      after: back.before,
      changes: back.changes,
      weightDelta: back.weightDelta === null ? null : -back.weightDelta,
    };
    const isOr = s.tables.lookup(code, s.release.start, 'icd10pcs');
    const orLabel = isOr.kind === 'valid' && isOr.entry.procedure ? (isOr.entry.procedure.isOR ? 'O.R.' : 'non-O.R.') : 'procedure';
    summary = `${orLabel} · without it → ${changeSummary(removal, s)}`;
    out.push(`With it: ${drgLine(removal.before, s)}`);
    out.push(fmtChange(removal, 'Without it'));
  } else if (role === 'add-PROC') {
    const c = a.procedureImpact(code)!;
    summary = `Not in the abstract · adding it → ${changeSummary(c, s)}`;
    out.push(fmtChange(c, 'If added to the abstract'));
  } else if (role === 'add-SDX' && site.kind === 'annotation') {
    const poa = (site.annotation.poa?.value ?? 'Y') as Poa;
    const c = a.additionImpact(code, poa)!;
    const own = g.dxInfo(code, s.abstract.version)?.severity ?? c.severity;
    summary = `${c.ccExcluded ? `${own}, CC-excluded` : severityLabel(own)} · adding it → ${changeSummary(c, s)}`;
    out.push(`If added as SDX (POA ${poa}): ${c.ccExcluded ? `${own}, CC-excluded by PDX ${dottedCm(s.abstract.pdx)}` : severityLabel(own)}`);
    out.push(fmtChange(c, 'DRG'));
  } else return null;
  out.push(`_${basisOf(s)}_`);
  return { summary, detail: out.join('\n\n') };
}

/** Reported diagnoses that may stand as principal (not an MCE unacceptable/manifestation/external-cause PDX), each grouped as principal. */
export function usablePrincipalAlternatives(s: DrgSetting) {
  return alternativePrincipals(s.grouper, s.abstract, s.weightOf).filter((a) => {
    const r = s.tables.lookup(a.code, s.release.start, 'icd10cm');
    const flags = r.kind === 'valid' ? r.entry.mce.map((f) => f.flag) : [];
    return !flags.some((f) => f === 'unacceptable' || f === 'manifestation' || f === 'ecodepdx');
  });
}

function sdxIndex(chart: ChartDocument, line: AbstractLine): number {
  const sdx = chart.abstract?.lines.filter((l) => l.kind.value === 'SDX' && l.code) ?? [];
  return sdx.indexOf(line);
}

// ── inlay hints ──────────────────────────────────────────────────────────────

export interface InlayHintData {
  position: Position;
  label: string;
  tooltip: string;
}

export function drgInlayHints(a: ChartAnalysis): InlayHintData[] {
  const { chart } = a;
  if (!chart.abstract) return [];
  const d = a.drg();
  if ('reason' in d) return [];
  const { setting: s, result } = d;
  const out: InlayHintData[] = [];
  let sdxIndexNo = 0;
  let procIndexNo = 0;
  for (const line of chart.abstract.lines) {
    if (!line.code) continue;
    const end = (line.poa ?? line.date ?? line.code).range.end;
    if (line.kind.value === 'SDX') {
      const r = result.sdx[sdxIndexNo++];
      if (!r) continue;
      const own = s.grouper.dxInfo(r.code, s.abstract.version)?.severity ?? r.severity;
      const hac = r.hacMet.length > 0;
      if (hac)
        out.push({ position: end, label: 'HAC', tooltip: `Hospital-acquired condition (POA ${r.poa}): this ${own} is grouped as non-CC (${s.logicLabel})` });
      else if (r.cc_excluded)
        out.push({
          position: end,
          label: `${own} excl.`,
          tooltip: `${own}, CC-excluded by the principal diagnosis ${dottedCm(s.abstract.pdx)}: grouped as non-CC`,
        });
      else if (own !== 'NCC') out.push({ position: end, label: own, tooltip: `${own} (${s.logicLabel})` });
    } else if (line.kind.value === 'PROC') {
      const r = result.procs[procIndexNo++];
      if (r?.is_or) out.push({ position: end, label: 'O.R.', tooltip: `Operating-room procedure (${s.logicLabel})` });
    }
  }
  return out;
}

// ── DRG analysis view ────────────────────────────────────────────────────────

export function drgAnalysisMarkdown(a: ChartAnalysis): string {
  const d = a.drg();
  if ('reason' in d) return `# DRG analysis\n\nThis chart cannot be grouped: ${d.reason}.`;
  const { setting: s, result, current: o } = d;
  const chart = a.chart;
  const g = s.grouper;
  // Short lines and a narrow table: the view is read beside the chart, at half the window's width.
  const out: string[] = ['# DRG analysis', `**MS-DRG ${o.drg} ${o.title ?? ''}**`.replace(' **', '**')];
  const est = estimate(o, s);
  out.push(
    [
      o.weight !== null ? `relative weight (RW) ${o.weight.toFixed(4)}` : null,
      o.gmlos ? `expected stay (GMLOS) ${o.gmlos.toFixed(1)} days` : null,
      est ? `estimated payment ${est}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
  );
  out.push(`_${s.logicLabel} · weights ${s.weightSource}${s.rate ? ` · estimate at ${s.rate.label}` : ''}_`);
  const path = result.path;
  out.push('## How it grouped');
  const mdcTitle = (m: number) => g.mdcTitle(m, s.abstract.version) ?? '';
  const severityWords: Record<string, string> = {
    MCC: 'with an MCC (major complication or comorbidity)',
    CC: 'with a CC (complication or comorbidity)',
    NONE: 'without a CC or MCC',
    CC_MCC: 'with a CC or MCC',
  };
  out.push(
    [
      `- Principal diagnosis ${dottedCm(s.abstract.pdx)} → MDC ${String(path?.pdxMdc ?? result.mdc).padStart(2, '0')} ${mdcTitle(path?.pdxMdc ?? Number(result.mdc))} (MDC: major diagnostic category)`,
      path?.lists.length
        ? `- Decision tables checked: ${path.lists.map((l) => (l === 0 ? 'pre-MDC (transplants, ECMO, tracheostomy)' : l === 29 ? 'O.R. procedures unrelated to the MDC' : `MDC ${l}`)).join(' → ')}`
        : null,
      `- Result: MDC ${result.mdc} · ${result.medsurg.toLowerCase()} · DRG ${result.drg} ${severityWords[result.severity] ?? `(severity ${result.severity.replace('_', '-')})`}${result.return_code !== 'OK' ? ` · return code ${result.return_code}` : ''}`,
      path?.formula ? `- The DRG's condition: ${formulaInWords(path.formula)} (CMS formula \`${path.formula}\`)` : null,
      path?.severityFrom.length
        ? `- Severity from: ${path.severityFrom.map((i) => `${dottedCm(s.abstract.sdx[i]?.code ?? '')} (${result.sdx[i]?.severity})`).join(', ')}`
        : null,
      result.hac_status !== 'NOT_APPLICABLE'
        ? `- Hospital-acquired conditions (HAC): ${result.hac_status.replace(/_/g, ' ').toLowerCase()} (initial DRG ${result.initial_drg})`
        : null,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  out.push('## What if one code changed');
  const changed: string[] = [];
  const unchanged: string[] = [];
  const consider = (label: string, c: DrgChange) => {
    if (!c.changes) return void unchanged.push(label);
    const diff =
      c.weightDelta !== null && s.rate
        ? `${c.weightDelta >= 0 ? '+' : '−'}${money(Math.abs(c.weightDelta) * s.rate.amount)}`
        : c.weightDelta !== null
          ? `RW ${c.weightDelta >= 0 ? '+' : '−'}${Math.abs(c.weightDelta).toFixed(4)}`
          : '—';
    changed.push(`| ${label} | ${c.after.drg} ${c.after.title ?? ''} (RW ${c.after.weight?.toFixed(4) ?? '—'}) | ${diff} |`);
  };
  for (const impact of a.sdxImpacts()) {
    const own = g.dxInfo(impact.code, s.abstract.version)?.severity ?? impact.severity; // the code's own, not as used here
    consider(`remove SDX ${dottedCm(impact.code)} (${impact.ccExcluded ? `${own}, excluded` : impact.hac ? `${own}, HAC` : severityLabel(own)})`, impact);
  }
  const reported = new Set([s.abstract.pdx, ...s.abstract.sdx.map((d) => d.code)]);
  const annotated = new Map<string, Poa>();
  for (const a of chart.annotations)
    for (const ref of a.codes)
      if (ref.key === 'dx' && !reported.has(ref.code) && a.status !== 'ruled-out') annotated.set(ref.code, (a.poa?.value ?? 'Y') as Poa);
  for (const [code, poa] of annotated) consider(`add ${dottedCm(code)} from the note (POA ${poa})`, a.additionImpact(code, poa)!);
  if (changed.length) out.push(`| what if | DRG (RW) | payment |\n|---|---|---|\n${changed.join('\n')}`);
  if (unchanged.length) out.push(`No change to DRG ${o.drg}: ${unchanged.join('; ')}.`);
  if (!changed.length && !unchanged.length) out.push('_No secondary diagnoses, and no annotated code outside the abstract._');
  const alts = a.principalAlternatives();
  if (alts.length) {
    out.push('## Other reported diagnoses as principal');
    out.push('_Information only: the Official Guidelines (Section II), not the DRG, decide the principal diagnosis._');
    out.push(
      alts
        .map(
          (alt) =>
            `- ${dottedCm(alt.code)}: MS-DRG ${alt.outcome.drg} ${alt.outcome.title ?? ''}${alt.outcome.weight !== null ? ` (RW ${alt.outcome.weight.toFixed(4)})` : ''}`,
        )
        .join('\n'),
    );
  }
  out.push(
    "---\n_Terms: **RW** relative weight — the DRG's cost relative to the average case; payment ≈ RW × base rate. **GMLOS** geometric mean length of stay. **CC / MCC** complication or comorbidity / major one, as a secondary diagnosis. **Excluded**: a CC or MCC that does not count with this principal diagnosis (CC exclusion). **POA** present on admission._",
  );
  return out.join('\n\n');
}

const FORMULA_TOKENS: Record<string, string> = {
  MCC: 'an MCC among the secondary diagnoses',
  CC: 'a CC among the secondary diagnoses',
  ALIVE: 'discharged alive',
  DIED: 'the patient died',
  AMA: 'left against medical advice',
  XFRNBA: 'transferred to another acute-care hospital',
  ORPROC: 'an O.R. procedure',
  MULTST: 'significant trauma in two or more body sites',
  BILATERAL: 'a bilateral procedure',
  ANYDX: 'any principal diagnosis',
};

/** A CMS grouper formula ("PDX:dxc1803 & MCC") in words, its list names kept (they are CMS's table names). */
export function formulaInWords(formula: string): string {
  let node;
  try {
    node = parseFormula(formula);
  } catch {
    return 'see the CMS formula';
  }
  const words = (n: FormulaNode, top: boolean): string => {
    if (n.op === 'id') {
      const [kind, list] = n.id.includes(':') ? n.id.split(':', 2) : ['', n.id];
      switch (kind) {
        case 'PDX':
          return `the principal diagnosis is on CMS list ${list}`;
        case 'SDX':
          return `a secondary diagnosis is on CMS list ${list}`;
        case 'ANY':
          return `a diagnosis is on CMS list ${list}`;
        case 'ONLY':
          return `every diagnosis is on CMS list ${list}`;
        default:
          return FORMULA_TOKENS[list] ?? (/^[A-Z_]+$/.test(list) ? `${list} (a grouper condition)` : `a procedure on CMS list ${list}`);
      }
    }
    if (n.op === 'not') return `not ${words(n.kid, false)}`;
    const inner = n.kids.map((k) => words(k, false)).join(n.op === 'and' ? ' and ' : ' or ');
    return top ? inner : `(${inner})`;
  };
  return words(node, true);
}
