import { describe, expect, it } from 'vitest';
import type { BackgroundMessage } from '../protocol';
import { backgroundMessageProblem, isOwnExtensionPage, mediaUrlProblem, originMatchesPattern, senderProblem } from './message-guards';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const EXT = `chrome-extension://${ID}/`;
const rect = { x: 0, y: 0, width: 10, height: 10 };
const capture = (pageUrl = 'https://x.com/a/status/1'): BackgroundMessage => ({
  type: 'postproof/capture',
  request: {
    post: { platform: 'x', media: [{ kind: 'photo', url: 'https://pbs.twimg.com/media/a.jpg' }] } as never,
    snapshotHtml: '<!doctype html>',
    rect,
    viewport: { width: 1, height: 1, devicePixelRatio: 1 },
    page: { url: pageUrl, title: 't' },
    locale: 'en',
    timeZone: 'UTC',
    userAgent: 'ua',
  },
  screenshot: { ok: true, token: 't' },
});
const scope = { matches: ['https://x.com/*', 'https://*.bsky.app/*'], siteOrigins: ['https://mastodon.social'] };

describe('message shapes', () => {
  it('accepts well-formed messages of each type', () => {
    expect(backgroundMessageProblem(capture())).toBeNull();
    expect(backgroundMessageProblem({ type: 'postproof/screenshot', rect, viewportWidth: 800 })).toBeNull();
    expect(backgroundMessageProblem({ type: 'postproof/screenshot-slice', session: 's', rect, rows: { from: 0, to: 5 }, height: 5, viewportWidth: 8, last: true })).toBeNull();
    const streams = [{ mediaUrl: 'blob:https://x.com/1', streamUrl: 'https://video.twimg.com/amplify_video/1/pl/m.m3u8', untied: 0 }, { mediaUrl: 'blob:https://x.com/2', untied: 3 }];
    expect(backgroundMessageProblem({ ...(capture() as object), request: { ...(capture() as { request: object }).request, streams } })).toBeNull();
  });

  it('refuses malformed ones', () => {
    const bad: unknown[] = [
      null, 'x', 42, {}, { type: 'postproof/nope' },
      { type: 'postproof/screenshot', rect: { ...rect, x: 'a' }, viewportWidth: 1 },
      { type: 'postproof/screenshot', rect: { ...rect, width: Infinity }, viewportWidth: 1 },
      { type: 'postproof/screenshot-slice', session: 's', rect, rows: { from: 0 }, height: 5, viewportWidth: 8, last: true },
      { ...capture(), screenshot: { ok: true } },
      { ...capture(), progressId: 7 },
      { ...(capture() as object), request: { ...(capture() as { request: object }).request, snapshotHtml: 5 } },
      { ...(capture() as object), request: { ...(capture() as { request: object }).request, post: { platform: 'x', media: [{ kind: 'photo' }] } } },
      { ...(capture() as object), request: { ...(capture() as { request: object }).request, page: { url: 'https://x.com' } } },
      { ...(capture() as object), request: { ...(capture() as { request: object }).request, streams: [{ mediaUrl: 'blob:https://x.com/1' }] } },
      { ...(capture() as object), request: { ...(capture() as { request: object }).request, streams: [{ mediaUrl: 'blob:https://x.com/1', streamUrl: 5, untied: 0 }] } },
    ];
    for (const message of bad) expect(backgroundMessageProblem(message), JSON.stringify(message)).not.toBeNull();
  });
});

describe('senders', () => {
  const tabSender = (url: string, id = ID) => ({ id, url, tab: { id: 3 }, frameId: 0 });

  it('accepts our content script on a platform page or an opted-in origin', async () => {
    expect(await senderProblem(capture(), tabSender('https://x.com/a/status/1'), ID, scope)).toBeNull();
    expect(await senderProblem(capture('https://mastodon.social/@a/1'), tabSender('https://mastodon.social/@a/1'), ID, scope)).toBeNull();
    expect(await senderProblem(capture('https://web.bsky.app/p/1'), tabSender('https://web.bsky.app/p/1'), ID, scope)).toBeNull();
  });

  it('refuses other extensions, extension pages, missing tabs, foreign origins and a capture of another page', async () => {
    expect(await senderProblem(capture(), tabSender('https://x.com/a', 'otherextensionid'), ID, scope)).toMatch(/own content script/);
    expect(await senderProblem(capture(), { id: ID, url: `${EXT}popup.html` }, ID, scope)).toMatch(/own content script/);
    expect(await senderProblem(capture(), { id: ID, url: 'https://x.com/a' }, ID, scope)).toMatch(/own content script/);
    expect(await senderProblem(capture(), tabSender('file:///etc/passwd'), ID, scope)).toMatch(/own content script/);
    expect(await senderProblem(capture('https://evil.example/'), tabSender('https://evil.example/'), ID, scope)).toMatch(/does not run on https:\/\/evil\.example/);
    expect(await senderProblem(capture('https://x.com/a/status/1'), tabSender('https://evil.example/'), ID, scope)).toMatch(/another page/);
  });

  it('accepts a page the content script was injected into (activeTab), asked last', async () => {
    const injected = async (tabId: number, origin: string) => tabId === 3 && origin === 'https://blog.example';
    expect(await senderProblem(capture('https://blog.example/p'), tabSender('https://blog.example/p'), ID, { ...scope, injected })).toBeNull();
    const refusing = async () => {
      throw new Error('Cannot access contents of the page');
    };
    expect(await senderProblem(capture('https://blog.example/p'), tabSender('https://blog.example/p'), ID, { ...scope, injected: refusing })).not.toBeNull();
  });

  it('knows our own pages and match patterns', () => {
    expect(isOwnExtensionPage({ id: ID, url: `${EXT}popup.html` }, ID, EXT)).toBe(true);
    // The dashboard and options pages are opened in tabs.
    expect(isOwnExtensionPage({ id: ID, url: `${EXT}dashboard.html`, tab: { id: 7 } }, ID, EXT)).toBe(true);
    expect(isOwnExtensionPage({ id: ID, url: 'https://x.com/', tab: { id: 1 } }, ID, EXT)).toBe(false);
    expect(isOwnExtensionPage({ id: 'other', url: `${EXT}popup.html` }, ID, EXT)).toBe(false);
    expect(originMatchesPattern('https://x.com', 'https://x.com/*')).toBe(true);
    expect(originMatchesPattern('https://evilx.com', 'https://x.com/*')).toBe(false);
    expect(originMatchesPattern('https://x.com.evil.example', 'https://x.com/*')).toBe(false);
    expect(originMatchesPattern('http://x.com', 'https://x.com/*')).toBe(false);
    expect(originMatchesPattern('https://a.bsky.app', 'https://*.bsky.app/*')).toBe(true);
  });
});

describe('media URLs handed over by a page', () => {
  const page = 'https://x.com/a/status/1';
  it('lets platform media through', () => {
    expect(mediaUrlProblem('https://pbs.twimg.com/media/a.jpg?name=large', page)).toBeNull();
    expect(mediaUrlProblem('http://cdn.example.org/v.mp4', page)).toBeNull();
  });

  it('refuses other schemes, credentials and the user’s own network', () => {
    for (const url of [
      'file:///etc/passwd', 'data:image/png;base64,AAAA', 'chrome://settings', 'chrome-extension://abc/x', 'javascript:alert(1)', 'ftp://x.com/a', 'blob:https://x.com/1',
      'https://user:pw@pbs.twimg.com/a.jpg', 'http://localhost/a', 'http://app.localhost:8080/a', 'http://127.0.0.1/a', 'http://127.1/a', 'http://2130706433/a', 'http://0x7f.0.0.1/a',
      'http://10.1.2.3/', 'http://172.16.0.1/', 'http://172.31.255.255/', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data', 'http://0.0.0.0/',
      'http://[::1]/', 'http://[fd00::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/', 'http://printer.local/', 'http://router.home.arpa/', 'not a url',
    ]) {
      expect(mediaUrlProblem(url, page), url).not.toBeNull();
    }
    expect(mediaUrlProblem('http://172.32.0.1/a', page)).toBeNull();
  });

  it('allows a private host only when the page itself is on it', () => {
    expect(mediaUrlProblem('http://192.168.1.5/media/a.jpg', 'http://192.168.1.5/timeline')).toBeNull();
    expect(mediaUrlProblem('http://localhost:3000/a.png', 'http://localhost:3000/post/1')).toBeNull();
    expect(mediaUrlProblem('http://192.168.1.6/media/a.jpg', 'http://192.168.1.5/timeline')).not.toBeNull();
  });
});
