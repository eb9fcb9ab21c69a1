// The hosts where PostProof's content script runs (the supported platforms only, never all sites), and the media
// CDNs the background may fetch a post's own media from. One list per platform, used by adapters and the manifest,
// and one small table of which pages each platform claims, for the popup (which must not load the adapters).
import type { PlatformName } from '../model';

export const X_HOSTS = ['x.com', 'twitter.com', 'mobile.x.com', 'mobile.twitter.com'];
export const BLUESKY_HOSTS = ['bsky.app'];
export const TELEGRAM_HOSTS = ['t.me', 'telegram.me'];
export const FACEBOOK_HOSTS = ['www.facebook.com', 'm.facebook.com', 'web.facebook.com', 'mbasic.facebook.com'];
export const INSTAGRAM_HOSTS = ['www.instagram.com'];
export const REDDIT_HOSTS = ['www.reddit.com', 'old.reddit.com', 'new.reddit.com'];
export const YOUTUBE_HOSTS = ['www.youtube.com', 'm.youtube.com'];
export const TIKTOK_HOSTS = ['www.tiktok.com'];

/** Mastodon runs on any instance: it is reached through the toolbar action and a per-origin opt-in, not listed here. */
export const PLATFORM_HOSTS = [
  ...X_HOSTS,
  ...BLUESKY_HOSTS,
  ...TELEGRAM_HOSTS,
  ...FACEBOOK_HOSTS,
  ...INSTAGRAM_HOSTS,
  ...REDDIT_HOSTS,
  ...YOUTUBE_HOSTS,
  ...TIKTOK_HOSTS,
];

/** The manifest match patterns of some hosts: each platform's content script (entrypoints/<platform>.content.ts) runs on its own. */
export function matchPatterns(hosts: readonly string[]): string[] {
  return hosts.map((host) => `https://${host}/*`);
}

/** Every platform page a content script is declared for: the union of the per-platform scripts' matches. */
export const CONTENT_SCRIPT_MATCHES = matchPatterns(PLATFORM_HOSTS);

/** Mastodon's web app, on any instance: its root (app/views/shared/_web_app.html.haml) or its rendered statuses. */
export const MASTODON_DETECT_SELECTOR = [
  'div#mastodon.app-holder',
  'div#mastodon[data-props]',
  '.status[data-id] .status__content__text',
  '.detailed-status .status__content__text',
].join(', ');

/**
 * The pages each adapter claims, in the registry's order: by host, or (platforms on any host) by a CSS selector that
 * matches only the platform's page structure. hosts.test.ts holds it to the adapters' own `matches` and
 * `detectSelector`, so the two cannot drift.
 */
export const PLATFORM_PAGES: readonly { name: PlatformName; hosts: readonly string[]; detectSelector?: string }[] = [
  { name: 'x', hosts: X_HOSTS },
  { name: 'mastodon', hosts: [], detectSelector: MASTODON_DETECT_SELECTOR },
  { name: 'bluesky', hosts: BLUESKY_HOSTS },
  { name: 'telegram', hosts: TELEGRAM_HOSTS },
  { name: 'tiktok', hosts: TIKTOK_HOSTS },
  { name: 'facebook', hosts: FACEBOOK_HOSTS },
  { name: 'instagram', hosts: INSTAGRAM_HOSTS },
  { name: 'reddit', hosts: REDDIT_HOSTS },
  { name: 'youtube', hosts: YOUTUBE_HOSTS },
];

/**
 * The platforms found by page structure rather than by host: the popup tests a tab with these selectors. A function,
 * so a bundle that does not call it (the content script) carries none of the table.
 */
export function structuralDetectors(): { name: PlatformName; selector: string }[] {
  return PLATFORM_PAGES.flatMap((page) => (page.detectSelector === undefined ? [] : [{ name: page.name, selector: page.detectSelector }]));
}

/** Media CDNs of the supported platforms, as manifest match patterns. */
export const MEDIA_HOST_PERMISSIONS = [
  'https://pbs.twimg.com/*',
  'https://video.twimg.com/*',
  'https://cdn.bsky.app/*',
  'https://video.bsky.app/*',
  'https://*.telegram-cdn.org/*',
  'https://*.telesco.pe/*',
  'https://*.fbcdn.net/*',
  'https://*.cdninstagram.com/*',
  'https://i.redd.it/*',
  'https://preview.redd.it/*',
  'https://external-preview.redd.it/*',
  'https://v.redd.it/*',
  'https://i.ytimg.com/*',
  'https://*.tiktokcdn.com/*',
  'https://*.tiktokcdn-us.com/*',
  'https://*.tiktokcdn-eu.com/*',
];
