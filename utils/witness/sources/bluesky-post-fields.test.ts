import { describe, expect, it } from 'vitest';
import * as CBOR from '@atcute/cbor';
import * as CID from '@atcute/cid';
import { postFields } from './bluesky-post-fields';

const a = 'bafkreialfqefcq2xoumlw6ulbkfbamombpf5g56x3oncuxulwelcm6332i';
const b = 'bafkreicvw6wztjxyhdve5viri54bevoj2pdiks2hm3qxvscnlf74if5ytm';
const blob = (cid: string) => ({ $type: 'blob', ref: CID.toCidLink(CID.fromString(cid)), mimeType: 'image/jpeg', size: 1 });
/** A record as it comes out of the CAR: through DAG-CBOR, so blob refs are CID links as decoded. */
const decoded = (record: object): unknown => CBOR.decode(CBOR.encode(record));

describe('post record fields', () => {
  it('reads text, createdAt as ISO UTC, and images in order', () => {
    const record = decoded({
      $type: 'app.bsky.feed.post',
      text: 'two photos',
      createdAt: '2026-01-27T08:55:44.454+09:00',
      embed: { $type: 'app.bsky.embed.images', images: [{ alt: '', image: blob(b) }, { alt: '', image: blob(a) }] },
    });
    expect(postFields(record)).toEqual({
      type: 'app.bsky.feed.post',
      fields: { text: 'two photos', postedAt: '2026-01-26T23:55:44.454Z', mediaCount: 2, mediaIds: [b, a] },
    });
  });

  it('counts a video, a link card thumbnail, and the media of a quote with media, but not the quoted post', () => {
    const quote = { $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:x/app.bsky.feed.post/3k', cid: a } };
    const cases: [object, string[]][] = [
      [{ $type: 'app.bsky.embed.video', video: blob(a) }, [a]],
      [{ $type: 'app.bsky.embed.external', external: { uri: 'https://example.org', title: '', description: '', thumb: blob(b) } }, [b]],
      [{ $type: 'app.bsky.embed.external', external: { uri: 'https://example.org', title: '', description: '' } }, []],
      [{ $type: 'app.bsky.embed.recordWithMedia', record: quote, media: { $type: 'app.bsky.embed.images', images: [{ alt: '', image: blob(b) }] } }, [b]],
      [quote, []],
    ];
    for (const [embed, ids] of cases) {
      const { fields } = postFields(decoded({ $type: 'app.bsky.feed.post', text: '', createdAt: '2026-01-01T00:00:00Z', embed }));
      expect([fields.mediaCount, fields.mediaIds]).toEqual([ids.length, ids]);
    }
  });

  it('keeps a createdAt that is no date as written, and reads nothing from a non-object', () => {
    expect(postFields(decoded({ text: 'x', createdAt: 'yesterday' })).fields.postedAt).toBe('yesterday');
    expect(postFields('text')).toEqual({ fields: {} });
  });
});
