// Medicare Code Editor tables at run time: per ICD-10 code, the edit flags in force on a discharge
// date (loaded from tables/build/mce/, written by tables/importers/mce.ts). A code is valid on a
// date when one of its date ranges covers it; the flags of that range say which edits apply.
import { TABLE_FILES, TableStore } from '../tables/format';
import { SortedLines } from '../tables/lines';
import { normalizeCode } from '../base/codes';

/** meta.json of the built MCE tables (written by tables/importers/mce.ts). */
export interface MceMeta {
  version: number | null;
  /** First discharge date CMS's MCE accepts (its Const.VALID_DATE_BEGIN). */
  validFrom: string;
  /** Last discharge date this MCE release accepts (raw/mce.bin root field 9), null when unknown. */
  terminationDate: string | null;
  ageGroups: { group: string; min: number; max: number; start: string; end: string }[];
  dischargeStatuses: { code: number; start: string; end: string }[];
  sources: { file: string; sha256: string }[];
}

/** One MCE flag of a code on a date, with the date range (ISO, end null = open) of the table row it comes from. */
export interface MceFlag {
  flag: string;
  start: string;
  end: string | null;
}

export interface MceAgeGroup {
  group: string; // Newborn, Pediatric, Maternity, Adult
  min: number;
  max: number;
  start: string;
  end: string | null;
}

export interface MceTables {
  /** MCE release number (431 = v43.1), null when the build had no raw/mce.bin. */
  readonly version: number | null;
  /** First and last discharge dates this MCE release edits (ISO; last null = unknown). */
  readonly validFrom: string;
  readonly terminationDate: string | null;
  /** Source files with their sha256, for provenance ("MCE v43.1, mce_i10dx_master.tsv"). */
  readonly sources: { file: string; sha256: string }[];
  /** Flags of a diagnosis code on a date: null = not a valid code on that date; [] = valid, no flags. */
  dxFlags(code: string, date: string): MceFlag[] | null;
  /** Flags of an ICD-10-PCS code on a date (same null / [] distinction). */
  prFlags(code: string, date: string): MceFlag[] | null;
  /** Fast path for the edits: just the flag names (null = not valid on that date). Do not mutate. */
  dxFlagNames(code: string, date: string): readonly string[] | null;
  prFlagNames(code: string, date: string): readonly string[] | null;
  /** Faster still, for a claim's many codes: the flags as a set, the date as YYYYMMDD (dateNumber). */
  dxFlagSet(code: string, day: number): ReadonlySet<string> | null;
  prFlagSet(code: string, day: number): ReadonlySet<string> | null;
  isValidDx(code: string, date: string): boolean;
  isValidPr(code: string, date: string): boolean;
  /** The age groups (limits in years) in force on a date. */
  ageGroups(date: string): MceAgeGroup[];
  ageGroup(group: string, date: string): MceAgeGroup | null;
  /** Discharge status codes valid on a date. */
  dischargeStatuses(date: string): number[];
  isValidDischargeStatus(status: number | string, date: string): boolean;
  /** Whether this MCE release edits claims discharged on `date` (CMS returns INVALID_DISCHARGE_DATE otherwise). */
  acceptsDischargeDate(date: string): boolean;
}

interface Range {
  start: number; // YYYYMMDD
  end: number; // YYYYMMDD, 99999999 = open
  flags: string[];
  /** The flags as a set, made on first use (flagSet). */
  set?: ReadonlySet<string>;
}

const NO_FLAGS: ReadonlySet<string> = new Set();
function flagSet(r: Range): ReadonlySet<string> {
  return (r.set ??= r.flags.length ? new Set(r.flags) : NO_FLAGS);
}

const OPEN = 99999999;

/** YYYY-MM-DD or YYYYMMDD → YYYYMMDD as a number; NaN when malformed. */
export function dateNumber(date: string): number {
  const d = date.length === 10 && date[4] === '-' && date[7] === '-' ? date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10) : date;
  return /^\d{8}$/.test(d) ? Number(d) : NaN;
}

function iso(n: number): string {
  const s = String(n);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * A master table kept as the text it was read as (rows sorted by code, SortedLines): a code's rows
 * are found by binary search and its date ranges parsed on first use, then kept.
 */
class Master {
  private readonly lines: SortedLines;
  private readonly parsed = new Map<string, Range[] | null>();
  constructor(
    private readonly file: string,
    bytes: Uint8Array,
  ) {
    this.lines = new SortedLines(bytes, file);
  }
  ranges(code: string): Range[] | undefined {
    let r = this.parsed.get(code);
    if (r !== undefined) return r ?? undefined;
    const [first, end] = this.lines.range(code);
    if (first === end) {
      this.remember(code, null);
      return undefined;
    }
    const rows: string[] = [];
    for (let i = first; i < end; i++) rows.push(this.lines.restAt(i));
    r = rows.map((row) => {
      const [start, end, flags] = row.split('\t');
      const range: Range = { start: Number(start), end: end === '' ? OPEN : Number(end), flags: flags ? flags.split(',') : [] };
      if (!(range.start > 0) || !(range.end > 0) || flags === undefined) throw new Error(`${this.file}: malformed row for ${code}: "${row}"`);
      return range;
    });
    this.remember(code, r);
    return r;
  }
  /** Codes repeat (each chart's codes at every check): kept, up to a bound that unknown inputs cannot exceed. */
  private remember(code: string, ranges: Range[] | null): void {
    if (this.parsed.size >= 50_000) this.parsed.clear();
    this.parsed.set(code, ranges);
  }
  /** The first range covering the date, as CMS's MceComponent picks it. */
  on(code: string, d: number): Range | null {
    const ranges = this.ranges(code) ?? this.ranges(normalizeCode(code));
    if (!ranges || Number.isNaN(d)) return null;
    for (const r of ranges) if (r.start <= d && d <= r.end) return r;
    return null;
  }
}

/** Loads the MCE tables of a build (a TableStore, or the build folder to open), each file verified. */
export function loadMceTables(from: TableStore | string): MceTables {
  const store = typeof from === 'string' ? TableStore.open(from) : from;
  const meta = store.readJson<MceMeta>(TABLE_FILES.mce.meta);
  const dx = new Master(store.pathOf(TABLE_FILES.mce.dx), store.read(TABLE_FILES.mce.dx));
  const pr = new Master(store.pathOf(TABLE_FILES.mce.pr), store.read(TABLE_FILES.mce.pr));
  const validFrom = Number(meta.validFrom);
  const termination = meta.terminationDate ? Number(meta.terminationDate) : OPEN;
  const covers = (start: string, end: string, d: number) => Number(start) <= d && (end === '' || d <= Number(end));

  const flagsOf = (m: Master, code: string, date: string): MceFlag[] | null => {
    const r = m.on(code, dateNumber(date));
    return r && r.flags.map((flag) => ({ flag, start: iso(r.start), end: r.end === OPEN ? null : iso(r.end) }));
  };
  const ageCache = new Map<string, MceAgeGroup[]>();
  const statusCache = new Map<string, number[]>();
  const ageGroups = (date: string): MceAgeGroup[] => {
    const cached = ageCache.get(date);
    if (cached) return cached;
    const d = dateNumber(date);
    const out = meta.ageGroups
      .filter((g) => covers(g.start, g.end, d))
      .map((g) => ({ group: g.group, min: g.min, max: g.max, start: iso(Number(g.start)), end: g.end ? iso(Number(g.end)) : null }));
    if (ageCache.size < 1000) ageCache.set(date, out);
    return out;
  };
  const dischargeStatuses = (date: string): number[] => {
    const cached = statusCache.get(date);
    if (cached) return cached;
    const d = dateNumber(date);
    const out = [...new Set(meta.dischargeStatuses.filter((s) => covers(s.start, s.end, d)).map((s) => s.code))];
    if (statusCache.size < 1000) statusCache.set(date, out);
    return out;
  };
  return {
    version: meta.version,
    validFrom: iso(validFrom),
    terminationDate: termination === OPEN ? null : iso(termination),
    sources: meta.sources,
    dxFlags: (code, date) => flagsOf(dx, code, date),
    prFlags: (code, date) => flagsOf(pr, code, date),
    dxFlagNames: (code, date) => dx.on(code, dateNumber(date))?.flags ?? null,
    prFlagNames: (code, date) => pr.on(code, dateNumber(date))?.flags ?? null,
    dxFlagSet: (code, day) => {
      const r = dx.on(code, day);
      return r ? flagSet(r) : null;
    },
    prFlagSet: (code, day) => {
      const r = pr.on(code, day);
      return r ? flagSet(r) : null;
    },
    isValidDx: (code, date) => dx.on(code, dateNumber(date)) !== null,
    isValidPr: (code, date) => pr.on(code, dateNumber(date)) !== null,
    ageGroups,
    ageGroup: (group, date) => ageGroups(date).find((g) => g.group.toLowerCase() === group.toLowerCase()) ?? null,
    dischargeStatuses,
    isValidDischargeStatus: (status, date) => {
      const n = typeof status === 'number' ? status : /^\d{1,2}$/.test(status.trim()) ? Number(status) : NaN;
      return dischargeStatuses(date).includes(n);
    },
    acceptsDischargeDate: (date) => {
      const d = dateNumber(date);
      return d >= validFrom && d <= termination;
    },
  };
}
