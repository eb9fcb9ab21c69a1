// The Mastodon adapter: any instance, recognised by the web app's page structure (never by a host list), reading
// timeline statuses (.status[data-id]) and the focal status of a status page (.detailed-status).
import type { MediaRef, PostAuthor, PostRecord } from '../model';
import { absoluteUrl, isElement, readableText } from './dom';
import { MASTODON_DETECT_SELECTOR } from './hosts';
import { finalizePost, registerAdapter } from './registry';

// A quoted post is drawn as a nested .status--is-quote; it gets no control of its own and is read as `quoted`.
const POST_SELECTOR = '.status[data-id]:not(.status--is-quote), .detailed-status';
const QUOTE_SELECTOR = '.status--is-quote';
const PERMALINK_SELECTOR = 'a.status__relative-time, a.detailed-status__datetime';
/** /@user/123 or /@user@other.example/123: the web app's status route. */
const STATUS_PATH = /^\/@([^/@]+(?:@[^/]+)?)\/(\d+)\/?$/;

function extractStatus(post: Element, pageUrl: URL): PostRecord {
  const quote = post.querySelector(QUOTE_SELECTOR) ?? undefined;
  const own = (selector: string): Element[] =>
    Array.from(post.querySelectorAll(selector)).filter((el) => !quote?.contains(el));

  const permalink = own(PERMALINK_SELECTOR)[0];
  const status = permalink && statusOf(permalink, pageUrl);
  const time = permalink?.querySelector('time[datetime]');
  const postedAt = isoTime(time?.getAttribute('datetime'));
  const content = own('.status__content__text')[0];
  const quotedLink = quote?.querySelector(PERMALINK_SELECTOR);
  const quoted = quotedLink ? statusOf(quotedLink, pageUrl) : undefined;

  return finalizePost(
    {
      platform: 'mastodon',
      id: post.getAttribute('data-id') ?? status?.id,
      url: status?.url,
      author: authorOf(own('.status__display-name, .detailed-status__display-name')[0], post, pageUrl),
      postedAt,
      postedAtSource: postedAt ? 'attribute' : undefined,
      text: content && statusText(content),
      lang: content?.getAttribute('lang') || undefined,
      quoted: quoted?.url,
      // The quoted status's permalink names its author (/@user or /@user@instance).
      links: quoted ? [{ kind: 'quote', platform: 'mastodon', id: quoted.id, url: quoted.url, author: quotedAuthor(quoted.url) }] : undefined,
      media: mediaOf(own, pageUrl),
    },
    ['url', 'author'],
  );
}

function quotedAuthor(url: string): PostAuthor | undefined {
  const parsed = new URL(url);
  const account = STATUS_PATH.exec(parsed.pathname)?.[1];
  return account ? { handle: account.includes('@') ? account : `${account}@${parsed.hostname}`, url: `${parsed.origin}/@${account}` } : undefined;
}

/** /@user is a profile, /@user/123 a status, on any instance (only pages the adapter was found on are asked). */
function mastodonUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (STATUS_PATH.test(url.pathname)) return 'post';
  return /^\/@[^/@]+(?:@[^/]+)?\/?$/.test(url.pathname) ? 'profile' : undefined;
}

function statusOf(link: Element, pageUrl: URL): { id: string; url: string } | undefined {
  const href = absoluteUrl(link.getAttribute('href'), pageUrl);
  if (!href) return undefined;
  const url = new URL(href);
  const match = STATUS_PATH.exec(url.pathname);
  return match?.[2] ? { id: match[2], url: `${url.origin}${url.pathname.replace(/\/$/, '')}` } : undefined;
}

function isoTime(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Paragraphs (<p>) apart by a blank line, <br> as a line break, emoji kept: the text as the author wrote it. */
function statusText(content: Element): string {
  const blocks: string[] = [];
  let inline = '';
  content.childNodes.forEach((node) => {
    if (isElement(node) && node.localName === 'p') {
      if (inline.trim()) blocks.push(inline.trim());
      inline = '';
      blocks.push(readableText(node));
    } else if (isElement(node)) {
      inline += readableText(node);
    } else if (node.nodeType === node.TEXT_NODE) {
      inline += node.textContent ?? '';
    }
  });
  if (inline.trim()) blocks.push(inline.trim());
  return blocks.join('\n\n');
}

/**
 * The display name and the account as the page shows it. A local account is shown without its domain
 * (`@user`); its handle is completed with the instance's own domain, from the web app's initial state when the
 * page holds it, else from the host the page was served from.
 */
function authorOf(link: Element | undefined, post: Element, pageUrl: URL): PostAuthor | undefined {
  if (!link) return undefined;
  const nameEl = link.querySelector('.display-name__html');
  const shown = link.querySelector('.display-name__account')?.textContent?.trim().replace(/^@/, '');
  const href = absoluteUrl(link.getAttribute('href'), pageUrl);
  const fromHref = href ? /^\/@([^/]+)\/?$/.exec(new URL(href).pathname)?.[1] : undefined;
  const acct = shown || (fromHref && decodeURIComponent(fromHref));
  const handle = acct && (acct.includes('@') ? acct : `${acct}@${localDomain(post.ownerDocument) ?? pageUrl.hostname}`);
  return {
    name: nameEl ? readableText(nameEl).trim() || undefined : undefined,
    handle: handle && /^[^@\s]+@[^@\s]+$/.test(handle) ? handle : undefined,
    url: href,
  };
}

/** `meta.domain` of the web app's initial state (script#initial-state, JSON): the domain local handles belong to. */
function localDomain(document: Document | null): string | undefined {
  const json = document?.getElementById('initial-state')?.textContent;
  if (!json) return undefined;
  try {
    const domain = (JSON.parse(json) as { meta?: { domain?: unknown } }).meta?.domain;
    return typeof domain === 'string' && domain ? domain : undefined;
  } catch {
    return undefined;
  }
}

function mediaOf(own: (selector: string) => Element[], pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url?.startsWith('blob:') || url?.startsWith('https:')) {
      if (!media.some((ref) => ref.url === url)) media.push({ kind, url });
    }
  };
  // The gallery shows a small preview (`/small/`); each item's link goes to the original upload (`/original/`),
  // or to the copy on the author's own server for a remote post.
  own('.media-gallery__item').forEach((item) => {
    const gifv = item.querySelector('video');
    if (gifv) add('gif', absoluteUrl(gifv.getAttribute('src'), pageUrl));
    else add('photo', absoluteUrl(item.querySelector('a.media-gallery__item-thumbnail')?.getAttribute('href') ?? null, pageUrl));
  });
  own('.video-player video').forEach((video) => {
    add('video-poster', absoluteUrl(video.getAttribute('poster'), pageUrl));
    add('video', absoluteUrl(video.getAttribute('src'), pageUrl));
  });
  own('.status-card img').forEach((img) => add('card-image', absoluteUrl(img.getAttribute('src'), pageUrl)));
  return media;
}

registerAdapter({
  name: 'mastodon',
  // Mastodon runs on thousands of hosts: it is never claimed by URL, only by page structure (detectSelector).
  matches: () => false,
  detectSelector: MASTODON_DETECT_SELECTOR,
  postSelector: POST_SELECTOR,
  extract: extractStatus,
  urlKind: mastodonUrlKind,
});
