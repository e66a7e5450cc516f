// The on-disk format of the built tables (tables/build/), shared by the builder (tables/build.ts
// and its importers) and the run-time loaders: the builder imports it, never the other way round.

/** The ICD-10-CM tabular list as the importer reads it (tables/importers/tabular.ts) and tabular.json stores it. */
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
