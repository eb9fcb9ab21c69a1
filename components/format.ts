// Text shown in the capture lists: short previews, local times, grouped fingerprints. Pure functions, tested alone.
import { t, uiLocale } from '../utils/i18n/i18n';
import { formatOffset, type ClockReading, type OffsetUnits } from '../utils/provenance/clock-compare';

const PREVIEW_CHARS = 140;

/** The first words of a post, cut at a word boundary, on one line. */
export function previewText(text: string | undefined, limit = PREVIEW_CHARS): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/**
 * The locale dates are written in: the interface language the extension shows (its messages' ui_language, so an
 * Arabic interface writes Arabic dates even where the browser reports en-US), kept as the language only.
 */
export function dateLocale(): string {
  const { lang } = uiLocale();
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([lang]).length > 0 ? lang : 'en';
  } catch {
    return 'en';
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One cached formatter per locale and style: building one per call (toLocaleString) costs more than the rest of a
 * list row. `medium` gives seconds (a capture's time), `short` hours and minutes (dense lists).
 */
export function dateTimeFormat(style: 'medium' | 'short' = 'medium', locale: string = dateLocale()): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: style });
    formatters.set(key, format);
  }
  return format;
}

/**
 * A time in the reader's local time zone, written in the interface language (not the browser's); evidence keeps
 * the UTC ISO string beside it (a `<time dateTime>` and a title).
 */
export function formatLocalTime(iso: string, locale?: string, style: 'medium' | 'short' = 'medium'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(style, locale ?? dateLocale()).format(date);
}

/** A key id (64 hex digits) in groups of four, so two people can read it to each other. */
export function groupFingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join(' ') ?? keyId;
}

/** "@handle", whether or not the stored handle carries the @ already. */
export function atHandle(handle: string): string {
  return `@${handle.replace(/^@/, '')}`;
}

/** "1 capture", "3 captures". */
export function countLabel(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A clock reading's name in the interface language: the collector's, the platform server's, or an authority's. */
export function clockLabel(reading: Pick<ClockReading, 'source' | 'tsaName' | 'label'>): string {
  if (reading.source === 'collector') return t('clock_collector');
  if (reading.source === 'server') return t('clock_server');
  return t('clock_tsa', reading.tsaName ?? reading.label);
}

/** "+3 s", "−1 min 12 s", "same second", in the interface language. */
export function localOffset(ms: number): string {
  const units: OffsetUnits = {
    sameSecond: t('offset_same_second'),
    hours: (n) => t('offset_hours', n),
    minutes: (n) => t('offset_minutes', n),
    seconds: (n) => t('offset_seconds', n),
  };
  return formatOffset(ms, units);
}
