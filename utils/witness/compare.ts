// Page against witness, field by field. Both values are always kept, so a reader sees what "agrees" rested on.
import type { CorroboratedField, CorroborationStatus, FieldVerdict, PostRecord, WitnessFieldName } from '../model';
import type { WitnessFields } from './source';

/**
 * Text as compared: Unicode NFC, invisible formatting characters that pages and APIs add or drop (zero-width space,
 * word joiner, byte-order mark, soft hyphen) removed, every run of whitespace (NBSP and line breaks included) one space,
 * trimmed. The zero-width joiner stays: it is part of emoji sequences.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/[\u200B\u2060\uFEFF\u00AD]/g, '').replace(/\s+/gu, ' ').trim();
}

/** A handle as compared: without a leading @, lower case (platforms treat handles case-insensitively). */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/**
 * Times agree when they name the same instant to the second; a time the page showed only as text ("2h", "Jan 30,
 * 3:04 PM") agrees within the minute it names.
 */
export function sameInstant(page: string, witness: string, pageSource: PostRecord['postedAtSource']): boolean | undefined {
  const a = Date.parse(page);
  const b = Date.parse(witness);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return Math.abs(a - b) < (pageSource === 'text' ? 60_000 : 1_000);
}

/** Media as the page counts it: a video's poster frame is part of its video, not a media item of its own. */
export function pageMedia(post: PostRecord): NonNullable<PostRecord['media']> {
  return (post.media ?? []).filter((item) => item.kind !== 'video-poster');
}

function verdictOf(page: string | undefined, witness: string | undefined, same: (a: string, b: string) => boolean | undefined): FieldVerdict {
  if (witness === undefined) return 'not-in-witness';
  if (page === undefined) return 'not-on-page';
  return same(page, witness) === true ? 'agrees' : 'differs';
}

function field(name: WitnessFieldName, page: string | undefined, witness: string | undefined, same: (a: string, b: string) => boolean | undefined): CorroboratedField {
  return {
    field: name,
    verdict: verdictOf(page, witness, same),
    ...(page !== undefined ? { page } : {}),
    ...(witness !== undefined ? { witness } : {}),
  };
}

export const FIELD_ORDER: readonly WitnessFieldName[] = ['authorId', 'authorHandle', 'postId', 'text', 'postedAt', 'mediaCount', 'mediaIds'];
const sameSet = (a: string, b: string) => [...new Set(a.split(' '))].sort().join(' ') === [...new Set(b.split(' '))].sort().join(' ');

/** How two values of a field are compared: the same rule for page against witness, and witness against witness. */
export function sameValue(name: WitnessFieldName, a: string, b: string, timeSource?: PostRecord['postedAtSource']): boolean | undefined {
  switch (name) {
    case 'authorHandle':
      return normalizeHandle(a) === normalizeHandle(b);
    case 'text':
      return normalizeText(a) === normalizeText(b);
    case 'postedAt':
      return sameInstant(a, b, timeSource);
    case 'mediaIds':
      return sameSet(a, b);
    default:
      return a === b;
  }
}

/** Each field the page and the witness can both speak to, in a fixed order. */
export function compareFields(post: PostRecord, witness: WitnessFields, mediaIdOf: (url: string) => string | undefined): CorroboratedField[] {
  const media = pageMedia(post);
  // Ids from every media URL the page gave, posters included: a video played from a blob: URL is named by its poster.
  const pageIds = [...new Set((post.media ?? []).map((item) => mediaIdOf(item.url)).filter((id): id is string => id !== undefined))];
  const pageValues: Record<WitnessFieldName, string | undefined> = {
    authorId: post.author?.id,
    authorHandle: post.author?.handle,
    postId: post.id,
    text: post.text,
    postedAt: post.postedAt,
    mediaCount: String(media.length),
    mediaIds: pageIds.length > 0 || media.length === 0 ? pageIds.join(' ') : undefined,
  };
  const witnessValues: Record<WitnessFieldName, string | undefined> = {
    ...witness,
    mediaCount: witness.mediaCount === undefined ? undefined : String(witness.mediaCount),
    // The ids are compared as a set: a page and an API may list a gallery in different orders.
    mediaIds: witness.mediaIds?.join(' '),
  } as Record<WitnessFieldName, string | undefined>;
  return FIELD_ORDER.map((name) => field(name, pageValues[name], witnessValues[name], (a, b) => sameValue(name, a, b, post.postedAtSource)));
}

/** `differs` as soon as one field both hold disagrees; otherwise `agrees`. */
export function statusOf(fields: readonly CorroboratedField[]): Extract<CorroborationStatus, 'agrees' | 'differs'> {
  return fields.some((f) => f.verdict === 'differs') ? 'differs' : 'agrees';
}
