// The audit report a coding manager reads at a glance (`chartcoder audit --format html`): the
// rates as tiles, accuracy per coder against the 95 % standard, DRG changes, payment impact,
// changes by reason, and the table of charts. One self-contained page (../report/svg.ts).
import type { TopLevelSpec } from 'vega-lite';
import { money } from '../drg/setting';
import { esc, htmlPage, vegaLiteSvg } from '../report/svg';
import { REASON_LABELS, type ReasonCategory } from './reasons';
import type { AuditEntry, AuditSummary } from './summary';
import { drgChangeLine, pct, signedMoney } from './format';

/** The accuracy standard coders are held to. */
export const ACCURACY_STANDARD = 0.95;

function tile(label: string, value: string, good?: boolean): string {
  return `<div class="tile${good === undefined ? '' : good ? ' good' : ' bad'}"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
}

const meets = (r: number | null) => (r === null ? undefined : r >= ACCURACY_STANDARD);

/** The plots of an audit summary, as SVG strings (empty when there is nothing to plot). */
export async function auditPlots(entries: AuditEntry[], summary: AuditSummary): Promise<{ title: string; svg: string }[]> {
  const out: { title: string; svg: string }[] = [];
  const coderRows = Object.entries(summary.byCoder).flatMap(([coder, r]) =>
    (
      [
        ['DRG', r.drgAccuracy],
        ['PDX', r.pdxAccuracy],
        ['codes', r.codeAccuracy],
        ['POA', r.poaAccuracy],
      ] as const
    )
      .filter(([, v]) => v !== null)
      .map(([measure, v]) => ({ coder: `${coder} (${r.charts})`, measure, accuracy: v })),
  );
  if (coderRows.length) {
    const spec: TopLevelSpec = {
      title: 'Accuracy per coder (line: 95 % standard)',
      width: 420,
      height: { step: 14 },
      layer: [
        {
          data: { values: coderRows },
          mark: 'bar',
          encoding: {
            y: { field: 'coder', type: 'nominal', title: null },
            yOffset: { field: 'measure', sort: ['DRG', 'PDX', 'codes', 'POA'] },
            x: { field: 'accuracy', type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '%' }, title: 'accuracy' },
            color: { field: 'measure', type: 'nominal', sort: ['DRG', 'PDX', 'codes', 'POA'], title: null },
          },
        },
        {
          data: { values: [{ standard: ACCURACY_STANDARD }] },
          mark: { type: 'rule', color: '#cf222e', strokeDash: [4, 3], strokeWidth: 2 },
          encoding: { x: { field: 'standard', type: 'quantitative' } },
        },
      ],
    };
    out.push({ title: 'Accuracy per coder', svg: await vegaLiteSvg(spec) });
  }
  const changes = new Map<string, number>();
  for (const e of entries)
    if (e.audit?.drgChanged)
      changes.set(
        `${e.audit.coder.drg ?? '—'} → ${e.audit.auditor.drg ?? '—'}`,
        (changes.get(`${e.audit.coder.drg ?? '—'} → ${e.audit.auditor.drg ?? '—'}`) ?? 0) + 1,
      );
  if (changes.size) {
    const spec: TopLevelSpec = {
      title: 'MS-DRG changes (coder → auditor)',
      width: 360,
      height: { step: 18 },
      data: { values: [...changes].map(([change, charts]) => ({ change, charts })) },
      mark: { type: 'bar', color: '#8250df' },
      encoding: {
        y: { field: 'change', type: 'nominal', sort: '-x', title: null },
        x: { field: 'charts', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' }, title: 'charts' },
      },
    };
    out.push({ title: 'DRG changes', svg: await vegaLiteSvg(spec) });
  }
  const payments = entries
    .filter((e) => e.audit?.paymentDelta)
    .map((e) => ({
      chart: e.file.replace(/^.*[\\/]/, ''),
      delta: e.audit!.paymentDelta!,
      direction: e.audit!.paymentDelta! >= 0 ? 'underpaid (auditor higher)' : 'overpaid (auditor lower)',
    }));
  if (payments.length) {
    const spec: TopLevelSpec = {
      title: `Payment impact per chart (net ${signedMoney(summary.paymentImpact.net)}, absolute ${money(summary.paymentImpact.absolute)})`,
      width: 420,
      height: { step: 16 },
      data: { values: payments },
      mark: 'bar',
      encoding: {
        y: { field: 'chart', type: 'nominal', sort: '-x', title: null },
        x: { field: 'delta', type: 'quantitative', axis: { format: '$,.0f' }, title: 'auditor − coder (estimated payment)' },
        color: {
          field: 'direction',
          type: 'nominal',
          scale: { range: ['#cf222e', '#1a7f37'], domain: ['overpaid (auditor lower)', 'underpaid (auditor higher)'] },
          title: null,
        },
      },
    };
    out.push({ title: 'Payment impact', svg: await vegaLiteSvg(spec) });
  }
  const reasons = Object.entries(summary.byReason).map(([cat, n]) => ({ reason: REASON_LABELS[cat as ReasonCategory], changes: n }));
  if (reasons.length) {
    const spec: TopLevelSpec = {
      title: 'Changes by reason',
      width: 360,
      height: { step: 18 },
      data: { values: reasons },
      mark: { type: 'bar', color: '#bf8700' },
      encoding: {
        y: { field: 'reason', type: 'nominal', sort: '-x', title: null },
        x: { field: 'changes', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' }, title: 'changes' },
      },
    };
    out.push({ title: 'Changes by reason', svg: await vegaLiteSvg(spec) });
  }
  return out;
}

/** The audit summary's body part (tiles and plots), shared by the team report. */
export async function auditSection(entries: AuditEntry[], summary: AuditSummary): Promise<string> {
  const tiles = [
    tile('charts audited', String(summary.charts)),
    tile('DRG accuracy', pct(summary.drgAccuracy), meets(summary.drgAccuracy)),
    tile('PDX accuracy', pct(summary.pdxAccuracy), meets(summary.pdxAccuracy)),
    tile('code accuracy', pct(summary.codeAccuracy), meets(summary.codeAccuracy)),
    tile('POA accuracy', pct(summary.poaAccuracy), meets(summary.poaAccuracy)),
    tile('payment impact, net', signedMoney(summary.paymentImpact.net)),
    tile('payment impact, absolute', money(summary.paymentImpact.absolute)),
  ];
  if (summary.notAudited) tiles.push(tile('charts not audited', String(summary.notAudited)));
  const plots = await auditPlots(entries, summary);
  return `<div class="tiles">${tiles.join('')}</div>\n<div class="plots">${plots.map((p) => `<figure aria-label="${esc(p.title)}">${p.svg}</figure>`).join('\n')}</div>`;
}

export async function auditHtml(entries: AuditEntry[], summary: AuditSummary): Promise<string> {
  const rows = entries.map((e) => {
    const a = e.audit;
    if (!a) return `<tr><td>${esc(e.file)}</td><td>${esc(e.coderId ?? '')}</td><td colspan="5">not audited</td></tr>`;
    const reasons = [...new Set(a.reasons.map((r) => r.label))].join(', ');
    return `<tr${a.drgChanged ? ' class="changed"' : ''}><td>${esc(e.file)}</td><td>${esc(e.coderId ?? '')}</td><td>${esc(drgChangeLine(e))}</td><td class="num">${a.comparison.changes}</td><td>${a.comparison.pdxChanged ? 'yes' : ''}</td><td class="num">${a.comparison.dx.poa.length || ''}</td><td>${esc(reasons)}</td></tr>`;
  });
  const body = `<h1>Coding audit</h1>
<p class="meta">${summary.charts} audited chart${summary.charts === 1 ? '' : 's'} · standard ${pct(ACCURACY_STANDARD)} · MS-DRGs grouped with the release of each discharge date; payments estimated at the national standardized amount unless a base rate was given · definitions: docs/audit.md</p>
${await auditSection(entries, summary)}
<h2>Charts</h2>
<table><thead><tr><th>chart</th><th>coder</th><th>MS-DRG</th><th>code changes</th><th>PDX changed</th><th>POA changes</th><th>reasons</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
  return htmlPage('Coding audit', body);
}
