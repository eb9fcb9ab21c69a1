// Text from a bundle (author names, post text, file names) printed to a terminal: control characters (which can
// move the cursor, recolour or rewrite earlier lines), bidirectional overrides and isolates (which can reorder what
// a line appears to say) and other invisible format characters are shown as visible \u{…} escapes instead.

// Variation selectors (emoji) stay: they cannot move the cursor or reorder text.
const HARMFUL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\u206a-\u206f\u3164\ufeff\ufff9-\ufffb]|[\u{e0000}-\u{e007f}]/gu;

export function printable(text: string): string {
  return text.replace(HARMFUL, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).replace(/\t/g, ' ').replace(/\n/g, ' ');
}
