// @vitest-environment node
// Bluesky-specific rules: full-size images, replies timed by their tooltip, quotes, and stale page metadata.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import type { PostRecord } from '../model';
import { fullsizeImageUrl } from './bluesky';
import { adapterForUrl } from './index';

const FORBES_FILE = 'bsky_thread_linkcard_forbes_2026-01-26_en.metascraper.html';
const FORBES_URL = 'https://bsky.app/profile/forbes.com/post/3mdd7aj7pgs2x';

function extractItem(file: string, pageUrl: string, index: number, change?: (document: Document) => void): Promise<PostRecord> {
  return withFixtureDocument('bluesky', file, pageUrl, (document) => {
    const adapter = adapterForUrl(new URL(pageUrl));
    change?.(document);
    const post = adapter && document.querySelectorAll(adapter.postSelector)[index];
    if (adapter?.name !== 'bluesky' || !post) throw new Error(`The fixture no longer holds Bluesky post #${index}.`);
    return adapter.extract(post, new URL(pageUrl));
  });
}

describe('fullsizeImageUrl', () => {
  it('asks cdn.bsky.app for the full-size image instead of the feed thumbnail', () => {
    expect(fullsizeImageUrl('https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:abc/bafkrei123@jpeg')).toBe(
      'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:abc/bafkrei123@jpeg',
    );
  });

  it('leaves avatars, other hosts and full-size URLs alone', () => {
    for (const url of [
      'https://cdn.bsky.app/img/avatar_thumbnail/plain/did:plc:abc/bafkrei123@jpeg',
      'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:abc/bafkrei123@jpeg',
      'https://example.com/img/feed_thumbnail/plain/did:plc:abc/bafkrei123@jpeg',
    ]) {
      expect(fullsizeImageUrl(url)).toBe(url);
    }
  });
});

describe.skipIf(!hasFixturePages)('Bluesky posts on real saved pages', () => {
  it('reads a reply: permalink from its time link, time parsed from the tooltip text in the browser’s zone', async () => {
    const record = await extractItem(FORBES_FILE, FORBES_URL, 1);
    expect(record).toEqual({
      platform: 'bluesky',
      id: '3mddhgf2re22h',
      url: 'https://bsky.app/profile/nowsentient.bsky.social/post/3mddhgf2re22h',
      author: {
        name: 'Buck Sinclair 🇨🇦 Elbows up!',
        handle: 'nowsentient.bsky.social',
        id: 'did:plc:q6zofbij4aa5id74dhwymfsr',
        url: 'https://bsky.app/profile/nowsentient.bsky.social',
      },
      // The tooltip reads "January 26, 2026 at 3:30 PM" in the zone the page was drawn in.
      postedAt: new Date(2026, 0, 26, 15, 30).toISOString(),
      postedAtSource: 'text',
      text: 'I find switching to Linux cured everything',
      media: [],
    });
  });

  it('gives a quote post the quoted permalink and keeps the quoted post’s text and images out', async () => {
    const record = await extractItem(FORBES_FILE, FORBES_URL, 50);
    expect(record.url).toBe('https://bsky.app/profile/lafayette1111.bsky.social/post/3mdf5cwvahk2n');
    expect(record.quoted).toBe('https://bsky.app/profile/lafayette1111.bsky.social/post/3mdbjcl4fhk2z');
    expect(record.text).toBe('bsky.app/profile/lafa...');
    expect(record.media).toEqual([]);
  });

  it('lists a GIF as the mp4 the app plays', async () => {
    const record = await extractItem(FORBES_FILE, FORBES_URL, 34);
    expect(record.media).toEqual([{ kind: 'gif', url: 'https://t.gifs.bsky.app/HcQmbA9V2ykAAAP1/marching-penguins-national-geographic.mp4' }]);
  });

  it('does not take the page’s published time for a post the page’s og:url does not name (after in-app navigation)', async () => {
    const record = await extractItem(FORBES_FILE, FORBES_URL, 0, (document) => {
      document.querySelector('meta[property="og:url"]')!.setAttribute('content', 'https://bsky.app/profile/someone.else/post/3aaaaaaaaaaaa');
    });
    // Only the visible "1:03 PM · Jan 26, 2026" is left, read in the browser's zone.
    expect(record.postedAt).toBe(new Date(2026, 0, 26, 13, 3).toISOString());
    expect(record.postedAtSource).toBe('text');
  });

  it('without the author links and the thread item marker: generic, with both required fields missing', async () => {
    const record = await extractItem(FORBES_FILE, FORBES_URL, 0, (document) => {
      const item = document.querySelector('[data-testid="postThreadItem-by-forbes.com"]')!;
      item.querySelectorAll('a[href="/profile/forbes.com"], a[href*="/post/3mdd7aj7pgs2x/"]').forEach((a) => a.remove());
      item.setAttribute('data-testid', 'postThreadItem-by-');
    });
    expect(record.platform).toBe('generic');
    expect(record.missingFields).toEqual(['url', 'author']);
    expect(record.text).toBe('Windows PCs ‘Suddenly’ Fail After Microsoft’s New Update');
  });
});
