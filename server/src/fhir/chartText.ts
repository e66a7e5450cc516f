// An encounter record as `.chart` text (docs/format.md, format 1.1): the header, an "Encounter"
// section of what the EHR says about the stay, one section per note, a `results` block, and the
// EHR's codes as a *proposed* abstract (status: to-code; every line says where it came from).
// EHR text is escaped so it can never become chart syntax: a fence, an annotation, a suppression
// comment or a heading attribute list in a note stays prose.
import type { EncounterRecord, ProposedDiagnosis, RecordNote, RecordResult } from './record';

export interface ChartTextOptions {
  importedOn: string;
  /** The input file names, for the provenance comment. */
  source: string[];
}

export function chartText(r: EncounterRecord, o: ChartTextOptions): string {
  const out: string[] = [];
  const h = r.header;
  out.push('---');
  out.push(`# Imported from FHIR by ChartCoder on ${o.importedOn}: ${r.encounterRef}${r.patientRef ? `, ${r.patientRef}` : ''}`);
  out.push(`encounter: ${oneLine(h.encounter)}`);
  if (h.age !== undefined) out.push(`age: ${h.age}`);
  if (h.sex) out.push(`sex: ${h.sex}`);
  if (h.admitted) out.push(`admitted: ${h.admitted}`);
  if (h.discharged) out.push(`discharged: ${h.discharged}`);
  if (h.disposition) out.push(`disposition: ${h.disposition}`);
  if (h.type === 'outpatient') out.push('type: outpatient');
  out.push('status: to-code');
  for (const c of h.comments) out.push(`# ${oneLine(c)}`);
  out.push('---', '');

  out.push('# Encounter (from the EHR)');
  for (const f of r.facts) out.push(prose(`- ${f.label}: ${oneLine(f.value)}`));
  if (r.unresolved.length) out.push(prose(`- References not found in the input (not fatal): ${r.unresolved.join(', ')}`));
  if (r.notes.length === 0) out.push('', 'The EHR export has no note text for this encounter.');
  out.push('');

  for (const n of r.notes) out.push(...noteSection(n), '');

  if (r.results.length) {
    out.push('```results');
    for (const line of r.results) out.push(resultLine(line));
    out.push('```', '');
  }

  out.push(...abstractBlock(r));
  return out.join('\n') + '\n';
}

/** `2018-09-28_c7659826-4622-445a-a9b1-a42629b52b3c.chart`: admission date and encounter id, no names. */
export function chartFileName(r: EncounterRecord): string {
  const id =
    r.header.encounter
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[.-]+/, '')
      .slice(0, 80) || 'encounter';
  return `${r.header.admitted ?? 'undated'}_${id}.chart`;
}

// ── notes ────────────────────────────────────────────────────────────────────

function noteSection(n: RecordNote): string[] {
  const title = headingText(`${n.title}${n.date ? ` — ${n.date}` : ''}`);
  const out = [`# ${title}${n.author ? ` {author=${attrValue(n.author)}}` : ''}`];
  const about = [n.source, n.status ? `${n.status} in the EHR` : '', n.authorNote ?? ''].filter(Boolean).join(' · ');
  out.push(`<!-- ${about.replace(/-->/g, '→')} -->`);
  for (const line of n.text.split('\n')) out.push(noteLine(line));
  return out;
}

/** A line of EHR text as chart prose: headings one level down (under the note's heading), nothing that parses as syntax. */
function noteLine(line: string): string {
  const heading = /^(#{1,6})[ \t]+(.*)$/.exec(line);
  if (heading) return `#${heading[1]} ${headingText(heading[2]!)}`;
  return prose(line);
}

/** Prose that stays prose: no fence, no annotation, no suppression comment. */
export function prose(line: string): string {
  let s = line.replace(/chartcoder-ignore/gi, 'chartcoder ignore');
  if (/^ {0,3}(`{3,}|~{3,})/.test(s)) s = `    ${s}`; // indented four spaces: not a fence
  if (s.includes('{')) s = s.replace(/(^|[^\\])\[/g, '$1\\[').replace(/(^|[^\\])\[/g, '$1\\['); // `[x]{…}` would be an annotation
  if (/^\s*---\s*$/.test(s)) s = s.replace('---', '- - -');
  return s;
}

/** Heading text without a trailing `{…}` (read as heading attributes) and without line breaks. */
function headingText(s: string): string {
  return oneLine(s)
    .replace(/\{/g, '(')
    .replace(/\}/g, ')')
    .replace(/chartcoder-ignore/gi, 'chartcoder ignore');
}

function attrValue(s: string): string {
  return /^[A-Za-z0-9._-]+$/.test(s) ? s : `"${s.replace(/"/g, "'")}"`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

// ── results ──────────────────────────────────────────────────────────────────

const RESULT_VALUE_LIKE = /^(<=|>=|≤|≥|<|>)?(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?(?:\d+(?:\.\d+)?|\.\d+))(?:\/(\d+(?:\.\d+)?|\.\d+))?$/;

function resultLine(r: RecordResult): string {
  const name = r.name || resultName(r.display, r.loinc);
  const value = `${r.comparator ?? ''}${formatNumber(r.value)}`;
  const unit = r.unit ? oneLine(r.unit).replace(/#/g, 'no.') : '';
  const comment = [r.loinc ? `LOINC ${r.loinc}` : 'no LOINC code', r.display && r.name ? r.display : '', r.status ?? '']
    .filter(Boolean)
    .map(oneLine)
    .join(' · ');
  return `${r.date ?? ''}  ${name}  ${value}${unit ? `  ${unit}` : ''}  # ${comment}`.trimStart();
}

/**
 * The name of a measurement the LOINC table does not know: its display, made safe for a results
 * line — no `#`, no token that reads as a value or a date.
 */
export function resultName(display: string | undefined, loinc: string | undefined): string {
  const words = oneLine((display ?? '').replace(/#/g, 'no.').replace(/[\u200b]/g, ''))
    .split(' ')
    .filter(Boolean)
    .map((w) => (RESULT_VALUE_LIKE.test(w) ? `(${w})` : w));
  if (words.length && /^\d{4}-\d/.test(words[0]!)) words[0] = `(${words[0]})`;
  return words.join(' ') || (loinc ? `loinc ${loinc}` : 'unnamed measurement');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) || Math.abs(n) >= 1e-6) {
    const s = String(n);
    if (!/e/i.test(s)) return s;
  }
  return n.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

// ── the proposed abstract ────────────────────────────────────────────────────

function abstractBlock(r: EncounterRecord): string[] {
  const out = ['```abstract', '# PROPOSED from the EHR (FHIR import), not coded: review every line, assign POA, then set status: coded.'];
  if (r.diagnoses.length === 0 && r.procedures.length === 0) out.push('# The EHR gives no ICD-10-CM or ICD-10-PCS code for this encounter.');
  const kind = (d: ProposedDiagnosis) => (d.role === 'principal' ? 'PDX' : d.role === 'admitting' ? 'ADX' : 'SDX');
  for (const d of r.diagnoses) {
    const cols = [kind(d).padEnd(4), d.code.padEnd(8)];
    if (d.poa && d.role !== 'admitting') cols.push(d.poa);
    const why = [d.display ? `"${oneLine(d.display)}"` : '', d.sources.join(', '), d.role === 'secondary' ? '' : d.basis, d.note ?? '']
      .filter(Boolean)
      .join(' · ');
    out.push(`${cols.join(' ')}  # proposed: ${why}`);
  }
  for (const p of r.procedures) {
    const why = [p.display ? `"${oneLine(p.display)}"` : '', p.sources.join(', '), p.note ?? ''].filter(Boolean).join(' · ');
    out.push(`PROC ${p.code.padEnd(8)}${p.date ? ` ${p.date}` : ''}  # proposed: ${why}`);
  }
  if (r.uncoded.length) {
    out.push('# Codes the EHR gives in other systems — listed, never mapped (code them from the record):');
    for (const u of r.uncoded) {
      out.push(
        `#   ${u.kind === 'condition' ? 'condition' : 'procedure'}: ${[`${u.system}${u.code ? ` ${u.code}` : ''}`, u.display ? `"${oneLine(u.display)}"` : '', u.source, u.note ?? ''].filter(Boolean).join(' · ')}`,
      );
    }
  }
  out.push('```');
  return out;
}
