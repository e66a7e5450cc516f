// Tokenizes chart text with the shipped TextMate grammar, using the same engine VS Code uses
// (vscode-textmate + oniguruma, installed with vscode-tmgrammar-test). Shared by the grammar test
// and the grammar benchmark.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export interface Token {
  line: number;
  text: string;
  scopes: string[];
}

const root = join(__dirname, '..', '..', '..');
let grammarPromise: Promise<textmate.IGrammar> | undefined;

export function loadChartGrammar(): Promise<textmate.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scope: string) =>
        scope === 'source.chart'
          ? textmate.parseRawGrammar(readFileSync(join(root, 'syntaxes', 'chart.tmLanguage.json'), 'utf8'), 'chart.tmLanguage.json')
          : null,
    });
    const grammar = await registry.loadGrammar('source.chart');
    if (!grammar) throw new Error('syntaxes/chart.tmLanguage.json did not load');
    return grammar;
  })();
  return grammarPromise;
}

export function tokenize(grammar: textmate.IGrammar, text: string): Token[] {
  const out: Token[] = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, state);
    for (const t of r.tokens) out.push({ line, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}
