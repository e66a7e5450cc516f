// FHIR R4 → encounter records → chart texts. Pure apart from reading its EntrySources.
//
// Two reads of the input: the first keeps the small resources every encounter needs (Encounters,
// Patients, Practitioners and their roles, Conditions, institutional Claims, text Binaries) and
// picks the encounters to import (inpatient by Encounter.class, or those asked for); the second
// keeps only what belongs to the chosen encounters (Observations, notes, Procedures), already
// reduced to the lines the chart needs. Every resource read ends in exactly one bucket of the
// summary: imported, used (patient, author roles, claim POA) or skipped with its reason.
import type {
  Claim,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  Observation,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
} from 'fhir/r4';
import { FhirInputError, type EntrySource, type FhirEntry, type FhirObject } from './source';
import { ReferenceIndex, identifiersOf } from './references';
import { attachmentText, type AttachmentLike } from './noteText';
import { measurementName } from './loinc';
import { HL7_DISPOSITION_TO_UB04, UB04_DISCHARGE_STATUSES } from './disposition';
import { roleOfCoding, type AuthorRole } from './roles';
import { HL7_DISCHARGE_DISPOSITION, LOINC, NUBC_DISCHARGE_SYSTEMS, isIcd10cm, isIcd10pcs, systemLabel, CMS_POA, DIAGNOSIS_ON_ADMISSION } from './systems';
import type { EncounterRecord, ProposedDiagnosis, ProposedProcedure, RecordNote, RecordResult, UncodedItem } from './record';
import { chartFileName, chartText } from './chartText';
import { conventionalUnit } from './units';

export interface ImportOptions {
  /** Encounter ids (or identifier values) to import, whatever their class; default: every inpatient encounter. */
  encounters?: string[];
  /** The import date written in each chart's header comment (default: today). */
  importedOn?: string;
}

export interface ImportedChart {
  encounterId: string;
  fileName: string;
  text: string;
  record: EncounterRecord;
}

export type SkipReason = 'other-encounter' | 'no-encounter' | 'type' | 'no-value' | 'duplicate' | 'status' | 'no-text' | 'report-only' | 'unused';

export const SKIP_LABELS: Record<SkipReason, string> = {
  'other-encounter': 'of other encounters',
  'no-encounter': 'not linked to an encounter',
  type: 'of types not imported',
  'no-value': 'observations without a numeric lab or vital-sign value',
  duplicate: 'notes repeating another note',
  status: 'entered in error, cancelled or not done',
  'no-text': 'notes without readable text',
  'report-only': 'reports without text (their results are Observations)',
  unused: 'patients and practitioners not needed',
};

export interface ImportResult {
  charts: ImportedChart[];
  /** Resources read, by what became of them (the three add up to `total`). */
  total: number;
  imported: number;
  used: Record<string, number>;
  skipped: Partial<Record<SkipReason, number>>;
  skippedTypes: Record<string, number>;
  /** Encounters in the input by class code (AMB, EMER, IMP …). */
  encounterClasses: Record<string, number>;
  unresolved: string[];
  /** One line for the user: `imported 2 encounters: 3 notes, 142 results …; skipped …`. */
  summary: string;
}

/** The shape of an ICD-10-CM code (letter, digit, then up to 5 more, optional dot) and of an ICD-10-PCS code (7 characters, no I or O). */
const CM_FORMAT = /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/i;
const PCS_FORMAT = /^[0-9A-HJ-NP-Z]{7}$/i;

/** v3 ActCode classes that are inpatient stays (IMP and its specializations ACUTE, NONAC). */
const INPATIENT_CLASSES = new Set(['IMP', 'ACUTE', 'NONAC']);

/** The types the first read keeps. */
const KEPT_FIRST = new Set(['Encounter', 'Patient', 'Practitioner', 'PractitionerRole', 'Condition', 'Claim', 'Binary']);
/** The types the second read keeps for the chosen encounters. */
const KEPT_SECOND = new Set(['Observation', 'DocumentReference', 'DiagnosticReport', 'Procedure']);

interface Kept {
  entry: FhirEntry;
  /** What became of it: set when it is imported or used; otherwise a skip reason at the end. */
  fate?: 'imported' | 'used';
}

interface Chosen {
  kept: Kept;
  encounter: Encounter;
  ref: string;
  observations: { obs: Observation; kept: Kept }[];
  notes: { note: RecordNote; kept: Kept; current: boolean }[];
  procedures: { proc: Procedure; kept: Kept }[];
  unresolved: Set<string>;
}

export async function importFhir(sources: EntrySource[], options: ImportOptions = {}): Promise<ImportResult> {
  const index = new ReferenceIndex<Kept>();
  const firstKept: Kept[] = [];
  let total = 0;
  const skipped: Partial<Record<SkipReason, number>> = {};
  const skippedTypes: Record<string, number> = {};
  const skip = (reason: SkipReason, type?: string) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
    if (reason === 'type' && type) skippedTypes[type] = (skippedTypes[type] ?? 0) + 1;
  };

  // ── first read ─────────────────────────────────────────────────────────────
  for (const source of sources) {
    await source.forEach((entry) => {
      total++;
      const t = entry.resource.resourceType;
      if (!KEPT_FIRST.has(t)) return;
      if (t === 'Binary' && !/^text\//i.test(String(entry.resource.contentType ?? ''))) return; // counted in the second read
      if (t === 'Claim' && !isInstitutionalClaim(entry.resource)) return;
      // A claim is read only for its diagnosis sequence, POA and encounter: keep just that. An
      // encounter that will not be imported is kept as its identity (references to it must still
      // resolve, to tell "another encounter's" from "not in the input").
      if (t === 'Claim') entry = { ...entry, resource: claimEssentials(entry.resource) };
      if (t === 'Encounter' && !isCandidate(entry, options.encounters)) {
        const r = entry.resource;
        entry = { ...entry, resource: { resourceType: r.resourceType, id: r.id, identifier: r.identifier, class: r.class } };
      }
      const kept: Kept = { entry };
      firstKept.push(kept);
      index.add(entry, kept);
    });
  }

  const encounters = firstKept.filter((k) => k.entry.resource.resourceType === 'Encounter');
  const encounterClasses: Record<string, number> = {};
  for (const k of encounters) {
    const c = classOf(k.entry) ?? '(none)';
    encounterClasses[c] = (encounterClasses[c] ?? 0) + 1;
  }
  const chosenKept = chooseEncounters(encounters, options.encounters);
  const chosen = new Map<Kept, Chosen>();
  for (const k of chosenKept) {
    chosen.set(k, {
      kept: k,
      encounter: k.entry.resource as unknown as Encounter,
      ref: refOf(k.entry),
      observations: [],
      notes: [],
      procedures: [],
      unresolved: new Set(),
    });
    k.fate = 'imported';
  }
  const encounterOf = (ref: string | undefined): { chosen?: Chosen; other: boolean; unresolved: boolean } => {
    if (!ref) return { other: false, unresolved: false };
    const target = index.resolve(ref);
    if (!target || target.entry.resource.resourceType !== 'Encounter') return { other: false, unresolved: true };
    const c = chosen.get(target);
    return c ? { chosen: c, other: false, unresolved: false } : { other: true, unresolved: false };
  };

  // Conditions and claims by the chosen encounter they belong to (one pass, not one per encounter).
  const links: Links = { conditions: new Map(), claims: new Map() };
  for (const k of firstKept) {
    const r = k.entry.resource;
    if (r.resourceType === 'Condition') {
      const target = index.resolve(conditionEncounterRef(r));
      if (target && chosen.has(target)) (links.conditions.get(target) ?? links.conditions.set(target, []).get(target)!).push(k);
    } else if (r.resourceType === 'Claim') {
      for (const item of (r as unknown as Claim).item ?? [])
        for (const e of item.encounter ?? []) {
          const target = index.resolve(e.reference);
          if (target && chosen.has(target) && !links.claims.has(target)) links.claims.set(target, k);
        }
    }
  }

  // ── second read: what belongs to the chosen encounters ─────────────────────
  const unresolvedAll = new Set<string>();
  for (const source of sources) {
    await source.forEach((entry) => {
      const t = entry.resource.resourceType;
      if (KEPT_FIRST.has(t)) {
        // Decided after this read — except what the first read left out.
        if ((t === 'Binary' && !/^text\//i.test(String(entry.resource.contentType ?? ''))) || (t === 'Claim' && !isInstitutionalClaim(entry.resource)))
          skip('type', t);
        return;
      }
      if (!KEPT_SECOND.has(t)) return void skip('type', t);
      const refs = encounterRefs(entry);
      if (refs.length === 0) return void skip('no-encounter');
      let target: Chosen | undefined;
      let unresolved: string | undefined;
      for (const r of refs) {
        const found = encounterOf(r);
        if (found.chosen) target = found.chosen;
        else if (found.unresolved) unresolved = r;
      }
      if (!target) {
        if (unresolved && chosen.size > 0) unresolvedAll.add(unresolved);
        return void skip('other-encounter');
      }
      const kept: Kept = { entry };
      const status = typeof entry.resource.status === 'string' ? entry.resource.status : undefined;
      if (status === 'entered-in-error' || status === 'cancelled' || status === 'not-done') return void skip('status');
      if (t === 'Observation') target.observations.push({ obs: entry.resource as unknown as Observation, kept });
      else if (t === 'Procedure') target.procedures.push({ proc: entry.resource as unknown as Procedure, kept });
      else {
        if (t === 'DiagnosticReport' && !(Array.isArray(entry.resource.presentedForm) && entry.resource.presentedForm.length)) return void skip('report-only');
        const note = noteOf(entry, index, target.unresolved);
        if ('reason' in note) return void skip('no-text');
        target.notes.push({ note: note.note, kept, current: status !== 'superseded' });
      }
    });
  }

  // ── records ────────────────────────────────────────────────────────────────
  const charts: ImportedChart[] = [];
  const importedOn = options.importedOn ?? new Date().toISOString().slice(0, 10);
  for (const c of chosen.values()) {
    const record = buildRecord(c, index, links, (r) => skip(r));
    for (const u of c.unresolved) unresolvedAll.add(u);
    const fileName = chartFileName(record);
    charts.push({
      encounterId: String(c.encounter.id ?? c.ref),
      fileName,
      text: chartText(record, { importedOn, source: sources.map((s) => s.label) }),
      record,
    });
  }

  // Every kept resource of the first read that nothing used is skipped now, with its reason.
  const used: Record<string, number> = {};
  let imported = 0;
  for (const c of chosen.values()) for (const k of [...c.observations, ...c.notes, ...c.procedures]) if (k.kept.fate === 'imported') imported++;
  for (const k of firstKept) {
    const t = k.entry.resource.resourceType;
    if (k.fate === 'imported') {
      imported++;
      continue;
    }
    if (k.fate === 'used') {
      used[t] = (used[t] ?? 0) + 1;
      continue;
    }
    if (t === 'Encounter') skip('other-encounter');
    else if (t === 'Condition') skip(conditionEncounterRef(k.entry.resource) ? 'other-encounter' : 'no-encounter');
    else if (t === 'Claim')
      skip('type', t); // read only for ICD-10-CM sequence and POA: this one gave none
    else if (t === 'Binary') skip('no-encounter');
    else skip('unused');
  }
  const result: ImportResult = { charts, total, imported, used, skipped, skippedTypes, encounterClasses, unresolved: [...unresolvedAll].sort(), summary: '' };
  result.summary = summaryLine(result);
  return result;
}

// ── choosing encounters ──────────────────────────────────────────────────────

function classOf(entry: FhirEntry): string | undefined {
  const c = entry.resource.class as unknown;
  // R4: a Coding; R5: CodeableConcept[]; tolerate a CodeableConcept too.
  const codings = Array.isArray(c)
    ? c.flatMap((cc) => (cc as { coding?: unknown[] }).coding ?? [])
    : c && typeof c === 'object'
      ? ((c as { coding?: unknown[] }).coding ?? [c])
      : [];
  for (const coding of codings as { code?: unknown }[]) if (typeof coding?.code === 'string') return coding.code;
  return undefined;
}

/** Whether an encounter may be imported: inpatient, or asked for by id, full URL or identifier. */
function isCandidate(entry: FhirEntry, wanted: string[] | undefined): boolean {
  if (!wanted || wanted.length === 0) return INPATIENT_CLASSES.has(classOf(entry) ?? '');
  return wanted.some((w) => entry.resource.id === w || entry.fullUrl === w || refOf(entry) === w || identifiersOf(entry.resource).some((i) => i.value === w));
}

function chooseEncounters(encounters: Kept[], wanted: string[] | undefined): Kept[] {
  if (!wanted || wanted.length === 0) {
    // The same encounter given twice (the same file twice, or in two exports) is imported once.
    const seen = new Set<string>();
    return encounters.filter((k) => INPATIENT_CLASSES.has(classOf(k.entry) ?? '') && !seen.has(refOf(k.entry)) && !!seen.add(refOf(k.entry)));
  }
  const out: Kept[] = [];
  for (const w of wanted) {
    const hit = encounters.find(
      (k) => k.entry.resource.id === w || k.entry.fullUrl === w || refOf(k.entry) === w || identifiersOf(k.entry.resource).some((i) => i.value === w),
    );
    if (!hit) {
      const known = encounters
        .filter((k) => INPATIENT_CLASSES.has(classOf(k.entry) ?? ''))
        .map((k) => k.entry.resource.id)
        .slice(0, 10);
      throw new FhirInputError(
        `no Encounter "${w}" in the input${known.length ? ` (inpatient encounters: ${known.join(', ')})` : ` (it has ${encounters.length} encounters, none inpatient)`}`,
      );
    }
    if (!out.includes(hit)) out.push(hit);
  }
  return out;
}

// ── reading fields ───────────────────────────────────────────────────────────

function describe(entry: FhirEntry): string {
  const r = entry.resource;
  return `${entry.source}: ${r.resourceType}${r.id ? `/${r.id}` : ''} (${entry.position})`;
}

function refOf(entry: FhirEntry): string {
  return entry.resource.id ? `${entry.resource.resourceType}/${entry.resource.id}` : (entry.fullUrl ?? `${entry.resource.resourceType} at ${entry.position}`);
}

/** A string field, checked: absent → undefined; present but not a string → one clear error. */
function str(entry: FhirEntry, value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FhirInputError(`${describe(entry)}: ${path} must be a string, got ${JSON.stringify(value).slice(0, 40)}`);
  return value;
}

function referenceString(entry: FhirEntry, value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') throw new FhirInputError(`${describe(entry)}: ${path} must be a Reference object`);
  return str(entry, (value as { reference?: unknown }).reference, `${path}.reference`);
}

/** The encounter references of a resource: `encounter` (R4), `context` (STU3), `context.encounter[]` (DocumentReference R4). */
function encounterRefs(entry: FhirEntry): string[] {
  const r = entry.resource;
  const out: string[] = [];
  const enc = referenceString(entry, r.encounter, 'encounter');
  if (enc) out.push(enc);
  const ctx = r.context as unknown;
  if (ctx && typeof ctx === 'object' && !Array.isArray(ctx)) {
    const c = ctx as { reference?: unknown; encounter?: unknown };
    if (typeof c.reference === 'string') out.push(c.reference);
    if (Array.isArray(c.encounter))
      for (const [i, e] of c.encounter.entries()) {
        const s = referenceString(entry, e, `context.encounter[${i}]`);
        if (s) out.push(s);
      }
    else if (c.encounter) {
      const s = referenceString(entry, c.encounter, 'context.encounter');
      if (s) out.push(s);
    }
  }
  return out;
}

function conditionEncounterRef(r: FhirObject): string | undefined {
  const e = (r.encounter ?? r.context) as { reference?: unknown } | undefined;
  return typeof e?.reference === 'string' ? e.reference : undefined;
}

function claimEssentials(r: FhirObject): FhirObject {
  const items = Array.isArray(r.item) ? (r.item as { encounter?: unknown }[]).map((i) => ({ encounter: i?.encounter })) : [];
  return { resourceType: r.resourceType, id: r.id, identifier: r.identifier, type: r.type, diagnosis: r.diagnosis, item: items };
}

function isInstitutionalClaim(r: FhirObject): boolean {
  const codings = ((r.type as { coding?: { code?: unknown }[] } | undefined)?.coding ?? []) as { code?: unknown }[];
  return codings.some((c) => c?.code === 'institutional');
}

interface CodingLike {
  system?: string;
  code?: string;
  display?: string;
}

function codingsOf(cc: unknown): CodingLike[] {
  if (!cc || typeof cc !== 'object') return [];
  const list = (cc as { coding?: unknown }).coding;
  return Array.isArray(list) ? (list.filter((c) => c && typeof c === 'object') as CodingLike[]) : [];
}

function textOf(cc: unknown): string | undefined {
  if (!cc || typeof cc !== 'object') return undefined;
  const t = (cc as { text?: unknown }).text;
  if (typeof t === 'string' && t.trim()) return t.trim();
  return codingsOf(cc)
    .find((c) => typeof c.display === 'string' && c.display.trim())
    ?.display?.trim();
}

/** `YYYY-MM-DD` of a FHIR date/dateTime as written (its own time zone; no conversion). */
export function datePart(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4}-\d{2}-\d{2})/.exec(value) : null;
  return m ? m[1] : undefined;
}

/** `YYYY-MM-DDTHH:MM` (or the date alone) of a FHIR dateTime, as written. */
export function dateTimePart(value: string | undefined): string | undefined {
  const m = value ? /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(value) : null;
  return m ? (m[2] ? `${m[1]}T${m[2]}` : m[1]) : undefined;
}

// ── notes ────────────────────────────────────────────────────────────────────

function noteOf(entry: FhirEntry, index: ReferenceIndex<Kept>, unresolved: Set<string>): { note: RecordNote } | { reason: string } {
  const r = entry.resource;
  const isDoc = r.resourceType === 'DocumentReference';
  const doc = r as unknown as DocumentReference;
  const report = r as unknown as DiagnosticReport;
  const attachments: AttachmentLike[] = isDoc
    ? (Array.isArray(doc.content) ? doc.content : []).map((c) => (c?.attachment ?? {}) as AttachmentLike)
    : Array.isArray(report.presentedForm)
      ? (report.presentedForm as AttachmentLike[])
      : [];
  // text/plain first, then HTML; the first one that reads wins.
  const order = (a: AttachmentLike) => (/^text\/plain/i.test(a.contentType ?? '') ? 0 : /html/i.test(a.contentType ?? '') ? 1 : 2);
  let text: string | undefined;
  let reason = 'no attachment';
  for (const a of [...attachments].sort((x, y) => order(x) - order(y))) {
    let data = str(entry, a.data, 'attachment.data');
    let contentType = a.contentType;
    if (data === undefined && a.url) {
      const binary = index.resolve(a.url);
      if (binary && binary.entry.resource.resourceType === 'Binary') {
        data = str(binary.entry, binary.entry.resource.data, 'data');
        contentType ??= str(binary.entry, binary.entry.resource.contentType, 'contentType');
        if (data !== undefined) binary.fate = 'used';
      }
    }
    const got = attachmentText({ ...a, contentType }, data);
    if (got.ok && got.text.trim()) {
      text = got.text;
      break;
    }
    if (!got.ok) reason = got.reason;
  }
  if (text === undefined) return { reason };
  const typeCc = isDoc ? doc.type : report.code;
  const title = textOf(typeCc) ?? (isDoc ? 'Clinical note' : 'Report');
  const when = isDoc
    ? (str(entry, doc.date, 'date') ?? str(entry, (doc.context?.period as { start?: string } | undefined)?.start, 'context.period.start'))
    : (str(entry, report.effectiveDateTime, 'effectiveDateTime') ?? str(entry, report.issued, 'issued'));
  const authorRefs = ((isDoc ? doc.author : report.performer) ?? []) as { reference?: unknown }[];
  const author = authorRole(entry, authorRefs, index, unresolved);
  return {
    note: {
      title,
      date: when ? dateTimePart(when)?.replace('T', ' ') : undefined,
      author: author.role,
      authorNote: author.note,
      text,
      source: refOf(entry),
      status: typeof r.status === 'string' && !['current', 'final', 'amended', 'corrected', 'appended'].includes(r.status) ? r.status : undefined,
    },
  };
}

/** The first author whose role the EHR states; practitioners resolved through the input (and contained resources). */
function authorRole(
  entry: FhirEntry,
  authors: { reference?: unknown }[],
  index: ReferenceIndex<Kept>,
  unresolved: Set<string>,
): { role?: string; note?: string } {
  if (authors.length === 0) return { note: 'the EHR names no author' };
  const contained = Array.isArray(entry.resource.contained) ? (entry.resource.contained as FhirObject[]) : [];
  let missing: string | undefined;
  for (const a of authors) {
    const ref = typeof a?.reference === 'string' ? a.reference : undefined;
    if (!ref) continue;
    let target: FhirObject | undefined;
    let kept: Kept | undefined;
    if (ref.startsWith('#')) target = contained.find((c) => c && c.id === ref.slice(1));
    else {
      kept = index.resolve(ref);
      target = kept?.entry.resource;
    }
    if (!target) {
      unresolved.add(ref);
      missing = ref;
      continue;
    }
    const role = roleOfResource(target, index);
    if (role.kind === 'unknown') continue;
    if (kept) kept.fate = 'used';
    if (role.kind === 'provider') return {};
    return { role: role.value };
  }
  return { note: missing ? `author ${missing} is not in the input` : 'the author role is not stated' };
}

function roleOfResource(r: FhirObject, index: ReferenceIndex<Kept>): AuthorRole {
  if (r.resourceType === 'PractitionerRole') {
    const pr = r as unknown as PractitionerRole;
    for (const cc of pr.code ?? [])
      for (const c of codingsOf(cc)) {
        const role = roleOfCoding(c);
        if (role.kind !== 'unknown') return role;
      }
    const p = index.resolve(pr.practitioner?.reference);
    return p ? roleOfResource(p.entry.resource, index) : { kind: 'unknown' };
  }
  if (r.resourceType === 'Practitioner') {
    const p = r as unknown as Practitioner;
    for (const q of p.qualification ?? [])
      for (const c of codingsOf(q.code)) {
        const role = roleOfCoding(c);
        if (role.kind !== 'unknown') return role;
      }
  }
  return { kind: 'unknown' };
}

// ── one encounter's record ───────────────────────────────────────────────────

interface Links {
  conditions: Map<Kept, Kept[]>;
  claims: Map<Kept, Kept>;
}

function buildRecord(c: Chosen, index: ReferenceIndex<Kept>, links: Links, skip: (r: SkipReason) => void): EncounterRecord {
  const entry = c.kept.entry;
  const enc = c.encounter;
  const comments: string[] = [];
  const period = enc.period ?? {};
  const admittedAt = str(entry, period.start, 'period.start');
  const dischargedAt = str(entry, period.end, 'period.end');
  const admitted = datePart(admittedAt);
  const discharged = datePart(dischargedAt);
  if (admittedAt && !admitted) throw new FhirInputError(`${describe(entry)}: period.start "${admittedAt}" is not a FHIR dateTime`);
  if (dischargedAt && !discharged) throw new FhirInputError(`${describe(entry)}: period.end "${dischargedAt}" is not a FHIR dateTime`);
  if (!admitted) comments.push('admitted: the EHR gives no Encounter.period.start');
  if (!discharged) comments.push(`discharged: the EHR gives no Encounter.period.end (encounter status ${enc.status ?? 'not given'})`);

  // Patient: age at admission, administrative sex.
  const subjectRef = referenceString(entry, enc.subject, 'subject');
  const patientKept = index.resolve(subjectRef);
  let age: number | undefined;
  let sex: 'M' | 'F' | 'U' | undefined;
  if (patientKept && patientKept.entry.resource.resourceType === 'Patient') {
    patientKept.fate = 'used';
    const p = patientKept.entry.resource as unknown as Patient;
    const birth = str(patientKept.entry, p.birthDate, 'birthDate');
    if (birth && admitted && /^\d{4}-\d{2}-\d{2}$/.test(birth)) {
      age = fullYears(birth, admitted);
      if (age < 0 || age > 124) {
        comments.push(`age: ${age} from Patient.birthDate ${birth} is outside 0–124`);
        age = undefined;
      }
    } else comments.push(birth ? `age: Patient.birthDate "${birth}" is not a full date` : 'age: the EHR gives no Patient.birthDate');
    const gender = str(patientKept.entry, p.gender, 'gender');
    sex = gender === 'male' ? 'M' : gender === 'female' ? 'F' : 'U';
    if (!gender) comments.push('sex: the EHR gives no Patient.gender (U written)');
  } else {
    if (subjectRef) c.unresolved.add(subjectRef);
    comments.push(subjectRef ? `age, sex: the patient ${subjectRef} is not in the input` : 'age, sex: the encounter names no patient');
  }

  // Discharge disposition → UB-04.
  const disp = dispositionOf(enc);
  if (disp.comment) comments.push(disp.comment);

  const classCode = classOf(entry);
  const inpatient = INPATIENT_CLASSES.has(classCode ?? '');

  // Facts for the encounter section.
  const facts: { label: string; value: string }[] = [];
  const add = (label: string, value: string | undefined) => value && facts.push({ label, value });
  add('Class', classCode ? `${classCode}${inpatient ? ' (inpatient)' : ''}` : undefined);
  add('Type', (enc.type ?? []).map(textOf).filter(Boolean).join('; ') || undefined);
  add(
    'Reason for visit',
    [...(enc.reasonCode ?? []).map(textOf), ...(enc.reasonReference ?? []).map((r) => textOf(conditionOf(index, r.reference)?.code) ?? r.display)]
      .filter(Boolean)
      .join('; ') || undefined,
  );
  add('Admit source', textOf(enc.hospitalization?.admitSource));
  add('Discharge disposition', textOf(enc.hospitalization?.dischargeDisposition));
  add('Hospital', enc.serviceProvider?.display);
  add('Period', admittedAt ? `${admittedAt}${dischargedAt ? ` to ${dischargedAt}` : ' (not ended)'}` : undefined);

  // Notes: in date order; a note whose text repeats another's is dropped (DocumentReference and
  // DiagnosticReport often carry the same text), keeping the current one.
  const notes: RecordNote[] = [];
  const seen = new Map<string, number>();
  const sortedNotes = [...c.notes].sort((a, b) => (a.note.date ?? '').localeCompare(b.note.date ?? '') || Number(b.current) - Number(a.current));
  for (const n of sortedNotes) {
    const key = n.note.text.replace(/\s+/g, ' ').trim();
    const prior = seen.get(key);
    if (prior !== undefined) {
      skip('duplicate');
      continue;
    }
    seen.set(key, notes.length);
    n.kept.fate = 'imported';
    notes.push(n.note);
  }

  // Results.
  const results: RecordResult[] = [];
  let observations = 0;
  for (const o of c.observations) {
    const lines = resultLines(o.kept.entry, o.obs);
    if (lines.length === 0) {
      skip('no-value');
      continue;
    }
    observations++;
    o.kept.fate = 'imported';
    results.push(...lines);
  }
  results.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));

  // Conditions of the encounter: linked by Condition.encounter, Encounter.diagnosis or reasonReference.
  const conditions = new Map<Kept, { role?: 'AD' | 'DD' | 'billing' | 'other'; rank?: number; order: number }>();
  let order = 0;
  for (const d of enc.diagnosis ?? []) {
    const k = index.resolve(d.condition?.reference);
    if (!k || k.entry.resource.resourceType !== 'Condition') {
      if (d.condition?.reference) c.unresolved.add(d.condition.reference);
      continue;
    }
    const use = codingsOf(d.use)
      .map((u) => u.code)
      .find(Boolean);
    const role = use === 'AD' ? 'AD' : use === 'DD' ? 'DD' : use === 'billing' ? 'billing' : 'other';
    if (!conditions.has(k)) conditions.set(k, { role, rank: typeof d.rank === 'number' ? d.rank : undefined, order: order++ });
  }
  for (const k of links.conditions.get(c.kept) ?? []) if (!conditions.has(k)) conditions.set(k, { order: order++ });
  for (const r of enc.reasonReference ?? []) {
    const k = index.resolve(r.reference);
    if (k && k.entry.resource.resourceType === 'Condition' && !conditions.has(k)) conditions.set(k, { order: order++ });
  }

  // The institutional claim of this encounter, if the input has one: its diagnosis sequence and POA.
  const claim = links.claims.get(c.kept);
  const claimInfo: ReturnType<typeof claimDiagnoses> = claim ? claimDiagnoses(claim, index) : new Map();

  const diagnoses: ProposedDiagnosis[] = [];
  const ranking = new Map<ProposedDiagnosis, Ranking>();
  const uncoded: UncodedItem[] = [];
  const conditionList = [...conditions.entries()].sort((a, b) => a[1].order - b[1].order);
  for (const [k, info] of conditionList) {
    k.fate = 'imported';
    const cond = k.entry.resource as unknown as Condition;
    const source = refOf(k.entry);
    const verification = codingsOf(cond.verificationStatus)
      .map((v) => v.code)
      .find(Boolean);
    const clinical = codingsOf(cond.clinicalStatus)
      .map((v) => v.code)
      .find(Boolean);
    const codings = codingsOf(cond.code);
    const icd = codings.filter((x) => isIcd10cm(x.system) && typeof x.code === 'string' && CM_FORMAT.test(x.code.trim()));
    const notes: string[] = [];
    if (verification && verification !== 'confirmed') notes.push(`${verification} in the EHR`);
    if (clinical && !['active', 'recurrence', 'relapse'].includes(clinical)) notes.push(`clinical status ${clinical}`);
    if (verification === 'refuted' || verification === 'entered-in-error') {
      for (const x of codings)
        uncoded.push({
          kind: 'condition',
          system: systemLabel(x.system),
          code: String(x.code ?? ''),
          display: x.display ?? textOf(cond.code),
          source,
          note: `${verification}: not proposed`,
        });
      continue;
    }
    if (icd.length === 0) {
      for (const x of codings)
        uncoded.push({ kind: 'condition', system: systemLabel(x.system), code: String(x.code ?? ''), display: x.display ?? textOf(cond.code), source });
      if (codings.length === 0) uncoded.push({ kind: 'condition', system: 'no code', code: '', display: textOf(cond.code), source });
      continue;
    }
    for (const x of icd) {
      const code = x.code!.trim();
      const fromClaim = claimInfo.get(normalize(code));
      const existing = diagnoses.find((d) => normalize(d.code) === normalize(code));
      if (existing) {
        existing.sources.push(source);
        continue;
      }
      const d: ProposedDiagnosis = {
        code,
        display: x.display ?? textOf(cond.code),
        role: 'secondary',
        poa: fromClaim?.poa,
        basis: info.role ? `Encounter.diagnosis ${info.role}${info.rank !== undefined ? ` rank ${info.rank}` : ''}` : 'linked to the encounter',
        sources: [source],
        note: notes.join('; ') || undefined,
      };
      diagnoses.push(d);
      ranking.set(d, { rank: info.rank, use: info.role, claimSequence: fromClaim?.sequence, claimPrincipal: fromClaim?.principal });
    }
    // Codes of other systems on the same Condition are listed too, so the coder sees them.
    for (const x of codings.filter((x) => !icd.includes(x)))
      uncoded.push({
        kind: 'condition',
        system: systemLabel(x.system),
        code: String(x.code ?? ''),
        display: x.display,
        source,
        note: 'also coded as ICD-10-CM above',
      });
  }
  // Claim diagnoses coded directly on the claim (no Condition) are proposals too.
  if (claim && claimInfo.size) {
    claim.fate = 'used';
    for (const [code, info] of claimInfo) {
      if (diagnoses.some((d) => normalize(d.code) === code) || !info.code) continue;
      const d: ProposedDiagnosis = {
        code: info.code,
        display: info.display,
        role: 'secondary',
        poa: info.poa,
        basis: `${refOf(claim.entry)} diagnosis ${info.sequence}`,
        sources: [refOf(claim.entry)],
      };
      diagnoses.push(d);
      ranking.set(d, { claimSequence: info.sequence, claimPrincipal: info.principal });
    }
  }
  orderDiagnoses(diagnoses, ranking);

  // Procedures.
  const procedures: ProposedProcedure[] = [];
  let procedureCount = 0;
  for (const p of c.procedures) {
    p.kept.fate = 'imported';
    procedureCount++;
    const source = refOf(p.kept.entry);
    const when = str(p.kept.entry, p.proc.performedDateTime, 'performedDateTime') ?? str(p.kept.entry, p.proc.performedPeriod?.start, 'performedPeriod.start');
    const codings = codingsOf(p.proc.code);
    const pcs = codings.filter((x) => isIcd10pcs(x.system) && typeof x.code === 'string' && PCS_FORMAT.test(x.code.trim()));
    const note = p.proc.status && p.proc.status !== 'completed' ? `status ${p.proc.status} in the EHR` : undefined;
    for (const x of pcs) {
      if (procedures.some((q) => q.code === x.code!.trim() && q.date === datePart(when))) continue;
      procedures.push({ code: x.code!.trim(), date: datePart(when), display: x.display ?? textOf(p.proc.code), sources: [source], note });
    }
    for (const x of codings.filter((x) => !pcs.includes(x)))
      uncoded.push({
        kind: 'procedure',
        system: systemLabel(x.system),
        code: String(x.code ?? ''),
        display: x.display ?? textOf(p.proc.code),
        source,
        note: pcs.length ? 'also coded as ICD-10-PCS above' : datePart(when) ? `performed ${datePart(when)}` : undefined,
      });
    if (codings.length === 0) uncoded.push({ kind: 'procedure', system: 'no code', code: '', display: textOf(p.proc.code), source });
  }
  procedures.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));

  return {
    encounterRef: c.ref,
    patientRef: patientKept ? refOf(patientKept.entry) : subjectRef,
    header: {
      encounter: String(enc.id ?? identifiersOf(entry.resource)[0]?.value ?? c.ref),
      age,
      sex,
      admitted,
      discharged,
      disposition: disp.ub04,
      type: inpatient ? 'inpatient' : 'outpatient',
      comments,
    },
    facts,
    notes,
    results,
    diagnoses,
    procedures,
    uncoded,
    unresolved: [...c.unresolved].sort(),
    counts: { notes: notes.length, results: results.length, observations, conditions: conditions.size, procedures: procedureCount },
  };
}

function fullYears(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function normalize(code: string): string {
  return code.replace(/\./g, '').toUpperCase().trim();
}

function conditionOf(index: ReferenceIndex<Kept>, ref: string | undefined): Condition | undefined {
  const k = index.resolve(ref);
  return k && k.entry.resource.resourceType === 'Condition' ? (k.entry.resource as unknown as Condition) : undefined;
}

function dispositionOf(enc: Encounter): { ub04?: string; comment?: string } {
  const cc = enc.hospitalization?.dischargeDisposition;
  if (!cc)
    return { comment: enc.status === 'finished' ? 'disposition: the EHR gives no hospitalization.dischargeDisposition — fill in the UB-04 code' : undefined };
  const codings = codingsOf(cc);
  for (const c of codings) {
    if (c.system && NUBC_DISCHARGE_SYSTEMS.includes(c.system) && typeof c.code === 'string') {
      const code = c.code.trim().padStart(2, '0');
      if (UB04_DISCHARGE_STATUSES.has(code)) return { ub04: code };
      return { comment: `disposition: NUBC code "${c.code}" is not a UB-04 discharge status the grouper knows` };
    }
  }
  for (const c of codings) {
    if (c.system === HL7_DISCHARGE_DISPOSITION && typeof c.code === 'string') {
      const row = HL7_DISPOSITION_TO_UB04.find((r) => r.hl7 === c.code);
      if (row?.ub04) return { ub04: row.ub04 };
      return {
        comment: `disposition: HL7 discharge-disposition "${c.code}" (${textOf(cc) ?? c.code}) has no single UB-04 code${row ? ` — ${row.basis}` : ''}`,
      };
    }
  }
  return {
    comment: `disposition: "${textOf(cc) ?? codings.map((c) => c.code).join(', ')}" is not coded in NUBC or HL7 discharge-disposition — fill in the UB-04 code`,
  };
}

function claimDiagnoses(
  k: Kept,
  index: ReferenceIndex<Kept>,
): Map<string, { sequence: number; principal: boolean; poa?: string; code?: string; display?: string }> {
  const claim = k.entry.resource as unknown as Claim;
  const out = new Map<string, { sequence: number; principal: boolean; poa?: string; code?: string; display?: string }>();
  for (const d of claim.diagnosis ?? []) {
    let codings = codingsOf(d.diagnosisCodeableConcept);
    if (codings.length === 0 && d.diagnosisReference?.reference) codings = codingsOf(conditionOf(index, d.diagnosisReference.reference)?.code);
    const icd = codings.find((x) => isIcd10cm(x.system) && typeof x.code === 'string' && CM_FORMAT.test(x.code.trim()));
    if (!icd) continue;
    const principal = (d.type ?? []).some((t) => codingsOf(t).some((x) => x.code === 'principal'));
    const poaCoding = codingsOf(d.onAdmission).find((x) => x.system === CMS_POA || x.system === DIAGNOSIS_ON_ADMISSION);
    const poa = poaCoding?.code ? poaCoding.code.toUpperCase() : undefined;
    out.set(normalize(icd.code!), {
      sequence: d.sequence,
      principal,
      poa: poa && ['Y', 'N', 'U', 'W', '1'].includes(poa) ? poa : undefined,
      code: icd.code!.trim(),
      display: icd.display,
    });
  }
  return out;
}

/**
 * Sequences the proposed diagnoses from what the EHR says, never from the codes' meaning:
 * a claim's principal (or sequence 1), else Encounter.diagnosis rank 1 of use billing/DD/none,
 * else — the EHR ranks nothing — the first one listed, marked as unranked. An admission
 * diagnosis (use AD) also becomes the ADX.
 */
interface Ranking {
  rank?: number;
  use?: 'AD' | 'DD' | 'billing' | 'other';
  claimSequence?: number;
  claimPrincipal?: boolean;
}

function orderDiagnoses(list: ProposedDiagnosis[], ranking: Map<ProposedDiagnosis, Ranking>): void {
  const r = (d: ProposedDiagnosis): Ranking => ranking.get(d) ?? {};
  const byClaim = list.filter((d) => r(d).claimSequence !== undefined);
  let principal =
    byClaim.find((d) => r(d).claimPrincipal) ?? (byClaim.length ? byClaim.reduce((a, b) => (r(a).claimSequence! <= r(b).claimSequence! ? a : b)) : undefined);
  if (principal) principal.basis = `principal on the EHR's claim (${principal.basis})`;
  if (!principal) {
    principal = list.find((d) => r(d).rank === 1 && r(d).use !== 'AD');
    if (principal) principal.basis = `ranked first in Encounter.diagnosis (${r(principal).use})`;
  }
  if (!principal && list.length) {
    principal = list.find((d) => r(d).use !== 'AD') ?? list[0]!;
    principal.basis = 'the EHR ranks no diagnosis: first listed — sequence it per the guidelines (Section II)';
  }
  const admitting = list.find((d) => r(d).use === 'AD');
  if (admitting && admitting !== principal) admitting.role = 'admitting';
  if (principal) principal.role = 'principal';
  // Secondary diagnoses in the claim's sequence where there is one, else as listed (sort is stable).
  list.sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || (r(a).claimSequence ?? 1e9) - (r(b).claimSequence ?? 1e9));
  // An admitting diagnosis that is also the principal stays the PDX and is repeated as the ADX.
  if (admitting && admitting === principal) list.splice(1, 0, { ...admitting, role: 'admitting', basis: 'Encounter.diagnosis AD (admission diagnosis)' });
}

function roleOrder(r: ProposedDiagnosis['role']): number {
  return r === 'principal' ? 0 : r === 'admitting' ? 1 : 2;
}

// ── results ──────────────────────────────────────────────────────────────────

const MEASUREMENT_CATEGORIES = new Set(['laboratory', 'vital-signs']);

/** An Observation's results lines: its numeric valueQuantity, or its components' (blood pressure). */
function resultLines(entry: FhirEntry, obs: Observation): RecordResult[] {
  const categories = (obs.category ?? []).flatMap((c) => codingsOf(c).map((x) => x.code));
  const loincOf = (cc: unknown) => codingsOf(cc).find((x) => x.system === LOINC && typeof x.code === 'string');
  const ownLoinc = loincOf(obs.code);
  const isMeasurement =
    categories.some((c) => c && MEASUREMENT_CATEGORIES.has(c)) || (ownLoinc?.code !== undefined && measurementName(ownLoinc.code) !== undefined);
  if (!isMeasurement) return [];
  const when =
    str(entry, obs.effectiveDateTime, 'effectiveDateTime') ??
    str(entry, obs.effectivePeriod?.start, 'effectivePeriod.start') ??
    str(entry, obs.effectiveInstant, 'effectiveInstant') ??
    str(entry, obs.issued, 'issued');
  const date = dateTimePart(when);
  const status = obs.status && !['final', 'amended', 'corrected'].includes(obs.status) ? obs.status : undefined;
  const out: RecordResult[] = [];
  const push = (code: unknown, q: unknown, where: string) => {
    if (!q || typeof q !== 'object') return;
    const quantity = q as { value?: unknown; unit?: unknown; code?: unknown; system?: unknown; comparator?: unknown };
    if (quantity.value === undefined) return;
    if (typeof quantity.value !== 'number' || !Number.isFinite(quantity.value))
      throw new FhirInputError(`${describe(entry)}: ${where}.value must be a number, got ${JSON.stringify(quantity.value).slice(0, 40)}`);
    const loinc = loincOf(code);
    const display = textOf(code);
    const unit = conventionalUnit(
      typeof quantity.unit === 'string' && quantity.unit.trim() ? quantity.unit : typeof quantity.code === 'string' ? quantity.code : undefined,
    );
    const comparator =
      typeof quantity.comparator === 'string' && ['<', '<=', '>=', '>'].includes(quantity.comparator)
        ? (quantity.comparator as RecordResult['comparator'])
        : undefined;
    out.push({ date, name: (loinc?.code && measurementName(loinc.code)) ?? '', value: quantity.value, comparator, unit, loinc: loinc?.code, display, status });
  };
  push(obs.code, obs.valueQuantity, 'valueQuantity');
  for (const [i, comp] of (obs.component ?? []).entries()) push(comp.code, comp.valueQuantity, `component[${i}].valueQuantity`);
  return out;
}

// ── summary ──────────────────────────────────────────────────────────────────

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryLine(r: ImportResult): string {
  const sum = (f: (c: ImportedChart) => number) => r.charts.reduce((a, c) => a + f(c), 0);
  const parts = [
    plural(
      sum((c) => c.record.counts.notes),
      'note',
    ),
    plural(
      sum((c) => c.record.counts.results),
      'result',
    ),
    plural(
      sum((c) => c.record.counts.conditions),
      'condition',
    ),
    plural(
      sum((c) => c.record.counts.procedures),
      'procedure',
    ),
  ];
  const skippedTotal = Object.values(r.skipped).reduce((a, b) => a + (b ?? 0), 0);
  const reasons = (Object.entries(r.skipped) as [SkipReason, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${SKIP_LABELS[k]}`);
  const usedTotal = Object.values(r.used).reduce((a, b) => a + b, 0);
  const used = usedTotal
    ? `; used ${Object.entries(r.used)
        .map(([t, n]) =>
          plural(
            n,
            t.replace(/^[A-Z]/, (c) => c.toLowerCase()),
          ),
        )
        .join(', ')}`
    : '';
  const head = r.charts.length
    ? `imported ${plural(r.charts.length, 'encounter')}: ${parts.join(', ')}`
    : `imported no encounter (${
        Object.keys(r.encounterClasses).length
          ? `encounter classes in the input: ${Object.entries(r.encounterClasses)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}; none inpatient — choose one with --encounter ID`
          : 'the input has no Encounter'
      })`;
  return `${head}${used}; skipped ${plural(skippedTotal, 'resource')}${reasons.length ? ` (${reasons.join(', ')})` : ''}`;
}

// ── listing ──────────────────────────────────────────────────────────────────

export interface EncounterSummary {
  id: string;
  classCode?: string;
  inpatient: boolean;
  type?: string;
  reason?: string;
  start?: string;
  end?: string;
  status?: string;
}

/** The encounters of the input (one read, Encounters only), for choosing what to import. */
export async function listEncounters(sources: EntrySource[]): Promise<EncounterSummary[]> {
  const out: EncounterSummary[] = [];
  for (const source of sources) {
    await source.forEach((entry) => {
      if (entry.resource.resourceType !== 'Encounter') return;
      const enc = entry.resource as unknown as Encounter;
      const classCode = classOf(entry);
      out.push({
        id: String(enc.id ?? entry.fullUrl ?? entry.position),
        classCode,
        inpatient: INPATIENT_CLASSES.has(classCode ?? ''),
        type: (enc.type ?? []).map(textOf).filter(Boolean).join('; ') || undefined,
        reason: (enc.reasonCode ?? []).map(textOf).filter(Boolean).join('; ') || undefined,
        start: datePart(str(entry, enc.period?.start, 'period.start')),
        end: datePart(str(entry, enc.period?.end, 'period.end')),
        status: enc.status,
      });
    });
  }
  return out;
}
