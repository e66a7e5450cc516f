// Structured understanding of injury and obstetric queries. ICD-10-CM spells the axes of these
// codes out in their titles — the site and laterality in the title proper, and the 7th
// character's meaning (from the tabular list's 7th-character definitions) appended to it:
//
//   S72.321A  Displaced transverse fracture of shaft of right femur, initial encounter for closed fracture
//   S52.515D  Nondisplaced fracture of left radial styloid process, subsequent encounter for closed fracture with routine healing
//   O36.8130  Decreased fetal movements, third trimester, not applicable or unspecified
//
// So each axis value is read from the title words of a code (never from a list of codes), and the
// same vocabulary read from the query: laterality (right/left/bilateral), displacement,
// open/closed fracture (with the Gustilo grade), encounter (initial/subsequent/sequela), healing
// (routine/delayed/nonunion/malunion), trimester (or the weeks of gestation) and fetus.
//
// Matching: an axis the query names must agree with the code's; an axis the query leaves out
// takes the default the guidelines give (ICD-10-CM Official Guidelines I.C.19.c.1: a fracture not
// indicated as displaced or nondisplaced is coded displaced, one not indicated as open or closed
// is coded closed, and an open fracture without its Gustilo type is type I or II) or, for the
// encounter, initial (active treatment, the inpatient norm); for fetus, "not applicable or
// unspecified" (a singleton pregnancy).

/** Laterality. */
export const enum Side {
  None = 0,
  Right = 1,
  Left = 2,
  Bilateral = 3,
}
export const enum Displacement {
  None = 0,
  Displaced = 1,
  Nondisplaced = 2,
}
/** Open or closed fracture (the 7th character), with the Gustilo grade of an open fracture. */
export const enum Fracture {
  None = 0,
  Closed = 1,
  OpenI = 2,
  OpenIII = 3,
}
export const enum Encounter {
  None = 0,
  Initial = 1,
  Subsequent = 2,
  Sequela = 3,
}
export const enum Healing {
  None = 0,
  Routine = 1,
  Delayed = 2,
  Nonunion = 3,
  Malunion = 4,
}

/** The axes of a code (read from its title) or of a query (read from its words). */
export interface Axes {
  side: Side;
  displacement: Displacement;
  fracture: Fracture;
  encounter: Encounter;
  healing: Healing;
  /** Trimesters named: bit 1 first, 2 second, 4 third, 8 unspecified trimester, 16 childbirth, 32 puerperium. */
  trimester: number;
  /** 0 none; 1–5 fetus 1–5; 9 other fetus; 10 not applicable or unspecified. */
  fetus: number;
}

/** Axes packed in 21 bits (for a per-code cache): side 2, displacement 2, fracture 2, encounter 2, healing 3, trimester 6, fetus 4. */
export function packAxes(a: Axes): number {
  return a.side | (a.displacement << 2) | (a.fracture << 4) | (a.encounter << 6) | (a.healing << 8) | (a.trimester << 11) | (a.fetus << 17);
}

/** Unpacks into `into` (reused: no allocation per code). */
export function unpackAxes(v: number, into: Axes): Axes {
  into.side = v & 3;
  into.displacement = (v >> 2) & 3;
  into.fracture = (v >> 4) & 3;
  into.encounter = (v >> 6) & 3;
  into.healing = (v >> 8) & 7;
  into.trimester = (v >> 11) & 63;
  into.fetus = (v >> 17) & 15;
  return into;
}

export const NO_AXES: Axes = {
  side: Side.None,
  displacement: Displacement.None,
  fracture: Fracture.None,
  encounter: Encounter.None,
  healing: Healing.None,
  trimester: 0,
  fetus: 0,
};

const ORDINAL: Record<string, number> = { first: 1, '1st': 1, one: 1, second: 2, '2nd': 2, two: 2, third: 3, '3rd': 3, three: 3 };
/** Next to a trimester word a bare digit is its ordinal too ("trimester 2", "3 tri"). */
const TRIMESTER_NUMBER: Record<string, number> = { ...ORDINAL, '1': 1, '2': 2, '3': 3 };
const TRIMESTER_WORD = /^(trimester|trimesters|tri|trim|trimest)$/;
const GUSTILO_I = /^(i|ii|1|2|grade1|grade2|typei|typeii)$/;
const GUSTILO_III = /^(iii|iiia|iiib|iiic|3|3a|3b|3c|grade3|typeiii)$/;

/**
 * Reads the axes of a title given as its words, in order (lower case, as the search index has
 * them). Used for codes; the words are the title proper and its 7th-character phrase.
 */
export function titleAxes(words: readonly string[]): Axes {
  const a: Axes = { ...NO_AXES };
  let trimesterOrdinal = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    switch (w) {
      case 'right':
        a.side = a.side === Side.Left ? Side.Bilateral : Side.Right;
        break;
      case 'left':
        a.side = a.side === Side.Right ? Side.Bilateral : Side.Left;
        break;
      case 'bilateral':
        a.side = Side.Bilateral;
        break;
      case 'displaced':
        a.displacement = Displacement.Displaced;
        break;
      case 'nondisplaced':
        a.displacement = Displacement.Nondisplaced;
        break;
      case 'closed':
        if (words[i + 1] === 'fracture') a.fracture = Fracture.Closed;
        break;
      case 'open':
        if (words[i + 1] === 'fracture') a.fracture = words.slice(i + 2, i + 5).some((x) => GUSTILO_III.test(x)) ? Fracture.OpenIII : Fracture.OpenI;
        break;
      case 'initial':
        if (words[i + 1] === 'encounter') a.encounter = Encounter.Initial;
        break;
      case 'subsequent':
        a.encounter = Encounter.Subsequent;
        break;
      case 'sequela':
      case 'sequelae':
        a.encounter = Encounter.Sequela;
        break;
      case 'routine':
        a.healing = Healing.Routine;
        break;
      case 'delayed':
        if (words[i + 1] === 'healing') a.healing = Healing.Delayed;
        break;
      case 'nonunion':
        a.healing = Healing.Nonunion;
        break;
      case 'malunion':
        a.healing = Healing.Malunion;
        break;
      case 'trimester':
        if (trimesterOrdinal) a.trimester |= 1 << (trimesterOrdinal - 1);
        else if (words[i - 1] === 'unspecified') a.trimester |= 8;
        break;
      case 'childbirth':
        a.trimester |= 16;
        break;
      case 'puerperium':
        a.trimester |= 32;
        break;
      case 'fetus': {
        const n = Number(words[i + 1]);
        if (n >= 1 && n <= 5) a.fetus = n;
        else if (words[i - 1] === 'other' && i === words.length - 1) a.fetus = 9;
        break;
      }
      case 'applicable':
        if (words[i - 1] === 'not') a.fetus = 10;
        break;
    }
    trimesterOrdinal = ORDINAL[w] && words[i + 1] === 'trimester' ? ORDINAL[w] : 0;
  }
  return a;
}

/** What the query says about each axis, and which of its words said it (they are not searched for as title words). */
export interface QueryAxes {
  axes: Axes;
  /** Indexes of the query words that name an axis value. */
  consumed: Set<number>;
  /** The query names a fracture (open/closed and displacement words are fracture axes only then). */
  fracture: boolean;
  /** Indexes of the words of a gestational age ("32 weeks"): they search for the Z3A weeks codes but narrow nothing. */
  gestation: Set<number>;
}

const RIGHT = new Set(['right', 'rt', 'r']);
const LEFT = new Set(['left', 'lt', 'l', 'lft']);
const BILATERAL = new Set(['bilateral', 'bilat', 'bl', 'both', 'bilaterally']);
const FRACTURE_WORD = /^(fx|fxs|fracture|fractures|fractured|broken|break|cracked)$/;

/**
 * Reads the axes a query names from its words (lower case, split as the search splits them).
 * "r hip fx closed init", "nondisp fx l radial styloid subs delayed healing", "pih 3rd tri",
 * "pregnant 32 weeks", "breech fetus 2".
 */
export function queryAxes(words: readonly string[], blocked: ReadonlySet<number> = new Set()): QueryAxes {
  const a: Axes = { ...NO_AXES };
  const consumed = new Set<number>();
  const gestation = new Set<number>();
  const fracture = words.some((w) => FRACTURE_WORD.test(w)) || words.some((w) => /^(malunion|nonunion)$/.test(w));
  for (let i = 0; i < words.length; i++) {
    // Words inside a listed phrase ("r o" for rule out, "stage 2") belong to the phrase.
    if (blocked.has(i)) continue;
    const w = words[i];
    const next = blocked.has(i + 1) ? '' : (words[i + 1] ?? '');
    if (RIGHT.has(w)) {
      a.side = Side.Right;
      consumed.add(i);
    } else if (LEFT.has(w)) {
      a.side = Side.Left;
      consumed.add(i);
    } else if (BILATERAL.has(w)) {
      a.side = Side.Bilateral;
      consumed.add(i);
    } else if (/^(nondisplaced|nondisp|undisplaced)$/.test(w) || (w === 'non' && /^disp/.test(next))) {
      a.displacement = Displacement.Nondisplaced;
      consumed.add(i);
      if (w === 'non') consumed.add(++i);
    } else if (/^(displaced|disp)$/.test(w)) {
      a.displacement = Displacement.Displaced;
      consumed.add(i);
    } else if (w === 'closed' && fracture) {
      a.fracture = Fracture.Closed;
      consumed.add(i);
    } else if ((w === 'open' || w === 'compound') && fracture) {
      // An open fracture without its Gustilo type is type I or II (Guidelines I.C.19.c.1).
      a.fracture = Fracture.OpenI;
      consumed.add(i);
      for (let j = i + 1; j < Math.min(words.length, i + 4); j++) {
        const g = words[j] === 'type' || words[j] === 'grade' ? (words[j + 1] ?? '') : words[j];
        if (GUSTILO_III.test(g)) a.fracture = Fracture.OpenIII;
        if (GUSTILO_III.test(g) || GUSTILO_I.test(g)) {
          consumed.add(j);
          if (g !== words[j]) consumed.add(j + 1);
          break;
        }
      }
    } else if (/^(initial|init|ini)$/.test(w)) {
      a.encounter = Encounter.Initial;
      consumed.add(i);
    } else if (/^(subsequent|subseq|subs)$/.test(w)) {
      a.encounter = Encounter.Subsequent;
      consumed.add(i);
    } else if (/^(sequela|sequelae|seq|sequel|late)$/.test(w) && (w !== 'late' || next === 'effect')) {
      a.encounter = Encounter.Sequela;
      consumed.add(i);
      if (w === 'late') consumed.add(++i);
    } else if (w === 'routine') {
      a.healing = Healing.Routine;
      consumed.add(i);
    } else if (w === 'delayed' && /^heal/.test(next)) {
      a.healing = Healing.Delayed;
      consumed.add(i);
    } else if (/^(nonunion|non)$/.test(w) && (w === 'nonunion' || next === 'union')) {
      a.healing = Healing.Nonunion;
      consumed.add(i);
      if (w === 'non') consumed.add(++i);
    } else if (/^(malunion|mal)$/.test(w) && (w === 'malunion' || next === 'union')) {
      a.healing = Healing.Malunion;
      consumed.add(i);
      if (w === 'mal') consumed.add(++i);
    } else if (TRIMESTER_NUMBER[w] && TRIMESTER_WORD.test(next)) {
      a.trimester |= 1 << (TRIMESTER_NUMBER[w] - 1);
      consumed.add(i).add(i + 1);
      i++;
    } else if (TRIMESTER_WORD.test(w) && TRIMESTER_NUMBER[next]) {
      a.trimester |= 1 << (TRIMESTER_NUMBER[next] - 1);
      consumed.add(i).add(i + 1);
      i++;
    } else if (/^(t1|t2|t3)$/.test(w) && words.some((x) => /^(preg|pregnancy|pregnant|gestational|antepartum)/.test(x))) {
      a.trimester |= 1 << (Number(w[1]) - 1);
      consumed.add(i);
    } else if (/^\d{1,2}$/.test(w) && /^(weeks?|wks?|w)$/.test(next)) {
      // Trimesters are counted from the first day of the last menstrual period: first, less
      // than 14 weeks 0 days; second, 14 weeks 0 days to less than 28 weeks 0 days; third, 28
      // weeks 0 days until delivery (ICD-10-CM tabular list, chapter 15 note). The weeks stay
      // search words too (Z3A.- "32 weeks gestation of pregnancy").
      const weeks = Number(w);
      if (weeks >= 1 && weeks <= 42) {
        a.trimester |= weeks < 14 ? 1 : weeks < 28 ? 2 : 4;
        gestation.add(i).add(i + 1);
      }
    } else if (w === 'fetus' && /^[1-5]$/.test(next)) {
      a.fetus = Number(next);
      consumed.add(i).add(i + 1);
      i++;
    } else if (/^(twin|baby)$/.test(w) && /^(a|b)$/.test(next)) {
      // Twin A and twin B are the first and second fetus as the chart names them.
      a.fetus = next === 'a' ? 1 : 2;
      consumed.add(i).add(i + 1);
      i++;
    }
  }
  if (a.healing !== Healing.None && a.encounter === Encounter.None) a.encounter = Encounter.Subsequent;
  return { axes: a, consumed, fracture, gestation };
}

/** The title words an axis value reads as, for the query words that named it (so they count as met). */
export function axisWords(q: Axes): string[] {
  const out: string[] = [];
  if (q.side === Side.Right) out.push('right');
  if (q.side === Side.Left) out.push('left');
  if (q.side === Side.Bilateral) out.push('bilateral');
  if (q.displacement === Displacement.Displaced) out.push('displaced');
  if (q.displacement === Displacement.Nondisplaced) out.push('nondisplaced');
  if (q.fracture === Fracture.Closed) out.push('closed');
  if (q.fracture === Fracture.OpenI || q.fracture === Fracture.OpenIII) out.push('open');
  if (q.encounter === Encounter.Initial) out.push('initial');
  if (q.encounter === Encounter.Subsequent) out.push('subsequent');
  if (q.encounter === Encounter.Sequela) out.push('sequela');
  if (q.healing === Healing.Routine) out.push('routine');
  if (q.healing === Healing.Delayed) out.push('delayed');
  if (q.healing === Healing.Nonunion) out.push('nonunion');
  if (q.healing === Healing.Malunion) out.push('malunion');
  for (let t = 0; t < 3; t++) if (q.trimester & (1 << t)) out.push(['first', 'second', 'third'][t], 'trimester');
  if (q.fetus >= 1 && q.fetus <= 5) out.push('fetus', String(q.fetus));
  return out;
}

/**
 * How well a code's axes fit the query's: agreement on a named axis scores, disagreement costs
 * more than any word match gains, and a silent query prefers the guideline default. 0 when the
 * code has none of the axes.
 */
export function axisScore(q: QueryAxes, d: Axes): number {
  const a = q.axes;
  let s = 0;
  // A code of no side when the query names one: the unspecified-side code, after the sided ones.
  if (a.side !== Side.None) s += d.side === Side.None ? -0.3 : a.side === d.side ? 0.5 : -1.5;
  // Displacement: displaced when not said (I.C.19.c.1).
  if (d.displacement !== Displacement.None) {
    if (a.displacement === Displacement.None) s += d.displacement === Displacement.Nondisplaced ? -0.5 : 0;
    else s += a.displacement === d.displacement ? 0.4 : -1.2;
  }
  // Open or closed: closed when not said; an open fracture of no stated type is type I or II (I.C.19.c.1).
  if (d.fracture !== Fracture.None) {
    if (a.fracture === Fracture.None) s += d.fracture === Fracture.Closed ? 0 : -0.8;
    else if (a.fracture === d.fracture) s += 0.5;
    else s += (a.fracture === Fracture.Closed) !== (d.fracture === Fracture.Closed) ? -1.5 : -0.6;
  }
  // Encounter: initial when not said.
  if (d.encounter !== Encounter.None) {
    if (a.encounter === Encounter.None) s += d.encounter === Encounter.Initial ? 0 : -0.8;
    else s += a.encounter === d.encounter ? 0.5 : -1.5;
  }
  // Healing: routine when a subsequent encounter does not say.
  if (d.healing !== Healing.None) {
    if (a.healing === Healing.None) s += d.healing === Healing.Routine ? 0 : -0.6;
    else s += a.healing === d.healing ? 0.5 : -1.2;
  }
  if (a.trimester && d.trimester) s += a.trimester & d.trimester ? 0.5 : -1.5;
  // Fetus: "not applicable or unspecified" (a singleton) when not said.
  if (d.fetus) {
    if (a.fetus === 0) s += d.fetus === 10 ? 0 : -0.8;
    else s += a.fetus === d.fetus ? 0.5 : -1.5;
  }
  return s;
}

/** Title words that are the default value of an axis the query is silent on: not held against the title. */
export function defaultAxisWords(q: Axes): Set<string> {
  const out = new Set<string>();
  if (q.displacement === Displacement.None) out.add('displaced');
  if (q.fracture === Fracture.None) out.add('closed');
  if (q.encounter === Encounter.None || q.encounter === Encounter.Initial) out.add('initial');
  if (q.healing === Healing.None) for (const w of ['routine', 'healing']) out.add(w);
  if (q.fetus === 0) for (const w of ['applicable']) out.add(w);
  return out;
}
