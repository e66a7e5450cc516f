// The team report as text, CSV (one row per chart) and one self-contained HTML page.
import type { TopLevelSpec } from 'vega-lite';
import { csvRow } from '../base/csv';
import type { ChartRecord } from './record';
import type { TeamReport } from './summary';
import { esc, htmlPage, vegaLiteSvg } from './svg';
import { auditSection } from '../audit/html';
import { pct } from '../audit/format';
import type { AuditEntry } from '../audit/summary';

export function reportText(r: TeamReport): string {
  const out: string[] = [];
  out.push(
    `${r.charts} chart${r.charts === 1 ? '' : 's'}: ${Object.entries(r.byStatus)
      .map(([s, n]) => `${s} ${n}`)
      .join(' · ')}`,
  );
  out.push(
    `CMI as coded: ${r.cmi?.toFixed(4) ?? '—'} (${r.cmiCharts} charts grouped${r.notGrouped ? `, ${r.notGrouped} not grouped` : ''}; weights of each discharge date's release)`,
  );
  out.push(`MCC capture: ${pct(r.capture.mccRate)} of grouped charts have an MCC; CC or MCC: ${pct(r.capture.ccOrMccRate)}`);
  out.push('MS-DRGs:');
  for (const d of r.drgs.slice(0, 20)) out.push(`  ${d.drg.padStart(3)} ${String(d.charts).padStart(5)}  RW ${d.weight?.toFixed(4) ?? '—'}  ${d.title ?? ''}`);
  if (r.drgs.length > 20) out.push(`  … ${r.drgs.length - 20} more`);
  const rules = Object.entries(r.findingsByRule);
  if (rules.length) {
    out.push(`Findings: ${r.errors} errors, ${r.warnings} warnings`);
    for (const [rule, n] of rules.slice(0, 20)) out.push(`  ${rule}: ${n}`);
  }
  out.push(
    `Open queries: ${r.openQueries.count}${r.openQueries.count ? ` (${r.openQueries.over7Days} open more than 7 days; mean age ${r.openQueries.meanAgeDays ?? '—'} days, oldest ${r.openQueries.oldestDays ?? '—'})` : ''}`,
  );
  for (const q of r.openQueries.queries.slice(0, 20))
    out.push(`  ${q.file} ${q.id}${q.to ? ` to ${q.to}` : ''}: ${q.ageDays ?? '?'} days${q.condition ? ` (${q.condition})` : ''}`);
  if (r.audit) {
    const a = r.audit;
    out.push(
      `Audit (${a.charts} charts): DRG ${pct(a.drgAccuracy)} · PDX ${pct(a.pdxAccuracy)} · codes ${pct(a.codeAccuracy)} · POA ${pct(a.poaAccuracy)} · payment impact net ${a.paymentImpact.net.toFixed(2)}`,
    );
  }
  return out.join('\n');
}

export const REPORT_CSV_HEADER = [
  'file',
  'encounter',
  'status',
  'coder',
  'discharged',
  'drg',
  'weight',
  'version',
  'mccs',
  'ccs',
  'errors',
  'warnings',
  'open_queries',
  'audited',
  'auditor_drg',
];

export function reportCsvRow(c: ChartRecord): string {
  return csvRow([
    c.file,
    c.encounter,
    c.status,
    c.coder,
    c.discharged,
    c.drg,
    c.weight,
    c.version,
    c.mccs,
    c.ccs,
    c.errors,
    c.warnings,
    c.queries.filter((q) => q.status === 'open').length,
    c.audit ? 'yes' : 'no',
    c.audit?.auditor.drg ?? '',
  ]);
}

export async function reportHtml(r: TeamReport, records: ChartRecord[]): Promise<string> {
  const plots: string[] = [];
  const statusSpec: TopLevelSpec = {
    title: 'Charts by status',
    width: 320,
    height: { step: 20 },
    data: { values: Object.entries(r.byStatus).map(([status, charts]) => ({ status, charts })) },
    mark: { type: 'bar', color: '#0969da' },
    encoding: {
      y: { field: 'status', type: 'nominal', sort: ['to-code', 'in-progress', 'query-pending', 'coded', 'audited'], title: null },
      x: { field: 'charts', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' } },
    },
  };
  plots.push(await vegaLiteSvg(statusSpec));
  if (r.drgs.length) {
    const drgSpec: TopLevelSpec = {
      title: 'MS-DRG distribution (top 15)',
      width: 380,
      height: { step: 16 },
      data: { values: r.drgs.slice(0, 15).map((d) => ({ drg: `${d.drg} ${(d.title ?? '').slice(0, 40)}`, charts: d.charts, weight: d.weight })) },
      mark: { type: 'bar', color: '#8250df' },
      encoding: {
        y: { field: 'drg', type: 'nominal', sort: '-x', title: null },
        x: { field: 'charts', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' } },
      },
    };
    plots.push(await vegaLiteSvg(drgSpec));
  }
  const rules = Object.entries(r.findingsByRule).slice(0, 15);
  if (rules.length) {
    const ruleSpec: TopLevelSpec = {
      title: 'Findings by rule (top 15)',
      width: 320,
      height: { step: 16 },
      data: { values: rules.map(([rule, n]) => ({ rule, findings: n })) },
      mark: { type: 'bar', color: '#bf8700' },
      encoding: {
        y: { field: 'rule', type: 'nominal', sort: '-x', title: null },
        x: { field: 'findings', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' } },
      },
    };
    plots.push(await vegaLiteSvg(ruleSpec));
  }
  const ages = r.openQueries.queries.filter((q) => q.ageDays !== null);
  if (ages.length) {
    const ageSpec: TopLevelSpec = {
      title: 'Open queries by age (days since discharge)',
      width: 320,
      height: 160,
      data: { values: ages.map((q) => ({ age: q.ageDays })) },
      mark: { type: 'bar', color: '#cf222e' },
      encoding: {
        x: { field: 'age', type: 'quantitative', bin: { maxbins: 12 }, title: 'days' },
        y: { aggregate: 'count', type: 'quantitative', title: 'queries' },
      },
    };
    plots.push(await vegaLiteSvg(ageSpec));
  }
  const tile = (label: string, value: string) => `<div class="tile"><b>${esc(value)}</b><span>${esc(label)}</span></div>`;
  const tiles = [
    tile('charts', String(r.charts)),
    tile('CMI as coded', r.cmi?.toFixed(4) ?? '—'),
    tile('MCC capture', pct(r.capture.mccRate)),
    tile('CC or MCC capture', pct(r.capture.ccOrMccRate)),
    tile('open queries', String(r.openQueries.count)),
    tile('open > 7 days', String(r.openQueries.over7Days)),
    tile('errors', String(r.errors)),
  ];
  let audit = '';
  if (r.audit) {
    const entries: AuditEntry[] = records
      .filter((c) => c.audit)
      .map((c) => ({ file: c.file, coderId: c.coder, auditorId: c.auditor, audited: null, discharged: c.discharged, audit: c.audit }));
    audit = `<h2>Audit</h2>\n${await auditSection(entries, r.audit)}`;
  }
  const queryRows = r.openQueries.queries
    .slice(0, 200)
    .map(
      (q) =>
        `<tr><td>${esc(q.file)}</td><td>${esc(q.id)}</td><td>${esc(q.to ?? '')}</td><td class="num">${q.ageDays ?? ''}</td><td>${esc(q.condition ?? '')}</td></tr>`,
    );
  const drgRows = r.drgs.map(
    (d) => `<tr><td>${esc(d.drg)}</td><td>${esc(d.title ?? '')}</td><td class="num">${d.charts}</td><td class="num">${d.weight?.toFixed(4) ?? ''}</td></tr>`,
  );
  const body = `<h1>Coding team report</h1>
<p class="meta">${r.charts} charts · CMI = mean relative weight of the coders' MS-DRGs, each with the weights of its discharge date's release · definitions: docs/reports.md</p>
<div class="tiles">${tiles.join('')}</div>
<div class="plots">${plots.map((svg) => `<figure>${svg}</figure>`).join('\n')}</div>
${audit}
<h2>Open queries</h2>
<table><thead><tr><th>chart</th><th>query</th><th>to</th><th>age (days)</th><th>condition</th></tr></thead><tbody>${queryRows.join('\n') || '<tr><td colspan="5">none</td></tr>'}</tbody></table>
<h2>MS-DRGs</h2>
<table><thead><tr><th>MS-DRG</th><th>title</th><th>charts</th><th>RW</th></tr></thead><tbody>${drgRows.join('\n')}</tbody></table>`;
  return htmlPage('Coding team report', body);
}
