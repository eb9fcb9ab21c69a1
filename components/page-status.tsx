// What the popup says about the page in front: supported or not, and how many posts can be preserved there.
import { t, tCount } from '../utils/i18n/i18n';
import type { PageStatusMessage, PageStatusReply } from '../utils/capture/protocol';

export type PageStatus =
  | { state: 'checking' }
  | { state: 'unsupported' }
  /** No content script runs, but the page has the structure of a platform PostProof reads (a Mastodon instance). */
  | { state: 'not-running'; platform: string }
  | { state: 'no-posts'; platform: string }
  | { state: 'posts'; platform: string; posts: number };

/** In quiet mode (utils/extension/quiet-mode.ts) posts carry no Preserve button, and the count does not mention one. */
export function pageStatusText(status: PageStatus, quiet = false): string {
  switch (status.state) {
    case 'checking':
      return t('page_checking');
    case 'unsupported':
      return t('page_unsupported');
    case 'not-running':
      return t('page_not_running', platformName(status.platform));
    case 'no-posts':
      return t('page_no_posts');
    case 'posts':
      return tCount(quiet ? 'page_posts_quiet' : 'page_posts', status.posts);
  }
}

/** A platform's name as people write it (the registry's ids are lowercase). */
function platformName(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1);
}

function isPageStatusReply(reply: unknown): reply is PageStatusReply {
  const candidate = reply as Partial<PageStatusReply> | null | undefined;
  return typeof candidate?.posts === 'number' && typeof candidate.platform === 'string';
}

/**
 * Asks the tab's content script. No answer means no content script runs there: PostProof does not support the site.
 */
export async function readPageStatus(
  tabId: number | undefined,
  send: (tabId: number, message: PageStatusMessage) => Promise<unknown>,
): Promise<PageStatus> {
  if (tabId === undefined) return { state: 'unsupported' };
  let reply: unknown;
  try {
    reply = await send(tabId, { type: 'postproof/page-status' });
  } catch {
    return { state: 'unsupported' };
  }
  // A content script injected on a page no adapter reads (for the element picker) answers platform 'none'.
  if (!isPageStatusReply(reply) || reply.platform === 'none') return { state: 'unsupported' };
  return reply.posts > 0 ? { state: 'posts', platform: reply.platform, posts: reply.posts } : { state: 'no-posts', platform: reply.platform };
}

export function PageStatusLine({ status, quiet = false }: { status: PageStatus; quiet?: boolean }) {
  return (
    <p class="page-status" data-testid="page-status" data-state={status.state} role="status" aria-live="polite">
      {pageStatusText(status, quiet)}
    </p>
  );
}
