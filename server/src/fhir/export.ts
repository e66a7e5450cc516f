// The final abstract of a chart, for the EHR and for billing systems: a FHIR R4 institutional
// Claim, or CSV rows (encounter, role, sequence, code, POA, date). Pure: the chart model, the
// grouper's answer and code titles come in; plain data goes out.
//
// Claim mapping (FHIR R4 Claim, hl7.org/fhir/R4/claim.html; US usage after the CARIN Blue Button
// Inpatient Institutional EOB profile):
// - diagnosis[]: sequence 1 = PDX, then ADX, then SDX in abstract order; type principal /
//   admitting / other (ex-diagnosistype, with CARIN's "other" for secondary); diagnosisCodeableConcept
//   in ICD-10-CM; onAdmission with the CMS POA indicator (Y N U W 1) and, where it exists, R4's
//   example code (y n u w).
// - the MS-DRG in diagnosis.packageCode of the principal diagnosis (R4: "the package billing code,
//   e.g. DRG, based on the assigned grouping code system"), with the grouper version.
// - procedure[]: sequence, date, procedureCodeableConcept in ICD-10-PCS.
// - billablePeriod from admitted/discharged; patient and encounter references from the import
//   provenance comment when the chart came from FHIR (else a display-only reference).
import type { Claim, ClaimDiagnosis, ClaimProcedure, CodeableConcept, Reference } from 'fhir/r4';
import type { AbstractBlock, ChartDocument } from '../chart/model';
import { CLAIM_TYPE, CMS_POA, DIAGNOSIS_ON_ADMISSION, DIAGNOSIS_TYPE, ICD10CM, ICD10PCS, MS_DRG, PROCESS_PRIORITY } from './systems';

/** CARIN Blue Button's diagnosis types (C4BBClaimDiagnosisType): `other` for a secondary diagnosis. */
const C4BB_DIAGNOSIS_TYPE = 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBClaimDiagnosisType';

export interface ExportDrg {
  drg: string;
  title?: string | null;
  /** Grouper version, e.g. "431" (v43.1). */
  version: string;
}

export interface ExportOptions {
  /** Claim.created (YYYY-MM-DD); the chart's `coded` date or today by default. */
  created?: string;
  drg?: ExportDrg | null;
  /** Titles of codes, for display (from the code tables); optional. */
  title?: (system: 'icd10cm' | 'icd10pcs', code: string) => string | undefined;
  /** Which abstract: the coder's (default) or the auditor's. */
  abstract?: 'coder' | 'auditor';
}

export type ExportRow = {
  encounter: string;
  role: 'principal' | 'admitting' | 'secondary' | 'procedure' | 'ms-drg';
  sequence: number;
  code: string;
  poa: string;
  date: string;
};

export type ExportResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; message: string };

/** The import provenance comment of a chart made by the FHIR importer: its Encounter and Patient references. */
export function provenanceOf(chart: ChartDocument): { encounter?: string; patient?: string } {
  if (!chart.header) return {};
  const lines = chart.text.split(/\r?\n/, chart.header.range.end.line + 1);
  for (const l of lines) {
    const m = /^#\s*Imported from FHIR\b.*?:\s*(Encounter\/[^\s,]+)(?:,\s*(Patient\/[^\s,]+))?/.exec(l.trim());
    if (m) return { encounter: m[1], patient: m[2] };
  }
  return {};
}

function abstractOf(chart: ChartDocument, which: 'coder' | 'auditor'): AbstractBlock | null {
  return which === 'auditor' ? chart.auditorAbstract : chart.abstract;
}

interface Entries {
  pdx: { code: string; poa?: string } | null;
  adx: { code: string } | null;
  sdx: { code: string; poa?: string }[];
  procs: { code: string; date?: string }[];
}

/** The abstract's entries, or why it cannot be exported (syntax errors in it, no PDX, two PDX). */
function entriesOf(chart: ChartDocument, which: 'coder' | 'auditor'): { ok: true; e: Entries } | { ok: false; message: string } {
  const block = abstractOf(chart, which);
  if (!block) return { ok: false, message: which === 'auditor' ? "the chart has no auditor's abstract" : 'the chart has no abstract' };
  const inBlock = chart.errors.filter(
    (e) => e.severity === 'error' && e.range.start.line >= block.range.start.line && e.range.start.line <= block.range.end.line,
  );
  if (inBlock.length) return { ok: false, message: `the abstract has syntax errors (line ${inBlock[0]!.range.start.line + 1}: ${inBlock[0]!.message})` };
  const e: Entries = { pdx: null, adx: null, sdx: [], procs: [] };
  for (const l of block.lines) {
    if (!l.code) continue;
    const code = l.code.value;
    switch (l.kind.value) {
      case 'PDX':
        if (e.pdx) return { ok: false, message: `line ${l.range.start.line + 1}: a second PDX` };
        e.pdx = { code, poa: l.poa?.value };
        break;
      case 'ADX':
        if (!e.adx) e.adx = { code };
        break;
      case 'SDX':
        e.sdx.push({ code, poa: l.poa?.value });
        break;
      case 'PROC':
        e.procs.push({ code, date: l.date?.value });
        break;
    }
  }
  if (!e.pdx) return { ok: false, message: 'the abstract has no PDX line' };
  return { ok: true, e };
}

function dottedCm(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

function poaConcept(poa: string | undefined): CodeableConcept | undefined {
  if (!poa) return undefined;
  const coding: CodeableConcept['coding'] = [{ system: CMS_POA, code: poa }];
  if (['Y', 'N', 'U', 'W'].includes(poa)) coding.push({ system: DIAGNOSIS_ON_ADMISSION, code: poa.toLowerCase() });
  return { coding };
}

export function chartToClaim(chart: ChartDocument, options: ExportOptions = {}): ExportResult<Claim> {
  const got = entriesOf(chart, options.abstract ?? 'coder');
  if (!got.ok) return got;
  const { e } = got;
  const h = chart.header;
  const warnings: string[] = [];
  const prov = provenanceOf(chart);
  const title = options.title ?? (() => undefined);
  const cm = (code: string): CodeableConcept => ({
    coding: [{ system: ICD10CM, code: dottedCm(code), ...(title('icd10cm', code) ? { display: title('icd10cm', code) } : {}) }],
  });
  const diagnosis: ClaimDiagnosis[] = [];
  let seq = 0;
  const principal: ClaimDiagnosis = {
    sequence: ++seq,
    diagnosisCodeableConcept: cm(e.pdx!.code),
    type: [{ coding: [{ system: DIAGNOSIS_TYPE, code: 'principal' }] }],
  };
  const poa = poaConcept(e.pdx!.poa);
  if (poa) principal.onAdmission = poa;
  if (options.drg) {
    principal.packageCode = {
      coding: [
        {
          system: MS_DRG,
          version: `${options.drg.version.slice(0, 2)}.${options.drg.version.slice(2)}`,
          code: options.drg.drg,
          ...(options.drg.title ? { display: options.drg.title } : {}),
        },
      ],
    };
  } else warnings.push('no MS-DRG (the chart could not be grouped): diagnosis.packageCode left out');
  diagnosis.push(principal);
  if (e.adx) diagnosis.push({ sequence: ++seq, diagnosisCodeableConcept: cm(e.adx.code), type: [{ coding: [{ system: DIAGNOSIS_TYPE, code: 'admitting' }] }] });
  for (const s of e.sdx) {
    const d: ClaimDiagnosis = { sequence: ++seq, diagnosisCodeableConcept: cm(s.code), type: [{ coding: [{ system: C4BB_DIAGNOSIS_TYPE, code: 'other' }] }] };
    const p = poaConcept(s.poa);
    if (p) d.onAdmission = p;
    diagnosis.push(d);
  }
  const procedure: ClaimProcedure[] = e.procs.map((p, i) => {
    const out: ClaimProcedure = {
      sequence: i + 1,
      procedureCodeableConcept: { coding: [{ system: ICD10PCS, code: p.code, ...(title('icd10pcs', p.code) ? { display: title('icd10pcs', p.code) } : {}) }] },
    };
    if (p.date) out.date = p.date;
    return out;
  });
  const created = options.created ?? h?.coded ?? new Date().toISOString().slice(0, 10);
  const patient: Reference = prov.patient ? { reference: prov.patient } : { display: 'patient not identified in the chart' };
  const claim: Claim = {
    resourceType: 'Claim',
    ...(h?.encounter ? { identifier: [{ type: { text: 'encounter' }, value: h.encounter }] } : {}),
    status: 'active',
    type: { coding: [{ system: CLAIM_TYPE, code: 'institutional' }] },
    use: 'claim',
    patient,
    ...(h?.admitted || h?.discharged
      ? { billablePeriod: { ...(h.admitted ? { start: h.admitted } : {}), ...(h.discharged ? { end: h.discharged } : {}) } }
      : {}),
    created,
    provider: { display: 'the billing facility (not recorded in the chart)' },
    priority: { coding: [{ system: PROCESS_PRIORITY, code: 'normal' }] },
    insurance: [{ sequence: 1, focal: true, coverage: { display: 'coverage not recorded in the chart' } }],
    diagnosis,
    ...(procedure.length ? { procedure } : {}),
  };
  if (prov.encounter) {
    // The stay itself as the claim's one line: the DRG (when grouped) for the encounter.
    claim.item = [
      {
        sequence: 1,
        diagnosisSequence: diagnosis.map((d) => d.sequence),
        ...(procedure.length ? { procedureSequence: procedure.map((p) => p.sequence) } : {}),
        productOrService: options.drg ? { coding: [{ system: MS_DRG, code: options.drg.drg }] } : { text: 'inpatient stay' },
        encounter: [{ reference: prov.encounter }],
      },
    ];
  }
  if (h?.status && h.status !== 'coded' && h.status !== 'audited') warnings.push(`status is ${h.status}: this abstract may not be final`);
  return { ok: true, value: claim, warnings };
}

export function chartToRows(chart: ChartDocument, options: ExportOptions = {}): ExportResult<ExportRow[]> {
  const got = entriesOf(chart, options.abstract ?? 'coder');
  if (!got.ok) return got;
  const { e } = got;
  const encounter = chart.header?.encounter ?? '';
  const rows: ExportRow[] = [];
  let seq = 0;
  rows.push({ encounter, role: 'principal', sequence: ++seq, code: dottedCm(e.pdx!.code), poa: e.pdx!.poa ?? '', date: '' });
  if (e.adx) rows.push({ encounter, role: 'admitting', sequence: ++seq, code: dottedCm(e.adx.code), poa: '', date: '' });
  for (const s of e.sdx) rows.push({ encounter, role: 'secondary', sequence: ++seq, code: dottedCm(s.code), poa: s.poa ?? '', date: '' });
  e.procs.forEach((p, i) => rows.push({ encounter, role: 'procedure', sequence: i + 1, code: p.code, poa: '', date: p.date ?? '' }));
  const warnings: string[] = [];
  if (options.drg) rows.push({ encounter, role: 'ms-drg', sequence: 1, code: options.drg.drg, poa: '', date: chart.header?.discharged ?? '' });
  else warnings.push('no MS-DRG (the chart could not be grouped): no ms-drg row');
  return { ok: true, value: rows, warnings };
}

export const CSV_HEADER = 'encounter,role,sequence,code,poa,date';

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rowsToCsv(rows: ExportRow[]): string {
  return rows.map((r) => [r.encounter, r.role, r.sequence, r.code, r.poa, r.date].map(csvField).join(',')).join('\r\n');
}
