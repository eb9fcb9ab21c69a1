import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, t, tCount } from './i18n';

const LOCALES = join(__dirname, '..', '..', 'public', '_locales');
const messages = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('interface languages', () => {
  it('every language defines exactly the English keys (plus plural forms), with the same $n substitutions and a direction', () => {
    const english = messages('en');
    const langs = readdirSync(LOCALES);
    expect(langs).toEqual(expect.arrayContaining(['en', 'ar']));
    for (const lang of langs) {
      const other = messages(lang);
      // `<stem>_zero|_two|_few|_many`: plural forms only some languages need (coverage.test.ts checks them).
      const keys = Object.keys(other).filter((key) => key in english || !/_(zero|two|few|many)$/.test(key));
      expect(keys.sort(), lang).toEqual(Object.keys(english).sort());
      for (const [key, { message }] of Object.entries(english)) {
        const placeholders = (text: string) => [...new Set(text.match(/\$[1-9]/g) ?? [])].sort();
        // Plural "one" forms may spell the number out.
        if (!key.endsWith('_one')) expect(placeholders(other[key]!.message), `${lang}:${key}`).toEqual(placeholders(message));
      }
      expect(['ltr', 'rtl']).toContain(other.ui_direction!.message);
    }
    expect(messages('ar').ui_direction!.message).toBe('rtl');
  });

  it('falls back to English outside the extension, with chrome.i18n substitution rules', () => {
    expect(t('dashboard_title')).toBe('PostProof captures');
    expect(t('count_matching', [3, '10 captures', '1 selected'])).toBe('3 of 10 captures match; 1 selected.');
    expect(tCount('count_captures', 1)).toBe('1 capture');
    expect(tCount('count_captures', 2)).toBe('2 captures');
    expect(formatMessage('costs $$5 for $1', ['you'])).toBe('costs $5 for you');
  });

  it('keeps the English file out of the extension: i18n.ts reads only its keys, and no shipped file registers it', () => {
    const root = join(__dirname, '..', '..');
    const source = readFileSync(join(__dirname, 'i18n.ts'), 'utf8');
    expect(source).toMatch(/^import type english from '\.\.\/\.\.\/public\/_locales\/en\/messages\.json';$/m);
    expect(source).not.toMatch(/^import (?!type )[^\n]*messages\.json/m);
    const shipped = ['entrypoints', 'components', 'utils'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => join(dir, file)),
    );
    const registering = shipped.filter(
      (file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && /from '[^']*\/english'/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(registering).toEqual([]);
  });
});

describe('plural forms (CLDR categories through Intl.PluralRules)', () => {
  const g = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete g.chrome;
  });
  /** chrome.i18n as the extension meets it: one messages file, '' for a key it lacks, $1… substituted. */
  const serve = (lang: string) => {
    const file = messages(lang);
    g.chrome = {
      i18n: {
        getMessage: (key: string, substitutions: string[] = []) => (file[key] ? formatMessage(file[key]!.message, substitutions) : ''),
        getUILanguage: () => 'en-US',
      },
    };
  };
  const counts = [0, 1, 2, 3, 10, 11, 99, 100, 101];
  const forms = (key: Parameters<typeof tCount>[0], substitutions: string[] = []) => counts.map((n) => tCount(key, n, substitutions));

  it('words Arabic numbers as Arabic does: none, one, the dual, 3–10, 11–99, 100 and up', () => {
    serve('ar');
    expect(forms('count_captures')).toEqual(['لا لقطات', 'لقطة واحدة', 'لقطتان', '3 لقطات', '10 لقطات', '11 لقطةً', '99 لقطةً', '100 لقطة', '101 لقطة']);
    // The categories follow n % 100, as CLDR says: 103 is "few", 111 "many", 102 "other".
    expect([102, 103, 111, 1000].map((n) => tCount('count_captures', n))).toEqual(['102 لقطة', '103 لقطات', '111 لقطةً', '1000 لقطة']);
    expect(forms('verify_people_changed', ['a.json'])).toEqual([
      'تغيّر 0 ملف (a.json)',
      'تغيّر ملف واحد (a.json)',
      'تغيّر ملفان (a.json)',
      'تغيّر 3 ملفات (a.json)',
      'تغيّر 10 ملفات (a.json)',
      'تغيّر 11 ملفًا (a.json)',
      'تغيّر 99 ملفًا (a.json)',
      'تغيّر 100 ملف (a.json)',
      'تغيّر 101 ملف (a.json)',
    ]);
  });

  it('reads `_other` where a language has no form for the category', () => {
    serve('ar');
    // verify_people_changed has no `_zero`: 0 is worded as "other" is.
    expect(messages('ar').verify_people_changed_zero).toBeUndefined();
    expect(tCount('verify_people_changed', 0, ['x'])).toBe(formatMessage(messages('ar').verify_people_changed_other!.message, ['0', 'x']));
  });

  it('leaves English as it was, through chrome.i18n and through the fallback table', () => {
    const english = ['0 captures', '1 capture', '2 captures', '3 captures', '10 captures', '11 captures', '99 captures', '100 captures', '101 captures'];
    expect(forms('count_captures')).toEqual(english);
    serve('en');
    expect(forms('count_captures')).toEqual(english);
    expect(tCount('verify_people_changed', 2, ['a.json'])).toBe('2 files changed (a.json)');
  });
});
