// The on-disk format of the built tables (tables/build/): the file names, the manifest, the format
// version, and the two ends of every file — `TableWriter` (the builder, tables/build.ts and its
// importers, writes through it) and `TableStore` (every run-time loader reads through it: code
// lists, tabular notes, weights, the grouper's and the Code Editor's tables, the search index).
// Each file is checked against the size and sha256 the manifest records before anything reads it.
// The builder imports this module; nothing here imports the builder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CodeSystem } from '../chart/model';
import { recoverInstall } from './install';

/**
 * The layout of tables/build: 2 added the prebuilt search index, 3 its title heads, 4 every file
 * listed in the manifest and verified at load, one MS-DRG fact source (the grouper's), and the
 * tabular list and the Code Editor's tables as sorted line tables, and the code lists in their
 * compact binary form (both read in place: a third of the memory); 5 the ICD-10-PCS tables
 * (pcs-tables.json) and a separator before each inclusion term in the search index; 6 the look-back
 * releases from FY2023 (POA-exempt list per release, the CDC conversion tables, the build's
 * checks against the MCE in the manifest); 7 the code lists' sources as shared per-release patterns
 * (a title unchanged from year to year is one entry: 20 → 12 MB) and the search index's words in
 * two bytes each. A build of
 * another format is refused with "rebuild the tables" (the test command rebuilds it by itself:
 * scripts/test.mjs reads this line).
 */
export const TABLE_FORMAT = 7;

/** Every file of a build, by what it holds (names relative to the build folder). */
export const TABLE_FILES = {
  manifest: 'manifest.json',
  /** Each system's codes, validity and billable bits per release, and titles in their compact form (./codeList.ts). */
  codes: { icd10cm: 'codes-icd10cm.bin', icd10pcs: 'codes-icd10pcs.bin', hcpcs: 'codes-hcpcs.bin' } as Record<Exclude<CodeSystem, 'cpt'>, string>,
  /** The ICD-10-CM tabular list: its source, chapters, sections and chapter notes (TabularHead) … */
  tabularHead: 'tabular-head.json',
  /** … and its nodes, one sorted `code json` line each (a TabularNode without its code), searched in place. */
  tabularNodes: 'tabular-nodes.tsv',
  /** POA-exempt ICD-10-CM codes, one a line, sorted: `CODE<TAB>hex bits`, bit r = exempt in release r. */
  poaExempt: 'poa-exempt.txt',
  /** The CDC conversion tables: each new ICD-10-CM code, its effective date and the code(s) it replaced (JSON, sorted by code). */
  conversions: 'conversions.json',
  /** DRG weights, titles and payment rates per release. */
  drg: 'drg.json',
  /** The search engine's word index (server/src/search/searchIndex.ts). */
  searchIndex: 'search-index.bin',
  /** The ICD-10-PCS tables of each release: 3-character tables, the meanings of characters 4–7 (tables/importers/pcs.ts → server/src/search/pcs). */
  pcsTables: 'pcs-tables.json',
  /** The grouper's tables (server/src/grouper/format.ts): meta.json and one sorted line table per name. */
  msdrg: { meta: 'msdrg/meta.json', table: (name: string) => `msdrg/${name}.tsv` },
  /** The Medicare Code Editor's tables (server/src/mce/tables.ts). */
  mce: { meta: 'mce/meta.json', dx: 'mce/dx.tsv', pr: 'mce/pr.tsv' },
} as const;

/** Files read only on first use are stored gzipped (smaller on disk); the code lists that load at start are plain, for speed. */
const GZIPPED = new Set<string>([
  TABLE_FILES.tabularHead,
  TABLE_FILES.tabularNodes,
  TABLE_FILES.poaExempt,
  TABLE_FILES.drg,
  TABLE_FILES.pcsTables,
  TABLE_FILES.conversions,
]);

export interface ManifestRelease {
  id: string;
  label: string;
  start: string;
  end: string | null;
  msdrgVersion: string | null;
  /** e.g. "MS-DRG v43.1 logic — v44 logic not installed" */
  msdrgNote: string | null;
  years: { icd10cm: string; icd10pcs: string; hcpcs: string; weights: string };
  /** The POA-exempt list the release uses; `note` says when it is not the release's own year's. */
  poaExempt?: { file: string; year: string; note: string | null };
}

/** A disagreement the build found between a release's code list and another official source (`tables check` lists them). */
export interface ManifestCheck {
  release: string;
  system: string;
  message: string;
}

/** An official source file the build read: every fact cites one (by index into `sources`). */
export interface ManifestSource {
  file: string;
  year: string;
  sha256: string;
}

export interface Manifest {
  format: number;
  builtAt: string;
  releases: ManifestRelease[];
  sources: ManifestSource[];
  /** Every built file as stored (a gzipped file under its name + ".gz"), with its size and sha256. */
  files: Record<string, { sha256: string; bytes: number }>;
  checks?: ManifestCheck[];
  /** Official files a user imported into this build (`chartcoder tables import`, tables/import.ts), oldest first. */
  imports?: ManifestImport[];
}

/** One file `chartcoder tables import` took in: what it was, its checksum, and what it replaced. */
export interface ManifestImport {
  file: string;
  kind: string;
  year: string;
  /** sha256 of the data the facts cite (for an archive: of its member) … */
  sha256: string;
  /** … and of the file as downloaded (what `sha256sum` of the download prints). */
  fileSha256?: string;
  importedAt: string;
  /** What the import did, in words ("replaced the FY2021 tabular list (…)"). */
  replaced: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The folder of the built tables: $CHARTCODER_TABLES, else the `tables/build` of the nearest folder
 * above this file that has one or is a checkout (tables/releases.json) — the sources' own, or the
 * one beside dist/ in a bundle or an installed extension. The builder writes there by default too.
 */
export function defaultTablesDir(): string {
  if (process.env.CHARTCODER_TABLES) return process.env.CHARTCODER_TABLES;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const build = path.join(dir, 'tables', 'build');
    if (fs.existsSync(path.join(build, TABLE_FILES.manifest)) || fs.existsSync(path.join(dir, 'tables', 'releases.json'))) return build;
    if (path.dirname(dir) === dir) return path.join(__dirname, '..', 'tables', 'build');
  }
}

/** A built table folder opened for reading: the manifest read and its format checked; files read verified. */
export class TableStore {
  private constructor(
    readonly dir: string,
    readonly manifest: Manifest,
    /** Set when opening finished an interrupted install (tables/install.ts): what was done, to tell the user. */
    readonly repaired: string | null = null,
  ) {}

  /** Opens `dir` (default: defaultTablesDir()); throws one clear message when it holds no usable build. */
  static open(dir: string = defaultTablesDir()): TableStore {
    const manifestPath = path.join(dir, TABLE_FILES.manifest);
    // A build killed inside its install leaves the complete set beside `dir`: put it in place first.
    const repaired = fs.existsSync(manifestPath) ? null : recoverInstall(dir);
    if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath}: no built code tables here`);
    let manifest: Manifest;
    try {
      manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
    } catch (e) {
      throw new Error(`${manifestPath}: not valid JSON (${(e as Error).message}); rebuild the tables`);
    }
    if (manifest.format !== TABLE_FORMAT)
      throw new Error(
        `${manifestPath}: table format ${manifest.format} is not supported by this version (expected ${TABLE_FORMAT}); rebuild the tables (npm run tables)`,
      );
    if (!manifest.files || typeof manifest.files !== 'object') throw new Error(`${manifestPath}: lists no files; rebuild the tables`);
    return new TableStore(dir, manifest, repaired);
  }

  /** Whether the build has the file (gzipped or not). */
  has(name: string): boolean {
    return !!(this.manifest.files[name] ?? this.manifest.files[`${name}.gz`]);
  }

  /** Where a file of the build is on disk (as stored: a gzipped file with its ".gz"). */
  pathOf(name: string): string {
    return path.join(this.dir, this.manifest.files[name] || !this.manifest.files[`${name}.gz`] ? name : `${name}.gz`);
  }

  /**
   * A file's bytes, verified against the manifest's size and checksum (a gzipped file comes back
   * unzipped). Throws a message naming the file: not listed, missing, or damaged.
   */
  read(name: string): Buffer {
    const gz = !this.manifest.files[name] && !!this.manifest.files[`${name}.gz`];
    const stored = gz ? `${name}.gz` : name;
    const p = path.join(this.dir, stored);
    const expected = this.manifest.files[stored];
    if (!expected) throw new Error(`${p}: not listed in the manifest; rebuild the tables`);
    if (!fs.existsSync(p)) throw new Error(`${p}: missing; rebuild the tables (npm run tables)`);
    const buf = fs.readFileSync(p);
    if (buf.length !== expected.bytes || sha256(buf) !== expected.sha256) {
      throw new Error(`${p}: damaged (size or checksum differs from the manifest); rebuild the tables (npm run tables)`);
    }
    try {
      // The gzip trailer's size of the content: unzipped into one buffer of that size, not grown chunk by chunk.
      return gz ? gunzipSync(buf, { chunkSize: Math.min(Math.max(64 * 1024, buf.readUInt32LE(buf.length - 4) + 1), 256 * 1024 * 1024) }) : buf;
    } catch (e) {
      throw new Error(`${p}: not readable (${(e as Error).message}); rebuild the tables (npm run tables)`);
    }
  }

  /** Every file the manifest lists, checked against its size and sha256: one message per missing or damaged file (empty when all are sound). */
  verifyAll(): string[] {
    const problems: string[] = [];
    for (const [stored, expected] of Object.entries(this.manifest.files)) {
      const p = path.join(this.dir, stored);
      let buf: Buffer;
      try {
        buf = fs.readFileSync(p);
      } catch (e) {
        problems.push(`${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (e as Error).message}`);
        continue;
      }
      if (buf.length !== expected.bytes || sha256(buf) !== expected.sha256) problems.push(`${p}: damaged (size or checksum differs from the manifest)`);
    }
    return problems;
  }

  readText(name: string): string {
    return this.read(name).toString('utf8');
  }

  readJson<T>(name: string): T {
    try {
      return JSON.parse(this.readText(name)) as T;
    } catch (e) {
      if ((e as Error).message.includes(this.dir)) throw e;
      throw new Error(`${this.pathOf(name)}: not valid JSON (${(e as Error).message}); rebuild the tables`);
    }
  }
}

/** Writes a build: each file through `write` (checksummed, gzipped when the format says so), the manifest last. */
export class TableWriter {
  readonly files: Manifest['files'] = {};

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  write(name: string, content: string | Uint8Array): void {
    const raw = typeof content === 'string' ? Buffer.from(content) : content;
    const gz = GZIPPED.has(name);
    const bytes = gz ? gzipSync(raw, { level: 9 }) : raw;
    const stored = gz ? `${name}.gz` : name;
    const p = path.join(this.dir, stored);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, bytes);
    this.files[stored] = { sha256: sha256(bytes), bytes: bytes.length };
  }

  /** Bytes written so far (as stored). */
  get bytes(): number {
    return Object.values(this.files).reduce((a, f) => a + f.bytes, 0);
  }

  /** Writes the manifest of everything written so far (again after later writes: it is rewritten whole). */
  writeManifest(fields: { releases: ManifestRelease[]; sources: ManifestSource[]; checks?: ManifestCheck[]; imports?: ManifestImport[] }): Manifest {
    const manifest: Manifest = {
      format: TABLE_FORMAT,
      builtAt: new Date().toISOString(),
      releases: fields.releases,
      sources: fields.sources,
      files: { ...this.files },
      checks: fields.checks ?? [],
    };
    if (fields.imports?.length) manifest.imports = fields.imports;
    fs.writeFileSync(path.join(this.dir, TABLE_FILES.manifest), JSON.stringify(manifest, null, 1));
    return manifest;
  }
}

/** The ICD-10-CM tabular list as the importer reads it (tables/importers/tabular.ts); the build stores it as TabularHead and nodes. */
export type NoteKind = 'inclusionTerm' | 'includes' | 'excludes1' | 'excludes2' | 'codeFirst' | 'useAdditionalCode' | 'codeAlso' | 'notes';
export const NOTE_KINDS: readonly NoteKind[] = ['inclusionTerm', 'includes', 'excludes1', 'excludes2', 'codeFirst', 'useAdditionalCode', 'codeAlso', 'notes'];

export interface TabularNode {
  code: string; // undotted
  parent: string | null; // undotted parent diag, null for a category
  section: string; // section id, e.g. "I30-I52"
  title: string;
  notes: Partial<Record<NoteKind, string[]>>;
  sevenChrDef?: Record<string, string>;
  sevenChrNote?: string;
}

export interface Tabular {
  version: string;
  chapters: { num: string; title: string; sections: string[] }[];
  sections: Record<string, { title: string; chapter: string; notes: Partial<Record<NoteKind, string[]>> }>;
  chapterNotes: Record<string, Partial<Record<NoteKind, string[]>>>;
  nodes: Map<string, TabularNode>;
}

/** tabular-head.json: the tabular list without its nodes. */
export interface TabularHead {
  source: { file: string; year: string };
  chapters: { num: string; title: string }[];
  sections: Tabular['sections'];
  chapterNotes: Tabular['chapterNotes'];
}

/** The lines of tabular-nodes.tsv: `code<TAB>json` of each node without its code, sorted by code. */
export function tabularNodeLines(nodes: Iterable<TabularNode>): string {
  return [...nodes]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(({ code, ...rest }) => `${code}\t${JSON.stringify(rest)}\n`)
    .join('');
}

// ── the ICD-10-PCS tables (pcs-tables.json; written by tables/importers/pcs.ts, read by search/pcs/structure.ts) ──

export interface PcsSource {
  file: string;
  year: string;
  /** sha256 of the file read (an archive member: of the member) and, for a member, of its archive. */
  sha256?: string;
  archiveSha256?: string;
}

/** One version of a table: what it is in the releases listed. */
export interface PcsTableVersion {
  releases: string[];
  title: string | null;
  /** The order file the title comes from; the code list the meanings come from. */
  titleSource: number | null;
  axesSource: number;
  /** Names of characters 1–3 (section, body system, root operation or type). */
  names: [string, string, string];
  /** Characters 4–7: value → meaning (null: the titles do not tell). */
  axes: Record<'4' | '5' | '6' | '7', Record<string, string | null>>;
  template: string | null;
  check: { codes: number; titled: number; regenerated: number; matched: number };
  problems: string[];
}

export interface PcsTablesFile {
  format: 1;
  sources: PcsSource[];
  sections: Record<string, { name: string; axes: string[] }>;
  releases: Record<string, { order: number | null; codes: number; note: string }>;
  tables: Record<string, PcsTableVersion[]>;
}
