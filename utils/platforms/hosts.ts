// The hosts where PostProof's content script runs (the supported platforms only, never all sites), and the media
// CDNs the background may fetch a post's own media from. One list per platform, used by adapters and the manifest.
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

export const CONTENT_SCRIPT_MATCHES = PLATFORM_HOSTS.map((host) => `https://${host}/*`);

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
