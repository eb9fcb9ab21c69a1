import { afterEach, describe, expect, it, vi } from 'vitest';
import { atHandle, dateLocale, formatLocalTime, groupFingerprint, previewText } from './format';

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

describe('formatLocalTime', () => {
  const iso = '2026-03-05T14:07:09.000Z';
  afterEach(() => vi.unstubAllGlobals());

  it('writes the time in the interface language, not the browser locale', () => {
    // The extension's messages say which language the interface is in (ui_language); Arabic here.
    vi.stubGlobal('chrome', { i18n: { getMessage: (key: string) => ({ ui_language: 'ar', ui_direction: 'rtl' })[key] ?? '', getUILanguage: () => 'en-US' } });
    expect(dateLocale()).toBe('ar');
    const arabic = formatLocalTime(iso);
    expect(arabic).toBe(new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)));
    expect(arabic).not.toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)));
    expect(arabic).not.toMatch(/Mar|PM|AM/);
  });

  it('is English without the extension API, takes a locale and a short style, and leaves a bad time as it is', () => {
    expect(dateLocale()).toBe('en');
    expect(formatLocalTime(iso)).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)));
    expect(formatLocalTime(iso, 'fr', 'short')).toBe(new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
    expect(formatLocalTime('not a time')).toBe('not a time');
  });

  it('falls back to English for a language Intl does not know', () => {
    vi.stubGlobal('chrome', { i18n: { getMessage: (key: string) => (key === 'ui_language' ? 'zz-invalid-!!' : ''), getUILanguage: () => 'en' } });
    expect(dateLocale()).toBe('en');
  });
});
