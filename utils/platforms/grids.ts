// Profile grids: the Instagram and TikTok profile grids and X's media tab, where each tile only shows a post's thumbnail
// and links to it. A tile is not a post: these readers give each tile's post link and thumbnail, so the posts can be
// preserved from their own pages (the list queue), and build the record of a tile kept as it is shown (kind `tile`).
// Pure readers of the page, like the adapters; nothing here fetches or changes anything.
import type { MediaRef, PlatformName, PostRecord } from '../model';
import { absoluteUrl, largestImageUrl } from './dom';
import { INSTAGRAM_HOSTS, TIKTOK_HOSTS, X_HOSTS } from './hosts';
import { finalizePost } from './registry';

export type GridPlatform = Extract<PlatformName, 'instagram' | 'tiktok' | 'x'>;

/** The account whose grid the page shows, from the page's address. */
export interface GridOwner {
  platform: GridPlatform;
  handle: string;
  /** The account's profile URL, canonical. */
  url: string;
}

/** One tile of a grid: the post it links to, and the thumbnail it shows. */
export interface GridTile {
  platform: GridPlatform;
  /** The post's canonical URL (never the tile's /photo/1 or query-string variant). */
  url: string;
  /** The post's id (Instagram's shortcode), as the link names it. */
  id: string;
  /** The thumbnail the tile shows, at the best resolution the tile's own markup offers. */
  thumbnailUrl?: string;
  /** The tile element: the link itself, or the tile block around it. */
  element: Element;
}

const IG_HOSTS = new Set(INSTAGRAM_HOSTS);
const TT_HOSTS = new Set(TIKTOK_HOSTS);
const XX_HOSTS = new Set(X_HOSTS);

// Instagram paths that are not an account's profile.
const IG_RESERVED = new Set(['p', 'reel', 'reels', 'tv', 'explore', 'stories', 'accounts', 'direct', 'about', 'legal', 'developer', 'web', 'challenge', 'emails', 'session', 'oauth', 'privacy', 'help']);
// A profile and its grid tabs: /<user>/, /<user>/reels/, /<user>/tagged/.
const IG_PROFILE = /^\/([\w.]+)\/(?:(?:reels|tagged)\/?)?$/;
// A post's link on a grid: /p/<code>/, /reel/<code>/, /tv/<code>/, or (grids since 2024) /<user>/p/<code>/.
const IG_POST = /^\/(?:[\w.]+\/)?(p|reel|tv)\/([\w-]+)\/?$/;
const TT_PROFILE = /^\/@([\w.]+)\/?$/;
const TT_POST = /^\/@([\w.]+)\/(video|photo)\/(\d+)\/?$/;
// X's media tab; the post links of its tiles end in /photo/<n> or /video/<n>.
const X_MEDIA = /^\/(\w+)\/media\/?$/;
const X_PROFILE = /^\/(\w+)\/?$/;
const X_STATUS = /^\/(\w+)\/status\/(\d+)(?:\/|$)/;
// X paths that are not an account.
const X_RESERVED = new Set(['home', 'explore', 'search', 'notifications', 'messages', 'i', 'settings', 'compose', 'login', 'logout', 'signup', 'tos', 'privacy', 'jobs']);

/** The account and platform of a grid page, from its address alone; undefined when the address is no grid page. */
export function gridOwnerOf(url: URL): GridOwner | undefined {
  if (url.protocol !== 'https:') return undefined;
  if (IG_HOSTS.has(url.hostname)) {
    const handle = IG_PROFILE.exec(url.pathname)?.[1];
    return handle && !IG_RESERVED.has(handle) ? { platform: 'instagram', handle, url: `https://www.instagram.com/${handle}/` } : undefined;
  }
  if (TT_HOSTS.has(url.hostname)) {
    const handle = TT_PROFILE.exec(url.pathname)?.[1];
    return handle ? { platform: 'tiktok', handle, url: `https://www.tiktok.com/@${handle}` } : undefined;
  }
  if (XX_HOSTS.has(url.hostname)) {
    const handle = X_MEDIA.exec(url.pathname)?.[1];
    return handle && !X_RESERVED.has(handle.toLowerCase()) ? { platform: 'x', handle, url: `https://x.com/${handle}` } : undefined;
  }
  return undefined;
}

/**
 * The account of an X profile page, its timeline (`/<user>`) or media tab: whose own post links
 * `readProfileTiles` takes. Other accounts' posts on the page (quoted ones) are not that account's tiles.
 */
export function xProfileOwner(url: URL): GridOwner | undefined {
  if (url.protocol !== 'https:' || !XX_HOSTS.has(url.hostname)) return undefined;
  const handle = (X_MEDIA.exec(url.pathname) ?? X_PROFILE.exec(url.pathname))?.[1];
  return handle && !X_RESERVED.has(handle.toLowerCase()) ? { platform: 'x', handle, url: `https://x.com/${handle}` } : undefined;
}

/** Whether the page is a profile grid whose tiles this reader finds: the address of one, and at least one tile. */
export function isGridPage(url: URL, doc: ParentNode): boolean {
  return gridOwnerOf(url) !== undefined && readGridTiles(url, doc).length > 0;
}

/** The tiles of a grid page, in page order, each post once; none when the page is no grid page. */
export function readGridTiles(url: URL, doc: ParentNode): GridTile[] {
  const owner = gridOwnerOf(url);
  return owner ? tilesOf(owner, url, doc) : [];
}

/**
 * The post links of an X profile page, timeline or media tab: the account's own posts, in page order, each once, with
 * the thumbnail one of its links shows. The way to send a profile's posts to the list queue from its timeline.
 */
export function readProfileTiles(url: URL, doc: ParentNode): GridTile[] {
  const owner = gridOwnerOf(url) ?? xProfileOwner(url);
  return owner ? tilesOf(owner, url, doc) : [];
}

function tilesOf(owner: GridOwner, pageUrl: URL, doc: ParentNode): GridTile[] {
  const tiles: GridTile[] = [];
  const add = (tile: GridTile): void => {
    const known = tiles.find((t) => t.id === tile.id);
    if (!known) tiles.push(tile);
    // X names a post by several links (its time, each photo); the tile is the one that shows the picture.
    else if (!known.thumbnailUrl && tile.thumbnailUrl) Object.assign(known, { thumbnailUrl: tile.thumbnailUrl, element: tile.element });
  };
  for (const link of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = absoluteUrl(link.getAttribute('href'), pageUrl);
    const target = href ? new URL(href) : undefined;
    if (!target) continue;
    const tile = owner.platform === 'instagram' ? instagramTile(link, target, pageUrl)
      : owner.platform === 'tiktok' ? tiktokTile(link, target, pageUrl)
      : xTile(link, target, pageUrl, owner);
    if (tile) add(tile);
  }
  return tiles;
}

function thumbnailOf(link: Element, pageUrl: URL): string | undefined {
  const img = link.querySelector('img');
  const src = img ? largestImageUrl(img, pageUrl) : undefined;
  return src?.startsWith('https:') ? src : undefined;
}

function instagramTile(link: Element, target: URL, pageUrl: URL): GridTile | undefined {
  if (!IG_HOSTS.has(target.hostname)) return undefined;
  const match = IG_POST.exec(target.pathname);
  // A tile shows its thumbnail; a post link without one (a caption's mention of a post) is not a tile.
  const thumbnailUrl = match ? thumbnailOf(link, pageUrl) : undefined;
  if (!match || !thumbnailUrl) return undefined;
  return { platform: 'instagram', id: match[2]!, url: `https://www.instagram.com/${match[1]}/${match[2]}/`, thumbnailUrl, element: link };
}

function tiktokTile(link: Element, target: URL, pageUrl: URL): GridTile | undefined {
  if (!TT_HOSTS.has(target.hostname)) return undefined;
  const match = TT_POST.exec(target.pathname);
  // Each tile is a [data-e2e="user-post-item"] around the link (profile grid of 2025); the link alone elsewhere.
  const item = link.closest('[data-e2e="user-post-item"]');
  if (!match || !item) return undefined;
  return {
    platform: 'tiktok',
    id: match[3]!,
    url: `https://www.tiktok.com/@${match[1]}/${match[2]}/${match[3]}`,
    thumbnailUrl: thumbnailOf(link, pageUrl),
    element: item,
  };
}

function xTile(link: Element, target: URL, pageUrl: URL, owner: GridOwner): GridTile | undefined {
  if (!XX_HOSTS.has(target.hostname)) return undefined;
  const match = X_STATUS.exec(target.pathname);
  // The account's own posts only: a quoted post on the page belongs to someone else's grid.
  if (!match || match[1]!.toLowerCase() !== owner.handle.toLowerCase()) return undefined;
  // Analytics, quotes and media-tag links name the post too; they are not the post, but they do not add a tile either.
  return { platform: 'x', id: match[2]!, url: `https://x.com/${match[1]}/status/${match[2]}`, thumbnailUrl: thumbnailOf(link, pageUrl), element: link };
}

/**
 * The record of a tile kept as it is shown: kind `tile`, the post's link and the grid's account, the thumbnail as its
 * one picture. The post's id is left out on purpose: the store finds a post's captures by platform and id, and a
 * tile must never count as a capture of its post (the link still names it). Text, time and counts are the post's
 * own and are not read from a tile.
 */
export function tileRecord(tile: Pick<GridTile, 'platform' | 'url' | 'thumbnailUrl'>, owner: GridOwner): PostRecord {
  const media: MediaRef[] = tile.thumbnailUrl ? [{ kind: tile.platform === 'tiktok' ? 'video-poster' : 'photo', url: tile.thumbnailUrl }] : [];
  return finalizePost(
    {
      platform: tile.platform,
      kind: 'tile',
      url: tile.url,
      author: { handle: owner.handle, url: owner.url },
      media,
    },
    ['url', 'author'],
  );
}
