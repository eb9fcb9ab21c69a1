// Text folding and tokenizing for the full-text index: case and accents folded, Arabic normalized (tashkeel and
// tatweel removed, alef forms, alef maqsura and teh marbuta unified, as Lucene's ArabicNormalizer does), so that a
// query matches however the post was written. The same function folds the indexed text and the query.

/** Longer tokens are cut: keys stay small, and a prefix this long is as selective as the whole word. */
export const MAX_TERM_LENGTH = 32;

const ARABIC_LETTER_FORMS: Record<string, string> = {
  '\u0671': '\u0627', // alef wasla → alef (alef with hamza or madda fold through NFKD + mark removal)
  '\u0649': '\u064A', // alef maqsura → yeh
  '\u0629': '\u0647', // teh marbuta → heh
  '\u06CC': '\u064A', // Farsi yeh → yeh
  '\u06A9': '\u0643', // keheh → kaf
};
const ARABIC_LETTER_PATTERN = new RegExp(`[${Object.keys(ARABIC_LETTER_FORMS).join('')}]`, 'g');

/**
 * Lowercase, compatibility-decomposed (full-width and Arabic presentation forms become plain letters), without
 * combining marks (Latin accents, Arabic harakat, shadda, sukun, superscript alef, hamza above/below), without tatweel.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .replace(ARABIC_LETTER_PATTERN, (letter) => ARABIC_LETTER_FORMS[letter]!)
    .toLowerCase();
}

/** The folded words of a text (runs of letters and digits), each cut to MAX_TERM_LENGTH. */
export function tokenize(text: string | undefined): string[] {
  if (!text) return [];
  return (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []).map((token) => token.slice(0, MAX_TERM_LENGTH));
}

/** The distinct terms of some texts, in first-seen order. */
export function distinctTerms(texts: readonly (string | undefined)[]): string[] {
  return [...new Set(texts.flatMap(tokenize))];
}
