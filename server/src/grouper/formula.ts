// Parser for the CMS grouper's decision-table formulas ("(MCC | CC) & autobmt", "PDX:ami & ~SDX:x").
// Formulas compile once per version into closures over an evaluation environment, so grouping a
// claim is a walk over small function trees, not string work.

export interface FormulaEnv {
  /** A claim-level token (MCC, ALIVE, MULTST, …). */
  token(name: string): boolean;
  /** A bare operand that is not a token: some procedure has this attribute. */
  proc(name: string): boolean;
  pdx(name: string): boolean; // PDX:x
  sdx(name: string): boolean; // SDX:x — some secondary diagnosis has x
  any(name: string): boolean; // ANY:x — the principal or a secondary has x
  only(name: string): boolean; // ONLY:x — every diagnosis has x
}

export type Compiled = (env: FormulaEnv) => boolean;

export class FormulaError extends Error {}

type Tok = { t: '(' | ')' | '&' | '|' | '~' } | { t: 'id'; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') i++;
    else if (c === '(' || c === ')' || c === '&' || c === '|' || c === '~') {
      out.push({ t: c });
      i++;
    } else {
      let j = i;
      while (j < src.length && /[A-Za-z0-9_:@.]/.test(src[j]!)) j++;
      if (j === i) throw new FormulaError(`unexpected "${c}" at ${i} in "${src}"`);
      out.push({ t: 'id', v: src.slice(i, j) });
      i = j;
    }
  }
  return out;
}

/** Compiles a formula. `operand` turns one identifier into its test (it may return a constant). */
export function compileFormula(src: string, operand: (id: string) => Compiled): Compiled {
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p];
  const or = (): Compiled => {
    const parts = [and()];
    while (peek()?.t === '|') {
      p++;
      parts.push(and());
    }
    if (parts.length === 1) return parts[0]!;
    return (env) => {
      for (const f of parts) if (f(env)) return true;
      return false;
    };
  };
  const and = (): Compiled => {
    const parts = [unary()];
    while (peek()?.t === '&') {
      p++;
      parts.push(unary());
    }
    if (parts.length === 1) return parts[0]!;
    return (env) => {
      for (const f of parts) if (!f(env)) return false;
      return true;
    };
  };
  const unary = (): Compiled => {
    const tok = toks[p++];
    if (!tok) throw new FormulaError(`unexpected end of "${src}"`);
    if (tok.t === '~') {
      const inner = unary();
      return (env) => !inner(env);
    }
    if (tok.t === '(') {
      const inner = or();
      if (toks[p++]?.t !== ')') throw new FormulaError(`missing ")" in "${src}"`);
      return inner;
    }
    if (tok.t === 'id') return operand(tok.v);
    throw new FormulaError(`unexpected "${tok.t}" in "${src}"`);
  };
  const f = or();
  if (p !== toks.length) throw new FormulaError(`trailing input in "${src}"`);
  return f;
}

/** Every identifier of a formula (for attribute indexes and validation). */
export function formulaOperands(src: string): string[] {
  return lex(src).flatMap((t) => (t.t === 'id' ? [t.v] : []));
}

/** A formula as a tree (for marking which codes made a matched formula true). */
export type FormulaNode = { op: 'and' | 'or'; kids: FormulaNode[] } | { op: 'not'; kid: FormulaNode } | { op: 'id'; id: string };

export function parseFormula(src: string): FormulaNode {
  const toks = lex(src);
  let p = 0;
  const or = (): FormulaNode => {
    const kids = [and()];
    while (toks[p]?.t === '|') {
      p++;
      kids.push(and());
    }
    return kids.length === 1 ? kids[0]! : { op: 'or', kids };
  };
  const and = (): FormulaNode => {
    const kids = [unary()];
    while (toks[p]?.t === '&') {
      p++;
      kids.push(unary());
    }
    return kids.length === 1 ? kids[0]! : { op: 'and', kids };
  };
  const unary = (): FormulaNode => {
    const tok = toks[p++];
    if (!tok) throw new FormulaError(`unexpected end of "${src}"`);
    if (tok.t === '~') return { op: 'not', kid: unary() };
    if (tok.t === '(') {
      const inner = or();
      if (toks[p++]?.t !== ')') throw new FormulaError(`missing ")" in "${src}"`);
      return inner;
    }
    if (tok.t === 'id') return { op: 'id', id: tok.v };
    throw new FormulaError(`unexpected "${tok.t}" in "${src}"`);
  };
  const f = or();
  if (p !== toks.length) throw new FormulaError(`trailing input in "${src}"`);
  return f;
}
