// The hover text of a code: what the lookup knows, and where each fact came from.
import type { CodeHistory, LookupResult } from './types';
import { historyText, validHistoryText } from './history';
import type { TabularNote } from './types';
import { displayCode } from '../base/codes';
import { versionLabel } from '../base/versions';

const NOTE_TITLES: Record<TabularNote['kind'], string> = {
  inclusionTerm: 'Inclusion terms',
  includes: 'Includes',
  excludes1: 'Excludes1',
  excludes2: 'Excludes2',
  codeFirst: 'Code first',
  useAdditionalCode: 'Use additional code',
  codeAlso: 'Code also',
  notes: 'Notes',
};

const SYSTEM_NAMES = { icd10cm: 'ICD-10-CM', icd10pcs: 'ICD-10-PCS', hcpcs: 'HCPCS', cpt: 'CPT' } as const;

/** "an ICD-10-CM", "an HCPCS", "a CPT" (as the names are read aloud). */
function withArticle(name: string): string {
  return `${/^(ICD|HCPCS)/.test(name) ? 'an' : 'a'} ${name}`;
}

/** The hover text of a lookup; `history` (tables.codeHistory) adds when the code was valid and what replaced it. */
export function describeCodeMarkdown(result: LookupResult, history?: CodeHistory | null): string {
  const { head, body } = describeCodeParts(result, history);
  return body ? `${head}\n\n${body}` : head;
}

/**
 * The hover text in two parts: `head`, the code, its title and badges (what a coder reads first),
 * and `body`, the rest (DRG facts, notes, sources) — so the hover can put the DRG impact between.
 */
export function describeCodeParts(result: LookupResult, history?: CodeHistory | null): { head: string; body: string } {
  switch (result.kind) {
    case 'unknown': {
      const told = history ? historyText(history, '') : null;
      return {
        body: '',
        head: `**${result.code}** — ${told ?? `not ${result.system ? withArticle(SYSTEM_NAMES[result.system]) : 'a'} code in any installed release.`}`,
      };
    }
    case 'no-release':
      return { head: `**${result.code}** — ${result.message}`, body: '' };
    case 'not-on-date': {
      const told = history ? historyText(history, result.release.start) : null;
      return {
        head: `**${displayCode(result.code, result.system)}** — ${withArticle(SYSTEM_NAMES[result.system])} code, but not valid in ${result.release.label}; it is in ${result.releases.join(', ')}.${told ? `\n\n${told}` : ''}`,
        body: '',
      };
    }
    case 'valid':
      break;
  }
  const e = result.entry;
  const out: string[] = [];
  const kind = e.billable ? 'billable' : 'header — not billable; pick a code below it';
  out.push(`**${e.display}** ${e.title ?? '_(no title in the sources)_'}`);
  const badges = [SYSTEM_NAMES[e.system], kind];
  if (e.msdrg) badges.push(e.msdrg.severity === 'NCC' ? 'non-CC' : e.msdrg.severity);
  if (e.procedure) badges.push(e.procedure.isOR ? 'O.R. procedure' : 'non-O.R.');
  if (e.poaExempt) badges.push(`POA exempt (${e.poaSource?.year ?? 'list'})`);
  out.push(badges.join(' · '));
  const head = out.splice(0).join('\n\n');
  if (e.titleMissing) out.push(`_${e.titleMissing}_`);
  const told = history ? validHistoryText(history, result.release.start) : null;
  if (told) out.push(`History: ${told}`);
  if (e.children?.length)
    out.push(
      `Codes below it: ${e.children
        .slice(0, 12)
        .map((c) => displayCode(c, e.system))
        .join(', ')}${e.children.length > 12 ? ` … (${e.children.length})` : ''}`,
    );
  if (e.msdrg) {
    const hac = e.msdrg.hacs.length ? ` · HAC ${e.msdrg.hacs.map((h) => `${h.number}${h.title ? ` (${h.title})` : ''}`).join(', ')}` : '';
    out.push(
      `MS-DRG ${versionLabel(e.msdrg.version)}: MDC ${e.msdrg.mdc ?? '—'} as principal · ${e.msdrg.severity}${e.msdrg.ccExclusionGroups.length ? ` · CC-exclusion list ${e.msdrg.ccExclusionGroups.join(', ')}` : ''}${hac}`,
    );
  }
  if (e.msdrgMissing) out.push(`_${e.msdrgMissing}_`);
  // A CPT code from the user's table carries no Code Editor flags (no `mce` at all).
  if (e.mce?.length) out.push(`Code Editor: ${e.mce.map((f) => `${f.flag}${f.end ? ` (until ${f.end})` : ''}`).join(', ')}`);
  if (e.seventhCharacter) {
    const values = Object.entries(e.seventhCharacter.values)
      .map(([c, m]) => `\`${c}\` ${m}`)
      .join(' · ');
    out.push(`7th character (from ${e.seventhCharacter.from}): ${values}${e.placeholder ? ' — uses the X placeholder' : ''}`);
  }
  if (e.notes?.length) {
    const byKind = new Map<string, TabularNote[]>();
    for (const n of e.notes) byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
    for (const [k, notes] of byKind) {
      const shown = notes.slice(0, 6).map((n) => `${n.text}${n.from !== e.display ? ` _(${n.from})_` : ''}`);
      out.push(`**${NOTE_TITLES[k as TabularNote['kind']]}:** ${shown.join('; ')}${notes.length > 6 ? ` … (+${notes.length - 6})` : ''}`);
    }
  }
  if (e.notesMissing) out.push(`_${e.notesMissing}_`);
  const sources = new Map<string, string>();
  const add = (s: { file: string; year: string } | null | undefined) => s && sources.set(`${s.file}`, `${s.file} (${s.year})`);
  add(e.titleSource);
  add(e.notes?.[0]?.source ?? e.seventhCharacter?.source);
  add(e.msdrg?.source ?? e.procedure?.source);
  add(e.mce?.[0]?.source);
  if (e.poaExempt) add(e.poaSource);
  if (e.poaNote) out.push(`_${e.poaNote}_`);
  out.push(`---\nRelease ${result.release.label} · sources: ${[...sources.values()].join(' · ')}`);
  return { head, body: out.join('\n\n') };
}
