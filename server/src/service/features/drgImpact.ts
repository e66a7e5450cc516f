// The DRG impact of findings: a finding whose fix (a replacement code, a combination code, a code
// the note documents but the abstract lacks, a POA value, a line to remove, another principal)
// changes the MS-DRG says so — `data.drgImpact: {from, to, fromWeight, toWeight, payment, …}`, its
// message ends with "DRG 292 → 291 (+$2,936)", and it is at least a warning unless the user set
// the rule's level. Findings whose fix leaves the DRG alone keep their level and their message.
//
// The fix is read from the finding's quick-fix data (see codeActions.ts for the kinds), so the
// impact is the impact of the very edit the quick fix applies. Each candidate abstract is grouped
// once: outcomes are kept by abstract (and release), so a keystroke in the note, which leaves the
// abstract as it is, groups nothing again. docs/drg-impact.md describes it for users.
import type { ChartDocument } from '../../chart/model';
import type { Finding, ServiceContext, Severity } from '../context';
import type { ChartRelease } from '../release';
import { basisOf, drgSetting, money, paymentOf, type DrgSetting } from '../../drg/setting';
import { currentDrg, type DrgAbstract, type DrgOutcome } from '../../grouper/impact';
import type { Poa } from '../../grouper/group';
import type { MsdrgTables } from '../../grouper/tables';
import { dottedCm, normalizeCode } from '../../base/codes';

/** What `data.drgImpact` holds (JSON of `chartcoder check --format json`, the LSP diagnostic's data). */
export interface FindingDrgImpact {
  from: string;
  to: string;
  fromTitle: string | null;
  toTitle: string | null;
  fromWeight: number | null;
  toWeight: number | null;
  /** Estimated payment difference in dollars (weight difference × the rate the DRG hover uses); null without weights or a rate. */
  payment: number | null;
  /** The edit grouped, in words ("G93.40 → G92.8", "add N17.0 (POA Y)"). */
  change: string;
  /** Which grouper logic, weights and rate were used. */
  basis: string;
}

/** One reported line of the abstract, as the grouper reads it. */
interface Entry {
  kind: 'PDX' | 'SDX' | 'PROC';
  code: string;
  poa: Poa;
  /** Its line in the chart (-1 for a line a fix adds). */
  line: number;
}

/** A fix as an edit of the abstract's entries, with its words. */
interface AbstractEdit {
  change: string;
  apply(entries: Entry[]): Entry[];
  /** For a secondary diagnosis added: the code and POA (the what-if the hover groups too). */
  added?: { code: string; poa: Poa };
}

/**
 * The chart's DRG as the caller has it already (the document's ChartAnalysis): the setting, the
 * abstract's DRG and the "code added" what-ifs of the hover, so nothing is grouped twice.
 */
export interface GroupedChart {
  setting: DrgSetting;
  current: DrgOutcome;
  added(code: string, poa: Poa): DrgOutcome | null;
}

const POA_VALUES = new Set(['Y', 'N', 'U', 'W', '1']);
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * Rules whose finding implies an edit without carrying quick-fix data: the reported code is not
 * coded at all (a ruled-out condition).
 */
const REMOVES_ITS_LINE = new Set(['doc.ruled-out']);

function poaOf(value: unknown): Poa {
  const p = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return (POA_VALUES.has(p) ? p : 'Y') as Poa;
}

function entriesOf(chart: ChartDocument): Entry[] {
  const out: Entry[] = [];
  for (const l of chart.abstract?.lines ?? []) {
    const kind = l.kind.value;
    if (!l.code || (kind !== 'PDX' && kind !== 'SDX' && kind !== 'PROC')) continue;
    const p = (l.poa?.value ?? 'Y').trim().toUpperCase();
    out.push({ kind, code: normalizeCode(l.code.value), poa: (POA_VALUES.has(p) ? p : '') as Poa, line: l.range.start.line });
  }
  return out;
}

function shown(e: { kind: string; code: string }): string {
  return e.kind === 'PROC' ? e.code : dottedCm(e.code);
}

/** The edits a finding's fix makes to the abstract (several for a choice of codes); none when its fix does not touch the abstract. */
function editsOf(f: Finding, entries: Entry[]): AbstractEdit[] {
  const data = (f.data ?? {}) as Record<string, unknown>;
  const at = (line: number) => entries.find((e) => e.line === line);
  const here = at(f.range.start.line);
  switch (data.fix) {
    case 'replace-code': {
      if (!here) return []; // a fix in the note: the abstract's own finding carries the impact
      const cands = (data.candidates as { code?: string; display: string }[] | undefined) ?? [];
      return cands.map((c) => {
        const code = normalizeCode(c.code ?? c.display);
        return { change: `${shown(here)} → ${shown({ kind: here.kind, code })}`, apply: (es) => es.map((e) => (e === here ? { ...e, code } : e)) };
      });
    }
    case 'combination': {
      const line = typeof data.line === 'number' ? data.line : (data.range as { start?: { line: number } } | undefined)?.start?.line;
      const target = line === undefined ? undefined : at(line);
      if (!target) return [];
      const to = typeof data.to === 'string' ? normalizeCode(data.to) : null;
      return to
        ? [{ change: `${shown(target)} → ${dottedCm(to)}`, apply: (es) => es.map((e) => (e === target ? { ...e, code: to } : e)) }]
        : [{ change: `remove ${shown(target)}`, apply: (es) => es.filter((e) => e !== target) }];
    }
    case 'add-to-abstract': {
      const code = typeof data.code === 'string' ? normalizeCode(data.code) : null;
      const kind = data.kind === 'PROC' ? 'PROC' : 'SDX';
      if (!code || entries.some((e) => e.code === code && (e.kind === 'PROC') === (kind === 'PROC'))) return [];
      const poa = poaOf(data.poa);
      return [
        {
          change: `add ${shown({ kind, code })}${kind === 'PROC' ? '' : ` (POA ${poa})`}`,
          apply: (es) => [...es, { kind, code, poa, line: -1 }],
          ...(kind === 'SDX' ? { added: { code, poa } } : {}),
        },
      ];
    }
    case 'set-poa': {
      if (!here) return [];
      const poa = poaOf(data.value);
      return [{ change: `POA of ${shown(here)} → ${poa}`, apply: (es) => es.map((e) => (e === here ? { ...e, poa } : e)) }];
    }
    case 'delete-line':
      return here ? [{ change: `remove ${shown(here)}`, apply: (es) => es.filter((e) => e !== here) }] : [];
    case 'swap-lines': {
      // Two abstract lines exchange their codes and POAs (seq.sepsis, seq.poisoning, seq.newborn): kinds stay with the lines.
      const a = typeof data.a === 'number' ? at(data.a) : undefined;
      const b = typeof data.b === 'number' ? at(data.b) : undefined;
      if (!a || !b || a === b) return [];
      const label = a.kind === 'PDX' ? `${shown(b)} as principal` : b.kind === 'PDX' ? `${shown(a)} as principal` : `swap ${shown(a)} and ${shown(b)}`;
      return [
        {
          change: label,
          apply: (es) => es.map((e) => (e === a ? { ...e, code: b.code, poa: b.poa || a.poa } : e === b ? { ...e, code: a.code, poa: a.poa || b.poa } : e)),
        },
      ];
    }
    case 'make-principal': {
      // A documented code becomes the principal; the old principal becomes a secondary diagnosis.
      const pdx = typeof data.line === 'number' ? at(data.line) : undefined;
      const code = typeof data.display === 'string' ? normalizeCode(data.display) : null;
      if (!pdx || !code) return [];
      const poa = poaOf(data.poa);
      return [
        {
          change: `${dottedCm(code)} as principal`,
          apply: (es) => [...es.map((e) => (e === pdx ? { ...e, code, poa } : e)), { kind: 'SDX' as const, code: pdx.code, poa: pdx.poa || 'Y', line: -1 }],
        },
      ];
    }
    case 'swap-principal': {
      // Another reported diagnosis as principal; the principal becomes a secondary diagnosis.
      const code = typeof data.code === 'string' ? normalizeCode(data.code) : null;
      const next = code ? entries.find((e) => e.kind === 'SDX' && e.code === code) : undefined;
      const pdx = entries.find((e) => e.kind === 'PDX');
      if (!next || !pdx) return [];
      return [
        {
          change: `${shown(next)} as principal`,
          apply: (es) => es.map((e) => (e === next ? { ...e, kind: 'PDX' } : e === pdx ? { ...e, kind: 'SDX', poa: e.poa || 'Y' } : e)),
        },
      ];
    }
  }
  if (REMOVES_ITS_LINE.has(f.rule) && here && here.kind !== 'PDX') return [{ change: `remove ${shown(here)}`, apply: (es) => es.filter((e) => e !== here) }];
  return [];
}

function abstractOf(base: DrgAbstract, entries: Entry[]): DrgAbstract | null {
  const pdx = entries.find((e) => e.kind === 'PDX');
  if (!pdx) return null;
  return {
    ...base,
    pdx: pdx.code,
    pdxPoa: pdx.poa,
    sdx: entries.filter((e) => e.kind === 'SDX').map((e) => ({ code: e.code, poa: e.poa })),
    procs: entries.filter((e) => e.kind === 'PROC').map((e) => e.code),
  };
}

/**
 * Grouped abstracts by grouper tables, release and abstract: typing in the note leaves the
 * abstract alone, so the next pass groups nothing; bounded, oldest first out.
 */
const OUTCOMES = new WeakMap<MsdrgTables, Map<string, DrgOutcome>>();
const MAX_OUTCOMES = 2000;

function grouped(s: DrgSetting, a: DrgAbstract): DrgOutcome {
  const memo = OUTCOMES.get(s.grouper) ?? OUTCOMES.set(s.grouper, new Map()).get(s.grouper)!;
  const key = `${s.releaseId}|${a.version}|${a.age}|${a.sex}|${a.dstat}|${a.pdx}:${a.pdxPoa ?? ''}|${a.sdx.map((d) => `${d.code}:${d.poa}`).join(',')}|${a.procs.join(',')}`;
  let o = memo.get(key);
  if (!o) {
    o = currentDrg(s.grouper, a, s.weightOf);
    memo.set(key, o);
    if (memo.size > MAX_OUTCOMES) memo.delete(memo.keys().next().value!);
  }
  return o;
}

function impactOf(s: DrgSetting, before: DrgOutcome, after: DrgOutcome, change: string): FindingDrgImpact {
  const from = paymentOf(s, before);
  const to = paymentOf(s, after);
  return {
    from: before.drg,
    to: after.drg,
    fromTitle: before.title,
    toTitle: after.title,
    fromWeight: before.weight,
    toWeight: after.weight,
    payment: from !== null && to !== null ? to - from : null,
    change,
    basis: basisOf(s),
  };
}

/** "DRG 292 → 291 (+$2,936)" (the weights when there is no rate). */
export function drgImpactText(i: FindingDrgImpact): string {
  const delta =
    i.payment !== null
      ? `${i.payment >= 0 ? '+' : '−'}${money(Math.abs(i.payment))}`
      : i.fromWeight !== null && i.toWeight !== null
        ? `weight ${i.fromWeight.toFixed(4)} → ${i.toWeight.toFixed(4)}`
        : 'weights unknown';
  return `DRG ${i.from} → ${i.to} (${delta})`;
}

/** The DRG impact of one finding's fix, or null when its fix does not change the MS-DRG (or the chart cannot be grouped). */
function findingImpact(
  f: Finding,
  s: DrgSetting,
  entries: Entry[],
  before: DrgOutcome,
  known?: GroupedChart,
): { impact: FindingDrgImpact; oneOfChoices: boolean } | null {
  const moved: FindingDrgImpact[] = [];
  let unchanged = 0;
  for (const edit of editsOf(f, entries)) {
    let after = edit.added && known ? known.added(edit.added.code, edit.added.poa) : null;
    if (!after) {
      const a = abstractOf(s.abstract, edit.apply(entries));
      if (!a) continue;
      after = grouped(s, a);
    }
    // A fix that leaves the claim ungroupable (or grouped to a DRG the release prices nowhere)
    // says nothing about money: no impact is claimed for it.
    if (after.drg !== before.drg && (after.drg === '999' || after.returnCode !== 'OK' || after.weight === null)) continue;
    if (after.drg === before.drg) unchanged++;
    else moved.push(impactOf(s, before, after, edit.change));
  }
  if (!moved.length) return null;
  // A choice of codes: the impact of the first (the quick fix's order) that moves the DRG, said
  // with its code unless every choice moves it to the same DRG.
  const first = moved[0];
  return { impact: first, oneOfChoices: unchanged > 0 || moved.some((m) => m.to !== first.to) };
}

/**
 * The findings with their DRG impact: `explicitLevel(rule)` says whether the user set the rule's
 * level (then it is kept as set). Findings that already carry a `drgImpact` (CDI opportunities,
 * whose fix is a query) are left as they are.
 */
export function withDrgImpacts(
  findings: Finding[],
  chart: ChartDocument,
  ctx: ServiceContext,
  release: ChartRelease | null | undefined,
  explicitLevel: (rule: string) => boolean,
  grouping?: () => GroupedChart | null,
): Finding[] {
  if (!ctx.grouper || !ctx.tables || !chart.abstract || !findings.some((f) => f.data || REMOVES_ITS_LINE.has(f.rule))) return findings;
  const known = grouping ? grouping() : undefined;
  if (known === null) return findings; // the chart cannot be grouped
  const s = known?.setting ?? drgSetting(chart, ctx, release ?? undefined);
  if ('reason' in s) return findings;
  const entries = entriesOf(chart);
  const start = abstractOf(s.abstract, entries);
  if (!start) return findings;
  const before = known?.current ?? grouped(s, start);
  return findings.map((f) => {
    const data = f.data as Record<string, unknown> | undefined;
    if (f.suppressed || (data && 'drgImpact' in data)) return f;
    const found = findingImpact(f, s, entries, before, known);
    if (!found) return f;
    const { impact } = found;
    const text = found.oneOfChoices ? `With ${impact.change}: ${drgImpactText(impact)}` : drgImpactText(impact);
    const severity: Severity = explicitLevel(f.rule) || RANK[f.severity] <= RANK.warning ? f.severity : 'warning';
    return { ...f, severity, message: `${f.message.trimEnd()} ${text}`, data: { ...(data ?? {}), drgImpact: impact } };
  });
}
