// @vitest-environment node
// X-specific rules: original-resolution media URLs, and a post whose layout lost its permalink or author.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import type { PostRecord } from '../model';
import { adapterForUrl } from './index';
import { originalMediaUrl } from './x';

describe('originalMediaUrl', () => {
  it('asks pbs.twimg.com for the original upload and keeps the format', () => {
    expect(originalMediaUrl('https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=medium')).toBe(
      'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=orig',
    );
    expect(originalMediaUrl('https://pbs.twimg.com/card_img/2015705388792918017/sQmPzqwO?format=jpg&name=900x900')).toBe(
      'https://pbs.twimg.com/card_img/2015705388792918017/sQmPzqwO?format=jpg&name=orig',
    );
    expect(originalMediaUrl('https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg')).toBe(
      'https://pbs.twimg.com/media/DRg1OMRVwAEuwTK.jpg?name=orig',
    );
  });

  it('leaves other hosts and blob: URLs alone', () => {
    expect(originalMediaUrl('https://video.twimg.com/tweet_video/abc.mp4?name=small')).toBe(
      'https://video.twimg.com/tweet_video/abc.mp4?name=small',
    );
    expect(originalMediaUrl('blob:https://x.com/ae91e416-b593-411d-85de-1dd20a3fe182')).toBe(
      'blob:https://x.com/ae91e416-b593-411d-85de-1dd20a3fe182',
    );
  });
});

describe.skipIf(!hasFixturePages)('a post whose layout changed (required parts removed from a real page)', () => {
  const file = 'x_status_image_UaSmart_2017-11-24_es.metascraper.html';
  const pageUrl = 'https://x.com/UaSmart/status/934106870834454529';

  function extractWithout(removed: string[]): Promise<PostRecord> {
    return withFixtureDocument('x', file, pageUrl, (document) => {
      const adapter = adapterForUrl(new URL(pageUrl));
      const post = adapter && document.querySelector(adapter.postSelector);
      if (!adapter || !post) throw new Error('The fixture no longer holds an X post.');
      for (const selector of removed) {
        const found = post.querySelectorAll(selector);
        expect(found.length, selector).toBeGreaterThan(0);
        found.forEach((el) => el.remove());
      }
      return adapter.extract(post, new URL(pageUrl));
    });
  }

  it('without the author block: generic, author listed as missing, the rest kept', async () => {
    const record = await extractWithout(['[data-testid="User-Name"]']);
    expect(record.platform).toBe('generic');
    expect(record.missingFields).toEqual(['author']);
    expect(record.author).toBeUndefined();
    expect(record.url).toBe(pageUrl);
    expect(record.id).toBe('934106870834454529');
  });

  it('without the timestamp link and the author block: no permalink is invented from other status links', async () => {
    // The photo link (/UaSmart/status/…/photo/1) stays in place: it must not stand in for the permalink.
    const record = await extractWithout(['a[href$="/status/934106870834454529"]', '[data-testid="User-Name"]']);
    expect(record.platform).toBe('generic');
    expect(record.missingFields).toEqual(['url', 'author']);
    expect(record.url).toBeUndefined();
    expect(record.id).toBeUndefined();
    expect(record.postedAt).toBeUndefined();
    expect(record.text).toMatch(/^Y terminamos el dia/);
    expect(record.media).toEqual([
      { kind: 'photo', url: 'https://pbs.twimg.com/media/DPadOKpXcAIL-NW?format=jpg&name=orig' },
    ]);
  });
});

// X renamed the author block's test id: `User-Names` on pages of 2022 (seen in real saved markup of that year:
// rvinowise/twitter_bot, a tweet of 2022-10-06), `User-Name` on every page of the corpus (rendered 2025–26). No whole
// page of 2022 is in the shared corpus yet, so the older generation is made from a real page by putting back only the
// older test id; every other byte stays the platform's.
describe.skipIf(!hasFixturePages)('the author block of an older generation (User-Names)', () => {
  const file = 'x_status_image_UaSmart_2017-11-24_es.metascraper.html';
  const pageUrl = 'https://x.com/UaSmart/status/934106870834454529';

  it('reads the author, permalink and media the same from a page whose block is User-Names', async () => {
    const record = await withFixtureDocument('x', file, pageUrl, (document) => {
      const blocks = document.querySelectorAll('[data-testid="User-Name"]');
      expect(blocks.length).toBe(1);
      blocks.forEach((block) => block.setAttribute('data-testid', 'User-Names'));
      const adapter = adapterForUrl(new URL(pageUrl))!;
      return adapter.extract(document.querySelector(adapter.postSelector)!, new URL(pageUrl));
    });
    expect(record.platform).toBe('x');
    expect(record.missingFields).toBeUndefined();
    expect(record.author).toEqual({ name: 'SmartUA', handle: 'UaSmart', url: 'https://x.com/UaSmart' });
    expect(record.url).toBe(pageUrl);
  });

  it('keeps a quoted post of that generation apart from the post that quotes it', async () => {
    const url = 'https://x.com/Kikobeats';
    const records = await withFixtureDocument('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', url, (document) => {
      document.querySelectorAll('[data-testid="User-Name"]').forEach((block) => block.setAttribute('data-testid', 'User-Names'));
      const adapter = adapterForUrl(new URL(url))!;
      return Array.from(document.querySelectorAll(adapter.postSelector)).map((post) => adapter.extract(post, new URL(url)));
    });
    const quoting = records.find((record) => record.id === '1935738866390253649');
    expect(quoting?.author?.handle).toBe('Kikobeats');
    expect(quoting?.quoted).toBe('https://x.com/rauchg/status/1935417542534906135');
  });
});

// The profile timeline of 2025-12, the corpus' one X page that is not a status page: every post of the timeline is
// read, the pinned one first, each with its own author, time and permalink, and the quoted post kept apart.
describe.skipIf(!hasFixturePages)('a profile timeline (2025-12)', () => {
  it('reads each of its three posts', async () => {
    const url = 'https://x.com/Kikobeats';
    const records = await withFixtureDocument('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', url, (document) => {
      const adapter = adapterForUrl(new URL(url))!;
      return Array.from(document.querySelectorAll(adapter.postSelector)).map((post) => adapter.extract(post, new URL(url)));
    });
    expect(records.map((record) => [record.platform, record.id, record.author?.handle, record.postedAt])).toEqual([
      ['x', '1759241476758733209', 'Kikobeats', expect.stringMatching(/^2024-02-1\dT/)],
      ['x', '1987508451887784324', 'Kikobeats', '2025-11-09T13:11:55.000Z'],
      ['x', '1935738866390253649', 'Kikobeats', '2025-06-19T16:38:04.000Z'],
    ]);
    expect(records.map((record) => record.url)).toEqual([
      'https://x.com/Kikobeats/status/1759241476758733209',
      'https://x.com/Kikobeats/status/1987508451887784324',
      'https://x.com/Kikobeats/status/1935738866390253649',
    ]);
    expect(records[2]!.quoted).toBe('https://x.com/rauchg/status/1935417542534906135');
    expect(records[1]!.media?.map((ref) => ref.kind)).toEqual(['photo', 'photo', 'photo']);
  });
});
