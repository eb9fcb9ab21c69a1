// The content script's side of capture from a list: on `postproof/list-capture` (utils/lists/messages.ts) it waits
// for the page's posts (watching the page change, for a bounded time), then says what the page holds: not served
// (HTTP 404/410), a login wall, no post, or the focal post, which it preserves with the same capture as a click on
// Preserve (through the post's own control, or nothing in quiet mode), unless the store holds it already.
// A profile URL goes to a function the profile part provides (`preserveProfile`); without one it is `unsupported`.
import { attachControl, liveControlOf } from '../../capture/page/control-slots';
import { QUIET_VIEW, type PreserveView } from '../../capture/page/preserve-view';
import { postKey } from '../../batch/state';
import { errorMessage } from '../../error-message';
import type { CaptureResponse, PostRecord } from '../../model';
import type { ListCaptureMessage, ListCaptureReply } from '../messages';
import { focalPost, loginWall, navigationStatus, notServedStatus } from './classify';

export interface ListPageDeps {
  adapter?: { postSelector: string; extract(post: Element, pageUrl: URL): PostRecord; urlKind?(url: URL): 'post' | 'profile' | undefined; profileElement?(doc: Document): Element | undefined };
  /**
   * The content script's one capture of a post, showing its progress in `view` (preserve-post.ts). `linkedFrom`: the
   * capture this URL was asked from (list-create's `links`), for the capture request once the links part takes it.
   */
  preserve(post: Element, view: PreserveView, linkedFrom?: ListCaptureMessage['linkedFrom']): Promise<CaptureResponse>;
  /** Quiet mode now: no control is added to the post. */
  quiet(): boolean;
  /** browser.runtime.sendMessage (the `postproof/batch-known` question). */
  send(message: unknown): Promise<unknown>;
  /**
   * The capture of an account's profile (target `profile`), provided by the profile part
   * (utils/capture/page/preserve-profile.ts) when it is joined; until then such URLs are answered `unsupported`.
   */
  preserveProfile?(message: ListCaptureMessage): Promise<ListCaptureReply>;
  /** How long to wait for the page's posts to appear (ms). */
  waitMs?: number;
}

export const LIST_POST_WAIT_MS = 8_000;
const CONTROL_TAG = 'postproof-control';

function postsOf(doc: Document, selector: string): Element[] {
  return Array.from(doc.querySelectorAll(selector)).filter((el) => !el.closest(CONTROL_TAG));
}

/** Resolves when `ready()` holds (checked at each change of the page), or after `ms`. */
export function waitFor(doc: Document, ready: () => boolean, ms: number): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const win = doc.defaultView!;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new win.MutationObserver(() => {
      if (ready()) finish();
    });
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    timer = setTimeout(finish, ms);
  });
}

/** Answers the background's list messages in this tab (one at a time). */
export function listCaptureListener(doc: Document, deps: ListPageDeps): (message: unknown) => Promise<ListCaptureReply> | undefined {
  let busy: Promise<ListCaptureReply> | undefined;
  return (message) => {
    if ((message as { type?: unknown } | null)?.type !== 'postproof/list-capture') return undefined;
    if (busy) return Promise.resolve({ outcome: 'error', message: 'This tab is already capturing a URL of a list.' });
    busy = captureFromList(doc, message as ListCaptureMessage, deps)
      .catch((error: unknown): ListCaptureReply => ({ outcome: 'error', message: errorMessage(error) }))
      .finally(() => (busy = undefined));
    return busy;
  };
}

export async function captureFromList(doc: Document, message: ListCaptureMessage, deps: ListPageDeps): Promise<ListCaptureReply> {
  const win = doc.defaultView!;
  const pageUrl = new URL(doc.location.href);
  const status = navigationStatus(win);
  if (notServedStatus(status)) return { outcome: 'not-served', message: `The site answered HTTP ${status}: the post is deleted or not served.` };
  if (status === 401) return { outcome: 'login-wall', message: 'The site answered HTTP 401: the post is only shown after a login.' };
  if (status !== undefined && status >= 400) return { outcome: 'error', message: `The site answered HTTP ${status}.` };

  // A profile URL (asked as one, or read as one by the platform's adapter): its header is preserved, not a post.
  if (message.target === 'profile' || deps.adapter?.urlKind?.(new URL(message.url)) === 'profile') {
    if (!deps.preserveProfile) return { outcome: 'unsupported', message: 'This URL is an account’s profile: capturing profiles from a list is not available in this version.' };
    const header = () => deps.adapter?.profileElement?.(doc);
    await waitFor(doc, () => header() !== undefined, deps.waitMs ?? LIST_POST_WAIT_MS);
    const wall = loginWall(doc, new URL(doc.location.href), header() ? 1 : 0);
    if (wall) return { outcome: 'login-wall', message: wall };
    return deps.preserveProfile(message);
  }
  const adapter = deps.adapter;
  if (!adapter) return { outcome: 'no-post', message: 'PostProof cannot read the posts of this page.' };

  const count = () => postsOf(doc, adapter.postSelector).length;
  await waitFor(doc, () => count() > 0 || loginWall(doc, new URL(doc.location.href), 0) !== undefined, deps.waitMs ?? LIST_POST_WAIT_MS);
  const posts = postsOf(doc, adapter.postSelector);
  const wall = loginWall(doc, new URL(doc.location.href), posts.length);
  if (wall) return { outcome: 'login-wall', message: wall };
  if (posts.length === 0) return { outcome: 'no-post', message: 'No post was found on this page.' };

  const { post, matched } = focalPost(posts, (p) => adapter.extract(p, pageUrl), message.url)!;
  const note = matched ? undefined : 'No post on the page has this URL as its permalink: the first post of the page was taken.';
  const record = adapter.extract(post, pageUrl);
  const key = record.id ? postKey(record.platform, record.id) : undefined;
  if (key) {
    const reply = (await deps.send({ type: 'postproof/batch-known', keys: [key] }).catch(() => undefined)) as { known?: string[] } | undefined;
    if (reply?.known?.includes(key)) return { outcome: 'already-saved', postKey: key, message: 'This post was saved before: not captured again.' };
  }
  post.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  // A moment for the page to lay out after the scroll (a timer: frames do not run in a tab nobody sees).
  await new Promise<void>((resolve) => win.setTimeout(resolve, 50));
  const view = viewFor(post, deps);
  const reply = await deps.preserve(post, view, message.linkedFrom);
  if (reply.ok) return { outcome: 'saved', captureId: reply.captureId, ...(key ? { postKey: key } : {}), ...(note ? { message: note } : {}) };
  return { outcome: 'error', message: reply.message, ...(key ? { postKey: key } : {}) };
}

/** The post's own Preserve control (so the page shows the same states as after a click), or none in quiet mode. */
function viewFor(post: Element, deps: ListPageDeps): PreserveView {
  if (deps.quiet()) return QUIET_VIEW;
  return liveControlOf(post) ?? attachControl(post, (c) => void deps.preserve(post, c)) ?? QUIET_VIEW;
}
