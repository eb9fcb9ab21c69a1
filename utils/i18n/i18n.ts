// Interface text through chrome.i18n: `t(key, substitutions)` reads public/_locales/<lang>/messages.json for the
// browser's UI language. Where there is no chrome.i18n (unit tests, Node) it reads a table registered with
// setFallbackMessages: utils/i18n/english.ts registers the English file, so text is never a key. The extension's
// bundles never carry that table (51 KB): there chrome.i18n always answers, in content scripts too.
import type english from '../../public/_locales/en/messages.json';

export interface MessageEntry {
  message: string;
  description?: string;
}

type I18nApi = { getMessage(key: string, substitutions?: string | string[]): string; getUILanguage(): string };

let fallback: Readonly<Record<string, MessageEntry>> = {};

/** The messages t() reads where chrome.i18n is absent (see utils/i18n/english.ts). */
export function setFallbackMessages(messages: Readonly<Record<string, MessageEntry>>): void {
  fallback = messages;
}

/** The message keys every language file defines (the English file is the reference). */
export type MessageKey = keyof typeof english;

function extensionI18n(): I18nApi | undefined {
  const api = (globalThis as { chrome?: { i18n?: Partial<I18nApi> } }).chrome?.i18n;
  return typeof api?.getMessage === 'function' && typeof api.getUILanguage === 'function' ? (api as I18nApi) : undefined;
}

/** chrome.i18n's substitution rules for the fallback: $1…$9 are the substitutions, $$ is a dollar sign. */
export function formatMessage(message: string, substitutions: readonly string[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_match, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** The interface text for `key` in the browser's language, with `substitutions` in place of $1, $2, … */
export function t(key: MessageKey, substitutions?: string | number | readonly (string | number)[]): string {
  const values = substitutions === undefined ? [] : (Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  return lookup(key, values) ?? key;
}

/**
 * The message `key` in the language shown, from chrome.i18n (which answers '' for a key it lacks) or else the
 * fallback table; undefined where neither has it. Takes any string: tCount asks for keys only some languages define.
 */
function lookup(key: string, values: string[]): string | undefined {
  const translated = extensionI18n()?.getMessage(key, values);
  if (translated) return translated;
  const entry = fallback[key];
  return entry ? formatMessage(entry.message, values) : undefined;
}

/**
 * A message cut at its substitutions, for a page that puts an element (a `<code>` file name, a `<time>`) where $n
 * stands: strings stay text, numbers are the 0-based index of the substitution that goes there. The sentence stays
 * one message, so each language orders it freely.
 */
export function tParts(key: MessageKey, count: number): (string | number)[] {
  const marks = Array.from({ length: count }, (_unused, index) => `\uE000${index}\uE001`);
  return t(key, marks)
    .split(/(\uE000\d+\uE001)/)
    .filter((part) => part !== '')
    .map((part) => (/^\uE000\d+\uE001$/.test(part) ? Number(part.slice(1, -1)) : part));
}

/** The message stems that have both plural forms, `<stem>_one` and `<stem>_other`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Stem}_one` ? (`${Stem}_other` extends MessageKey ? Stem : never) : never }[MessageKey];

/** The CLDR plural categories a language may word beyond `_one` and `_other`, e.g. Arabic's dual and its 3–10 and 11–99 forms. */
export const EXTRA_PLURAL_CATEGORIES = ['zero', 'two', 'few', 'many'] as const;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) {
    try {
      rules = new Intl.PluralRules(lang);
    } catch {
      rules = new Intl.PluralRules('en'); // a malformed language tag
    }
    pluralRules.set(lang, rules);
  }
  return rules.select(count);
}

/**
 * "1 capture" / "3 captures" / Arabic "لقطتان", "3 لقطات", "11 لقطةً": the key names the forms `<key>_one` and
 * `<key>_other`, which every language has, and `<key>_zero|_two|_few|_many`, which a language adds where its plural
 * rules (CLDR, through Intl.PluralRules for the language shown) need them. $1 is the count; `substitutions` fill $2, $3, …
 * `_one` is for exactly 1 (it may spell the number out); a category the shown messages lack reads `_other`.
 */
export function tCount(key: PluralKey, count: number, substitutions: readonly (string | number)[] = []): string {
  if (count !== 1) {
    const category = pluralCategory(uiLocale().lang, count);
    if ((EXTRA_PLURAL_CATEGORIES as readonly string[]).includes(category)) {
      const form = lookup(`${key}_${category}`, [count, ...substitutions].map(String));
      if (form !== undefined) return form;
    }
  }
  return t(count === 1 ? `${key}_one` : `${key}_other`, [count, ...substitutions]);
}

/**
 * The language (BCP 47) and writing direction of the messages the browser chose for this extension. Each messages
 * file names its own (`ui_language`, `ui_direction`): the layout follows the language actually shown, also where
 * the browser's UI locale differs from the messages' (headless Chromium reports en-US and `@@bidi_dir` ltr while
 * LANGUAGE=ar selects the Arabic messages). `@@bidi_dir` and getUILanguage() are the fallback.
 */
export function uiLocale(): { lang: string; dir: 'ltr' | 'rtl' } {
  const api = extensionI18n();
  if (!api) return { lang: 'en', dir: 'ltr' };
  const named = api.getMessage('ui_direction');
  const dir = named === 'rtl' || named === 'ltr' ? named : api.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  return { lang: api.getMessage('ui_language') || api.getUILanguage() || 'en', dir };
}

/** Sets `lang` and `dir` on the page's root element, so an Arabic interface lays out right to left. */
export function applyUiLocale(root: HTMLElement = document.documentElement): void {
  const { lang, dir } = uiLocale();
  root.lang = lang;
  root.dir = dir;
}
