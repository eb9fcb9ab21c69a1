// Which source answers for which platform, and the host permissions they ask for together.
import { describe, expect, it } from 'vitest';
import type { PlatformName } from '../../model';
import { ALL_WITNESS_HOST_PATTERNS, WITNESS_SOURCES, witnessSourceFor } from './index';

describe('witnessSourceFor', () => {
  it('gives each platform with a public record its source, named as corroboration.source says', () => {
    const ids = (['bluesky', 'mastodon', 'reddit', 'x', 'youtube', 'tiktok', 'telegram'] as PlatformName[]).map((platform) => {
      const source = witnessSourceFor(platform);
      return 'id' in source ? [source.platform, source.id] : [platform, source.missing];
    });
    expect(ids).toEqual([
      ['bluesky', 'bluesky-atproto'],
      ['mastodon', 'mastodon-status-api'],
      ['reddit', 'reddit-json'],
      ['x', 'x-syndication'],
      ['youtube', 'youtube-oembed'],
      ['tiktok', 'tiktok-oembed'],
      ['telegram', 'telegram-embed'],
    ]);
  });

  it('says why Facebook, Instagram and generic pages have none', () => {
    expect(witnessSourceFor('facebook')).toEqual({ missing: "Facebook's public post API needs an app token; PostProof holds none, so no second witness is fetched." });
    expect(witnessSourceFor('instagram')).toEqual({ missing: expect.stringContaining('needs an app token') });
    expect(witnessSourceFor('generic')).toEqual({ missing: expect.stringContaining('without a platform adapter') });
  });

  it('unites every source’s host patterns, each once and each a valid match pattern', () => {
    expect(ALL_WITNESS_HOST_PATTERNS).toEqual(expect.arrayContaining(['https://cdn.syndication.twimg.com/*', 'https://publish.twitter.com/*', 'https://www.reddit.com/*', 'https://www.youtube.com/*', 'https://www.tiktok.com/*', 'https://t.me/*']));
    expect(new Set(ALL_WITNESS_HOST_PATTERNS).size).toBe(ALL_WITNESS_HOST_PATTERNS.length);
    for (const pattern of ALL_WITNESS_HOST_PATTERNS) expect(pattern).toMatch(/^https:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
    expect(WITNESS_SOURCES.flatMap((source) => source.hostPatterns).every((pattern) => ALL_WITNESS_HOST_PATTERNS.includes(pattern))).toBe(true);
  });
});
