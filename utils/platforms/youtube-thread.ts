// YouTube's watch page: the video (its rendered metadata block) is the focal post, the comments are its replies in
// the page's order ("Top comments" by default), a comment's replies inside its thread. The comments header states the
// count ("1,234 Comments"). Comments are drawn by the app only as the page scrolls to them: YouTube's page as served
// (all the saved pages of the corpus) has no rendered comment, nor the metadata block, so there is nothing to read.
import { buttonsSaying, parseShownCount, type ThreadReader } from './thread-reader';

const COMMENT = 'ytd-comment-view-model, ytd-comment-renderer';
const HANDLE = /^\/@([\w.-]+)\/?$/;

export const youtubeThreadReader: ThreadReader = {
  platform: 'youtube',
  postSelector: `ytd-watch-metadata, ${COMMENT}`,
  authorThread: 'focal',
  authorOf(post) {
    const link = post.matches(COMMENT) ? post.querySelector('#author-text[href], #header-author a[href]') : post.querySelector('ytd-channel-name a[href], #owner a[href]');
    return HANDLE.exec(link?.getAttribute('href') ?? '')?.[1]?.toLowerCase();
  },
  repliesCounted(_focal, doc) {
    const count = doc.querySelector('ytd-comments-header-renderer #count, ytd-comments-header-renderer h2 #count');
    return parseShownCount(count?.textContent) ?? null;
  },
  // "12 replies" / "Show more replies" under a comment; more top-level comments come by scrolling.
  moreButtons: (doc) => [
    ...Array.from(doc.querySelectorAll('ytd-comment-replies-renderer #more-replies button, ytd-comment-replies-renderer #more-replies-sub-thread button')),
    ...buttonsSaying(doc, 'ytd-comment-replies-renderer ytd-continuation-item-renderer button', /^show more replies$/i),
  ],
};
