// @vitest-environment node
// Mastodon-specific rules, on our own fixtures (the shared corpus has no Mastodon page): found by page structure on
// any host, right-to-left text kept exactly, remote handles, video, and a status whose permalink is gone.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../test/fixture-dom';
import { hasFixturePages } from '../../test/fixtures';
import type { PostRecord } from '../model';
import { adapterForPage, allAdapters } from './index';

const mastodon = allAdapters().find((adapter) => adapter.name === 'mastodon')!;
const statusPage = { folder: 'local:mastodon', file: 'mastodon_status_detailed_ar.html', url: 'https://mastodon.example/@user/123456' };
const timeline = { folder: 'local:mastodon', file: 'mastodon_profile_timeline_en.html', url: 'https://mastodon.example/@user' };

function readPosts(page: typeof statusPage, change?: (document: Document) => void, pageUrl = page.url): Promise<PostRecord[]> {
  return withFixtureDocument(page.folder, page.file, pageUrl, (document) => {
    change?.(document);
    return [...document.querySelectorAll(mastodon.postSelector)].map((post) => mastodon.extract(post, new URL(pageUrl)));
  });
}

describe('Mastodon, any instance', () => {
  it('is found by page structure whatever the host, and claims no host', async () => {
    for (const host of ['mastodon.example', 'mastodon.social', 'social.example.org']) {
      expect(mastodon.matches(new URL(`https://${host}/@user/123456`))).toBe(false);
      const found = await withFixtureDocument(statusPage.folder, statusPage.file, `https://${host}/@user/123456`, (document) =>
        adapterForPage(new URL(`https://${host}/@user/123456`), document),
      );
      expect(found).toBe(mastodon);
    }
  });

  it('is not found on a page without the web app', async () => {
    const found = await withFixtureDocument(statusPage.folder, statusPage.file, 'https://example.org/', (document) => {
      document.getElementById('mastodon')?.remove();
      return adapterForPage(new URL('https://example.org/'), document);
    });
    expect(found).toBeUndefined();
  });

  it.skipIf(!hasFixturePages)('leaves pages of host adapters to them (an X page is not Mastodon)', async () => {
    const url = 'https://x.com/UaSmart/status/934106870834454529';
    const found = await withFixtureDocument('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', url, (document) =>
      document.querySelector(mastodon.detectSelector!),
    );
    expect(found).toBeNull();
  });

  it('keeps Arabic (right-to-left) text exactly, with its line breaks and emoji, and lang "ar"', async () => {
    const [post] = await readPosts(statusPage);
    expect(post?.text).toBe('مرحبا بالعالم! 🎉\nهذا منشور تجريبي للحفظ.\n\nالسطر الثالث #اختبار');
    expect(post?.lang).toBe('ar');
    expect(post?.author?.name).toBe('محمد الكاتب');
  });

  it('reads a remote author with the domain Mastodon shows, and video at its original URL with its poster', async () => {
    const [, boosted] = await readPosts(timeline);
    expect(boosted).toEqual({
      platform: 'mastodon',
      id: '112233440000',
      url: 'https://mastodon.example/@alice@social.example/112233440000',
      author: { name: 'Alice', handle: 'alice@social.example', url: 'https://mastodon.example/@alice@social.example' },
      postedAt: '2024-03-03T18:00:00.000Z',
      postedAtSource: 'attribute',
      text: 'Video from the bridge.',
      lang: 'en',
      media: [
        { kind: 'video-poster', url: 'https://files.social.example/media_attachments/files/9/8/7/small/clip.png' },
        { kind: 'video', url: 'https://files.social.example/media_attachments/files/9/8/7/original/clip.mp4' },
      ],
    });
  });

  it('completes a local handle with the domain from the web app initial state, not the web host', async () => {
    const [post] = await readPosts(
      timeline,
      (document) => {
        const state = document.createElement('script');
        state.id = 'initial-state';
        state.type = 'application/json';
        state.textContent = JSON.stringify({ meta: { domain: 'example.social' } });
        document.head.append(state);
      },
      'https://mastodon.example.social/@user',
    );
    expect(post?.author?.handle).toBe('user@example.social');
  });

  it('without the permalink (layout changed): generic, url listed as missing, the rest kept', async () => {
    const [post] = await readPosts(statusPage, (document) => document.querySelector('a.detailed-status__datetime')?.remove());
    expect(post?.platform).toBe('generic');
    expect(post?.missingFields).toEqual(['url']);
    expect(post?.url).toBeUndefined();
    expect(post?.postedAt).toBeUndefined();
    expect(post?.author?.handle).toBe('user@mastodon.example');
    expect(post?.lang).toBe('ar');
  });

  it('reads a quoted post as `quoted` and gives it no control of its own', async () => {
    const posts = await readPosts(timeline, (document) => {
      const first = document.querySelector('.status[data-id="112233445566"]')!;
      const quote = document.querySelector('.status[data-id="112233440000"]')!.cloneNode(true) as Element;
      quote.classList.add('status--is-quote');
      first.querySelector('.status__content')!.after(quote);
    });
    expect(posts).toHaveLength(2);
    expect(posts[0]?.quoted).toBe('https://mastodon.example/@alice@social.example/112233440000');
    expect(posts[0]?.text).toMatch(/^Flooding on the river road/);
    expect(posts[0]?.media?.map((m) => m.kind)).toEqual(['photo', 'photo']);
  });
});
