// X's status page: the conversation as a column of tweets, parents above the focal tweet, the author's own
// continuation right below it, then the replies. The reply button says the count ("18151 Replies. Reply").
// Logged out, X shows no replies at all: only a "Read 18.1K replies" button that leads to the login wall
// (logged_out_read_replies_pivot), which is never pressed.
import { buttonsSaying, parseShownCount, type ThreadReader } from './thread-reader';

export const xThreadReader: ThreadReader = {
  platform: 'x',
  postSelector: 'article[data-testid="tweet"]',
  authorThread: 'run',
  // /<handle>/status/<id>: a timeline or a profile is no conversation.
  isThreadPage: (_doc, pageUrl) => /^\/[A-Za-z0-9_]+\/status\/\d+/.test(pageUrl.pathname),
  authorOf(post) {
    // The user-name block: `User-Name` now, `User-Names` on pages saved in 2023; its first link is the profile.
    const link = post.querySelector('[data-testid="User-Name"] a[href^="/"], [data-testid="User-Names"] a[href^="/"]');
    return /^\/([A-Za-z0-9_]+)/.exec(link?.getAttribute('href') ?? '')?.[1]?.toLowerCase();
  },
  repliesCounted(focal) {
    const button = focal.querySelector('[data-testid="reply"]');
    if (!button) return null;
    return parseShownCount(button.getAttribute('aria-label')) ?? parseShownCount(button.textContent) ?? null;
  },
  // "Show more replies", "Show replies", "Show additional replies, including those that may contain offensive
  // content", "Show probable spam": cells of the conversation that load more of it in place.
  moreButtons: (doc) =>
    buttonsSaying(doc, '[data-testid="cellInnerDiv"] [role="button"], [data-testid="cellInnerDiv"] button', /^show (more |additional )?replies|^show probable spam/i).filter(
      (el) => el.getAttribute('data-testid') !== 'logged_out_read_replies_pivot' && !el.closest('a[href]'),
    ),
};
