// code.encounter-type: an injury (or other chapter-19 condition) coded with the 7th character of
// a subsequent encounter (D …) or a sequela (S) while a procedure of the same stay treats it:
// active treatment is the initial encounter, 7th character A (guideline I.C.19.a). The meaning of
// each 7th character is the tabular's own (its 7th-character definitions); "treats it" is a
// procedure of the abstract whose ICD-10-PCS title names the same body part as the injury's title
// (femur, tibia, spleen …), or, for the principal diagnosis, any Medical and Surgical procedure.
// The quick fix replaces the code with its initial-encounter code when the tables have it.
import type { Rule, RuleContext, RuleFinding } from './rule';
import { cmDetails, display, pcsDetails, reportedDx, reportedLines } from './facts';

/** Words of a title that say nothing about the body part. */
const NOT_ANATOMY = new Set(
  'fracture fractures displaced nondisplaced unspecified other part parts encounter subsequent initial closed open routine healing delayed with without approach device devices injury injuries right left bilateral sequela percutaneous endoscopic internal external fixation replacement reposition resection excision insertion removal revision supplement repair drainage type level intramedullary substitute synthetic autologous tissue natural opening via into from into traumatic superficial unspecified'.split(
    ' ',
  ),
);

function anatomyWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length >= 4 && !NOT_ANATOMY.has(w)),
  );
}

export const encounterType: Rule = {
  id: 'code.encounter-type',
  summary: 'A subsequent-encounter or sequela 7th character on an injury a procedure of the same stay treats (active treatment is A).',
  defaultSeverity: 'warning',
  check(ctx) {
    const procs = reportedLines(ctx.chart).filter((r) => r.kind === 'PROC' && r.code.startsWith('0'));
    if (!procs.length) return [];
    const out: RuleFinding[] = [];
    for (const r of reportedDx(ctx.chart)) {
      const d = cmDetails(ctx, r.code);
      if (!d?.seventhCharacter || d.chapter?.num !== '19' || r.code.length !== 7) continue;
      const seventh = r.code[6];
      const meaning = d.seventhCharacter.values[seventh] ?? '';
      if (!/^(subsequent encounter|sequela)/i.test(meaning)) continue;
      // A sequela code follows the condition it left (the scar a procedure treats): only as principal is it wrong.
      if (/^sequela/i.test(meaning) && r.kind !== 'PDX') continue;
      const treating = treatingProcedure(ctx, r.kind === 'PDX', d.title ?? '', procs);
      if (!treating) continue;
      const initial = Object.entries(d.seventhCharacter.values).find(
        ([, m]) => /^initial encounter/i.test(m) && m.includes(meaning.replace(/^(subsequent encounter|sequela)\s*(for\s*)?/i, '').replace(/ with .*$/, '')),
      );
      const a = initial ?? Object.entries(d.seventhCharacter.values).find(([, m]) => /^initial encounter/i.test(m));
      const target = a ? cmDetails(ctx, r.code.slice(0, 6) + a[0]) : null;
      out.push({
        range: r.line.code!.range,
        message: `${display(r.code)} says "${meaning}", but ${treating} treats it during this stay: active treatment is the initial encounter (7th character A${target ? `: ${target.display}` : ''}) (guideline I.C.19.a).`,
        data: target ? { fix: 'replace-code', candidates: [{ display: target.display, title: target.title }] } : undefined,
      });
    }
    return out;
  },
};

function treatingProcedure(ctx: RuleContext, isPdx: boolean, injuryTitle: string, procs: ReturnType<typeof reportedLines>): string | null {
  const injury = anatomyWords(injuryTitle);
  for (const p of procs) {
    const title = pcsDetails(ctx, p.code)?.title ?? '';
    if ([...anatomyWords(title)].some((w) => injury.has(w))) return `procedure ${p.code} (${title})`;
  }
  return isPdx ? `procedure ${procs[0].code}` : null;
}
