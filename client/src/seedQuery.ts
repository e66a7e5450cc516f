// The Search Codes list's first query (no vscode import: the tests run it in node).

/**
 * What to search for when the list opens: the selection, else the words of the annotation span at
 * the cursor (`[acute kidney injury]{dx=…}` with the cursor in the span, in its braces or just after).
 */
export function seedQuery(lineText: string, character: number, selected: string): string {
  const chosen = selected.trim();
  if (chosen && !chosen.includes('\n')) return chosen;
  for (const m of lineText.matchAll(/\[([^\]\n]+)\](\{[^}\n]*\}?)?/g)) {
    const start = m.index ?? 0;
    if (character >= start && character <= start + m[0].length) return m[1].trim();
  }
  return '';
}
