// The Telegram adapter: reads a post record from a message of a public channel's web preview (t.me/s/CHANNEL).
import type { MediaRef, PostRecord } from '../model';
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
      media: mediaOf(own, pageUrl),
    },
    ['url', 'author'],
  );
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

registerAdapter({
  name: 'telegram',
  matches: (url) => url.protocol === 'https:' && HOSTS.has(url.hostname),
  postSelector: '.tgme_widget_message[data-post]',
  extract: extractMessage,
});
