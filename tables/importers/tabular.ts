// The ICD-10-CM tabular list (CDC XML): chapters, sections and the `diag` tree with its
// instructional notes. Notes are stored on the node that carries them; the runtime inherits
// them down the tree as the tabular list intends (a category's Excludes1 applies to every code
// below it; a 7th-character definition applies to every code below it).
import type { SourceFile } from './source';
import { SourceError } from './source';

import type { NoteKind, Tabular, TabularNode } from '../../server/src/tables/format';
import { NOTE_KINDS } from '../../server/src/tables/format';
export type { NoteKind, Tabular, TabularNode };
export { NOTE_KINDS };

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
  line: number;
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (m, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCharCode(Number(e.slice(1))),
  );
}

/** A small, strict XML reader (elements, attributes, text): enough for the CDC tabular files. */
function parseXml(src: SourceFile): El {
  const text = src.text;
  const root: El = { name: '#root', attrs: {}, children: [], text: '', line: 1 };
  const stack: El[] = [root];
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g;
  let last = 0;
  let line = 1;
  let lineAt = 0;
  const lineOf = (i: number) => {
    for (; lineAt < i; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    return line;
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const between = text.slice(last, m.index);
    if (between.includes('<')) throw new SourceError(src.name, lineOf(last + between.indexOf('<')), 'malformed XML tag');
    stack[stack.length - 1].text += between;
    last = re.lastIndex;
    if (!m[2]) continue; // declaration or comment
    const at = lineOf(m.index);
    if (m[1]) {
      const open = stack.pop()!;
      if (open.name !== m[2]) throw new SourceError(src.name, at, `</${m[2]}> closes <${open.name}> (opened on line ${open.line})`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1]] = decode(a[2]);
    const el: El = { name: m[2], attrs, children: [], text: '', line: at };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  if (stack.length > 1) throw new SourceError(src.name, stack[stack.length - 1].line, `<${stack[stack.length - 1].name}> is never closed`);
  return root;
}

const textOf = (el: El | undefined) => (el ? decode(el.text).replace(/\s+/g, ' ').trim() : '');
const child = (el: El, name: string) => el.children.find((c) => c.name === name);

function notesOf(el: El): Partial<Record<NoteKind, string[]>> {
  const out: Partial<Record<NoteKind, string[]>> = {};
  for (const c of el.children) {
    if (!(NOTE_KINDS as readonly string[]).includes(c.name)) continue;
    const notes = c.children
      .filter((n) => n.name === 'note')
      .map(textOf)
      .filter(Boolean);
    if (notes.length) (out[c.name as NoteKind] ??= []).push(...notes);
  }
  return out;
}

export function readTabularXml(src: SourceFile): Tabular {
  const root = parseXml(src);
  const doc = child(root, 'ICD10CM.tabular');
  if (!doc) throw new SourceError(src.name, 1, 'not an ICD-10-CM tabular file (no <ICD10CM.tabular> element)');
  const tabular: Tabular = { version: textOf(child(doc, 'version')), chapters: [], sections: {}, chapterNotes: {}, nodes: new Map() };
  for (const chapter of doc.children.filter((c) => c.name === 'chapter')) {
    const num = textOf(child(chapter, 'name'));
    const sectionIds: string[] = [];
    tabular.chapterNotes[num] = notesOf(chapter);
    for (const section of chapter.children.filter((c) => c.name === 'section')) {
      const id = section.attrs.id;
      if (!id) throw new SourceError(src.name, section.line, '<section> without an id');
      sectionIds.push(id);
      tabular.sections[id] = { title: textOf(child(section, 'desc')), chapter: num, notes: notesOf(section) };
      const walk = (diag: El, parent: string | null) => {
        const code = textOf(child(diag, 'name')).replace(/\./g, '');
        if (!code) throw new SourceError(src.name, diag.line, '<diag> without a <name>');
        const node: TabularNode = { code, parent, section: id, title: textOf(child(diag, 'desc')), notes: notesOf(diag) };
        const def = child(diag, 'sevenChrDef');
        if (def) node.sevenChrDef = Object.fromEntries(def.children.filter((e) => e.name === 'extension').map((e) => [e.attrs.char, textOf(e)]));
        const note = child(diag, 'sevenChrNote');
        if (note)
          node.sevenChrNote = note.children
            .filter((n) => n.name === 'note')
            .map(textOf)
            .join(' ');
        tabular.nodes.set(code, node);
        for (const c of diag.children) if (c.name === 'diag') walk(c, code);
      };
      for (const d of section.children) if (d.name === 'diag') walk(d, null);
    }
    tabular.chapters.push({ num, title: textOf(child(chapter, 'desc')), sections: sectionIds });
  }
  return tabular;
}
