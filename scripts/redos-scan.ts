// Finds regex literals in server/src and times them on pumped inputs (n vs 4n): ratio > ~9 → superlinear.
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const root = process.argv[2] + '/server/src';
const files: string[] = [];
const walk = (d: string) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts')) files.push(p);
  }
};
walk(root);
const regexes: { file: string; line: number; re: RegExp; src: string }[] = [];
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
  const visit = (n: ts.Node) => {
    if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const t = n.getText(sf);
      const i = t.lastIndexOf('/');
      try {
        regexes.push({
          file: f.slice(root.length + 1),
          line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1,
          re: new RegExp(
            t.slice(1, i),
            t
              .slice(i + 1)
              .replace('g', '')
              .replace('y', ''),
          ),
          src: t,
        });
      } catch (e) {
        console.error('skip', f, t);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
console.error(regexes.length, 'regexes');
// Pumped units, prefixes and suffixes: long runs of the characters chart prose is made of.
const units = [' ', '\t', 'a', '1', '.', '-', ',', 'a ', '1 ', '. ', '<', '#', '1.', ' due to '];
const prefixes = ['', '#', '# a', 'a:', '<!-- chartcoder-ignore a:', 'a due to', '[a]{'];
const suffixes = ['\u0001', 'b', ''];
function time(re: RegExp, s: string): number {
  const t0 = process.hrtime.bigint();
  re.lastIndex = 0;
  re.exec(s);
  s.split(re);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const N = Number(process.argv[3] ?? 3000);
for (const r of regexes) {
  let worst = { ratio: 0, t: 0, desc: '' };
  search: for (const u of units)
    for (const p of prefixes)
      for (const x of suffixes) {
        const small = p + u.repeat(Math.ceil(N / u.length)) + x;
        const t1 = time(r.re, small);
        if (t1 < 0.5) continue; // linear at this size (a quadratic one takes > 0.5 ms at 3000 chars)
        if (t1 > 300) {
          worst = { ratio: Infinity, t: t1, desc: `${JSON.stringify(p)}+${JSON.stringify(u)}*n+${JSON.stringify(x)} (${t1.toFixed(0)} ms at n)` };
          break search;
        }
        const big = p + u.repeat(Math.ceil((4 * N) / u.length)) + x;
        const t2 = Math.min(time(r.re, big), time(r.re, big));
        const t1b = Math.min(t1, time(r.re, small));
        const ratio = t2 / Math.max(t1b, 0.01);
        if (ratio > worst.ratio && t2 > 2) worst = { ratio, t: t2, desc: JSON.stringify(p) + '+' + JSON.stringify(u) + '*n+' + JSON.stringify(x) };
        if (worst.ratio > 7) break search;
      }
  if (worst.ratio > 7)
    console.log(`${r.file}:${r.line} ratio ${worst.ratio.toFixed(1)} (${worst.t.toFixed(0)} ms at 4n) ${worst.desc}  ${r.src.slice(0, 140)}`);
}
