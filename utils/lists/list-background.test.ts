import { describe, expect, it } from 'vitest';
import type { StoredList, StoredListItem } from '../store/rows';
import { LIST_WINDOWS_KEY, ListBackground, type ListBackgroundApi } from './list-background';
import type { ListStore } from './list-store';
import type { ListCaptureMessage, ListCaptureReply } from './messages';
import type { StoredPost } from './state';

function memoryStore(): ListStore & { lists: Map<string, StoredList>; rows: Map<string, StoredListItem> } {
  const lists = new Map<string, StoredList>();
  const rows = new Map<string, StoredListItem>();
  const key = (i: StoredListItem) => `${i.listId}/${String(i.index).padStart(6, '0')}`;
  const copy = <T,>(v: T): T => structuredClone(v);
  return {
    lists,
    rows,
    allLists: async () => [...lists.values()].map(copy),
    getList: async (id) => copy(lists.get(id)),
    putList: async (list) => void lists.set(list.id, copy(list)),
    items: async (listId) => [...rows.entries()].filter(([k]) => k.startsWith(`${listId}/`)).sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => copy(v)),
    create: async (list, items) => {
      lists.set(list.id, copy(list));
      for (const i of items) rows.set(key(i), copy(i));
    },
    record: async (listId, items, at) => {
      const list = lists.get(listId);
      if (list) lists.set(listId, { ...list, updatedAt: at });
      for (const i of items) rows.set(key(i), copy(i));
    },
  };
}

interface Harness {
  api: ListBackgroundApi;
  store: ReturnType<typeof memoryStore>;
  opened: string[];
  closedTabs: number[];
  windowsOpened: number;
  windowsClosed: number[];
  session: Record<string, unknown>;
  sleeps: number[];
  posts: Map<string, StoredPost>;
}

/** A browser whose pages answer with `page(url)`; a page that returns undefined never answers. */
function harness(page: (message: ListCaptureMessage, h: Harness) => Promise<ListCaptureReply> | 'no-receiver' | 'never', shared?: Partial<Harness>): Harness {
  let nextId = 100;
  let clock = Date.parse('2026-12-07T10:00:00.000Z');
  const h: Harness = {
    store: shared?.store ?? memoryStore(),
    opened: [],
    closedTabs: [],
    windowsOpened: 0,
    windowsClosed: [],
    session: shared?.session ?? {},
    sleeps: [],
    posts: shared?.posts ?? new Map(),
    api: undefined as never,
  };
  const urls = new Map<number, string>();
  h.api = {
    store: h.store,
    findPost: async (key) => h.posts.get(key),
    supportCheck: async () => (url) => ['x.com', 'twitter.com', 'bsky.app'].includes(url.hostname),
    settings: async () => ({ batchPaceMs: [10, 10] }),
    windows: {
      open: async () => {
        h.windowsOpened++;
        return nextId++;
      },
      close: async (id) => void h.windowsClosed.push(id),
    },
    tabs: {
      open: async (_windowId, url) => {
        h.opened.push(url);
        const id = nextId++;
        urls.set(id, url);
        return id;
      },
      loaded: async () => undefined,
      send: (_tabId, message) => {
        const answer = page(message, h);
        if (answer === 'no-receiver') return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
        if (answer === 'never') return new Promise(() => undefined);
        return answer;
      },
      close: async (id) => void h.closedTabs.push(id),
    },
    session: { get: async (key) => ({ [key]: h.session[key] }), set: async (items) => void Object.assign(h.session, items) },
    setRunning: () => undefined,
    sleep: async (ms) => {
      h.sleeps.push(ms);
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    now: () => new Date((clock += 1000)),
    newId: () => 'L1',
    random: () => 0,
    timeouts: { loadMs: 10, scriptMs: 30, replyMs: 50 },
  };
  return h;
}

const savedPage = (message: ListCaptureMessage): Promise<ListCaptureReply> => Promise.resolve({ outcome: 'saved', captureId: `cap-${message.index}`, postKey: `x:${message.index}` });

async function outcomes(h: Harness, listId = 'L1') {
  return (await h.store.items(listId)).map((i) => `${i.outcome}${i.captureId ? ` ${i.captureId}` : ''}`);
}

describe('ListBackground', () => {
  it('goes through the list in order: settles unsupported and repeats without a tab, opens the rest one at a time, closes each', async () => {
    const h = harness(savedPage);
    const lists = new ListBackground(h.api);
    const reply = await lists.handle({ type: 'postproof/list-create', name: 'n', urls: ['https://x.com/a/status/1', 'https://example.org/x', 'https://twitter.com/a/status/1', 'https://bsky.app/profile/b/post/2', 'nope'] });
    expect(reply).toMatchObject({ ok: true, listId: 'L1' });
    await lists.drive();
    expect(await outcomes(h)).toEqual(['saved cap-0', 'unsupported', 'already-saved cap-0', 'saved cap-3', 'error']);
    expect(h.opened).toEqual(['https://x.com/a/status/1', 'https://bsky.app/profile/b/post/2']);
    expect(h.closedTabs).toHaveLength(2);
    expect(h.windowsOpened).toBe(1);
    expect(h.windowsClosed).toHaveLength(1);
    expect(h.session[LIST_WINDOWS_KEY]).toEqual([]);
    expect(h.sleeps).toEqual([10, 10]);
    expect(h.store.lists.get('L1')?.status).toBe('done');
    const items = await h.store.items('L1');
    expect(items.every((i) => i.finishedAt)).toBe(true);
    expect(items[0]!.startedAt).toBeDefined();
  });

  it('refuses more than 10,000 URLs with a message, and creates nothing', async () => {
    const h = harness(savedPage);
    const reply = await new ListBackground(h.api).handle({ type: 'postproof/list-create', name: '', urls: Array.from({ length: 10_001 }, () => 'https://x.com/a') });
    expect(reply).toMatchObject({ ok: false, message: expect.stringMatching(/10,001.*10,000/) });
    expect(h.store.lists.size).toBe(0);
  });

  it('never hangs on a page: no script → error after the retries, no answer → error after the timeout', async () => {
    const h = harness((m) => (m.index === 0 ? 'no-receiver' : 'never'));
    const lists = new ListBackground(h.api);
    await lists.handle({ type: 'postproof/list-create', name: '', urls: ['https://x.com/a/status/1', 'https://x.com/a/status/2'] });
    await lists.drive();
    const items = await h.store.items('L1');
    expect(items.map((i) => i.outcome)).toEqual(['error', 'error']);
    expect(items[0]!.message).toMatch(/could not be read/);
    expect(items[1]!.message).toMatch(/did not answer within/);
    expect(h.closedTabs).toHaveLength(2);
  });

  it('after a stop mid-URL, tries it again at the next start: the capture it had made counts as saved, nothing twice', async () => {
    // First worker: the page of URL 2 commits its capture, then the worker is stopped before the answer arrives.
    const first = harness((m, h) => {
      if (m.index === 1) {
        h.posts.set('x:1', { captureId: 'cap-1', capturedAt: new Date(Date.now() + 60 * 60 * 1000 * 24 * 365 * 10).toISOString() });
        return 'never';
      }
      return savedPage(m);
    });
    const lists = new ListBackground({ ...first.api, timeouts: { loadMs: 10, scriptMs: 30, replyMs: 60_000 } });
    await lists.handle({ type: 'postproof/list-create', name: '', urls: ['https://x.com/a/status/0', 'https://x.com/a/status/1', 'https://x.com/a/status/2'] });
    void lists.drive();
    await expect.poll(() => first.posts.has('x:1')).toBe(true);
    const startedAt = (await first.store.items('L1'))[1]!.startedAt;
    expect(startedAt).toBeDefined();
    expect(first.session[LIST_WINDOWS_KEY]).toHaveLength(1);

    // Second worker, same store and session: the leftover window is closed, URL 2 tried again; the page finds its post stored.
    let capturesMade = 0;
    const second = harness(
      (m, h) => {
        if (h.posts.has(`x:${m.index}`)) return Promise.resolve({ outcome: 'already-saved', postKey: `x:${m.index}` });
        capturesMade++;
        return savedPage(m);
      },
      { store: first.store, session: first.session, posts: first.posts },
    );
    second.posts.set('x:0', { captureId: 'cap-0', capturedAt: '2000-01-01T00:00:00.000Z' });
    await new ListBackground(second.api).recover();
    expect(second.windowsClosed).toContain((first.session[LIST_WINDOWS_KEY] as number[] | undefined)?.[0] ?? second.windowsClosed[0]);
    expect(await outcomes(second)).toEqual(['saved cap-0', 'saved cap-1', 'saved cap-2']);
    expect((await second.store.items('L1'))[1]).toMatchObject({ startedAt, message: expect.stringMatching(/not captured twice/) });
    expect(capturesMade).toBe(1);
    expect(second.opened).toEqual(['https://x.com/a/status/1', 'https://x.com/a/status/2']);
  });

  it('pauses after the URL in hand, resumes where it stopped, and cancels leaving the rest pending', async () => {
    let lists!: ListBackground;
    const h = harness(async (m) => {
      if (m.index === 0) await lists.handle({ type: 'postproof/list-control', listId: 'L1', action: 'pause' });
      if (m.index === 2) await lists.handle({ type: 'postproof/list-control', listId: 'L1', action: 'cancel' });
      return savedPage(m);
    });
    lists = new ListBackground(h.api);
    await lists.handle({ type: 'postproof/list-create', name: '', urls: ['https://x.com/a/status/0', 'https://x.com/a/status/1', 'https://x.com/a/status/2', 'https://x.com/a/status/3'] });
    await lists.drive();
    expect(h.store.lists.get('L1')?.status).toBe('paused');
    expect(await outcomes(h)).toEqual(['saved cap-0', 'pending', 'pending', 'pending']);
    expect(await lists.handle({ type: 'postproof/list-control', listId: 'L1', action: 'resume' })).toMatchObject({ ok: true, list: { status: 'running' } });
    await lists.drive();
    expect(h.store.lists.get('L1')?.status).toBe('cancelled');
    expect(await outcomes(h)).toEqual(['saved cap-0', 'saved cap-1', 'saved cap-2', 'pending']);
    expect(await lists.handle({ type: 'postproof/list-control', listId: 'nope', action: 'resume' })).toMatchObject({ ok: false });
  });

  it('hands each URL its link (list-create `links`) and its target, kept beside the list across a restart', async () => {
    const seen: ListCaptureMessage[] = [];
    const kept = new Map<string, unknown>();
    const h = harness((m) => {
      seen.push(m);
      return savedPage(m);
    });
    const api: ListBackgroundApi = {
      ...h.api,
      targetOf: (url) => (url.endsWith('/someone') ? 'profile' : 'post'),
      links: { get: async (id) => (kept.get(id) ?? {}) as never, set: async (id, links) => void kept.set(id, links) },
    };
    const link = { captureId: 'Q', kind: 'quote' } as never;
    const lists = new ListBackground(api);
    await lists.handle({ type: 'postproof/list-create', name: '', urls: ['https://x.com/a/status/1', 'https://x.com/someone'], links: { 'https://x.com/a/status/1': link } });
    await lists.drive();
    expect(seen.map((m) => [m.url, m.target, m.linkedFrom])).toEqual([
      ['https://x.com/a/status/1', 'post', link],
      ['https://x.com/someone', 'profile', undefined],
    ]);
  });

  it('runs up to 3 URLs at once, each in a window of its own', async () => {
    let inFlight = 0;
    let most = 0;
    const h = harness(async (m) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return savedPage(m);
    });
    const lists = new ListBackground(h.api);
    await lists.handle({ type: 'postproof/list-create', name: '', concurrency: 3, urls: Array.from({ length: 9 }, (_, i) => `https://x.com/a/status/${i}`) });
    await lists.drive();
    expect(most).toBe(3);
    expect(h.windowsOpened).toBe(3);
    expect(h.windowsClosed).toHaveLength(3);
    expect((await outcomes(h)).every((o) => o.startsWith('saved'))).toBe(true);
  });

  it('at 3 at once, a repeat of a URL still open waits for it and shares its outcome', async () => {
    const h = harness(async (m) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return m.url.includes('/gone/') ? { outcome: 'not-served', message: 'HTTP 404.' } : savedPage(m);
    });
    const lists = new ListBackground(h.api);
    await lists.handle({ type: 'postproof/list-create', name: '', concurrency: 3, urls: ['https://x.com/a/status/1', 'https://twitter.com/a/status/1', 'https://x.com/gone/status/2', 'https://x.com/gone/status/2/'] });
    await lists.drive();
    expect(await outcomes(h)).toEqual(['saved cap-0', 'already-saved cap-0', 'not-served', 'not-served']);
    expect(h.opened).toEqual(['https://x.com/a/status/1', 'https://x.com/gone/status/2']);
  });
});
