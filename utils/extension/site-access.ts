// PostProof on sites outside the manifest (Mastodon instances): injection into one tab after a toolbar click, and a
// remembered per-origin opt-in that registers the content script for that origin with its host permission.
import type { SiteAccessMessage, SiteAccessReply } from '../capture/protocol';
import { errorMessage } from '../error-message';

/** Where the build puts the content script (WXT: entrypoints/content.ts → content-scripts/content.js). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
/** The element picker, injected on demand (WXT: entrypoints/picker.ts, an unlisted script → picker.js). */
export const PICKER_SCRIPT_FILE = 'picker.js';
/** storage.local key: the origins the user asked PostProof to run on always. */
export const SITE_ACCESS_KEY = 'siteAccess';
const SCRIPT_ID_PREFIX = 'postproof-site:';

export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** An http(s) origin of a page URL, or undefined for pages PostProof cannot run on (chrome:, file:, about:). */
export function webOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of the extension APIs this needs, passed in so it runs in unit tests. */
export interface SiteAccessApi {
  storage: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean>; remove(p: { origins: string[] }): Promise<boolean> };
  scripting: {
    getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]>;
    registerContentScripts(scripts: { id: string; matches: string[]; js: string[]; runAt: 'document_idle'; persistAcrossSessions: boolean }[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  };
}

export async function storedSiteOrigins(api: Pick<SiteAccessApi, 'storage'>): Promise<string[]> {
  const value = (await api.storage.get(SITE_ACCESS_KEY))[SITE_ACCESS_KEY];
  return Array.isArray(value) ? value.filter((origin): origin is string => typeof origin === 'string') : [];
}

/**
 * Brings the registered content scripts in line with the user's opt-ins and the browser's grants: an origin stays
 * opted in only while its host permission is granted (the user can revoke it in the browser's settings).
 * Returns the origins PostProof now runs on.
 */
export async function syncSiteScripts(api: SiteAccessApi): Promise<string[]> {
  const stored = await storedSiteOrigins(api);
  const granted: string[] = [];
  for (const origin of stored) {
    if (await api.permissions.contains({ origins: [originPattern(origin)] }).catch(() => false)) granted.push(origin);
  }
  if (granted.length !== stored.length) await api.storage.set({ [SITE_ACCESS_KEY]: granted });

  const registered = (await api.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(SCRIPT_ID_PREFIX));
  const stale = registered.filter((s) => !granted.includes(s.id.slice(SCRIPT_ID_PREFIX.length))).map((s) => s.id);
  if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale });
  const missing = granted.filter((origin) => !registered.some((s) => s.id === SCRIPT_ID_PREFIX + origin));
  if (missing.length) {
    await api.scripting.registerContentScripts(
      missing.map((origin) => ({
        id: SCRIPT_ID_PREFIX + origin,
        matches: [originPattern(origin)],
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      })),
    );
  }
  return granted;
}

/**
 * Turns the per-origin opt-in on or off. On: the popup has already asked for the host permission (only a user
 * gesture can); without it nothing is registered. Off: the registration, the remembered origin and the host
 * permission all go.
 */
export async function setSiteAccess(api: SiteAccessApi, origin: string, always: boolean): Promise<boolean> {
  const stored = await storedSiteOrigins(api);
  const next = always ? [...new Set([...stored, origin])] : stored.filter((o) => o !== origin);
  await api.storage.set({ [SITE_ACCESS_KEY]: next });
  // A permission the manifest grants outright (such as <all_urls> in a test build) cannot be removed; that is fine.
  if (!always) await api.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  const active = await syncSiteScripts(api);
  return active.includes(origin);
}

/** The background's answer to the popup's opt-in switch; undefined for any other message. */
export function handleSiteAccessMessage(api: SiteAccessApi, message: unknown): Promise<SiteAccessReply> | undefined {
  const candidate = message as Partial<SiteAccessMessage> | null;
  if (candidate?.type !== 'postproof/site-access' || typeof candidate.origin !== 'string' || webOrigin(candidate.origin) !== candidate.origin) {
    return undefined;
  }
  return setSiteAccess(api, candidate.origin, candidate.always === true).then(
    (registered): SiteAccessReply => ({ ok: true, registered }),
    (error: unknown): SiteAccessReply => ({
      ok: false,
      message: `PostProof could not change its access to ${candidate.origin}: ${errorMessage(error)}`,
    }),
  );
}

/**
 * Runs in the tab (chrome.scripting.executeScript `func`), so it must stay self-contained: the page's origin and
 * the index of the first structural-detection selector that matches (-1 for none).
 */
export function probePage(selectors: string[]): { origin: string; detected: number } {
  return { origin: location.origin, detected: selectors.findIndex((selector) => document.querySelector(selector) !== null) };
}
