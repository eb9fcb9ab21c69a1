// Comparing a readable file with the text the signed records make for it: equal bytes, or the first line that
// differs, for the message; both verifiers compare what people read with what the signed records make.

import { utf8 } from '../provenance/hash';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array | string): boolean {
  if (!actual) return false;
  const want = typeof expected === 'string' ? utf8(expected) : expected;
  if (actual.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (actual[i] !== want[i]) return false;
  return true;
}

/** Where two lines part: the excerpt of each from a little before their first different character. */
function excerpts(want: string, have: string): [string, string] {
  let at = 0;
  while (at < want.length && at < have.length && want[at] === have[at]) at++;
  const start = Math.max(0, at - 40);
  const cut = (line: string) => `${start > 0 ? '…' : ''}${line.slice(start, start + 160)}${line.length > start + 160 ? '…' : ''}`;
  return [cut(want), cut(have)];
}

/**
 * "line 3 reads … where the signed records give …": the first line where `actual` differs from `expected`, each
 * shown from just before the first character where they part (a long line would otherwise look the same twice).
 */
export function firstDifferentLine(expected: string, actual: Uint8Array | undefined, separator: string | RegExp = '\n'): string {
  if (!actual) return 'it could not be read';
  let text: string;
  try {
    text = decoder.decode(actual);
  } catch {
    return 'it is not UTF-8 text';
  }
  const want = expected.split(separator);
  const have = text.split(separator);
  for (let i = 0; i < Math.max(want.length, have.length); i++) {
    if (want[i] === have[i]) continue;
    if (want[i] === undefined || have[i] === undefined) {
      return `line ${i + 1} reads ${JSON.stringify((have[i] ?? '(end of file)').slice(0, 160))} where the signed records give ${JSON.stringify((want[i] ?? '(end of file)').slice(0, 160))}`;
    }
    const [wanted, found] = excerpts(want[i]!, have[i]!);
    return `line ${i + 1} reads ${JSON.stringify(found)} where the signed records give ${JSON.stringify(wanted)}`;
  }
  return 'it differs in its line ends';
}
