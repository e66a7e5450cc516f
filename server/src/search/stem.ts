// A light English stemmer for matching query words to title words across inflections: plurals
// and -ed / -ing forms ("wheels" ~ "wheeled" ~ "wheel", "fractured" ~ "fracture", "infections" ~
// "infection"). Only the inflectional suffixes are removed (Porter's step 1), never derivational
// ones, so "diabetic" stays apart from "diabetes" and "cardiac" from "cardiology".

/** The stem of a lower-case word; words of 3 letters or fewer and words with digits are their own stem. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let s = word;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('sses')) s = s.slice(0, -2);
  // Latin and Greek singulars end in -us, -is, -ss: "status", "sepsis", "abscess" keep their s.
  else if (s.endsWith('s') && !/(ss|us|is|ys)$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ied') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('ed') && s.length > 4 && !s.endsWith('eed')) s = s.slice(0, -2);
  // A final silent e ("fracture" ~ "fractur-ed") and a doubled final consonant ("stopp-ed").
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  const last = s[s.length - 1];
  if (s.length > 4 && last === s[s.length - 2] && !'aeioulsz'.includes(last)) s = s.slice(0, -1);
  return s;
}
