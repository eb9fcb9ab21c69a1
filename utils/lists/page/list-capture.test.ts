// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFixturePage } from '../../../test/fixtures';
import { allAdapters } from '../../platforms/index';
import type { CaptureResponse } from '../../model';
import type { ListCaptureMessage } from '../messages';
import { captureFromList, listCaptureListener, type ListPageDeps } from './list-capture';

const X_URL = 'https://x.com/UaSmart/status/934106870834454529';
const x = allAdapters().find((a) => a.name === 'x')!;

/** The saved page without its scripts, frames and style sheets (none of which is loaded in a unit test). */
const clean = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>|<iframe\b[\s\S]*?<\/iframe>|<link\b[^>]*>/gi, '');

function page(url: string, html: string): void {
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.documentElement.innerHTML = clean(html);
}

function deps(over: Partial<ListPageDeps> = {}): ListPageDeps & { preserved: Element[] } {
  const preserved: Element[] = [];
  return {
    preserved,
    adapter: x,
    quiet: () => true,
    send: async () => ({ known: [] }),
    preserve: async (post): Promise<CaptureResponse> => {
      preserved.push(post);
      return { ok: true, captureId: 'C1', missing: [] };
    },
    waitMs: 50,
    ...over,
  };
}

const message = (url: string, target: 'post' | 'profile' = 'post'): ListCaptureMessage => ({ type: 'postproof/list-capture', listId: 'L', index: 0, url, target });

describe('captureFromList', () => {
  afterEach(() => vi.restoreAllMocks());

  it('preserves the focal post of a real X status page, and says already saved when the store holds it', async () => {
    page(X_URL, readFixturePage('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html').replace(/<script\b[\s\S]*?<\/script>/gi, ''));
    const d = deps();
    expect(await captureFromList(document, message(X_URL), d)).toEqual({ outcome: 'saved', captureId: 'C1', postKey: 'x:934106870834454529' });
    expect(d.preserved).toHaveLength(1);
    const known = deps({ send: async (m) => ({ known: (m as { keys: string[] }).keys }) });
    expect(await captureFromList(document, message(X_URL), known)).toMatchObject({ outcome: 'already-saved', postKey: 'x:934106870834454529' });
    expect(known.preserved).toHaveLength(0);
    const failing = deps({ preserve: async () => ({ ok: false, code: 'x', message: 'disk full' }) });
    expect(await captureFromList(document, message(X_URL), failing)).toMatchObject({ outcome: 'error', message: 'disk full' });
  });

  it('answers not served for HTTP 404/410, from the navigation entry, before looking for posts', async () => {
    page(X_URL, '<p>Not found</p>');
    vi.spyOn(performance, 'getEntriesByType').mockReturnValue([{ responseStatus: 410 } as unknown as PerformanceEntry]);
    expect(await captureFromList(document, message(X_URL), deps())).toMatchObject({ outcome: 'not-served', message: expect.stringMatching(/410/) });
  });

  it('answers no post after waiting a bounded time, and takes a post that appears meanwhile', async () => {
    page(X_URL, '<main><p>Nothing here</p></main>');
    const started = Date.now();
    expect(await captureFromList(document, message(X_URL), deps({ waitMs: 200 }))).toMatchObject({ outcome: 'no-post' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const html = readFixturePage('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html').replace(/<script\b[\s\S]*?<\/script>/gi, '');
    page(X_URL, '<main></main>');
    const later = new DOMParser().parseFromString(clean(html), 'text/html').querySelector(x.postSelector)!;
    setTimeout(() => document.querySelector('main')!.append(document.importNode(later, true)), 30);
    expect(await captureFromList(document, message(X_URL), deps({ waitMs: 5_000 }))).toMatchObject({ outcome: 'saved' });
  });

  it('answers a login wall on a login page, and unsupported for a profile until the profile part is joined', async () => {
    page('https://x.com/i/flow/login', '<main></main>');
    expect(await captureFromList(document, message(X_URL), deps())).toMatchObject({ outcome: 'login-wall' });
    page('https://x.com/UaSmart', '<main></main>');
    expect(await captureFromList(document, message('https://x.com/UaSmart', 'profile'), deps())).toMatchObject({ outcome: 'unsupported' });
    const profile = vi.fn(async () => ({ outcome: 'saved' as const, captureId: 'P' }));
    expect(await captureFromList(document, message('https://x.com/UaSmart', 'profile'), deps({ preserveProfile: profile }))).toEqual({ outcome: 'saved', captureId: 'P' });
  });

  it('the listener answers only its own message, one at a time', async () => {
    page(X_URL, '<main></main>');
    const listen = listCaptureListener(document, deps({ waitMs: 100 }));
    expect(listen({ type: 'postproof/other' })).toBeUndefined();
    const first = listen(message(X_URL));
    expect(await listen(message(X_URL))).toMatchObject({ outcome: 'error', message: expect.stringMatching(/already capturing/) });
    expect(await first).toMatchObject({ outcome: 'no-post' });
  });
});
