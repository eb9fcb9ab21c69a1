import { describe, expect, it } from 'vitest';
import { atHandle, groupFingerprint, previewText } from './format';

describe('previewText', () => {
  it('keeps short text whole, on one line', () => {
    expect(previewText('Hello\n\n  world')).toBe('Hello world');
    expect(previewText(undefined)).toBe('');
  });

  it('cuts long text at a word boundary', () => {
    expect(previewText('one two three four five six', 14)).toBe('one two three…');
  });
});

describe('groupFingerprint / atHandle', () => {
  it('groups hex in fours and prefixes handles once', () => {
    expect(groupFingerprint('0123456789abcdef')).toBe('0123 4567 89ab cdef');
    expect([atHandle('a'), atHandle('@a')]).toEqual(['@a', '@a']);
  });
});
