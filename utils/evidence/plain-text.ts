// Words from a bundle or a person (an author name, an authority's label, a collector's name) put beside fingerprints
// and commands: on one line, with no control characters and no direction marks, overrides or isolates, which could
// reorder what a reader sees next to them. Shared by both formats' VERIFY.txt, the summary checks and verify.html.

/** Control characters (C0, C1), line and paragraph separators, and the bidirectional marks, overrides and isolates. */
export const CONTROL_OR_DIRECTION = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` on one line, those characters turned to spaces, spaces folded, cut to `max` with an ellipsis. */
export function plainLine(text: string, max: number): string {
  const flat = text.replace(CONTROL_OR_DIRECTION, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Whether `text` is already plain: non-empty, at most `max` characters, none of those characters. */
export function isPlainLine(text: unknown, max: number): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= max && !new RegExp(CONTROL_OR_DIRECTION.source).test(text);
}
