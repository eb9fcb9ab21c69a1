// Guards the interface languages: the messages files agree with each other, every t('key') in the source names a
// message that exists, and no English text is left hard-coded in the pages' JSX (text, aria-label, title, …).
// Adding a language is adding one public/_locales/<lang>/messages.json: these checks then cover it as well.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { EXTRA_PLURAL_CATEGORIES, formatMessage, t, tCount, tParts, uiLocale } from './i18n';

const ROOT = join(__dirname, '..', '..');
const LOCALES = join(ROOT, 'public', '_locales');

interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}
const messages = (lang: string) => JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Record<string, MessageEntry>;
const LANGS = readdirSync(LOCALES).filter((name) => statSync(join(LOCALES, name)).isDirectory());

/** $1…$9 substitutions and named $placeholder$ references in a message. */
function placeholdersOf(entry: MessageEntry): string[] {
  const numbered = entry.message.match(/\$[1-9]/g) ?? [];
  const named = (entry.message.match(/\$[A-Za-z0-9_@]+\$/g) ?? []).map((p) => p.toLowerCase());
  return [...new Set([...numbered, ...named])].sort();
}

/** The stems English words as plurals (`<stem>_one` and `<stem>_other`): the keys tCount takes. */
const pluralStems = (english: Record<string, MessageEntry>) =>
  new Set(Object.keys(english).flatMap((key) => (key.endsWith('_other') && `${key.slice(0, -'_other'.length)}_one` in english ? [key.slice(0, -'_other'.length)] : [])));
const CATEGORY_KEY = new RegExp(`^(.+)_(${EXTRA_PLURAL_CATEGORIES.join('|')})$`);

/**
 * The keys of `other` that English lacks, split into the plural forms a language may add (`<stem>_zero|_two|_few|_many`
 * where English has `<stem>_one` and `<stem>_other`, e.g. Arabic's dual) and the stray ones (anything else, such as
 * `foo_two` with no `foo_other`). Each extra form must use `<stem>_other`'s placeholders; `_zero` and `_two` may leave
 * out $1, as `_one` may: the form itself says the number ("لقطتان").
 */
function extraKeys(english: Record<string, MessageEntry>, other: Record<string, MessageEntry>) {
  const stems = pluralStems(english);
  const plural: string[] = [];
  const stray: string[] = [];
  const placeholderMismatch: string[] = [];
  for (const key of Object.keys(other)) {
    if (key in english) continue;
    const [, stem, category] = CATEGORY_KEY.exec(key) ?? [];
    if (!stem || !stems.has(stem)) {
      stray.push(key);
      continue;
    }
    plural.push(key);
    const optional = category === 'zero' || category === 'two' ? ['$1'] : [];
    const wanted = placeholdersOf(english[`${stem}_other`]!).filter((p) => !optional.includes(p));
    const used = placeholdersOf(other[key]!).filter((p) => !optional.includes(p));
    if (used.join() !== wanted.join()) placeholderMismatch.push(`${key}: ${used.join(' ')} instead of ${wanted.join(' ')}`);
  }
  return { plural, stray, placeholderMismatch };
}

function sourceFiles(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path, test);
    return test(entry.name) ? [path] : [];
  });
}
const isSource = (name: string) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts');
const ALL_SOURCES = ['components', 'entrypoints', 'utils'].flatMap((dir) => sourceFiles(join(ROOT, dir), isSource));
const UI_SOURCES = ['components', 'entrypoints'].flatMap((dir) => sourceFiles(join(ROOT, dir), (name) => name.endsWith('.tsx') && !/\.test\.tsx$/.test(name)));

describe('messages files', () => {
  const english = messages('en');

  it('has English and Arabic, each naming its language and direction', () => {
    expect(LANGS).toEqual(expect.arrayContaining(['en', 'ar']));
    expect(messages('ar').ui_direction?.message).toBe('rtl');
    expect(english.ui_direction?.message).toBe('ltr');
  });

  it.each(LANGS)('%s has exactly the English keys (plus its plural forms), each with a non-empty message and a description', (lang) => {
    const other = messages(lang);
    const { plural, stray } = extraKeys(english, other);
    expect(stray, `${lang}: keys English lacks that are no plural form of an English plural`).toEqual([]);
    expect(Object.keys(other).filter((key) => !plural.includes(key)).sort()).toEqual(Object.keys(english).sort());
    for (const [key, entry] of Object.entries(other)) {
      expect(entry.message.trim(), `${lang}:${key} message`).not.toBe('');
      expect(entry.description?.trim() ?? '', `${lang}:${key} description`).not.toBe('');
      // chrome.i18n keys: ASCII letters, digits and underscores.
      expect(key, `${lang}:${key}`).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });

  it.each(LANGS.filter((lang) => lang !== 'en'))('%s uses the same placeholders as English, in both directions', (lang) => {
    const other = messages(lang);
    for (const [key, entry] of Object.entries(english)) {
      const translated = other[key];
      if (!translated) continue; // reported by the key test
      // A plural "one" form may spell the number out ("لقطة واحدة") instead of $1.
      const ignore = key.endsWith('_one') ? ['$1'] : [];
      const mine = placeholdersOf(entry).filter((p) => !ignore.includes(p));
      const theirs = placeholdersOf(translated).filter((p) => !ignore.includes(p));
      expect(theirs, `${lang}:${key} uses a placeholder English lacks, or lacks one English uses`).toEqual(mine);
    }
    expect(extraKeys(english, other).placeholderMismatch, `${lang}: plural forms with other placeholders than <stem>_other`).toEqual([]);
  });

  it.each(LANGS)('%s words every plural category its language has, for every plural message', (lang) => {
    const other = messages(lang);
    // `zero` may read `_other` ("0 لقطة"); the others are grammar: Arabic "2 لقطة" or "3 لقطة" is wrong.
    const needed = new Intl.PluralRules(other.ui_language!.message).resolvedOptions().pluralCategories.filter((category) => category !== 'zero');
    const missing = [...pluralStems(english)].flatMap((stem) => needed.map((category) => `${stem}_${category}`).filter((key) => !(key in other)));
    expect(missing).toEqual([]);
    if (lang === 'ar') expect(needed.sort()).toEqual(['few', 'many', 'one', 'other', 'two']);
  });

  it('tells plural forms from stray keys, and checks their placeholders', () => {
    const english = { foo_one: { message: '$1 file in $2' }, foo_other: { message: '$1 files in $2' }, bar_other: { message: 'Other ($1)' } };
    const other = {
      ...english,
      foo_two: { message: 'ملفان في $2' },
      foo_few: { message: '$1 ملفات' },
      foo_many: { message: '$1 ملفًا في $2' },
      baz_two: { message: 'x' },
      bar_two: { message: 'y' },
      foo_dual: { message: 'z' },
    };
    expect(extraKeys(english, other)).toEqual({
      plural: ['foo_two', 'foo_few', 'foo_many'],
      stray: ['baz_two', 'bar_two', 'foo_dual'],
      placeholderMismatch: ['foo_few: $1 instead of $1 $2'],
    });
  });
});

describe('t() keys in the source', () => {
  const keys = new Set(Object.keys(messages('en')));

  it('every t(…) / tCount(…) call names an existing message', () => {
    const missing: string[] = [];
    let calls = 0;
    for (const file of ALL_SOURCES) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*['"`]([^'"`]+)['"`]/g)) {
        calls += 1;
        if (!keys.has(match[1]!)) missing.push(`${relative(ROOT, file)}: t('${match[1]}')`);
      }
      for (const match of text.matchAll(/\btCount\(\s*['"`]([^'"`]+)['"`]/g)) {
        calls += 1;
        for (const form of ['_one', '_other']) if (!keys.has(match[1]! + form)) missing.push(`${relative(ROOT, file)}: tCount('${match[1]}') needs ${match[1]}${form}`);
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});

/**
 * Literals that may stay as they are, with the reason. Everything else with a Latin word in a JSX text node, or in an
 * attribute a person reads or hears, goes through t().
 */
const ALLOWED_LITERALS: Record<string, string> = {
  PostProof: 'the product name, written the same in every language',
  'https://tsa.example.org/tsr': 'an example address (placeholder of the own-authority field), the same in every language',
};

/** Attributes and component props whose value is shown to or read out for a person. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'unavailable']);
const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text) && !(text.trim() in ALLOWED_LITERALS);

/** String literals inside `node`, skipping the arguments of t()/tCount() (keys, not text). */
function literalsIn(node: ts.Node, found: ts.Node[] = []): ts.Node[] {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && ['t', 'tCount'].includes(node.expression.text)) return found;
  // A JSX element inside an expression is checked on its own.
  if (ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxFragment(node)) return found;
  // Comparisons and lookups use literals as values, not as text (`state === 'done'`, `record['x']`).
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword].includes(node.operatorToken.kind)) return found;
  // A lone lowercase identifier ('failed', 'name', 'verdict') is a value or a key, not a sentence.
  if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && /^[a-z][a-z0-9_-]*$/.test(node.text)) return found;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node);
  else if (ts.isTemplateExpression(node)) found.push(node.head, ...node.templateSpans.map((span) => span.literal));
  ts.forEachChild(node, (child) => void literalsIn(child, found));
  return found;
}

function hardCodedText(file: string, code = readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const shown = text.replace(/\s+/g, ' ').trim();
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push(`${relative(ROOT, file)}:${line + 1}: ${JSON.stringify(shown)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of literalsIn(node.expression)) if (hasWords(literal.getText(source).slice(1, -1))) report(literal, literal.getText(source));
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(source)) && node.initializer) {
      const { initializer } = node;
      const literals = ts.isStringLiteral(initializer) ? [initializer] : ts.isJsxExpression(initializer) && initializer.expression ? literalsIn(initializer.expression) : [];
      for (const literal of literals) if (hasWords(literal.getText(source).slice(1, -1))) report(literal, literal.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no hard-coded English in the interface', () => {
  it('finds the .tsx files of components/ and entrypoints/', () => {
    expect(UI_SOURCES.length).toBeGreaterThan(15);
  });

  it('has no English JSX text or read-out attribute outside t()', () => {
    expect(UI_SOURCES.flatMap((file) => hardCodedText(file))).toEqual([]);
  });

  it('the scanner catches text, read-out attributes and literals inside expressions, not keys or values', () => {
    const scan = (code: string) => hardCodedText(join(ROOT, 'sample.tsx'), code).length;
    expect(scan('const a = <p>Hello there</p>;')).toBe(1);
    expect(scan('const a = <p>{ok ? "Passed" : t("failed")}</p>;')).toBe(1);
    expect(scan('const a = <p>{`Saved ${name}`}</p>;')).toBe(1);
    expect(scan('const a = <img alt="Screenshot" src={url} />;')).toBe(1);
    expect(scan('const a = <Bar label={busy ? "Export progress" : t("x")} />;')).toBe(1);
    expect(scan('const a = <p data-testid="export-status" class="hint status">{t("export_cancelled")} · </p>;')).toBe(0);
    expect(scan('const a = <p>{state === "done" ? t("a") : t("b")}</p>;')).toBe(0);
    expect(scan('const a = <p>{"verdict" in report ? t("a") : mode}</p>;')).toBe(0);
    expect(scan('const a = <h1>PostProof</h1>;')).toBe(0);
  });
});

describe('an Arabic interface through chrome.i18n', () => {
  const arabic = messages('ar');
  const g = globalThis as { chrome?: unknown };
  afterEach(() => {
    delete g.chrome;
  });
  const useArabic = () => {
    g.chrome = {
      i18n: {
        getMessage: (key: string, substitutions: string[] = []) => (arabic[key] ? formatMessage(arabic[key]!.message, substitutions) : ''),
        getUILanguage: () => 'en-US',
      },
    };
  };

  it('reads the Arabic messages, right to left, with numbers and names in place', () => {
    useArabic();
    expect(uiLocale()).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(t('site_always_on', 'https://social.example')).toBe('سيعمل PostProof على https://social.example من الآن فصاعدًا.');
    expect(tCount('page_posts', 1)).toBe('يمكن حفظ منشور واحد في هذه الصفحة بزر «حفظ» الخاص به.');
    expect(tCount('page_posts', 7)).toContain('7');
    expect(tParts('verify_capture_line', 2)).toEqual([0, '، التُقطت في ', 1]);
  });

  it('keeps a sentence whole around elements, in English too', () => {
    expect(tParts('verify_unreadable', 1)).toEqual([0, ' could not be checked as a PostProof bundle.']);
    expect(tParts('checks_heading_failed', 2)).toEqual(['Checks (', 0, ' failed of ', 1, ')']);
  });
});
