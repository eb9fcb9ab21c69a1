// Every adapter's fixture pages, for the tests (unit, end-to-end, bench): the one way to reach them. Never shipped.
import type { PlatformName } from '../model';
import type { AdapterFixture } from './adapter-fixture.fixtures';
import { blueskyFixtures } from './bluesky.fixtures';
import { facebookFixtures } from './facebook.fixtures';
import { allAdapters, type PlatformAdapter } from './index';
import { instagramFixtures } from './instagram.fixtures';
import { mastodonFixtures } from './mastodon.fixtures';
import { redditFixtures } from './reddit.fixtures';
import { telegramFixtures } from './telegram.fixtures';
import { tiktokFixtures } from './tiktok.fixtures';
import { xFixtures } from './x.fixtures';
import { youtubeFixtures } from './youtube.fixtures';

export type { AdapterFixture } from './adapter-fixture.fixtures';

/** Each platform's pages, in the order its adapter declared them (the fixture server keeps the last page per URL). */
const FIXTURES: Record<Exclude<PlatformName, 'generic'>, readonly AdapterFixture[]> = {
  x: xFixtures,
  bluesky: blueskyFixtures,
  mastodon: mastodonFixtures,
  telegram: telegramFixtures,
  facebook: facebookFixtures,
  instagram: instagramFixtures,
  reddit: redditFixtures,
  youtube: youtubeFixtures,
  tiktok: tiktokFixtures,
};

/** The fixture pages of one platform (none for `generic`, which has no adapter of its own). */
export function fixturesOf(platform: PlatformName): readonly AdapterFixture[] {
  return platform === 'generic' ? [] : FIXTURES[platform];
}

/** Every registered adapter with each of its fixture pages, adapters in registration order. */
export function adapterFixtureCases(): { adapter: PlatformAdapter; fixture: AdapterFixture }[] {
  return allAdapters().flatMap((adapter) => fixturesOf(adapter.name).map((fixture) => ({ adapter, fixture })));
}
