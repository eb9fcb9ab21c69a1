import { describe, expect, it } from 'vitest';
import { foldText, tokenize } from './search-text';

describe('foldText and tokenize', () => {
  it('folds case and Latin accents', () => {
    expect(tokenize('Élection à MONTRÉAL, naïve Straße')).toEqual(['election', 'a', 'montreal', 'naive', 'straße']);
  });

  it('strips Arabic tashkeel and tatweel and unifies alef forms, alef maqsura and teh marbuta', () => {
    expect(foldText('مُحَمَّدٌ')).toBe('محمد');
    expect(foldText('العـــربية')).toBe(foldText('العربيه'));
    expect(['أحمد', 'إحمد', 'آحمد', 'ٱحمد'].map(foldText)).toEqual(Array(4).fill('احمد'));
    expect(foldText('مستشفى')).toBe(foldText('مستشفي'));
    // Presentation forms (as some PDFs and old keyboards produce) become plain letters.
    expect(foldText('\uFEE3\uFEA4\uFEE4\uFEAA')).toBe('محمد');
  });

  it('splits on anything that is not a letter or digit: handles, hashtags, punctuation, mixed scripts', () => {
    expect(tokenize('@someone: #Gaza الانتخابات2026 — https://x.com/a')).toEqual(['someone', 'gaza', 'الانتخابات2026', 'https', 'x', 'com', 'a']);
    expect(tokenize(undefined)).toEqual([]);
  });
});
