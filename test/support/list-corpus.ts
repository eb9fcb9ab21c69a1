// URL lists built from the real saved pages, for the list end-to-end test and the list benchmark: each page of many
// posts served under each of its posts' own URLs (a Telegram channel page under t.me/s/<channel>/<id>, a Bluesky
// thread page under each member's permalink), the X status pages, Instagram's real logged-out shell under post URLs,
// and URLs that answer 404. The focal post of each URL is the page's post whose permalink is that URL.
import { readFileSync } from 'node:fs';
import { fixturePage } from '../fixtures';
import { withFixtureDocument } from '../fixture-dom';
import { allAdapters } from '../../utils/platforms/index';
import { stripScripts, xFixtures, type Route } from './fixture-server';

const html = (body: string, status = 200) => ({ status, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const TELEGRAM_CHANNEL = 'ClashReport';
const TELEGRAM_FILE = 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html';
const BLUESKY_FILE = 'bsky_thread_image_glendunlap_2026-01-27_en.metascraper.html';
const BLUESKY_URL = 'https://bsky.app/profile/glendunlap.bsky.social/post/3mdegyw3ves2t';
const INSTAGRAM_SHELL = 'ig_post_loggedout_shell_willyrex_2024-12_es.metascraper.html';

export interface ListPost {
  url: string;
  /** "platform:id" of the post the URL means. */
  key: string;
}

/** The channel page's 17 messages, each as t.me/s/<channel>/<id>. */
export function telegramPosts(): ListPost[] {
  const page = readFileSync(fixturePage('telegram', TELEGRAM_FILE), 'utf8');
  const ids = [...new Set([...page.matchAll(new RegExp(`data-post="${TELEGRAM_CHANNEL}/(\\d+)"`, 'g'))].map((m) => m[1]!))];
  return ids.map((id) => ({ url: `https://t.me/s/${TELEGRAM_CHANNEL}/${id}`, key: `telegram:${id}` }));
}

/** The Bluesky thread page's posts (focal and replies) as the adapter reads them: permalink and id. */
export async function blueskyPosts(): Promise<ListPost[]> {
  const adapter = allAdapters().find((a) => a.name === 'bluesky')!;
  const records = await withFixtureDocument('bluesky', BLUESKY_FILE, BLUESKY_URL, (doc) =>
    Array.from(doc.querySelectorAll(adapter.postSelector)).map((post) => adapter.extract(post, new URL(BLUESKY_URL))),
  );
  const seen = new Set<string>();
  const posts: ListPost[] = [];
  for (const record of records) {
    if (!record.id || !record.url || record.platform !== 'bluesky' || seen.has(record.id)) continue;
    seen.add(record.id);
    posts.push({ url: record.url, key: `bluesky:${record.id}` });
  }
  return posts;
}

export function xPosts(): ListPost[] {
  return Object.values(xFixtures).map((f) => ({ url: f.url, key: `x:${f.tweetId}` }));
}

/** Telegram's channel page under each message's URL; the Bluesky thread under each member's; Instagram's shell under `shellCodes`. */
export function listRoutes(opts: { bluesky: readonly ListPost[]; instagramShellCodes: readonly string[]; telegramIds?: 'any' }): Route[] {
  const telegram = stripScripts(readFileSync(fixturePage('telegram', TELEGRAM_FILE), 'utf8'));
  const bluesky = stripScripts(readFileSync(fixturePage('bluesky', BLUESKY_FILE), 'utf8'));
  const shell = stripScripts(readFileSync(fixturePage('instagram', INSTAGRAM_SHELL), 'utf8'));
  const blueskyPaths = opts.bluesky.map((p) => escape(new URL(p.url).pathname));
  const routes: Route[] = [{ host: 't.me', path: new RegExp(`^/s/${TELEGRAM_CHANNEL}/\\d+$`), respond: html(telegram) }];
  if (blueskyPaths.length) routes.push({ host: 'bsky.app', path: new RegExp(`^(${blueskyPaths.join('|')})$`), respond: html(bluesky) });
  if (opts.instagramShellCodes.length) {
    routes.push({ host: 'www.instagram.com', path: new RegExp(`^/p/(${opts.instagramShellCodes.map(escape).join('|')})/$`), respond: html(shell) });
  }
  return routes;
}

/**
 * The channel page with its first message given the id `id` (its data-post and its permalinks), served under
 * t.me/s/<channel>/<id>: as many distinct real-markup posts as a benchmark needs (test/support/timeline.ts does the
 * same in the page).
 */
export function numberedTelegramRoute(firstId: number): Route {
  const page = stripScripts(readFileSync(fixturePage('telegram', TELEGRAM_FILE), 'utf8'));
  const firstPost = new RegExp(`${TELEGRAM_CHANNEL}/(\\d+)`).exec(page.slice(page.indexOf('data-post="')))![1]!;
  return {
    host: 't.me',
    path: new RegExp(`^/s/${TELEGRAM_CHANNEL}/\\d+$`),
    respond: ({ url }) => {
      const id = url.pathname.split('/').pop()!;
      if (Number(id) < firstId) return html(page);
      return html(page.split(`${TELEGRAM_CHANNEL}/${firstPost}`).join(`${TELEGRAM_CHANNEL}/${id}`));
    },
  };
}
