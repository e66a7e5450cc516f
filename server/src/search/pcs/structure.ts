// The ICD-10-PCS tables at run time (built by tables/importers/pcs.ts into pcs-tables.json.gz):
// per release, each 3-character table's title and the meaning of every character value, with the
// file and year it comes from. Read on first use (tens of ms), shared by the code builder and the
// PCS search.
import type { SearchSource } from '../../tables/types';
import type { PcsTablesFile, PcsTableVersion } from '../../tables/format';

import { TABLE_FILES } from '../../tables/format';
export const PCS_TABLES = TABLE_FILES.pcsTables;

export interface PcsSourceRef {
  file: string;
  year: string;
}

/** A table as it is in one release. */
export interface PcsTable {
  table: string;
  title: string | null;
  /** Section, body system, root operation (or type). */
  names: [string, string, string];
  /** Names of characters 1–7 in this section ("Body Part", "Approach" …). */
  axisNames: string[];
  /** Characters 4–7: value → meaning (null when the titles do not tell). */
  axes: Record<number, Record<string, string | null>>;
  template: string | null;
  /** Whether every title of the table was re-generated from its parts. */
  checked: boolean;
  problems: string[];
  titleSource: PcsSourceRef | null;
  axesSource: PcsSourceRef;
}

export class PcsStructure {
  private readonly byRelease = new Map<string, Map<string, PcsTable>>();
  /** Body system names by the first two characters, per release. */
  private readonly bodySystems = new Map<string, Map<string, string>>();

  constructor(private readonly data: PcsTablesFile) {}

  static load(tables: SearchSource): PcsStructure {
    const data = JSON.parse(tables.pcsTablesText()) as PcsTablesFile;
    if (data.format !== 1) throw new Error(`${PCS_TABLES}: format ${String(data.format)} is not supported; rebuild the tables (npm run tables)`);
    return new PcsStructure(data);
  }

  get releases(): string[] {
    return Object.keys(this.data.releases);
  }

  /** Every table of a release (3 characters → table). */
  tablesOf(releaseId: string): Map<string, PcsTable> {
    let m = this.byRelease.get(releaseId);
    if (!m) {
      m = new Map();
      for (const [t, versions] of Object.entries(this.data.tables)) {
        const v = versions.find((x) => x.releases.includes(releaseId));
        if (v) m.set(t, this.view(t, v));
      }
      this.byRelease.set(releaseId, m);
    }
    return m;
  }

  table(releaseId: string, table: string): PcsTable | null {
    return this.tablesOf(releaseId).get(table.toUpperCase()) ?? null;
  }

  /** Axis names of a section ("0" → Section, Body System, Root Operation, Body Part, Approach, Device, Qualifier). */
  axisNames(section: string): string[] {
    return this.data.sections[section]?.axes ?? ['Section', 'Body System', 'Root Operation', 'Character 4', 'Character 5', 'Character 6', 'Character 7'];
  }

  sectionName(section: string): string | null {
    return this.data.sections[section]?.name ?? null;
  }

  bodySystemName(releaseId: string, twoChars: string): string | null {
    let m = this.bodySystems.get(releaseId);
    if (!m) {
      m = new Map();
      for (const [t, table] of this.tablesOf(releaseId))
        if (!m.has(t.slice(0, 2)) && table.names[1] !== undefined) m.set(t.slice(0, 2), table.names[1] || 'None');
      this.bodySystems.set(releaseId, m);
    }
    return m.get(twoChars) ?? null;
  }

  /** What character `position` (1–7) of a code beginning with `prefix` + `value` means. */
  meaning(releaseId: string, prefix: string, value: string): string | null {
    const code = (prefix + value).toUpperCase();
    const position = code.length;
    if (position === 1) return this.sectionName(code);
    if (position === 2) return this.bodySystemName(releaseId, code);
    const t = this.table(releaseId, code.slice(0, 3));
    if (!t) return null;
    if (position === 3) return t.names[2] || t.title;
    return t.axes[position]?.[code[position - 1]] ?? null;
  }

  sources(): PcsSourceRef[] {
    return this.data.sources.map((s) => ({ file: s.file, year: s.year }));
  }

  private view(table: string, v: PcsTableVersion): PcsTable {
    const axes: Record<number, Record<string, string | null>> = {};
    for (const [p, m] of Object.entries(v.axes)) axes[Number(p)] = m;
    const src = (i: number | null) => (i === null ? null : { file: this.data.sources[i].file, year: this.data.sources[i].year });
    return {
      table,
      title: v.title,
      names: v.names,
      axisNames: this.axisNames(table[0]),
      axes,
      template: v.template,
      checked: v.check.matched === v.check.regenerated,
      problems: v.problems,
      titleSource: src(v.titleSource),
      axesSource: src(v.axesSource)!,
    };
  }

  /** The per-release summary of the derivation check (for `tables check`). */
  checkSummary(): {
    release: string;
    tables: number;
    titles: number;
    regenerated: number;
    failing: { table: string; title: string | null; problems: string[] }[];
    unnamed: number;
    note: string;
  }[] {
    return Object.entries(this.data.releases).map(([release, info]) => {
      let titles = 0;
      let regenerated = 0;
      let unnamed = 0;
      const failing: { table: string; title: string | null; problems: string[] }[] = [];
      for (const [t, versions] of Object.entries(this.data.tables)) {
        const v = versions.find((x) => x.releases.includes(release));
        if (!v) continue;
        titles += v.check.regenerated;
        regenerated += v.check.matched;
        for (const m of Object.values(v.axes)) for (const label of Object.values(m)) if (label === null) unnamed++;
        if (v.check.matched !== v.check.regenerated) failing.push({ table: t, title: v.title, problems: v.problems });
      }
      return { release, tables: this.tablesOf(release).size, titles, regenerated, failing, unnamed, note: info.note };
    });
  }
}
