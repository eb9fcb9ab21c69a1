import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatMessage, t, tCount } from './i18n';

const LOCALES = join(__dirname, '..', '..', 'public', '_locales');
const messages = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

describe('interface languages', () => {
  it('every language defines exactly the English keys, with the same $n substitutions and a direction', () => {
    const english = messages('en');
    const langs = readdirSync(LOCALES);
    expect(langs).toEqual(expect.arrayContaining(['en', 'ar']));
    for (const lang of langs) {
      const other = messages(lang);
      expect(Object.keys(other).sort(), lang).toEqual(Object.keys(english).sort());
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
