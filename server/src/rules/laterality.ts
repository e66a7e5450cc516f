// code.laterality: the annotated text names a side (right, left, bilateral) and the code it is
// annotated with names another side or an unspecified one (guideline I.B.13: laterality, when
// documented, is coded; "unspecified side" only when it is not). The code's side comes from its
// title in the tables; a title is "unspecified side" only when its siblings in the tabular (the
// other children of its parent) name a right and a left — so codes without laterality never fire.
// Words that name a structure rather than a side (left ventricle, right heart, left main …) are
// not laterality. The quick fix is the sibling whose title names the documented side.
import type { Rule, RuleContext, RuleFinding } from './rule';
import type { CodeEntry } from '../tables/types';
import { cmDetails, codeAnnotations, display } from './facts';

type Side = 'right' | 'left' | 'bilateral';

/** Side words that name a structure, not the side of a paired organ or limb. */
const STRUCTURE =
  /\b(right|left)[- ]?(sided )?(ventric\w*|atri\w*|heart|bundle|main|coronary|anterior descending|circumflex|colon|hemicolectomy|shift|axis)\b/gi;

export function sideOfText(text: string): Side | null {
  const t = text.replace(STRUCTURE, ' ');
  const bilateral = /\b(bilateral|bilaterally|both (sides|eyes|ears|legs|arms|knees|hips|feet|hands|lungs|kidneys|breasts))\b/i.test(t);
  const right = /\b(right|rt\.?)\b/i.test(t);
  const left = /\b(left|lt\.?)\b/i.test(t);
  if (bilateral || (right && left)) return bilateral ? 'bilateral' : null;
  return right ? 'right' : left ? 'left' : null;
}

function sideOfTitle(title: string): Side | 'unspecified' | null {
  const t = title.replace(STRUCTURE, ' ');
  if (/\bbilateral\b/i.test(t)) return 'bilateral';
  if (/\bright\b/i.test(t)) return 'right';
  if (/\bleft\b/i.test(t)) return 'left';
  return /\bunspecified\b/i.test(t) ? 'unspecified' : null;
}

/** The billable codes next to `code` that differ from it in one character (the laterality axis is one character). */
function siblings(ctx: RuleContext, code: string): CodeEntry[] {
  const seventh = cmDetails(ctx, code)?.seventhCharacter && code.length === 7 ? code[6] : '';
  const stem = seventh ? code.slice(0, 6) : code;
  const parent = cmDetails(ctx, stem.slice(0, -1)) ?? (ctx.tables && ctx.release?.release ? headerOf(ctx, stem.slice(0, -1)) : null);
  const kids = parent?.children ?? [];
  const out: CodeEntry[] = [];
  for (const k of kids) {
    const full = seventh ? (k.length === 6 ? k + seventh : k.length === 5 ? k + 'X' + seventh : k) : k;
    const d = cmDetails(ctx, full);
    if (d && d.code !== code) out.push(d);
  }
  return out;
}

function headerOf(ctx: RuleContext, code: string): CodeEntry | null {
  const r = ctx.tables!.lookup(code, ctx.release!.date, 'icd10cm');
  return r.kind === 'valid' ? r.entry : null;
}

export const laterality: Rule = {
  id: 'code.laterality',
  summary: 'The annotated text names a side and the code names another side or none.',
  defaultSeverity: 'warning',
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const { ann, ref } of codeAnnotations(ctx.chart)) {
      if (ref.key !== 'dx' || ann.status === 'ruled-out') continue;
      const said = sideOfText(ann.span.value);
      if (!said) continue;
      const d = cmDetails(ctx, ref.code);
      const coded = d?.title ? sideOfTitle(d.title) : null;
      if (!d || !coded || coded === said) continue;
      const sibs = siblings(ctx, ref.code);
      const sides = new Set(sibs.map((s) => sideOfTitle(s.title ?? '')));
      if (!(sides.has('right') || coded === 'right') || !(sides.has('left') || coded === 'left')) continue; // no laterality axis here
      const want = sibs.filter((s) => sideOfTitle(s.title ?? '') === said && sameApartFromSide(s.title ?? '', d.title!));
      out.push({
        range: ref.range,
        message: `The text says ${said} ("${ann.span.value.trim()}") but ${display(ref.code)} "${d.title}" is ${coded === 'unspecified' ? 'for an unspecified side' : `the ${coded} side`}: code the documented side${want.length ? ` (${want[0].display})` : ''} (guideline I.B.13).`,
        data: want.length ? { fix: 'replace-code', candidates: want.slice(0, 3).map((w) => ({ display: w.display, title: w.title })) } : undefined,
      });
    }
    return out;
  },
};

function sameApartFromSide(a: string, b: string): boolean {
  const strip = (t: string) =>
    t
      .toLowerCase()
      .replace(/\b(right|left|bilateral|unspecified)\b/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return strip(a) === strip(b);
}
