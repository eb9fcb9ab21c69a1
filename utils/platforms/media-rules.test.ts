import { describe, expect, it } from 'vitest';
import { replacePathSegment, sameMediaResource, withSearchParam } from './media-rules';
import { originalMediaUrl } from './x';

// Media URLs as they appear in the fixture pages (../shared/fixtures/pages), and the originals behind them.
const X_DISPLAYED = 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=medium';
const X_ORIGINAL = 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=orig';
const BSKY_THUMB = 'https://cdn.bsky.app/img/avatar_thumbnail/plain/did:plc:24xmtazrkaxh7kwx2ehginec/bafkreigk3dq7yrozxnllbgqe66sygzajqgvffhzc6lxbvsjanf3vp5uqdi@jpeg';
const IG_SRCSET =
  'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/sh0.08/e35/p640x640/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&oh=ec0d 640w,' +
  'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/sh0.08/e35/p750x750/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&oh=aa01 750w,' +
  'https://scontent-mad1-1.cdninstagram.com/v/t51.2885-15/e35/p1080x1080/192808438_308120607576085_8247727303942216319_n.jpg?tp=1&oh=bb02 1080w';

describe('media URL rules', () => {
  it('X: name=orig, on the fixture pages\' photo and card URLs', () => {
    expect(originalMediaUrl(X_DISPLAYED)).toBe(X_ORIGINAL);
    expect(originalMediaUrl('https://pbs.twimg.com/card_img/2015705388792918017/sQmPzqwO?format=jpg&name=900x900')).toBe(
      'https://pbs.twimg.com/card_img/2015705388792918017/sQmPzqwO?format=jpg&name=orig',
    );
    expect(withSearchParam(X_DISPLAYED, 'name', 'orig')).toBe(X_ORIGINAL);
  });

  it('Bluesky: a whole path segment swapped for the full-size one', () => {
    expect(replacePathSegment(BSKY_THUMB, 'avatar_thumbnail', 'avatar')).toBe(BSKY_THUMB.replace('/avatar_thumbnail/', '/avatar/'));
    expect(replacePathSegment('https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:x/cid@jpeg', 'feed_thumbnail', 'feed_fullsize')).toBe(
      'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:x/cid@jpeg',
    );
    expect(replacePathSegment(BSKY_THUMB, 'thumb', 'full')).toBe(BSKY_THUMB);
  });
});

describe('sameMediaResource', () => {
  it('matches a displayed size with its original', () => {
    expect(sameMediaResource(X_DISPLAYED, X_ORIGINAL)).toBe(true);
    const [small, , large] = IG_SRCSET.split(',').map((candidate) => candidate.split(' ')[0]!);
    expect(sameMediaResource(small!, large!)).toBe(true);
    expect(sameMediaResource(BSKY_THUMB, BSKY_THUMB.replace('/avatar_thumbnail/', '/avatar/'))).toBe(true);
    expect(sameMediaResource('https://preview.redd.it/a1b2c3d4e5f6g.jpg?width=640&s=1', 'https://i.redd.it/a1b2c3d4e5f6g.jpg')).toBe(true);
  });

  it('does not match different uploads, common file names, or other sites', () => {
    expect(sameMediaResource(X_DISPLAYED, 'https://pbs.twimg.com/media/OTHER?format=jpg&name=orig')).toBe(false);
    expect(sameMediaResource('https://i.ytimg.com/vi/aaa/hqdefault.jpg', 'https://i.ytimg.com/vi/bbb/hqdefault.jpg')).toBe(false);
    expect(sameMediaResource('https://evil.example/media/DPadOKpXcAIL-NW.jpg', 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW.jpg')).toBe(false);
    expect(sameMediaResource('data:image/png;base64,AAAA', 'data:image/png;base64,AAAB')).toBe(false);
  });
});
