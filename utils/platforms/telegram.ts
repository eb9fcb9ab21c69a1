// The Telegram adapter: reads a post record from a message of a public channel's web preview (t.me/s/CHANNEL).
import type { MediaRef, PostAuthor, PostLink, PostRecord, ProfileFields } from '../model';
import { absoluteUrl, backgroundImageUrl, readableText, utcTimestamp } from './dom';
import { TELEGRAM_HOSTS } from './hosts';
import { finalizePost, registerAdapter } from './registry';

const HOSTS = new Set(TELEGRAM_HOSTS);
const ORIGIN = 'https://t.me';
// data-post="CHANNEL/ID" and permalinks https://t.me/CHANNEL/ID.
const POST_KEY = /^([A-Za-z0-9_]+)\/(\d+)$/;
const CHANNEL_PATH = /^\/([A-Za-z0-9_]+)\/?$/;

function extractMessage(post: Element, pageUrl: URL): PostRecord {
  const bubble = post.querySelector('.tgme_widget_message_bubble') ?? post;
  // A reply draws the message it answers (with its text and thumbnail) inside the bubble; nothing of it is ours.
  const reply = bubble.querySelector('a.tgme_widget_message_reply');
  const own = (selector: string): Element[] =>
    Array.from(bubble.querySelectorAll(selector)).filter((el) => !reply?.contains(el));

  const key = POST_KEY.exec(post.getAttribute('data-post') ?? '');
  const dateLink = own('a.tgme_widget_message_date')[0];
  const permalink = postOf(dateLink?.getAttribute('href') ?? null, pageUrl) ?? (key ? postOf(`${ORIGIN}/${key[0]}`, pageUrl) : undefined);
  const owner = own('.tgme_widget_message_owner_name')[0];
  const channel = channelOf(owner?.getAttribute('href') ?? null, pageUrl) ?? key?.[1];
  const name = owner && readableText(owner, { collapseWhitespace: true });
  const postedAt = utcTimestamp(dateLink?.querySelector('time[datetime]')?.getAttribute('datetime'));
  // Albums wrap the text div in another of the same class; the outer one is the bubble's child.
  const textEl = Array.from(bubble.children).find((el) => el.matches('.tgme_widget_message_text'));
  const text = textEl ? readableText(textEl, { collapseWhitespace: true }) : '';
  const forwardedFrom = own('a.tgme_widget_message_forwarded_from_name')[0];
  const links = linksOf(own, reply, pageUrl);

  return finalizePost(
    {
      platform: 'telegram',
      id: permalink?.id,
      url: permalink?.url,
      author: { name: name || undefined, handle: channel, url: channel && `${ORIGIN}/${channel}` },
      postedAt,
      postedAtSource: postedAt ? 'attribute' : undefined,
      // Telegram marks no language on messages (the text has only dir="auto"), so none is recorded.
      text: text || undefined,
      inReplyTo: reply ? postOf(reply.getAttribute('href'), pageUrl)?.url : undefined,
      // A forward shows another channel's post whole, with a link to it. The record has no field of its own
      // for that, and `quoted` (the post whose content this one carries) is the nearest; only a post link counts.
      quoted: forwardedFrom ? postOf(forwardedFrom.getAttribute('href'), pageUrl)?.url : undefined,
      links: links.length ? links : undefined,
      media: mediaOf(own, pageUrl),
    },
    ['url', 'author'],
  );
}

/**
 * The posts this message shows: "Forwarded from <name>" (a link to the source post when the source is a public channel;
 * a name alone for a person or a private chat), and the message it replies to (drawn inside the bubble, linked).
 * A message's channel is its author: the handle is read from the link's channel.
 */
function linksOf(own: (selector: string) => Element[], reply: Element | null, pageUrl: URL): PostLink[] {
  const links: PostLink[] = [];
  const forwarded = own('.tgme_widget_message_forwarded_from_name')[0];
  if (forwarded) {
    const href = forwarded.getAttribute('href');
    const source = postOf(href, pageUrl);
    const channel = source ? POST_KEY.exec(new URL(source.url).pathname.slice(1))?.[1] : channelOf(href, pageUrl);
    links.push({ kind: 'forward', platform: 'telegram', id: source?.id, url: source?.url, author: authorShown(forwarded, channel) });
  }
  if (reply) {
    const target = postOf(reply.getAttribute('href'), pageUrl);
    const channel = target ? POST_KEY.exec(new URL(target.url).pathname.slice(1))?.[1] : undefined;
    const name = reply.querySelector('.tgme_widget_message_author_name');
    links.push({ kind: 'reply-to', platform: 'telegram', id: target?.id, url: target?.url, author: authorShown(name, channel) });
  }
  return links.map((link) => Object.fromEntries(Object.entries(link).filter(([, value]) => value !== undefined)) as PostLink);
}

function authorShown(nameEl: Element | null, channel: string | undefined): PostAuthor | undefined {
  const name = nameEl ? readableText(nameEl, { collapseWhitespace: true }).trim() : '';
  const author: PostAuthor = { ...(name ? { name } : {}), ...(channel ? { handle: channel, url: `${ORIGIN}/${channel}` } : {}) };
  return Object.keys(author).length ? author : undefined;
}

/** A t.me post link as https://t.me/CHANNEL/ID, whichever Telegram host or query (?single) it had. */
function postOf(href: string | null, pageUrl: URL): { id: string; url: string } | undefined {
  const absolute = absoluteUrl(href, pageUrl);
  const url = absolute ? new URL(absolute) : undefined;
  const match = url && HOSTS.has(url.hostname) ? POST_KEY.exec(url.pathname.slice(1)) : null;
  return match ? { id: match[2]!, url: `${ORIGIN}/${match[0]}` } : undefined;
}

function channelOf(href: string | null, pageUrl: URL): string | undefined {
  const absolute = absoluteUrl(href, pageUrl);
  const url = absolute ? new URL(absolute) : undefined;
  return url && HOSTS.has(url.hostname) ? CHANNEL_PATH.exec(url.pathname)?.[1] : undefined;
}

function mediaOf(own: (selector: string) => Element[], pageUrl: URL): MediaRef[] {
  const media: MediaRef[] = [];
  const add = (kind: MediaRef['kind'], url: string | undefined): void => {
    if (url && !media.some((ref) => ref.url === url)) media.push({ kind, url });
  };
  // In document order, so an album lists its items as it shows them. Photos and video stills are CSS
  // backgrounds at the size Telegram serves; a video too big for the preview has its still but no <video>.
  const selector =
    '.tgme_widget_message_photo_wrap, .tgme_widget_message_video_thumb, video, .link_preview_image, .link_preview_right_image';
  for (const el of own(selector)) {
    if (el.localName === 'video') {
      const src = absoluteUrl(el.getAttribute('src'), pageUrl);
      if (src?.startsWith('https:') || src?.startsWith('blob:')) add('video', src);
    } else if (el.matches('.tgme_widget_message_video_thumb')) add('video-poster', backgroundImageUrl(el, pageUrl));
    else if (el.matches('.tgme_widget_message_photo_wrap')) add('photo', backgroundImageUrl(el, pageUrl));
    else add('card-image', backgroundImageUrl(el, pageUrl));
  }
  return media;
}

/** First path segments of t.me that are Telegram's routes, never a channel. */
const ROUTES = new Set(['s', 'joinchat', 'addstickers', 'addemoji', 'addtheme', 'share', 'proxy', 'socks', 'login', 'setlanguage', 'confirmphone', 'invoice', 'contact', 'iv', 'k', 'a', 'z']);

function telegramUrlKind(url: URL): 'post' | 'profile' | undefined {
  if (!HOSTS.has(url.hostname)) return undefined;
  // The web preview (/s/CHANNEL, /s/CHANNEL/ID) and the plain links (/CHANNEL, /CHANNEL/ID).
  const parts = url.pathname.replace(/\/$/, '').split('/').slice(1);
  const path = parts[0] === 's' ? parts.slice(1) : parts;
  const [channel, id, ...rest] = path;
  if (!channel || !/^[A-Za-z0-9_]{4,64}$/.test(channel) || ROUTES.has(channel.toLowerCase()) || rest.length) return undefined;
  if (id === undefined) return 'profile';
  return /^\d+$/.test(id) ? 'post' : undefined;
}

/** The channel's header on its web preview (t.me/s/CHANNEL): photo, title, labels, @name, counters and description. */
function telegramProfileElement(doc: Document): Element | undefined {
  return doc.querySelector('.tgme_channel_info') ?? undefined;
}

function telegramReadProfile(doc: Document, pageUrl: URL): PostRecord | undefined {
  const info = telegramProfileElement(doc);
  if (!info) return undefined;
  const text = (selector: string): string | undefined => {
    const el = info.querySelector(selector);
    const value = el && readableText(el, { collapseWhitespace: true }).trim();
    return value || undefined;
  };
  const username = info.querySelector('.tgme_channel_info_header_username a');
  const channel = channelOf(username?.getAttribute('href') ?? null, pageUrl) ?? /^@([A-Za-z0-9_]+)$/.exec(text('.tgme_channel_info_header_username') ?? '')?.[1];
  const counts: Record<string, string> = {};
  for (const counter of Array.from(info.querySelectorAll('.tgme_channel_info_counter'))) {
    const value = counter.querySelector('.counter_value')?.textContent?.trim();
    const type = counter.querySelector('.counter_type')?.textContent?.trim();
    if (value && type) counts[type] = value;
  }
  // The header's labels: the verified mark (and "scam"/"fake" marks), each by its text or its title, else its class.
  const verified = Array.from(info.querySelectorAll('.tgme_channel_info_header_labels > *'))
    .map((label) => label.textContent?.trim() || label.getAttribute('title')?.trim() || label.getAttribute('class')?.trim() || '')
    .filter(Boolean);
  // t.me serves the channel photo at one size only: the one shown is the best there is.
  const avatarUrl = absoluteUrl(info.querySelector('.tgme_channel_info_header img')?.getAttribute('src') ?? null, pageUrl);
  const bio = text('.tgme_channel_info_description');
  const profile: ProfileFields = {
    ...(bio ? { bio } : {}),
    ...(Object.keys(counts).length ? { counts } : {}),
    ...(verified.length ? { verified } : {}),
    ...(avatarUrl ? { avatarUrl } : {}),
  };
  return finalizePost(
    {
      platform: 'telegram',
      kind: 'profile',
      url: channel && `${ORIGIN}/${channel}`,
      author: { name: text('.tgme_channel_info_header_title'), handle: channel, url: channel && `${ORIGIN}/${channel}` },
      text: bio,
      profile,
      media: avatarUrl ? [{ kind: 'photo', url: avatarUrl }] : undefined,
    },
    ['url', 'author'],
  );
}

registerAdapter({
  name: 'telegram',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: '.tgme_widget_message[data-post]',
  extract: extractMessage,
  urlKind: telegramUrlKind,
  readProfile: telegramReadProfile,
  profileElement: telegramProfileElement,
});
