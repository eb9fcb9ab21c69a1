// Bluesky's thread page (bsky.app/profile/<handle>/post/<rkey>): every post is a postThreadItem-by-<handle>, the
// parents above the focal post, the replies below it in the app's order (the author's own continuation first).
// The focal post's reply button says the count: aria-label "Reply (95 replies)", text "95".
import { buttonsSaying, parseShownCount, type ThreadReader } from './thread-reader';

const ITEM = /^postThreadItem-by-(.+)$/;

export const blueskyThreadReader: ThreadReader = {
  platform: 'bluesky',
  postSelector: '[data-testid^="postThreadItem-by-"]',
  authorThread: 'run',
  authorOf: (post) => ITEM.exec(post.getAttribute('data-testid') ?? '')?.[1],
  repliesCounted(focal) {
    const button = focal.querySelector('[data-testid="replyBtn"]');
    if (!button) return null;
    // The label holds the exact number; the button's text may round it ("1.2K").
    return parseShownCount(button.getAttribute('aria-label')) ?? parseShownCount(button.textContent) ?? null;
  },
  // The app folds long reply lists behind "Show more replies" (and replies the author hid behind their own button,
  // which stays unpressed: hidden by the author is how the page shows them). "Continue thread" links open another page.
  moreButtons: (doc) => buttonsSaying(doc, 'button, [role="button"]', /^(show|see|load) more replies$/i),
};
