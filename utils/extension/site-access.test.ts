// The per-origin opt-in: registered content scripts follow the user's wish and the browser's grants.
import { describe, expect, it } from 'vitest';
import { CONTENT_SCRIPT_FILE, handleSiteAccessMessage, setSiteAccess, SITE_ACCESS_KEY, syncSiteScripts, webOrigin, type SiteAccessApi } from './site-access';

function fakeApi(granted: string[] = []) {
  const store: Record<string, unknown> = {};
  const scripts: { id: string; matches: string[]; js: string[] }[] = [];
  const grants = new Set(granted);
  const api: SiteAccessApi = {
    storage: { get: async (key) => (key in store ? { [key]: store[key] } : {}), set: async (items) => void Object.assign(store, items) },
    permissions: {
      contains: async ({ origins }) => origins.every((o) => grants.has(o)),
      remove: async ({ origins }) => origins.map((o) => grants.delete(o)).every(Boolean),
    },
    scripting: {
      getRegisteredContentScripts: async () => scripts.map((s) => ({ ...s })),
      registerContentScripts: async (list) => void scripts.push(...list),
      unregisterContentScripts: async ({ ids }) => void scripts.splice(0, scripts.length, ...scripts.filter((s) => !ids.includes(s.id))),
    },
  };
  return { api, store, scripts, grants };
}

describe('site access', () => {
  it('registers the content script for an opted-in origin once its permission is granted', async () => {
    const { api, scripts, store } = fakeApi(['https://mastodon.example/*']);
    expect(await setSiteAccess(api, 'https://mastodon.example', true)).toBe(true);
    expect(scripts).toEqual([
      expect.objectContaining({ matches: ['https://mastodon.example/*'], js: [CONTENT_SCRIPT_FILE], persistAcrossSessions: true }),
    ]);
    expect(store[SITE_ACCESS_KEY]).toEqual(['https://mastodon.example']);
    // Asking again changes nothing: one registration per origin.
    await setSiteAccess(api, 'https://mastodon.example', true);
    expect(scripts).toHaveLength(1);
  });

  it('registers nothing and forgets the origin when the permission was refused', async () => {
    const { api, scripts, store } = fakeApi();
    expect(await setSiteAccess(api, 'https://mastodon.example', true)).toBe(false);
    expect(scripts).toEqual([]);
    expect(store[SITE_ACCESS_KEY]).toEqual([]);
  });

  it('turning it off unregisters, forgets and gives the permission back', async () => {
    const { api, scripts, store, grants } = fakeApi(['https://mastodon.example/*']);
    await setSiteAccess(api, 'https://mastodon.example', true);
    expect(await setSiteAccess(api, 'https://mastodon.example', false)).toBe(false);
    expect(scripts).toEqual([]);
    expect(store[SITE_ACCESS_KEY]).toEqual([]);
    expect(grants.size).toBe(0);
  });

  it('follows a permission revoked in the browser’s settings', async () => {
    const { api, scripts, grants } = fakeApi(['https://a.example/*', 'https://b.example/*']);
    await setSiteAccess(api, 'https://a.example', true);
    await setSiteAccess(api, 'https://b.example', true);
    grants.delete('https://a.example/*');
    expect(await syncSiteScripts(api)).toEqual(['https://b.example']);
    expect(scripts.map((s) => s.matches[0])).toEqual(['https://b.example/*']);
  });

  it('answers only well-formed opt-in messages for web origins', async () => {
    const { api } = fakeApi(['https://mastodon.example/*']);
    expect(handleSiteAccessMessage(api, { type: 'postproof/page-status' })).toBeUndefined();
    expect(handleSiteAccessMessage(api, { type: 'postproof/site-access', origin: 'chrome://settings', always: true })).toBeUndefined();
    expect(handleSiteAccessMessage(api, { type: 'postproof/site-access', origin: 'https://mastodon.example/path', always: true })).toBeUndefined();
    expect(await handleSiteAccessMessage(api, { type: 'postproof/site-access', origin: 'https://mastodon.example', always: true })).toEqual({
      ok: true,
      registered: true,
    });
  });

  it('knows which pages it may run on', () => {
    expect(webOrigin('https://mastodon.example/@user/1')).toBe('https://mastodon.example');
    expect(webOrigin('chrome://extensions/')).toBeUndefined();
    expect(webOrigin('not a url')).toBeUndefined();
  });
});
