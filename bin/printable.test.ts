import { describe, expect, it } from 'vitest';
import { printable } from './printable';

describe('printable', () => {
  it('shows terminal escapes, bidi overrides and isolates, zero-width and tag characters as visible escapes', () => {
    expect(printable('\x1b[2J\x1b]0;owned\x07ok')).toBe('\\u{1b}[2J\\u{1b}]0;owned\\u{7}ok');
    expect(printable('Ali\u202Egnp.exe')).toBe('Ali\\u{202e}gnp.exe');
    expect(printable('a\u2066b\u2069c\u200Fd\u061Ce')).toBe('a\\u{2066}b\\u{2069}c\\u{200f}d\\u{61c}e');
    expect(printable('x\u200By\uFEFFz\u{E0041}')).toBe('x\\u{200b}y\\u{feff}z\\u{e0041}');
    expect(printable('line one\nline two\ttab\rreturn')).toBe('line one line two tab\\u{d}return');
  });

  it('leaves Arabic and other scripts, and emoji, as they are', () => {
    expect(printable('مظاهرة في حلب 🕊️')).toBe('مظاهرة في حلب 🕊️');
    expect(printable('Zoë, 東京, हिन्दी')).toBe('Zoë, 東京, हिन्दी');
  });
});
