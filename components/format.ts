// Text shown in the capture lists: short previews, local times, grouped fingerprints. Pure functions, tested alone.
import { t } from '../utils/i18n/i18n';
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

/** A capture time in the reader's local time zone and locale; the UTC ISO string stays available as a title. */
export function formatLocalTime(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
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
