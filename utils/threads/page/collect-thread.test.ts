// @vitest-environment node
// The thread loop on plain fakes and on the real Bluesky and Telegram pages: page order, the author's run against the
// replies, the reply limit, earlier members named by id, failures recorded, "show more" pressed, cancel.
import { describe, expect, it } from 'vitest';
import { withFixtureDocument } from '../../../test/fixture-dom';
import { hasFixturePages } from '../../../test/fixtures';
import { adapterForPage } from '../../platforms/index';
import { threadReaderFor } from '../../platforms/thread-readers';
import { collectThread, mergeOrder, NOT_ON_PAGE, rolesOf, type CollectDeps, type ThreadPage } from './collect-thread';

interface FakePost {
  key: string;
  author: string;
}

/** A page that shows `visible` posts, then more after each "show more" press or scroll (`batches`). */
function fakePage(batches: FakePost[][], options: { moreButtons?: number } = {}): ThreadPage<FakePost> & { presses: number; scrolls: number } {
  let shown = 1;
  let buttons = options.moreButtons ?? 0;
  const page = {
    presses: 0,
    scrolls: 0,
    posts: () => batches.slice(0, shown).flat(),
    keyOf: (post: FakePost) => post.key,
    authorOf: (post: FakePost) => post.author,
    describe: (post: FakePost) => ({ postId: post.key.split(':')[1], url: `https://example.test/${post.key}` }),
    pressMore: async () => {
      if (buttons === 0) return 0;
      buttons -= 1;
      page.presses += 1;
      shown += 1;
      return 1;
    },
    scrollStep: async () => {
      page.scrolls += 1;
      if (shown >= batches.length) return false;
      shown += 1;
      return true;
    },
  };
  return page;
}

const post = (id: string, author: string): FakePost => ({ key: `x:${id}`, author });

function deps(page: ThreadPage<FakePost>, change: Partial<CollectDeps<FakePost>> = {}): CollectDeps<FakePost> & { captured: string[] } {
  const captured: string[] = [];
  return {
    page,
    focalKey: 'x:f',
    authorThread: 'run',
    replyLimit: 100,
    authorLimit: 200,
    paceMs: [0, 0],
    known: async () => new Set(),
    capture: async (p) => {
      captured.push(p.key);
      return { ok: true, captureId: `c-${p.key}` };
    },
    sleep: async () => undefined,
    captured,
    ...change,
  };
}

describe('mergeOrder and rolesOf', () => {
  it('keeps page order across readings that show different parts of the page', () => {
    const order: string[] = [];
    mergeOrder(order, ['a', 'b', 'c']);
    mergeOrder(order, ['b', 'c', 'd', 'e']);
    mergeOrder(order, ['a', 'a2', 'b']);
    expect(order).toEqual(['a', 'a2', 'b', 'c', 'd', 'e']);
  });

  it('the run of the focal author’s posts around the focal post is the author’s thread; others above are context, below replies', () => {
    const authors = new Map([
      ['p', 'other'],
      ['a1', 'me'],
      ['f', 'me'],
      ['a2', 'me'],
      ['r1', 'you'],
      ['a3', 'me'],
    ]);
    const { roles, runClosed } = rolesOf(['p', 'a1', 'f', 'a2', 'r1', 'a3'], authors, 'f', 'run');
    expect([...roles]).toEqual([
      ['a1', 'author-thread'],
      ['f', 'focal'],
      ['a2', 'author-thread'],
      ['r1', 'reply'],
      ['a3', 'reply'],
    ]);
    expect(runClosed).toBe(true);
    expect(rolesOf(['f', 'a2'], authors, 'f', 'run').runClosed).toBe(false);
    // Reddit and YouTube: the post alone; the author's own comments are replies.
    expect([...rolesOf(['f', 'a2', 'r1'], authors, 'f', 'focal').roles.values()]).toEqual(['focal', 'reply', 'reply']);
  });
});

describe('collectThread', () => {
  it('captures the author’s thread and the replies in page order, expanding "show more" and scrolling until the page ends', async () => {
    const page = fakePage(
      [
        [post('p', 'them'), post('f', 'me'), post('a1', 'me')],
        [post('a2', 'me'), post('r1', 'you')],
        [post('r2', 'me'), post('r3', 'you')],
      ],
      { moreButtons: 1 },
    );
    const run = deps(page);
    const result = await collectThread(run);
    expect(result.status).toBe('done');
    expect(page.presses).toBe(1);
    expect(run.captured).toEqual(['x:f', 'x:a1', 'x:a2', 'x:r1', 'x:r2', 'x:r3']);
    expect(result.members.map((m) => [m.key, m.role])).toEqual([
      ['x:f', 'focal'],
      ['x:a1', 'author-thread'],
      ['x:a2', 'author-thread'],
      ['x:r1', 'reply'],
      ['x:r2', 'reply'],
      ['x:r3', 'reply'],
    ]);
    expect(result.members[0]).toMatchObject({ captureId: 'c-x:f', postId: 'f', url: 'https://example.test/x:f' });
    expect(result).toMatchObject({ repliesShown: 3, authorPostsShown: 3, failed: [] });
  });

  it('stops at the reply limit, and takes none with 0 (the author’s thread only)', async () => {
    const batches = [[post('f', 'me'), post('a1', 'me'), post('r1', 'you'), post('r2', 'you')], [post('r3', 'you')]];
    const two = deps(fakePage(batches), { replyLimit: 2 });
    const limited = await collectThread(two);
    expect(two.captured).toEqual(['x:f', 'x:a1', 'x:r1', 'x:r2']);
    expect(limited.members.filter((m) => m.role === 'reply')).toHaveLength(2);
    // Enough replies shown: no scrolling for more.
    expect(limited.repliesShown).toBe(2);
    const none = deps(fakePage(batches), { replyLimit: 0 });
    const only = await collectThread(none);
    expect(none.captured).toEqual(['x:f', 'x:a1']);
    expect(only.members.map((m) => m.role)).toEqual(['focal', 'author-thread']);
  });

  it('names members the store holds already by their post id, without capturing them again', async () => {
    const run = deps(fakePage([[post('f', 'me'), post('r1', 'you'), post('r2', 'you')]]), { known: async (keys) => new Set(keys.filter((k) => k === 'x:r1')) });
    const result = await collectThread(run);
    expect(run.captured).toEqual(['x:f', 'x:r2']);
    expect(result.members[1]).toEqual({ key: 'x:r1', role: 'reply', postId: 'r1', url: 'https://example.test/x:r1', earlier: true });
  });

  it('records a failed member with its reason and goes on; stops at a fatal one', async () => {
    const failing = deps(fakePage([[post('f', 'me'), post('r1', 'you'), post('r2', 'you')]]), {
      capture: async (p) => (p.key === 'x:r1' ? { ok: false, message: 'The screenshot failed.' } : { ok: true, captureId: `c-${p.key}` }),
    });
    const result = await collectThread(failing);
    expect(result.status).toBe('done');
    expect(result.members.map((m) => m.key)).toEqual(['x:f', 'x:r2']);
    expect(result.failed).toEqual([{ postId: 'r1', url: 'https://example.test/x:r1', role: 'reply', reason: 'The screenshot failed.' }]);
    const fatal = deps(fakePage([[post('f', 'me'), post('r1', 'you')]]), { capture: async () => ({ ok: false, message: 'No answer.', fatal: true }) });
    expect(await collectThread(fatal)).toMatchObject({ status: 'interrupted', message: 'No answer.' });
  });

  it('says which members the page dropped before their turn', async () => {
    let reads = 0;
    const page = fakePage([[post('f', 'me'), post('r1', 'you')]]);
    const dropping = { ...page, posts: () => (reads++ === 0 ? [post('f', 'me'), post('r1', 'you')] : [post('f', 'me')]) };
    const result = await collectThread(deps(dropping));
    expect(result.failed).toEqual([{ postId: 'r1', url: 'https://example.test/x:r1', role: 'reply', reason: NOT_ON_PAGE }]);
  });

  it('cancels when asked, between two captures', async () => {
    const controller = new AbortController();
    const run = deps(fakePage([[post('f', 'me'), post('r1', 'you'), post('r2', 'you')]]), {
      signal: controller.signal,
      capture: async (p) => {
        controller.abort();
        return { ok: true, captureId: `c-${p.key}` };
      },
    });
    const result = await collectThread(run);
    expect(result.status).toBe('cancelled');
    expect(result.members).toHaveLength(1);
  });

  it('ends on a page that scrolls on and on without one more post of the thread', async () => {
    const page = fakePage([[post('f', 'me')]]);
    const endless = { ...page, scrollStep: async () => (page.scrolls++, true) };
    const result = await collectThread(deps(endless));
    expect(result.status).toBe('done');
    expect(page.scrolls).toBe(12);
  });

  it('reports progress as members are dealt with', async () => {
    const seen: string[] = [];
    await collectThread(deps(fakePage([[post('f', 'me'), post('r1', 'you')]]), { progress: (done, total) => seen.push(`${done}/${total}`) }));
    expect(seen).toContain('0/2');
    expect(seen.at(-1)).toBe('2/2');
  });
});

/** The loop over a real saved page, read by the platform's adapter and thread reader, capturing nothing for real. */
function realPage(folder: string, file: string, url: string, focalIndex: number, replyLimit: number) {
  return withFixtureDocument(folder, file, url, async (document) => {
    const pageUrl = new URL(url);
    const adapter = adapterForPage(pageUrl, document)!;
    const reader = threadReaderFor(adapter.name)!;
    const posts = Array.from(document.querySelectorAll(reader.postSelector));
    const key = (el: Element) => `${adapter.name}:${adapter.extract(el, pageUrl).id}`;
    const page: ThreadPage<Element> = {
      posts: () => posts,
      keyOf: key,
      authorOf: (el) => reader.authorOf(el),
      describe: (el) => ({ postId: adapter.extract(el, pageUrl).id }),
      pressMore: async () => 0,
      scrollStep: async () => false,
    };
    const captured: string[] = [];
    const result = await collectThread({
      page,
      focalKey: key(posts[focalIndex]!),
      authorThread: reader.authorThread,
      replyLimit,
      authorLimit: 200,
      paceMs: [0, 0],
      sleep: async () => undefined,
      known: async () => new Set(),
      capture: async (el) => {
        captured.push(key(el));
        return { ok: true, captureId: key(el) };
      },
    });
    return { result, captured, pageOrder: posts.map(key) };
  });
}

describe.skipIf(!hasFixturePages)('collectThread on the real pages', () => {
  it('Bluesky: the focal post and its 51 replies, in page order; the author’s thread is the focal post alone', async () => {
    const { result, captured, pageOrder } = await realPage('bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t', 0, 100);
    expect(captured).toEqual(pageOrder);
    expect(result.members.map((m) => m.role)).toEqual(['focal', ...Array(51).fill('reply')]);
    expect(result).toMatchObject({ repliesShown: 51, authorPostsShown: 1 });
  });

  it('Bluesky with a limit of 10 replies: the first 10 in page order', async () => {
    const { result, pageOrder } = await realPage('bluesky', 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html', 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t', 0, 10);
    expect(result.members.map((m) => m.key)).toEqual(pageOrder.slice(0, 11));
    expect(result.repliesShown).toBe(51);
  });

  it('Telegram channel: from a message in the middle, the channel’s 17 consecutive messages are the author’s thread', async () => {
    const { result, pageOrder } = await realPage('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', 'https://t.me/s/ClashReport', 8, 100);
    expect(result.members.map((m) => m.key)).toEqual(pageOrder);
    expect(result.members.filter((m) => m.role === 'focal').map((m) => m.key)).toEqual([pageOrder[8]]);
    expect(result).toMatchObject({ repliesShown: 0, authorPostsShown: 17 });
  });
});
