// seq.newborn: on the birth episode of a newborn the principal diagnosis is the Z38.- liveborn
// code (guideline I.C.16.a.2 and the Z38 tabular note "for use as the principal code on the
// initial record of a newborn baby"). A birth episode is a patient of age 0 with a Z38.- code in
// the abstract or documented in the note. A newborn transferred in (no Z38.- anywhere) has the
// condition treated as principal, and stays silent.
import type { Rule } from './rule';
import { codeAnnotations, display, reportedDx } from './facts';

export const newborn: Rule = {
  id: 'seq.newborn',
  summary: 'A birth episode whose principal diagnosis is not the Z38.- liveborn code.',
  defaultSeverity: 'warning',
  check({ chart }) {
    if (chart.header?.age !== 0) return [];
    const dx = reportedDx(chart);
    const pdx = dx.find((r) => r.kind === 'PDX');
    if (!pdx || pdx.code.startsWith('Z38')) return [];
    const reported = dx.find((r) => r.code.startsWith('Z38'));
    const documented = codeAnnotations(chart).find(({ ann, ref }) => ref.key === 'dx' && ref.code.startsWith('Z38') && ann.status !== 'ruled-out');
    if (!reported && !documented) return [];
    const z38 = reported ? display(reported.code) : display(documented!.ref.code);
    return [
      {
        range: pdx.line.code!.range,
        message: `This is the birth episode (${z38} ${reported ? 'reported' : `documented on line ${documented!.ann.range.start.line + 1}`}): ${z38} is the principal diagnosis and ${display(pdx.code)} a secondary one (guideline I.C.16.a.2).`,
        data: reported
          ? {
              fix: 'swap-lines',
              a: pdx.line.range.start.line,
              b: reported.line.range.start.line,
              title: `Make ${z38} the principal diagnosis (swap with ${display(pdx.code)})`,
            }
          : { fix: 'make-principal', line: pdx.line.range.start.line, display: z38, poa: '1' }, // Z38.- is POA-exempt
      },
    ];
  },
};
