// The thread reader of each platform that has one (X, Bluesky, Mastodon, Reddit, YouTube, Telegram).
import type { PlatformName } from '../model';
import { blueskyThreadReader } from './bluesky-thread';
import { mastodonThreadReader } from './mastodon-thread';
import { redditThreadReader } from './reddit-thread';
import { telegramThreadReader } from './telegram-thread';
import type { ThreadReader } from './thread-reader';
import { xThreadReader } from './x-thread';
import { youtubeThreadReader } from './youtube-thread';

export type { ShownCount, ThreadReader } from './thread-reader';

const READERS: readonly ThreadReader[] = [xThreadReader, blueskyThreadReader, mastodonThreadReader, redditThreadReader, youtubeThreadReader, telegramThreadReader];

export function threadReaderFor(platform: PlatformName | undefined): ThreadReader | undefined {
  return READERS.find((reader) => reader.platform === platform);
}
