// Reddit's comments page: the post is the focal post and its author's thread; every comment is a reply, in the
// page's order (Reddit sorts them by votes, so an author's own comments are replies like any other). Comments are no
// posts to the adapter, so this reader reads them: current Reddit's <shreddit-comment>, the 2018–2023 redesign's
// .Comment block, old Reddit's .thing[data-type=comment]. The post states the number of comments ("2.9k comments",
// rounded on the redesign; exact in shreddit-post's comment-count and old Reddit's data-comments-count).
import type { PostAuthor, PostRecord } from '../model';
import { absoluteUrl, paragraphText, utcTimestamp } from './dom';
import { finalizePost } from './registry';
import { buttonsSaying, parseShownCount, type ShownCount, type ThreadReader } from './thread-reader';

// The comments page's one post (promoted posts drawn in the same container are no part of the thread).
const POSTS = 'shreddit-post, [data-testid="post-container"]:not(.promotedlink), .thing[data-type="link"]:not(.promoted)';
const COMMENTS = 'shreddit-comment, div.Comment[class*="t1_"], .thing[data-type="comment"]';
const USER_PATH = /^\/(?:user|u)\/([\w-]+)\/?$/;
const COMMENT_CLASS = /(?:^|\s)t1_([a-z0-9]+)(?:\s|$)/;

function redesignAuthor(comment: Element): string | undefined {
  const href = comment.querySelector('a[data-testid="comment_author_link"]')?.getAttribute('href') ?? '';
  return USER_PATH.exec(href)?.[1];
}

function authorOf(post: Element): string | undefined {
  if (post.localName === 'shreddit-post' || post.localName === 'shreddit-comment') return post.getAttribute('author')?.toLowerCase() || undefined;
  if (post.classList.contains('thing')) return post.getAttribute('data-author')?.toLowerCase() || undefined;
  if (post.matches('div.Comment')) return redesignAuthor(post)?.toLowerCase();
  const link = post.querySelector('a[data-testid="post_author_link"], a[href^="/user/"]');
  return USER_PATH.exec(link?.getAttribute('href') ?? '')?.[1]?.toLowerCase();
}

function repliesCounted(focal: Element): ShownCount | null {
  const exact = focal.getAttribute('comment-count') ?? focal.getAttribute('data-comments-count');
  if (exact !== null) return parseShownCount(exact) ?? null;
  // The redesign writes "2.9k comments" in the post's bar; old Reddit "163 comments" on the comments link.
  const words = Array.from(focal.querySelectorAll('span, a.comments')).find((el) => el.children.length === 0 && /^[\d.,]+\s*[kKmM]?\s+comments?$/.test((el.textContent ?? '').trim()));
  return parseShownCount(words?.textContent) ?? null;
}

function user(name: string | undefined | null, pageUrl: URL): PostAuthor | undefined {
  return name && name !== '[deleted]' ? { handle: name, url: new URL(`/user/${name}/`, pageUrl).href } : undefined;
}

/** A comment as a post record: its id (t1_…), permalink, author, time where the markup states it, and text. */
function extractComment(comment: Element, pageUrl: URL): PostRecord | undefined {
  if (!comment.matches(COMMENTS)) return undefined;
  let id: string | undefined;
  let href: string | null = null;
  let author: PostAuthor | undefined;
  let postedAt: string | undefined;
  let body: Element | null = null;
  if (comment.localName === 'shreddit-comment') {
    id = /^t1_([a-z0-9]+)$/.exec(comment.getAttribute('thingid') ?? '')?.[1];
    href = comment.getAttribute('permalink');
    author = user(comment.getAttribute('author'), pageUrl);
    postedAt = utcTimestamp(comment.querySelector('faceplate-timeago[ts]')?.getAttribute('ts'));
    body = comment.querySelector(':scope > [slot="comment"]');
  } else if (comment.classList.contains('thing')) {
    id = /^t1_([a-z0-9]+)$/.exec(comment.getAttribute('data-fullname') ?? '')?.[1];
    href = comment.getAttribute('data-permalink');
    author = user(comment.getAttribute('data-author'), pageUrl);
    postedAt = utcTimestamp(comment.querySelector(':scope > .entry .tagline time[datetime]')?.getAttribute('datetime'));
    body = comment.querySelector(':scope > .entry .usertext-body .md');
  } else {
    id = COMMENT_CLASS.exec(comment.getAttribute('class') ?? '')?.[1];
    href = comment.querySelector('a[data-testid="comment_timestamp"]')?.getAttribute('href') ?? null;
    author = user(redesignAuthor(comment), pageUrl);
    body = comment.querySelector('[data-testid="comment"]');
  }
  const absolute = absoluteUrl(href, pageUrl);
  // The permalink without the tracking query (utm_*, context).
  const url = absolute ? `${new URL(absolute).origin}${new URL(absolute).pathname}` : undefined;
  const text = body ? paragraphText(body) : '';
  // A deleted author leaves no account to name: such a comment still counts with its permalink.
  return finalizePost(
    { platform: 'reddit', id, url, author, postedAt, postedAtSource: postedAt ? 'attribute' : undefined, text: text || undefined },
    author ? ['url', 'author'] : ['url'],
  );
}

export const redditThreadReader: ThreadReader = {
  platform: 'reddit',
  postSelector: `${POSTS}, ${COMMENTS}`,
  authorThread: 'focal',
  authorOf,
  repliesCounted,
  // "53 more replies" (redesign: a paragraph in a moreComments- block; current Reddit: a button in a faceplate
  // partial; old Reddit: "load more comments"). "Continue this thread" opens another page and is left alone.
  moreButtons: (doc) => [
    ...buttonsSaying(doc, '[id^="moreComments-"] p', /^\d[\d,.]*\s*more repl(y|ies)$/i),
    ...buttonsSaying(doc, 'faceplate-partial button, shreddit-comment button', /^\d[\d,.]*\s*more repl(y|ies)$/i),
    ...buttonsSaying(doc, '.morecomments a', /^load more comments/i),
  ],
  extract: extractComment,
};
