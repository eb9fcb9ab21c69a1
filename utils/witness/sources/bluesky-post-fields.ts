// The fields of an app.bsky.feed.post record (decoded DAG-CBOR) that the witness compares with the page.
// Lexicon: https://github.com/bluesky-social/atproto/tree/main/lexicons/app/bsky (feed/post.json, embed/*.json).
import { isCidLink } from '@atcute/cid';
import type { WitnessFields } from '../source';
import { isObject } from './common';

export const POST_COLLECTION = 'app.bsky.feed.post';

/** text, postedAt and media of a post record; `type` is its `$type`, for the caller to check. */
export function postFields(record: unknown): { type?: string; fields: WitnessFields } {
  if (!isObject(record)) return { fields: {} };
  const fields: WitnessFields = {};
  if (typeof record.text === 'string') fields.text = record.text;
  if (typeof record.createdAt === 'string') fields.postedAt = isoTime(record.createdAt);
  const media = mediaOf(record.embed);
  fields.mediaCount = media.length;
  fields.mediaIds = media;
  return { ...(typeof record.$type === 'string' ? { type: record.$type } : {}), fields };
}

/**
 * The blob CIDs of the post's own media, in the record's order, counted as the page adapter counts them
 * (utils/platforms/bluesky.ts puts each shown image, a link card's thumbnail and a video's poster in post.media):
 *  - app.bsky.embed.images: one per image (`images[].image.ref`);
 *  - app.bsky.embed.video: one, the video blob (`video.ref`); the page's poster URL carries the same CID
 *    (video.bsky.app/watch/<did>/<cid>/thumbnail.jpg), which is how the two are matched by id;
 *  - app.bsky.embed.external: the link card's thumbnail (`external.thumb.ref`) when it has one — the page lists
 *    it as a `card-image`; a card without thumbnail shows no image and counts none;
 *  - app.bsky.embed.recordWithMedia: the `media` part as above; the quoted post's media are the quoted post's,
 *    as the adapter leaves them out too;
 *  - app.bsky.embed.record (a quote alone) and no embed: none.
 */
function mediaOf(embed: unknown): string[] {
  if (!isObject(embed)) return [];
  switch (embed.$type) {
    case 'app.bsky.embed.images':
      return (Array.isArray(embed.images) ? embed.images : []).flatMap((image: unknown) =>
        isObject(image) ? blobCid(image.image) : [],
      );
    case 'app.bsky.embed.video':
      return blobCid(embed.video);
    case 'app.bsky.embed.external':
      return isObject(embed.external) ? blobCid(embed.external.thumb) : [];
    case 'app.bsky.embed.recordWithMedia':
      return mediaOf(embed.media);
    default:
      return [];
  }
}

/** A blob's CID: `{$type: 'blob', ref: <cid-link>}`, or the legacy `{cid: '...'}` form of early records. */
function blobCid(blob: unknown): string[] {
  if (!isObject(blob)) return [];
  if (isCidLink(blob.ref)) return [blob.ref.$link];
  return typeof blob.cid === 'string' ? [blob.cid] : [];
}

/** createdAt as the page's ISO form (UTC, milliseconds); kept as written when it is no date at all. */
function isoTime(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
