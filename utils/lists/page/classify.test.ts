// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../../test/fixture-dom';
import { allAdapters } from '../../platforms/index';
import { focalPost, loginWall, navigationStatus, notServedStatus } from './classify';

const adapter = (name: string) => allAdapters().find((a) => a.name === name)!;

describe('loginWall', () => {
  it('finds Instagram’s real logged-out shell, and not on the real post page', async () => {
    const shellUrl = new URL('https://www.instagram.com/p/CPeC-Eenc8l/');
    const wall = await withFixtureDocument('instagram', 'ig_post_loggedout_shell_willyrex_2024-12_es.metascraper.html', shellUrl.href, (doc) =>
      loginWall(doc, shellUrl, doc.querySelectorAll(adapter('instagram').postSelector).length),
    );
    expect(wall).toMatch(/logged-out/);
    const post = await withFixtureDocument('instagram', 'ig_post_photo_willyrex_CPeC-Eenc8l_2021_es.metascraper.html', shellUrl.href, (doc) =>
      loginWall(doc, shellUrl, doc.querySelectorAll(adapter('instagram').postSelector).length),
    );
    expect(post).toBeUndefined();
  });

  it('finds a login page URL and a password form where no post is shown', () => {
    const doc = document.implementation.createHTMLDocument('t');
    expect(loginWall(doc, new URL('https://www.instagram.com/accounts/login/?next=/p/x/'), 0)).toMatch(/login page/);
    expect(loginWall(doc, new URL('https://x.com/i/flow/login'), 0)).toMatch(/login page/);
    expect(loginWall(doc, new URL('https://x.com/a/status/1'), 0)).toBeUndefined();
    doc.body.innerHTML = '<form><input name="u"><input type="password"></form>';
    expect(loginWall(doc, new URL('https://example.org/p'), 0)).toMatch(/login form/);
    expect(loginWall(doc, new URL('https://example.org/p'), 1)).toBeUndefined();
  });
});

describe('focalPost', () => {
  it('takes the Bluesky thread member whose permalink is the URL, the focal post for its own URL', async () => {
    const bluesky = adapter('bluesky');
    const focalUrl = 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t';
    await withFixtureDocument('bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', focalUrl, (doc) => {
      const posts = Array.from(doc.querySelectorAll(bluesky.postSelector));
      const read = (p: Element) => bluesky.extract(p, new URL(focalUrl));
      const records = posts.map(read);
      expect(records.length).toBeGreaterThan(40);
      const member = records.find((r, i) => i > 10 && r.url && r.id)!;
      const found = focalPost(posts, read, `${member.url!}?ref_src=list`)!;
      expect(found.matched).toBe(true);
      expect(read(found.post).id).toBe(member.id);
      expect(read(focalPost(posts, read, focalUrl)!.post).id).toBe('3mdegyw3ves2t');
    });
  });

  it('takes the Telegram channel message named by t.me/s/<channel>/<id>; the first post, marked unmatched, when none is', async () => {
    const telegram = adapter('telegram');
    const pageUrl = 'https://t.me/s/ClashReport/93429';
    await withFixtureDocument('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', pageUrl, (doc) => {
      const posts = Array.from(doc.querySelectorAll(telegram.postSelector));
      const read = (p: Element) => telegram.extract(p, new URL(pageUrl));
      const ids = posts.map((p) => read(p).id);
      expect(ids).toHaveLength(17);
      const wanted = ids[9]!;
      expect(read(focalPost(posts, read, `https://t.me/s/ClashReport/${wanted}`)!.post).id).toBe(wanted);
      expect(read(focalPost(posts, read, `https://t.me/ClashReport/${wanted}`)!.post).id).toBe(wanted);
      const none = focalPost(posts, read, 'https://t.me/s/ClashReport/1')!;
      expect(none.matched).toBe(false);
      expect(none.post).toBe(posts[0]);
    });
    expect(focalPost([], () => undefined, pageUrl)).toBeUndefined();
  });
});

describe('navigationStatus', () => {
  it('reads the navigation entry’s responseStatus; 404, 410 and 451 are not served', () => {
    const win = (status?: number) => ({ performance: { getEntriesByType: () => (status === undefined ? [] : [{ responseStatus: status }]) } }) as unknown as Window;
    expect(navigationStatus(win(404))).toBe(404);
    expect(navigationStatus(win(0))).toBeUndefined();
    expect(navigationStatus(win())).toBeUndefined();
    expect([404, 410, 451, 200, 500, undefined].map(notServedStatus)).toEqual([true, true, true, false, false, false]);
  });
});
