// @vitest-environment node
// The popup's focal post on the real pages: the post whose permalink is the page's URL, else the first post.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../../test/fixture-dom';
import { hasFixturePages } from '../../../test/fixtures';
import { adapterForPage } from '../../platforms/index';
import { threadReaderFor } from '../../platforms/thread-readers';
import { focalPostOf } from './content-threads';

function focalOf(folder: string, file: string, url: string) {
  return withFixtureDocument(folder, file, url, (document) => {
    Object.defineProperty(document, 'location', { value: new URL(url) });
    const adapter = adapterForPage(new URL(url), document)!;
    const focal = focalPostOf(document, adapter, threadReaderFor(adapter.name)!);
    return focal && adapter.extract(focal, new URL(url)).id;
  });
}

describe.skipIf(!hasFixturePages)('focalPostOf', () => {
  it('Bluesky thread page: the page’s own post', async () => {
    expect(await focalOf('bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t')).toBe('3mdegyw3ves2t');
  });

  it('Bluesky, opened at one of the replies’ URL: that reply', async () => {
    expect(await focalOf('bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', 'https://bsky.app/profile/tomforsyth.bsky.social/post/3mdf6s24opk2m')).toBe('3mdf6s24opk2m');
  });

  it('Telegram channel page (no post has the page’s URL): the first message', async () => {
    expect(await focalOf('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', 'https://t.me/s/ClashReport')).toBe('93429');
  });

  it('Reddit comments page: the post, not a comment', async () => {
    expect(await focalOf('reddit', 'reddit_newreddit_gif_gifs_4vv0sa_captured2022_en.postlight.html', 'https://www.reddit.com/r/gifs/comments/4vv0sa/leonardo_dicaprio_scaring_jonah_hill_on_the/')).toBe('4vv0sa');
  });
});
