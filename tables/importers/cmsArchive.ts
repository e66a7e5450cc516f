// Reading the CMS/CDC zip archives as they are distributed (code-sets/history/cms_20YY_dx.zip,
// cms_20YY_pr.zip, POAexemptCodesFY26.zip …): a member is read straight out of the archive, so the
// sources stay byte for byte what CMS published and nothing is unpacked on disk. fflate inflates
// only the members asked for (the order files are ~12 MB of text each).
//
// A member comes back as a SourceFile (the type every importer reads): its name cites the archive
// and the member ("cms_2026_pr.zip/icd10pcs_order_2026.txt"), its sha256 is the member's, and
// `archive` keeps the archive's own name and sha256 (the checksum history/SHA256SUMS lists).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import type { SourceFile } from './source';

export interface ArchiveMember {
  /** The member's path inside the archive, as stored ("icd10pcs_order_2026.txt"). */
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
}

export interface CmsArchive {
  path: string;
  /** The archive's base name, e.g. "cms_2026_pr.zip". */
  name: string;
  sha256: string;
  members: ArchiveMember[];
  /** The member whose base name matches `which` (a name or a pattern); throws, naming the archive and its members, when none or several do. */
  member(which: string | RegExp): ArchiveMember;
  /** A member as a text source (UTF-8, BOM removed); latin1 when it is not valid UTF-8. */
  read(which: string | RegExp): ArchiveSource;
}

export interface ArchiveSource extends SourceFile {
  /** The archive the member came from. */
  archive: { name: string; path: string; sha256: string };
  member: string;
}

/** Opens a CMS zip archive (reads its directory; members are inflated on `read`). */
export function openCmsArchive(file: string): CmsArchive {
  if (!fs.existsSync(file)) throw new Error(`${file}: source archive not found`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const name = path.basename(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const members: ArchiveMember[] = [];
  try {
    // A filter that keeps nothing lists the directory without inflating a byte.
    unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith('/')) members.push({ name: f.name, size: f.originalSize });
        return false;
      },
    });
  } catch (e) {
    throw new Error(`${file}: not a readable zip archive (${(e as Error).message})`);
  }
  const find = (which: string | RegExp): ArchiveMember => {
    const base = (m: ArchiveMember) => m.name.split('/').pop()!;
    const hits = members.filter((m) => (typeof which === 'string' ? base(m) === which || m.name === which : which.test(base(m))));
    if (hits.length !== 1) {
      throw new Error(
        `${name}: ${hits.length ? 'several members match' : 'no member matches'} ${String(which)} (members: ${members.map((m) => m.name).join(', ')})`,
      );
    }
    return hits[0];
  };
  return {
    path: file,
    name,
    sha256,
    members,
    member: find,
    read(which) {
      const m = find(which);
      let data: Uint8Array | undefined;
      try {
        data = unzipSync(bytes, { filter: (f) => f.name === m.name })[m.name];
      } catch (e) {
        throw new Error(`${name}/${m.name}: cannot inflate (${(e as Error).message})`);
      }
      if (!data) throw new Error(`${name}/${m.name}: member could not be read`);
      const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      } catch {
        text = buf.toString('latin1'); // older CMS text files are Windows-1252/latin1
      }
      return {
        path: `${file}/${m.name}`,
        name: `${name}/${m.name.split('/').pop()}`,
        text: text.replace(/^\uFEFF/, ''),
        sha256: createHash('sha256').update(buf).digest('hex'),
        archive: { name, path: file, sha256 },
        member: m.name,
      };
    },
  };
}

/**
 * The CMS ICD-10-PCS order-file archive of a fiscal year in a sources folder (history/cms_YYYY_pr.zip),
 * or null when it is not there.
 */
export function pcsOrderArchivePath(sourcesDir: string, fiscalYear: number): string | null {
  const p = path.join(sourcesDir, 'history', `cms_${fiscalYear}_pr.zip`);
  return fs.existsSync(p) ? p : null;
}

/** Fiscal years (ascending) for which a sources folder holds an archive of `kind` (history/cms_YYYY_{kind}.zip). */
export function cmsArchiveYears(sourcesDir: string, kind: 'pr' | 'dx'): number[] {
  const dir = path.join(sourcesDir, 'history');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => new RegExp(`^cms_(\\d{4})_${kind}\\.zip$`).exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}
