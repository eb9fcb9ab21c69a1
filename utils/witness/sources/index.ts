// The second-witness source of each platform, or why a platform has none.
import type { PlatformName } from '../../model';
import type { WitnessSource } from '../source';
import { blueskySource } from './bluesky';
import { mastodonSource } from './mastodon';
import { noWitnessReason } from './none';
import { redditSource } from './reddit';
import { telegramSource } from './telegram';
import { tiktokSource } from './tiktok';
import { xSource } from './x';
import { youtubeSource } from './youtube';

export const WITNESS_SOURCES: readonly WitnessSource[] = [blueskySource, mastodonSource, redditSource, xSource, youtubeSource, tiktokSource, telegramSource];

/** The source that witnesses a platform's posts, or the reason (for `missing[]`) why none does. */
export function witnessSourceFor(platform: PlatformName): WitnessSource | { missing: string } {
  const source = WITNESS_SOURCES.find((candidate) => candidate.platform === platform);
  if (source) return source;
  return { missing: noWitnessReason(platform) ?? `No second witness is known for ${platform} posts.` };
}

/** Every host the sources fetch from, for the optional host permission the witness setting asks for. */
export const ALL_WITNESS_HOST_PATTERNS: readonly string[] = [...new Set(WITNESS_SOURCES.flatMap((source) => source.hostPatterns))];
