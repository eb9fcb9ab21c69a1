import { describe, expect, it } from 'vitest';
import { firstDifferentLine, sameBytes } from './text-compare';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('firstDifferentLine', () => {
  it('shows a long line from just before where it parts from the expected one', () => {
    const prefix = 'x'.repeat(300);
    const message = firstDifferentLine(`a\n${prefix}the author's own words\n`, bytes(`a\n${prefix}words put in their mouth\n`));
    expect(message).toMatch(/^line 2 reads "…x+words put in their mouth" where the signed records give "…x+the author's own words"$/);
  });

  it('names a missing or extra line, bytes that are not UTF-8, and line ends only', () => {
    expect(firstDifferentLine('a\nb', bytes('a'))).toBe('line 2 reads "(end of file)" where the signed records give "b"');
    expect(firstDifferentLine('a\n', new Uint8Array([0xff]))).toBe('it is not UTF-8 text');
    expect(firstDifferentLine('a\r\n', bytes('a\n'), /\r?\n/)).toBe('it differs in its line ends');
    expect(sameBytes(bytes('a\n'), 'a\n')).toBe(true);
    expect(sameBytes(bytes('a\n'), 'a\r\n')).toBe(false);
  });
});
