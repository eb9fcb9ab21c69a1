// What a platform's thread reader tells about a thread on its page: which elements are the thread's posts (the focal
// post's own and its replies), who wrote each, the number of replies the platform shows on the focal post, and the
// platform's own "show more" buttons. Pure readers of the page, like the adapters; the page side that scrolls, presses
// and captures is utils/threads/page/. Each platform's reader is in <platform>-thread.ts; the lookup in thread-readers.ts.
import type { PlatformName, PostRecord } from '../model';

/** A count as the platform shows it: the number read, and the words it was read from ("95", "2.9k comments"). */
export interface ShownCount {
  value: number;
  shown: string;
  /** True when the page rounds it ("2.9k"): `value` is then the lower bound the words allow, not the exact count. */
  rounded: boolean;
}

export interface ThreadReader {
  platform: PlatformName;
  /** Every post of the thread the page shows now, in page order: the focal post, the author's other posts, the replies. */
  postSelector: string;
  /**
   * `run`: the author's thread is every consecutive post by the focal post's author around it (X, Bluesky, Mastodon,
   * a Telegram channel's messages). `focal`: the focal post alone, everything under it is a reply (Reddit, YouTube,
   * whose comments are sorted by votes, not written as a thread).
   */
  authorThread: 'run' | 'focal';
  /** The account that wrote a thread post, as a key to compare (a handle), or undefined when the page does not say. */
  authorOf(post: Element): string | undefined;
  /** The number of replies the platform shows on the focal post; null when the page shows none. */
  repliesCounted(focal: Element, doc: Document): ShownCount | null;
  /** The platform's own "show more replies" buttons on the page now (never a link that leaves the page, nor a login wall). */
  moreButtons(doc: Document): Element[];
  /**
   * Whether the page is a thread's own page, where the posts after the focal one are its replies (X's status page,
   * Mastodon's status page), not a timeline where they are other posts; absent where every page of the reader's
   * posts is one (Bluesky's postThreadItem, a Reddit comments page, a watch page, a channel's own messages).
   */
  isThreadPage?(doc: Document, pageUrl: URL): boolean;
  /** Reads a thread post the platform's adapter does not read as a post (Reddit's comments); absent when it reads all. */
  extract?(post: Element, pageUrl: URL): PostRecord | undefined;
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * A count from the platform's words: "95", "3,121", "18151 Replies. Reply", "Reply (95 replies)", "2.9k comments",
 * "18K". Only the first number counts; undefined when there is none.
 */
export function parseShownCount(text: string | null | undefined): ShownCount | undefined {
  const shown = (text ?? '').replace(/\s+/g, ' ').trim();
  const match = /(\d[\d,.\u202f\u00a0]*)\s*([kKmMbB])?(?![a-zA-Z])/.exec(shown) ?? /(\d[\d,.\u202f\u00a0]*)\s*([kKmMbB])?/.exec(shown);
  if (!match) return undefined;
  const digits = match[1]!.replace(/[\u202f\u00a0]/g, '').replace(/[.,]$/, '');
  const suffix = match[2]?.toLowerCase();
  if (suffix) {
    const value = Number(digits.replace(',', '.'));
    return Number.isFinite(value) ? { value: Math.round(value * SUFFIX[suffix]!), shown, rounded: true } : undefined;
  }
  const value = Number(digits.replace(/[.,]/g, ''));
  return Number.isFinite(value) ? { value, shown, rounded: false } : undefined;
}

/** Buttons (and elements drawn as buttons) whose visible words match: the platforms' "show more" controls have no ids. */
export function buttonsSaying(root: ParentNode, selector: string, words: RegExp): Element[] {
  return Array.from(root.querySelectorAll(selector)).filter((el) => words.test((el.textContent ?? '').replace(/\s+/g, ' ').trim()));
}
