// A parsed chart's abstract and header as grouper input (age, sex, disposition, discharge date).
import type { ChartDocument } from '../chart/model';
import type { ClaimDx, Poa } from '../grouper/group';
import type { DrgAbstract } from '../grouper/impact';
import type { MsdrgTables } from '../grouper/tables';

export type AbstractResult = { ok: true; abstract: DrgAbstract } | { ok: false; message: string };

const POA = new Set(['Y', 'N', 'U', 'W', '1']);

function poaOf(value: string | undefined): Poa {
  const p = (value ?? 'Y').trim().toUpperCase();
  return (POA.has(p) ? p : '') as Poa;
}

/** Builds the grouper abstract; `version` overrides the one chosen by the discharge date. */
export function chartAbstract(doc: ChartDocument, tables: MsdrgTables, version?: string): AbstractResult {
  const h = doc.header;
  if (!doc.abstract) return { ok: false, message: 'the chart has no abstract block' };
  let pdx: { code: string; poa: Poa } | null = null;
  const sdx: ClaimDx[] = [];
  const procs: string[] = [];
  for (const line of doc.abstract.lines) {
    if (!line.code) continue;
    const kind = line.kind.value;
    const code = line.code.value;
    if (kind === 'PDX') {
      if (pdx) return { ok: false, message: `line ${line.range.start.line + 1}: a second PDX` };
      pdx = { code, poa: poaOf(line.poa?.value) };
    } else if (kind === 'SDX') sdx.push({ code, poa: poaOf(line.poa?.value) });
    else if (kind === 'PROC') procs.push(code);
  }
  if (!pdx) return { ok: false, message: 'the abstract has no PDX line' };
  let v = version;
  if (!v) {
    if (!h?.discharged) return { ok: false, message: 'the header has no discharge date (discharged:), so no grouper version can be chosen; pass --version' };
    const chosen = tables.versionFor(h.discharged);
    if (!chosen) return { ok: false, message: `no MS-DRG version covers the discharge date ${h.discharged}` };
    v = chosen;
  }
  return {
    ok: true,
    abstract: { pdx: pdx.code, pdxPoa: pdx.poa, sdx, procs, age: h?.age ?? 50, sex: h?.sex ?? 'U', dstat: h?.disposition ?? '01', version: v },
  };
}
