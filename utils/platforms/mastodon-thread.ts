// Mastodon's status page (any instance): the ancestors as .status above the .detailed-status, the descendants below
// it, the author's own continuation first. Read from the web app's markup (the same classes the adapter reads); the
// shared corpus holds no saved Mastodon thread page, so this reader is checked only on the project's own small pages.
import { parseShownCount, type ThreadReader } from './thread-reader';

export const mastodonThreadReader: ThreadReader = {
  platform: 'mastodon',
  postSelector: '.status[data-id]:not(.status--is-quote), .detailed-status',
  authorThread: 'run',
  // Only a status page draws a .detailed-status; a timeline's statuses are no conversation.
  isThreadPage: (doc) => doc.querySelector('.detailed-status') !== null,
  authorOf(post) {
    const account = post.querySelector('.display-name__account');
    const text = account?.textContent?.replace(/\s+/g, '').replace(/^@/, '');
    if (text) return text.toLowerCase();
    const link = post.querySelector('a.status__display-name, a.detailed-status__display-name');
    return /^\/@([^/]+)/.exec(link?.getAttribute('href') ?? '')?.[1]?.toLowerCase();
  },
  repliesCounted(focal) {
    // The reply button comes first in the action bar; Mastodon 4 draws its count beside the icon.
    const counter = focal.querySelector('.detailed-status__action-bar .icon-button__counter, .status__action-bar .icon-button__counter');
    return parseShownCount(counter?.textContent) ?? null;
  },
  // "Load more" gaps in a long conversation.
  moreButtons: (doc) => Array.from(doc.querySelectorAll('button.load-more, button.load-gap')),
};
