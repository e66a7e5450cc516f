// The ICD-10-PCS tables of each release (tables/build/pcs-tables.json.gz, read by
// server/src/search/pcs/structure.ts): per 3-character table its title and the meaning of
// characters 4–7, derived from the long titles of the release's codes and checked by
// re-generating every title (tables/importers/pcsTables.ts), and the names of sections, body
// systems and root operations from the table titles. Versioned like the code lists: a table's
// entry lists the releases it holds for; every fact names its file and year.
//
// Which order file a release uses: its `icd10pcs.order` (a CMS order-file archive or text file,
// relative to the release's folder) when given, else history/cms_YYYY_pr.zip of the release's
// fiscal year in the sources folder, else the newest earlier one (FY2027 has no order file yet:
// its table titles come from FY2026's, its meanings from its own code titles). Table titles come
// from the order file; meanings from the release's own code list — for a release of the same
// fiscal year, the order file's long titles, after checking they agree with the code list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { readSource, type SourceFile } from './source';
import { openCmsArchive, type ArchiveSource } from './cmsArchive';
import { derivePcsTable, parseTemplate, tokenize, type DerivedPcsTable, type SiblingHints, type PcsOrderFile, readPcsOrderFile } from './pcsTables';

import { TABLE_FILES } from '../../server/src/tables/format';

/**
 * What each character of a code means, by section (the first character): the axes of the
 * ICD-10-PCS tables as the ICD-10-PCS Reference Manual and the tables' own axis titles name
 * them (CMS, "ICD-10-PCS Reference Manual", ch. 1–3; the Official Guidelines A.2 and B1–B6).
 */
export const PCS_AXES: Record<string, { name: string; axes: [string, string, string, string, string, string, string] }> = {
  '0': { name: 'Medical and Surgical', axes: ['Section', 'Body System', 'Root Operation', 'Body Part', 'Approach', 'Device', 'Qualifier'] },
  '1': { name: 'Obstetrics', axes: ['Section', 'Body System', 'Root Operation', 'Body Part', 'Approach', 'Device', 'Qualifier'] },
  '2': { name: 'Placement', axes: ['Section', 'Body System', 'Root Operation', 'Body Region', 'Approach', 'Device', 'Qualifier'] },
  '3': { name: 'Administration', axes: ['Section', 'Body System', 'Root Operation', 'Body System / Region', 'Approach', 'Substance', 'Qualifier'] },
  '4': { name: 'Measurement and Monitoring', axes: ['Section', 'Body System', 'Root Operation', 'Body System', 'Approach', 'Function / Device', 'Qualifier'] },
  '5': {
    name: 'Extracorporeal or Systemic Assistance and Performance',
    axes: ['Section', 'Body System', 'Root Operation', 'Body System', 'Duration', 'Function', 'Qualifier'],
  },
  '6': {
    name: 'Extracorporeal or Systemic Therapies',
    axes: ['Section', 'Body System', 'Root Operation', 'Body System', 'Duration', 'Qualifier', 'Qualifier'],
  },
  '7': { name: 'Osteopathic', axes: ['Section', 'Body System', 'Root Operation', 'Body Region', 'Approach', 'Method', 'Qualifier'] },
  '8': { name: 'Other Procedures', axes: ['Section', 'Body System', 'Root Operation', 'Body Region', 'Approach', 'Method', 'Qualifier'] },
  '9': { name: 'Chiropractic', axes: ['Section', 'Body System', 'Root Operation', 'Body Region', 'Approach', 'Method', 'Qualifier'] },
  B: { name: 'Imaging', axes: ['Section', 'Body System', 'Type', 'Body Part', 'Contrast', 'Qualifier', 'Qualifier'] },
  C: { name: 'Nuclear Medicine', axes: ['Section', 'Body System', 'Type', 'Body Part', 'Radionuclide', 'Qualifier', 'Qualifier'] },
  D: { name: 'Radiation Therapy', axes: ['Section', 'Body System', 'Modality', 'Treatment Site', 'Modality Qualifier', 'Isotope', 'Qualifier'] },
  F: {
    name: 'Physical Rehabilitation and Diagnostic Audiology',
    axes: ['Section', 'Section Qualifier', 'Type', 'Body System / Region', 'Type Qualifier', 'Equipment', 'Qualifier'],
  },
  G: { name: 'Mental Health', axes: ['Section', 'Body System', 'Type', 'Qualifier', 'Qualifier', 'Qualifier', 'Qualifier'] },
  H: { name: 'Substance Abuse Treatment', axes: ['Section', 'Body System', 'Type', 'Qualifier', 'Qualifier', 'Qualifier', 'Qualifier'] },
  X: { name: 'New Technology', axes: ['Section', 'Body System', 'Root Operation', 'Body Part', 'Approach', 'Device / Substance / Technology', 'Qualifier'] },
};

// The file's format lives in the runtime (server/src/tables/format.ts), which reads it.
import type { PcsSource, PcsTableVersion, PcsTablesFile } from '../../server/src/tables/format';
export type { PcsSource, PcsTableVersion, PcsTablesFile };

/** The release as the importer needs it (a subset of tables/build.ts's ReleaseSpec). */
export interface PcsReleaseInput {
  id: string;
  dir?: string;
  icd10pcs: { year: string; order?: string; codes?: string; derived?: string; mceValidity?: string; addenda?: string; check?: string };
}

/**
 * Builds the PCS tables of every release into `<outDir>/pcs-tables.json.gz`: `codesByRelease[r]`
 * is the release's PCS code list (code → long title, '' when the source has none), as the build
 * assembled it. Returns the file written and a summary line per release for the log.
 */
/** Writes the PCS tables of every release through `write` (the build's TableWriter: checksummed in the manifest, gzipped). */
export function importPcsTables(
  sourcesDir: string,
  write: (name: string, content: string) => void,
  releases: PcsReleaseInput[],
  codesByRelease: Map<string, string>[],
  log: (m: string) => void,
): { file: string; summary: string[] } {
  log('ICD-10-PCS tables: order files, axis meanings derived from the titles and checked …');
  const sources: PcsSource[] = [];
  const sourceIndex = (file: string, year: string, src?: SourceFile) => {
    let i = sources.findIndex((s) => s.file === file && s.year === year);
    if (i < 0)
      i = sources.push({ file, year, sha256: src?.sha256, archiveSha256: src && 'archive' in src ? (src as ArchiveSource).archive.sha256 : undefined }) - 1;
    return i;
  };
  const orders = new Map<string, { src: SourceFile; order: PcsOrderFile; year: number }>();
  const orderFor = (rel: PcsReleaseInput) => {
    const p = orderPath(sourcesDir, rel);
    if (!p) return null;
    let o = orders.get(p.path);
    if (!o) {
      const src = p.path.endsWith('.zip') ? openCmsArchive(p.path).read(/^icd10pcs_order_\d{4}\.txt$/) : readSource(p.path);
      o = { src, order: readPcsOrderFile(src), year: p.year };
      orders.set(p.path, o);
    }
    return o;
  };

  // Each release's tables: code → title per table, and where titles and table titles come from.
  const perRelease = releases.map((rel, r) => {
    const o = orderFor(rel);
    const fy = fiscalYear(rel.icd10pcs.year);
    const codes = codesByRelease[r];
    const sameYear = !!o && fy === o.year;
    let note: string;
    if (!o) note = 'no ICD-10-PCS order file for this release or an earlier year: tables have no titles';
    else if (sameYear) {
      const missing = [...o.order.codes.keys()].filter((c) => !codes.has(c));
      const extra = [...codes.keys()].filter((c) => !o.order.codes.has(c));
      const retitled = [...codes].filter(([c, t]) => t && o.order.codes.has(c) && o.order.codes.get(c)!.title !== t).length;
      note =
        missing.length + extra.length + retitled === 0
          ? `the order file's ${o.order.codes.size} valid codes and titles equal the release's code list`
          : `the release's code list differs from the order file: ${extra.length} codes added (${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ' …' : ''}), ${missing.length} removed, ${retitled} retitled; meanings come from the release's own list`;
    } else note = `table titles from the FY${o.year} order file (none for FY${fy ?? '?'}); meanings from the release's own code titles`;
    const byTable = new Map<string, Map<string, string>>();
    for (const [code, title] of codes) {
      const t = code.slice(0, 3);
      let m = byTable.get(t);
      if (!m) byTable.set(t, (m = new Map()));
      // Same fiscal year: the order file's long title (checked equal above, or the release's own when it differs).
      m.set(code, title || (sameYear ? (o!.order.codes.get(code)?.title ?? '') : ''));
    }
    const orderSrc = o ? sourceIndex(o.src.name, `FY${o.year}`, o.src) : null;
    const codesSrc = sameYear ? orderSrc! : sourceIndex(codesFileName(rel), rel.icd10pcs.year);
    return { rel, o, byTable, note, orderSrc, codesSrc };
  });

  // Derive each distinct table content once (most tables are the same in every release).
  const contentKey = (table: string, m: Map<string, string>) =>
    createHash('sha1')
      .update(
        table +
          [...m]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([c, t]) => `${c}\t${t}`)
            .join('\n'),
      )
      .digest('hex');
  const contents = new Map<string, { table: string; title: string | null; codes: Map<string, string>; derived?: DerivedPcsTable }>();
  const keys = perRelease.map((pr) => {
    const k = new Map<string, string>();
    for (const [t, m] of pr.byTable) {
      const title = pr.o?.order.tables.get(t) ?? null;
      const key = contentKey(`${t}\u0000${title ?? ''}`, m);
      k.set(t, key);
      if (!contents.has(key)) contents.set(key, { table: t, title, codes: m });
    }
    return k;
  });
  const started = Date.now();
  for (const c of contents.values()) c.derived = derivePcsTable(c.table, c.title, c.codes);
  // Second pass for tables the first left with problems: sibling tables' templates and renderings.
  const hints = siblingIndex([...contents.values()].map((c) => c.derived!));
  for (const c of contents.values()) if (c.derived!.problems.length) c.derived = derivePcsTable(c.table, c.title, c.codes, hints(c.table));
  log(`  ${contents.size} table versions derived in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Names of sections, body systems and root operations (from the newest order file).
  const sections: PcsTablesFile['sections'] = {};
  for (const [s, v] of Object.entries(PCS_AXES)) sections[s] = { name: v.name, axes: v.axes };

  const tables: PcsTablesFile['tables'] = {};
  const summary: string[] = [];
  const out: PcsTablesFile = { format: 1, sources, sections, releases: {}, tables };
  perRelease.forEach((pr, r) => {
    let matched = 0;
    let titled = 0;
    let failing = 0;
    for (const [t, key] of keys[r]) {
      const d = contents.get(key)!.derived!;
      matched += d.matched;
      titled += d.regenerated;
      if (d.matched !== d.regenerated) failing++;
      const list = (tables[t] ??= []);
      const same = list.find(
        (v) =>
          v.axesSource === pr.codesSrc &&
          v.titleSource === pr.orderSrc &&
          JSON.stringify(v.axes) === JSON.stringify(axesOf(d)) &&
          v.title === d.title &&
          v.template === d.template,
      );
      if (same) {
        same.releases.push(pr.rel.id);
        continue;
      }
      list.push({
        releases: [pr.rel.id],
        title: d.title,
        titleSource: pr.orderSrc,
        axesSource: pr.codesSrc,
        names: namesOf(t, d.title),
        axes: axesOf(d),
        template: d.template,
        check: { codes: d.codes, titled: d.titled, regenerated: d.regenerated, matched: d.matched },
        problems: d.problems.map((p) => p.message),
      });
    }
    out.releases[pr.rel.id] = { order: pr.orderSrc, codes: pr.codesSrc, note: pr.note };
    summary.push(`${pr.rel.id}: ${keys[r].size} tables, ${matched} of ${titled} titles re-generated from their parts; ${failing} tables where that fails`);
  });
  const file = TABLE_FILES.pcsTables;
  write(file, JSON.stringify(out));
  for (const s of summary) log(`  ${s}`);
  return { file, summary };
}

function axesOf(d: DerivedPcsTable): PcsTableVersion['axes'] {
  const out = {} as PcsTableVersion['axes'];
  for (const a of d.axes) out[String(a.position) as '4'] = a.values;
  return out;
}

/**
 * Section, body system and root operation (or type) of a table, from its title: "Heart and Great
 * Vessels, Replacement" (section 0 names no section), "Imaging, Heart, Ultrasonography",
 * "Mental Health, Counseling" (no body system).
 */
export function namesOf(table: string, title: string | null): [string, string, string] {
  const section = PCS_AXES[table[0]]?.name ?? `Section ${table[0]}`;
  if (!title) return [section, '', ''];
  let rest = title;
  if (table[0] !== '0' && rest.startsWith(`${section}, `)) rest = rest.slice(section.length + 2);
  const cut = rest.lastIndexOf(', ');
  return cut < 0 ? [section, '', rest] : [section, rest.slice(0, cut), rest.slice(cut + 2)];
}

/** Templates and renderings of sibling tables (same section; root operation or type for templates). */
function siblingIndex(derived: DerivedPcsTable[]): (table: string) => SiblingHints {
  const renderings = new Map<string, Map<string, number>>();
  const templates = new Map<string, Map<string, number>>();
  const bump = (m: Map<string, Map<string, number>>, key: string, value: string) => {
    let x = m.get(key);
    if (!x) m.set(key, (x = new Map()));
    x.set(value, (x.get(value) ?? 0) + 1);
  };
  for (const d of derived) {
    for (const [p, m] of Object.entries(d.renderings))
      for (const [v, r] of Object.entries(m)) {
        bump(renderings, `${d.table.slice(0, 2)}|${p}|${v}`, r);
        bump(renderings, `${d.table[0]}|${p}|${v}`, r);
      }
    if (d.template && d.matched === d.regenerated) bump(templates, d.table[0] + d.table[2], d.template);
  }
  const ranked = (m: Map<string, number> | undefined) =>
    [...(m ?? [])].sort((a, b) => b[1] - a[1] || tokenize(b[0]).length - tokenize(a[0]).length).map(([t]) => t);
  return (table) => ({
    renderings: (p, v) => [...new Set([...ranked(renderings.get(`${table.slice(0, 2)}|${p}|${v}`)), ...ranked(renderings.get(`${table[0]}|${p}|${v}`))])],
    templates: ranked(templates.get(table[0] + table[2])).map(parseTemplate),
  });
}

function fiscalYear(year: string): number | null {
  const m = /FY\s?(\d{4})/.exec(year);
  return m ? Number(m[1]) : null;
}

/** The order file a release uses (see the file comment), with its fiscal year. */
function orderPath(sourcesDir: string, rel: PcsReleaseInput): { path: string; year: number } | null {
  if (rel.icd10pcs.order) {
    const p = path.resolve(rel.dir ?? sourcesDir, rel.icd10pcs.order);
    const y = /(20\d\d)/.exec(path.basename(p));
    if (!fs.existsSync(p)) throw new Error(`release ${rel.id}: icd10pcs.order ${p} not found`);
    return { path: p, year: y ? Number(y[1]) : (fiscalYear(rel.icd10pcs.year) ?? 0) };
  }
  const fy = fiscalYear(rel.icd10pcs.year);
  if (fy === null) return null;
  const dir = path.join(sourcesDir, 'history');
  const years = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .map((f) => /^cms_(\d{4})_pr\.zip$/.exec(f))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => Number(m[1]))
        .filter((y) => y <= fy)
        .sort((a, b) => b - a)
    : [];
  return years.length ? { path: path.join(dir, `cms_${years[0]}_pr.zip`), year: years[0] } : null;
}

function codesFileName(rel: PcsReleaseInput): string {
  const s = rel.icd10pcs;
  return path.basename(s.codes ?? s.derived ?? s.check ?? s.addenda ?? s.mceValidity ?? 'codes');
}
