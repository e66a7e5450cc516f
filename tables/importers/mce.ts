// Medicare Code Editor importer: reads CMS's MCE data file (<sources>/mce/raw/mce.bin, so a new CMS
// MCE release imports without hand conversion) or, without it, the decoded TSVs beside it, and
// writes the compact form server/src/mce/tables.ts loads, under <out>/mce/:
//   dx.tsv, pr.tsv  one line per code and date range: `code start end flag,flag…` (dates YYYYMMDD,
//                   end '' = open), i.e. the rows CMS's MceComponent picks one of by discharge date
//   meta.json       MCE version and termination date (from raw/mce.bin when present), age groups,
//                   discharge statuses, and the sources with their sha256.
// ICD-9 masters are not imported: ChartCoder codes ICD-10 charts only (discharges from 2015-10-01).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { SourceError, readSource, tsvRows, type SourceFile } from './source';

const CODE = /^[A-Z0-9]{3,7}$/;
const FLAG = /^[a-z][a-z0-9_]*$/i;
const DATE = /^\d{8}$/;

import type { MceMeta } from '../../server/src/mce/tables';
import { TABLE_FILES, type TableWriter } from '../../server/src/tables/format';
export type { MceMeta };

/** Reads one master (code, flag, start_date, end_date) into `code start end flags` lines grouped by date range. */
export function readMceCodeMaster(src: SourceFile): string[] {
  const byKey = new Map<string, Set<string>>();
  for (const [r, n] of tsvRows(src, ['code', 'flag', 'start_date', 'end_date'])) {
    const code = r.code.toUpperCase();
    if (!CODE.test(code)) throw new SourceError(src.name, n, `code must be 3–7 letters or digits without a dot; got "${r.code}"`);
    if (r.flag !== '' && !FLAG.test(r.flag)) throw new SourceError(src.name, n, `flag must be a lowercase word; got "${r.flag}"`);
    checkDates(r.start_date, r.end_date, src.name, n);
    const key = `${code}\t${r.start_date}\t${r.end_date}`;
    let flags = byKey.get(key);
    if (!flags) byKey.set(key, (flags = new Set()));
    if (r.flag) flags.add(r.flag);
  }
  return [...byKey].map(([key, flags]) => `${key}\t${[...flags].sort().join(',')}`);
}

export function readMceAgeGroups(src: SourceFile): MceMeta['ageGroups'] {
  const out: MceMeta['ageGroups'] = [];
  for (const [r, n] of tsvRows(src, ['age_group', 'start_age', 'end_age', 'start_date', 'end_date'])) {
    if (!/^[A-Za-z]+$/.test(r.age_group)) throw new SourceError(src.name, n, `age_group must be a word; got "${r.age_group}"`);
    for (const k of ['start_age', 'end_age'] as const)
      if (!/^\d{1,3}$/.test(r[k])) throw new SourceError(src.name, n, `${k} must be a whole number of years; got "${r[k]}"`);
    checkDates(r.start_date, r.end_date, src.name, n);
    out.push({ group: r.age_group, min: Number(r.start_age), max: Number(r.end_age), start: r.start_date, end: r.end_date });
  }
  return out;
}

export function readMceDischargeStatuses(src: SourceFile): MceMeta['dischargeStatuses'] {
  const out: MceMeta['dischargeStatuses'] = [];
  for (const [r, n] of tsvRows(src, ['code', 'startDate', 'endDate'])) {
    if (!/^\d{1,2}$/.test(r.code)) throw new SourceError(src.name, n, `discharge status must be 1–2 digits; got "${r.code}"`);
    checkDates(r.startDate, r.endDate, src.name, n);
    out.push({ code: Number(r.code), start: r.startDate, end: r.endDate });
  }
  return out;
}

// ── CMS's data file (raw/mce.bin, protobuf `mce.Root`, schema in raw/mce.schema.txt) ──────────
// The decoded TSVs keep one flag per code and date range where the data file has several (M80049P
// from 2022-04-01 is `adult` and `unspecified`), so the data file is preferred when present.

type Field = { field: number; varint?: number; bytes?: Buffer };

function* protoFields(buf: Buffer, file: string): Generator<Field> {
  let i = 0;
  const varint = (): number => {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (i >= buf.length) throw new Error(`${file}: truncated protobuf at byte ${i}`);
      const b = buf[i++];
      v += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) return v;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const type = key % 8;
    if (type === 0) yield { field, varint: varint() };
    else if (type === 2) {
      const len = varint();
      if (i + len > buf.length) throw new Error(`${file}: field ${field} runs past the end of the file`);
      yield { field, bytes: buf.subarray(i, i + len) };
      i += len;
    } else throw new Error(`${file}: unexpected protobuf wire type ${type} at byte ${i}`);
  }
}

const text = (f: Field) => (f.bytes ? f.bytes.toString('latin1') : '');

export interface MceBin {
  version: number | null;
  terminationDate: string | null;
  dx: string[];
  pr: string[];
  ageGroups: MceMeta['ageGroups'];
  dischargeStatuses: MceMeta['dischargeStatuses'];
}

/** Decodes CMS's MCE data file: the ICD-10 masters (entry n of a master named in errors), age groups, discharge statuses. */
export function readMceBin(buf: Buffer, file: string): MceBin {
  const out: MceBin = { version: null, terminationDate: null, dx: [], pr: [], ageGroups: [], dischargeStatuses: [] };
  const master = (root: Buffer, name: string, into: string[]) => {
    let n = 0;
    for (const e of protoFields(root, file)) {
      if (e.field !== 1 || !e.bytes) continue;
      n++;
      let code = '';
      let start = '';
      let end = '';
      const flags: string[] = [];
      for (const f of protoFields(e.bytes, file)) {
        if (f.field === 1) code = text(f).trim().toUpperCase();
        else if (f.field === 2) start = text(f);
        else if (f.field === 3) end = text(f);
        else if (f.field === 4 && text(f) !== '') flags.push(text(f));
      }
      const where = `${name} entry ${n}`;
      if (!CODE.test(code)) throw new Error(`${file}: ${where}: code must be 3–7 letters or digits; got "${code}"`);
      for (const flag of flags) if (!FLAG.test(flag)) throw new Error(`${file}: ${where} (${code}): flag "${flag}" is not a word`);
      checkDates(start, end, `${file}: ${where} (${code})`, 0);
      into.push(`${code}\t${start}\t${end}\t${flags.join(',')}`);
    }
  };
  for (const f of protoFields(buf, file)) {
    if (f.field === 8) out.version = f.varint ?? null;
    else if (f.field === 9) out.terminationDate = text(f);
    else if (f.field === 3 && f.bytes) master(f.bytes, 'i10DxMaster', out.dx);
    else if (f.field === 4 && f.bytes) master(f.bytes, 'i10SgMaster', out.pr);
    else if (f.field === 1 && f.bytes) {
      for (const e of protoFields(f.bytes, file)) {
        if (!e.bytes) continue;
        const g = { group: '', min: 0, max: 0, start: '', end: '' };
        for (const x of protoFields(e.bytes, file)) {
          if (x.field === 1) g.group = text(x);
          else if (x.field === 2) g.min = x.varint ?? 0;
          else if (x.field === 3) g.max = x.varint ?? 0;
          else if (x.field === 4) g.start = text(x);
          else if (x.field === 5) g.end = text(x);
        }
        checkDates(g.start, g.end, `${file}: age group ${g.group}`, 0);
        out.ageGroups.push(g);
      }
    } else if (f.field === 2 && f.bytes) {
      for (const e of protoFields(f.bytes, file)) {
        if (!e.bytes) continue;
        const s = { code: 0, start: '', end: '' };
        for (const x of protoFields(e.bytes, file)) {
          if (x.field === 1) s.code = x.varint ?? 0;
          else if (x.field === 2) s.start = text(x);
          else if (x.field === 3) s.end = text(x);
        }
        checkDates(s.start, s.end, `${file}: discharge status ${s.code}`, 0);
        out.dischargeStatuses.push(s);
      }
    }
  }
  if (out.terminationDate !== null && !DATE.test(out.terminationDate)) throw new Error(`${file}: termination date "${out.terminationDate}" is not YYYYMMDD`);
  if (!out.dx.length || !out.pr.length) throw new Error(`${file}: no ICD-10 diagnosis or procedure master in the data file`);
  return out;
}

export async function importMce(sourcesDir: string, out: TableWriter, log: (msg: string) => void): Promise<void> {
  const dir = path.join(sourcesDir, 'mce');
  const sources: MceMeta['sources'] = [];
  const read = (name: string) => {
    const s = readSource(path.join(dir, name));
    sources.push({ file: s.name, sha256: s.sha256 });
    return s;
  };
  let dx: string[];
  let pr: string[];
  let ageGroups: MceMeta['ageGroups'];
  let dischargeStatuses: MceMeta['dischargeStatuses'];
  let header: { version: number | null; terminationDate: string | null } = { version: null, terminationDate: null };
  const bin = path.join(dir, 'raw', 'mce.bin');
  if (fs.existsSync(bin)) {
    const buf = fs.readFileSync(bin);
    const data = readMceBin(buf, 'mce.bin');
    ({ dx, pr, ageGroups, dischargeStatuses } = data);
    header = data;
    sources.push({ file: 'mce.bin', sha256: createHash('sha256').update(buf).digest('hex') });
  } else {
    log(`  MCE: ${bin} not found; using the decoded TSVs (they keep one flag per code and date range) and not rejecting discharge dates after the tables`);
    dx = readMceCodeMaster(read('mce_i10dx_master.tsv'));
    pr = readMceCodeMaster(read('mce_i10sg_master.tsv'));
    ageGroups = readMceAgeGroups(read('mce_age_ranges.tsv'));
    dischargeStatuses = readMceDischargeStatuses(read('mce_discharge_status.tsv'));
  }
  const meta: MceMeta = { version: header.version, validFrom: '19851001', terminationDate: header.terminationDate, ageGroups, dischargeStatuses, sources };
  // Sorted by code (stably: a code's date ranges keep the order CMS's MceComponent tries them in),
  // so the runtime finds a code's rows by binary search in the text as read.
  out.write(TABLE_FILES.mce.dx, sortedByCode(dx));
  out.write(TABLE_FILES.mce.pr, sortedByCode(pr));
  out.write(TABLE_FILES.mce.meta, JSON.stringify(meta));
  log(`  MCE${header.version ? ` v${header.version}` : ''}: ${dx.length} diagnosis and ${pr.length} procedure date ranges`);
}

function sortedByCode(rows: string[]): string {
  const code = (row: string) => row.slice(0, row.indexOf('\t'));
  return rows
    .map((row, i) => ({ row, i, code: code(row) }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.i - b.i))
    .map((r) => `${r.row}\n`)
    .join('');
}

function checkDates(start: string, end: string, file: string, line: number): void {
  if (line === 0) {
    // Errors in the binary data file name the entry instead of a line.
    try {
      checkDates(start, end, 'x', 1);
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message.replace(/^x:1: /, '')}`);
    }
    return;
  }
  if (!DATE.test(start)) throw new SourceError(file, line, `start date must be YYYYMMDD; got "${start}"`);
  if (end !== '' && !DATE.test(end)) throw new SourceError(file, line, `end date must be YYYYMMDD or empty; got "${end}"`);
  if (end !== '' && end < start) throw new SourceError(file, line, `end date ${end} is before start date ${start}`);
}
