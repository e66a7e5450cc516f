// code.unknown / code.not-on-date / code.not-billable / code.seventh-character: is each code in
// the abstract and the annotations a reportable code of its system in the release of the chart's
// discharge date? One problem, one finding: each code gets at most one of these, the most
// specific (a real category with a wrong 7th character is a 7th-character finding, not "unknown").
import type { Range } from '../chart/model';
import type { Rule, RuleContext, RuleFinding } from './rule';
import type { CodeSystem } from '../tables/types';
import type { CodeDetails } from '../tables/types';
import { dottedCm } from '../base/codes';
import { historyText, replacementAfter, replacementCandidates } from '../tables/history';
import { systemOfAbstractLine, systemOfKey } from '../chart/locate';

/** Quick-fix data: the codes that would replace the written one. */
export interface ReplaceCodeData {
  fix: 'replace-code';
  /** `meaning`: for a 7th-character fix, what the candidate's own 7th character means (the picker shows only that). */
  candidates: { code: string; display: string; title: string | null; meaning?: string }[];
}

const MAX_CANDIDATES = 30;

export const codeValidity: Rule = {
  id: 'code.*',
  summary: 'Codes that are not reportable on the discharge date.',
  defaultSeverity: 'error',
  ids: [
    { id: 'code.unknown', defaultSeverity: 'error', summary: 'Not a code of its system in any release.' },
    { id: 'code.not-on-date', defaultSeverity: 'error', summary: 'A real code, but not valid on the discharge date.' },
    { id: 'code.not-billable', defaultSeverity: 'error', summary: 'A header/category code where a billable code is required.' },
    { id: 'code.seventh-character', defaultSeverity: 'error', summary: 'A missing or invalid 7th character, or a missing X placeholder.' },
  ],
  check(ctx) {
    if (!ctx.tables || !ctx.release?.release) return [];
    const out: RuleFinding[] = [];
    // The documentation behind each code (its annotations' text): a deleted code's replacements are offered in the order they fit it.
    const evidence = new Map<string, string>();
    for (const ann of ctx.chart.annotations)
      for (const ref of ann.codes) if (ref.code) evidence.set(ref.code, `${evidence.get(ref.code) ?? ''} ${ann.span.value}`);
    for (const line of ctx.chart.abstract?.lines ?? []) {
      if (!line.code?.value) continue;
      const f = checkCode(ctx, line.code.value, systemOfAbstractLine(line), line.code.range, true, evidence.get(line.code.value));
      if (f) out.push(f);
    }
    for (const ann of ctx.chart.annotations) {
      for (const ref of ann.codes) {
        if (ref.key === 'cpt' || !ref.code) continue;
        // An indicator may name a category ("supports something in I50"): only existence matters.
        const f = checkCode(ctx, ref.code, systemOfKey(ref.key), ref.range, ref.key !== 'ind', ann.span.value);
        if (f) out.push(f);
      }
    }
    return out;
  },
};

/**
 * code.not-on-date told from the code's history: when it was valid and what replaced it, with a
 * quick fix to each replacement valid on the discharge date (same 7th character when it had one).
 */
function historyFinding(ctx: RuleContext, code: string, system: CodeSystem, range: Range, releaseId: string, evidence?: string): RuleFinding | null {
  const h = ctx.tables!.codeHistory?.(code, system) ?? null;
  const date = ctx.release!.date;
  const told = h ? historyText(h, date) : null;
  if (!h || !told) return null;
  const change = replacementAfter(h, date);
  const cands = change
    ? byFit(
        replacementCandidates(h, change)
          .map((c) => valid(ctx, c, system))
          .filter((d): d is CodeDetails => !!d && d.billable),
        evidence,
      )
    : [];
  const fix = cands.length ? ` Report ${cands.length === 1 ? '' : 'one of '}${listOf(cands)}.` : '';
  return {
    rule: 'code.not-on-date',
    range,
    message: `${told} Not valid on the discharge date ${date} (release ${releaseId}).${fix}`,
    ...(cands.length ? { data: { fix: 'replace-code', candidates: cands.map(candidate) } satisfies ReplaceCodeData } : {}),
  };
}

/** Candidates ordered by how many words of the documentation their titles share (stable: code order among equals). */
const STOP_WORDS = new Set([
  'the',
  'and',
  'with',
  'without',
  'due',
  'for',
  'not',
  'other',
  'unspecified',
  'initial',
  'encounter',
  'subsequent',
  'sequela',
  'elsewhere',
  'classified',
]);
/** Lower-case words of 3+ letters, without a plural "s", the title boilerplate left out. */
const fitWords = (text: string) =>
  (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).filter((w) => !STOP_WORDS.has(w)).map((w) => w.replace(/(?<=[a-z]{3})s$/, ''));

function byFit(cands: CodeDetails[], evidence: string | undefined): CodeDetails[] {
  const words = new Set(fitWords(evidence ?? ''));
  if (!words.size) return cands;
  const score = (d: CodeDetails) => new Set(fitWords(d.title ?? '').filter((w) => words.has(w))).size;
  return cands
    .map((d, i) => ({ d, i, s: score(d) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.d);
}

function lookup(ctx: RuleContext, code: string, system: CodeSystem) {
  return ctx.tables!.lookup(code, ctx.release!.date, system);
}

function valid(ctx: RuleContext, code: string, system: CodeSystem): CodeDetails | null {
  const r = lookup(ctx, code, system);
  return r.kind === 'valid' ? r.entry : null;
}

function candidate(d: CodeDetails) {
  return { code: d.code, display: d.display, title: d.title };
}

/** A 7th-character candidate with the meaning of its 7th character (from the category's table `of`). */
function seventhCandidate(c: CodeDetails, of: CodeDetails) {
  const meaning = of.seventhCharacter?.values[c.code[6]];
  return meaning ? { ...candidate(c), meaning } : candidate(c);
}

export function checkCode(ctx: RuleContext, code: string, system: CodeSystem, range: Range, needBillable: boolean, evidence?: string): RuleFinding | null {
  const shown = system === 'icd10cm' ? dottedCm(code) : code;
  const r = lookup(ctx, code, system);
  if (r.kind === 'no-release') return null;
  if (r.kind === 'valid') {
    const d = r.entry;
    if (d.billable || !needBillable) return null;
    if (system === 'icd10cm' && d.seventhCharacter && code.length < 7) {
      const cands = seventhCandidates(ctx, code, d);
      return {
        rule: 'code.seventh-character',
        range,
        message: `Add a 7th character to ${shown}${code.length < 6 ? ' (with the X placeholder)' : ''}: ${listOf(cands)} (${d.seventhCharacter.from}: ${d.seventhCharacter.note ?? 'a 7th character is required'}).`,
        data: { fix: 'replace-code', candidates: cands.map((c) => seventhCandidate(c, d)) } satisfies ReplaceCodeData,
      };
    }
    const children = byFit(billableDescendants(ctx, code, system), evidence);
    // A code that was billable in an earlier release (expanded since): say so, a coder may be working from an old code book.
    const h = ctx.tables!.codeHistory?.(code, system);
    const wasBillable = h?.ranges.filter((x) => x.billable && x.end !== null && x.end < ctx.release!.date).pop();
    const since = wasBillable ? ` (it was billable until ${wasBillable.end})` : '';
    return {
      rule: 'code.not-billable',
      range,
      message: `Report a subcode of ${shown}: ${listOf(children)} (${shown}${d.title ? ` "${d.title}"` : ''} is a header, not a billable code${since}).`,
      data: { fix: 'replace-code', candidates: children.map(candidate) } satisfies ReplaceCodeData,
    };
  }
  if (r.kind === 'not-on-date') {
    const history = historyFinding(ctx, code, system, range, r.release.id, evidence);
    if (history) return history;
    const when = r.releases.length ? `it is valid in ${r.releases.join(', ')}` : 'no installed release has it';
    return { rule: 'code.not-on-date', range, message: `${shown} is not valid on the discharge date ${ctx.release!.date} (release ${r.release.id}): ${when}.` };
  }
  // A code deleted before the oldest installed release, named by the conversion tables: not a format error.
  if (system === 'icd10cm') {
    const history = historyFinding(ctx, code, system, range, ctx.release!.release!.id, evidence);
    if (history) return history;
  }
  // Unknown: a real category with a wrong or missing 7th character / placeholder?
  if (system === 'icd10cm') {
    for (let len = Math.min(code.length, 6); len >= 3; len--) {
      const stem = code.slice(0, len).replace(/X+$/, '');
      if (stem.length < 3) break;
      const d = valid(ctx, stem, system);
      if (!d) continue;
      if (!d.seventhCharacter) break;
      const cands = seventhCandidates(ctx, stem, d);
      const seventh = code.length === 7 ? code[6] : null;
      const why =
        seventh && !(seventh in d.seventhCharacter.values)
          ? `"${seventh}" is not a valid 7th character for ${d.seventhCharacter.from}`
          : 'the 7th character must be the 7th position, after X placeholders';
      return {
        rule: 'code.seventh-character',
        range,
        message: `Replace ${shown} with a valid code: ${listOf(cands)} (${why}).`,
        data: { fix: 'replace-code', candidates: cands.map((c) => seventhCandidate(c, d)) } satisfies ReplaceCodeData,
      };
    }
  }
  return { rule: 'code.unknown', range, message: `${shown} is not an ${systemName(system)} code in any installed release.` };
}

function systemName(s: CodeSystem): string {
  return { icd10cm: 'ICD-10-CM', icd10pcs: 'ICD-10-PCS', hcpcs: 'HCPCS', cpt: 'CPT' }[s];
}

/** The billable codes made of a stem, X placeholders and each valid 7th character. */
function seventhCandidates(ctx: RuleContext, stem: string, d: CodeDetails): CodeDetails[] {
  const out: CodeDetails[] = [];
  const stems = d.billable ? [] : [stem];
  if (!d.billable) {
    // A stem that is itself a header (S72.00): its 6-character children take the 7th character.
    const children = (d.children ?? []).filter((c) => c.length === 6);
    if (stem.length < 6 && children.length) stems.splice(0, 1, ...children);
  }
  for (const s of stems) {
    const padded = s.padEnd(6, 'X');
    for (const ch of Object.keys(d.seventhCharacter?.values ?? {})) {
      const c = valid(ctx, padded + ch, 'icd10cm');
      if (c?.billable) out.push(c);
      if (out.length >= MAX_CANDIDATES) return out;
    }
  }
  return out;
}

/** Billable codes under a header (breadth first, capped). */
function billableDescendants(ctx: RuleContext, code: string, system: CodeSystem): CodeDetails[] {
  const out: CodeDetails[] = [];
  const queue = [code];
  while (queue.length && out.length < MAX_CANDIDATES) {
    const d = valid(ctx, queue.shift()!, system);
    if (!d) continue;
    if (d.billable && d.code !== code) out.push(d);
    else for (const c of d.children ?? []) queue.push(c);
  }
  return out;
}

function listOf(ds: CodeDetails[]): string {
  if (!ds.length) return 'none found in this release';
  const shown = ds.slice(0, 6).map((d) => d.display);
  return shown.join(', ') + (ds.length > 6 ? `, … (${ds.length}${ds.length >= MAX_CANDIDATES ? '+' : ''} in all)` : '');
}
