// Telegram's second witness: the message's embed widget, https://t.me/<channel>/<id>?embed=1&mode=tme, the page
// Telegram's post widget (https://core.telegram.org/widgets/post) loads in its iframe.
//
// Response shape: HTML with one div.tgme_widget_message[data-post="<channel>/<id>"]: .tgme_widget_message_owner_name
// (the channel's name, linking to t.me/<channel>), the bubble's .tgme_widget_message_text (the text, <br> for line
// breaks), a.tgme_widget_message_date > time[datetime], .tgme_widget_message_photo_wrap and
// .tgme_widget_message_video_player items. A message that does not exist or is not public is drawn as
// div.tgme_widget_message_error ("Post not found", "Channel is private"). The same markup as the channel preview
// (t.me/s/<channel>) the adapter reads; yt-dlp's TelegramEmbedIE (yt_dlp/extractor/telegram.py) reads this URL too.
// Read string-wise with our own small parser: no DOMParser exists in the service worker or the CLI.
import type { PostRecord } from '../../model';
import type { WitnessFields, WitnessReading, WitnessRequest, WitnessResponse, WitnessSource } from '../source';
import { bodyText, isoTime, nextInSequence, parseUrl, responseNamed, safely, withoutUndefined } from './common';
import { byClass, contains, findAll, findFirst, hasClass, parseHtml, readableText, type HtmlElement } from './html';

const SOURCE = 'telegram-embed';
const NAME = 'embed';
const POST_KEY = /^([A-Za-z0-9_]+)\/(\d+)$/;

function requests(post: PostRecord): WitnessRequest[] | string {
  const url = parseUrl(post.url);
  const path = url && /(^|\.)(t\.me|telegram\.me)$/.test(url.hostname) ? url.pathname.replace(/^\/s\//, '/').replace(/^\//, '').replace(/\/$/, '') : '';
  const key = POST_KEY.exec(path);
  if (!key) return 'the post has no t.me/<channel>/<id> URL';
  return [{ url: `https://t.me/${key[1]}/${key[2]}?embed=1&mode=tme`, accept: 'text/html', name: NAME, ext: 'html' }];
}

function read(_post: PostRecord, responses: readonly WitnessResponse[]): WitnessReading {
  const response = responseNamed(responses, NAME);
  if (!response) return { kind: 'unavailable', reason: 'No embed widget response was kept.' };
  if (response.status === 404) return { kind: 'not-served', reason: 'Telegram serves no widget for this message (HTTP 404).' };
  if (response.status !== 200) return { kind: 'unavailable', reason: `Telegram's widget answered HTTP ${response.status}.` };
  const root = parseHtml(bodyText(response));
  const error = findFirst(root, byClass('tgme_widget_message_error'));
  if (error) {
    const said = readableText(error, { collapseWhitespace: true }).trim();
    return { kind: 'not-served', reason: `Telegram's widget says: ${said || 'the message is not available'}.` };
  }
  const message = findFirst(root, (el) => hasClass(el, 'tgme_widget_message') && POST_KEY.test(el.attrs['data-post'] ?? ''));
  if (!message) return { kind: 'unavailable', reason: "Telegram's widget page holds no message (no .tgme_widget_message[data-post])." };
  const key = POST_KEY.exec(message.attrs['data-post']!)!;
  const bubble = findFirst(message, byClass('tgme_widget_message_bubble')) ?? message;
  // A reply draws the message it answers inside the bubble; nothing of it is this message's.
  const reply = findFirst(bubble, (el) => el.name === 'a' && hasClass(el, 'tgme_widget_message_reply'));
  const own = (test: (el: HtmlElement) => boolean): HtmlElement[] => findAll(bubble, test).filter((el) => !reply || !contains(reply, el));

  // Albums wrap the text div in another of the same class; the outer one is the bubble's child.
  const textEl = bubble.children.find((node): node is HtmlElement => node.kind === 'element' && hasClass(node, 'tgme_widget_message_text'));
  const text = textEl ? readableText(textEl, { collapseWhitespace: true }).trim() : '';
  const dateLink = own((el) => el.name === 'a' && hasClass(el, 'tgme_widget_message_date'))[0];
  const time = dateLink && findFirst(dateLink, (el) => el.name === 'time' && 'datetime' in el.attrs);
  // Each photo, and each video (its player, or a still alone when too big for the widget), is one item.
  const items = own((el) => hasClass(el, 'tgme_widget_message_photo_wrap') || hasClass(el, 'tgme_widget_message_video_player') || (hasClass(el, 'tgme_widget_message_video_thumb') && !ancestorWithClass(el, 'tgme_widget_message_video_player')));
  const fields: WitnessFields = {
    authorHandle: key[1],
    postId: key[2],
    text: text || undefined,
    postedAt: isoTime(time?.attrs.datetime),
    mediaCount: items.length,
  };
  return { kind: 'served', fields: withoutUndefined(fields) };
}

function ancestorWithClass(el: HtmlElement, className: string): boolean {
  for (let node = el.parent; node; node = node.parent) if (hasClass(node, className)) return true;
  return false;
}

export const telegramSource: WitnessSource = {
  id: SOURCE,
  platform: 'telegram',
  hostPatterns: ['https://t.me/*'],
  next: (post, done) => nextInSequence(requests(post), done),
  read: (post, responses) => safely(SOURCE, () => read(post, responses)),
  // Telegram's CDN names files by per-request tokens (cdn*.telesco.pe/file/<token>.jpg), not by a stable id: no media
  // id to compare; the count of items is compared instead.
  mediaIdOf: () => undefined,
};
