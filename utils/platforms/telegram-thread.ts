// Telegram's public channel preview (t.me/s/<channel>): a channel writes alone, so the author's thread is the
// channel's consecutive messages around the focal one, in page order (oldest first). The preview shows no comments
// (a channel post's discussion is a separate widget in a frame of its own) and no count of them, so there are no
// replies to read here. The "older messages" link at the top (tme_messages_more) would page through the whole
// channel's history: it is not pressed.
import type { ThreadReader } from './thread-reader';

const POST_KEY = /^([A-Za-z0-9_]+)\/\d+$/;

export const telegramThreadReader: ThreadReader = {
  platform: 'telegram',
  postSelector: '.tgme_widget_message[data-post]',
  authorThread: 'run',
  authorOf: (post) => POST_KEY.exec(post.getAttribute('data-post') ?? '')?.[1]?.toLowerCase(),
  repliesCounted: () => null,
  moreButtons: () => [],
};
