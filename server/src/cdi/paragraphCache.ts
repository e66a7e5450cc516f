// What is read from a paragraph depends only on its text (and, for dates, on the stay and the
// section's date): a keystroke changes one paragraph, so the others are looked up, not read again.
// One bounded cache (least recently inserted entries go first), one lookup per paragraph per parse.
export interface ParagraphFacts {
  /** Extracted measurements by date context ("sectionDate|admitted|discharged|surgery"). */
  extracted: Map<string, unknown>;
  /** Concept matches by concept id. */
  concepts: Map<string, unknown>;
}

const CACHE = new Map<string, ParagraphFacts>();
const SIZE = 20_000;

export function paragraphFacts(text: string): ParagraphFacts {
  let hit = CACHE.get(text);
  if (!hit) {
    CACHE.set(text, (hit = { extracted: new Map(), concepts: new Map() }));
    if (CACHE.size > SIZE) CACHE.delete(CACHE.keys().next().value!);
  }
  return hit;
}
