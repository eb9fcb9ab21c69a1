// Preserve thread, in the page: from the focal post, collect the author's thread and the replies (collect-thread.ts)
// on the page as it is (thread-page.ts), each new member an ordinary capture through the content script's one capture
// path, members the store holds already named by their post id only; then ask the background to sign and keep the
// thread record (postproof/thread-save, utils/threads/messages.ts). Progress goes to the Thread button (or nowhere in
// quiet mode); the answer goes to whoever asked (the button, the popup).
import type { PreserveView } from '../../capture/page/preserve-view';
import type { ThreadButtonView } from '../../capture/page/preserve-control';
import type { PostReader } from '../../capture/page/preserve-post';
import { errorMessage } from '../../error-message';
import { t } from '../../i18n/i18n';
import type { CaptureResponse, PlatformName, PostRecord, ThreadCounts } from '../../model';
import type { ThreadReader } from '../../platforms/thread-readers';
import type { ThreadSaveMessage, ThreadSaveReply } from '../messages';
import { collectThread, type MemberOutcome } from './collect-thread';
import type { ThreadPreserveReply } from './messages';
import type { ThreadSettings } from './settings';
import { documentThreadPage } from './thread-page';

export interface ThreadAdapter extends PostReader {
  name: PlatformName;
  postSelector: string;
}

export interface ThreadRunDeps {
  adapter: ThreadAdapter;
  reader: ThreadReader;
  /** The content script's one capture of a post (preserve-post.ts), read with `reader`, its states shown in `view`. */
  capture(post: Element, reader: PostReader, view: PreserveView): Promise<CaptureResponse>;
  /** Where a member's capture shows: its own Preserve control, or nothing (quiet mode, or a post without one). */
  viewOf(post: Element): PreserveView;
  send(message: unknown): Promise<unknown>;
  settings(): Promise<ThreadSettings>;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
}

/** The Thread button's view in quiet mode: nothing on the page. */
export const QUIET_THREAD_VIEW: ThreadButtonView = { setThreadState: () => undefined };

const nextFrame = (win: Window) => new Promise<void>((resolve) => win.requestAnimationFrame(() => resolve()));

/** Screenshots need the tab in front: while it is hidden, the thread waits. */
function whenVisible(doc: Document): Promise<void> {
  if (doc.visibilityState === 'visible') return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (doc.visibilityState !== 'visible') return;
      doc.removeEventListener('visibilitychange', check);
      resolve();
    };
    doc.addEventListener('visibilitychange', check);
  });
}

/** The post reader of a thread: the adapter's for its own posts, the thread reader's for the rest (Reddit's comments). */
export function threadPostReader(adapter: ThreadAdapter, reader: ThreadReader): PostReader {
  return {
    extract: (post, pageUrl): PostRecord => (post.matches(adapter.postSelector) ? adapter.extract(post, pageUrl) : (reader.extract?.(post, pageUrl) ?? adapter.extract(post, pageUrl))),
    streamMatcher: adapter.streamMatcher,
  };
}

function fail(view: ThreadButtonView, message: string): ThreadPreserveReply {
  view.setThreadState('error', { message });
  return { ok: false, message };
}

export async function preserveThread(doc: Document, focal: Element, deps: ThreadRunDeps, view: ThreadButtonView): Promise<ThreadPreserveReply & { cancelled?: boolean }> {
  const { adapter, reader } = deps;
  const postReader = threadPostReader(adapter, reader);
  const pageUrl = () => new URL(doc.location.href);
  view.setThreadState('saving');
  try {
    const settings = await deps.settings();
    const win = doc.defaultView!;
    const page = documentThreadPage(doc, {
      reader,
      extract: (post) => postReader.extract(post, pageUrl()),
      pause: () => (deps.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms))))(Math.max(300, settings.paceMs[0])),
    });
    if (!focal.matches(reader.postSelector) || reader.isThreadPage?.(doc, pageUrl()) === false) return fail(view, t('thread_no_focal'));
    const focalKey = page.keyOf(focal);
    if (!focalKey) return fail(view, t('thread_no_id'));
    // The platform's count, as the focal post shows it before anything is expanded.
    const counted = reader.repliesCounted(focal, doc);
    const result = await collectThread({
      page,
      focalKey,
      authorThread: reader.authorThread,
      replyLimit: settings.replyLimit,
      authorLimit: settings.authorLimit,
      paceMs: settings.paceMs,
      signal: deps.signal,
      sleep: deps.sleep,
      known: async (keys) => {
        const reply = (await deps.send({ type: 'postproof/batch-known', keys })) as { known?: string[] } | undefined;
        return new Set(reply?.known ?? []);
      },
      capture: async (post): Promise<MemberOutcome> => {
        post.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
        await nextFrame(win);
        await whenVisible(doc);
        const reply = await deps.capture(post, postReader, deps.viewOf(post));
        return reply.ok ? { ok: true, captureId: reply.captureId } : { ok: false, message: reply.message, fatal: reply.code === 'no-reply' };
      },
      progress: (done, total) => {
        if (!deps.signal?.aborted) view.setThreadState('saving', { progress: { done, total } });
      },
    });
    const capturedNow = result.members.filter((m) => m.captureId).length;
    if (result.status === 'cancelled') {
      const message = t('thread_cancelled', capturedNow);
      view.setThreadState('idle', { message });
      return { ok: false, message, cancelled: true };
    }
    if (result.status === 'interrupted') {
      return fail(view, result.message === 'focal-missing' ? t('thread_no_focal') : t('thread_interrupted', result.message ?? ''));
    }
    const replies = result.members.filter((m) => m.role === 'reply').length;
    const counts: ThreadCounts = {
      repliesCounted: counted?.value ?? null,
      repliesShown: result.repliesShown,
      repliesCaptured: replies,
      authorPostsShown: result.authorPostsShown,
      authorPostsCaptured: result.members.length - replies,
    };
    const message: ThreadSaveMessage & { repliesCountedAsShown?: string } = {
      type: 'postproof/thread-save',
      platform: adapter.name,
      page: { url: doc.location.href, title: doc.title },
      scope: { authorThread: true, replyLimit: settings.replyLimit },
      members: result.members.map((m) => ({
        role: m.role,
        ...(m.captureId ? { captureId: m.captureId } : {}),
        ...(m.postId ? { postId: m.postId } : {}),
        ...(m.url ? { url: m.url } : {}),
      })),
      counts,
      failed: result.failed,
      // The platform's words for its count ("2.9k comments"): a rounded count is not passed off as exact.
      ...(counted ? { repliesCountedAsShown: counted.shown } : {}),
    };
    const saved = (await deps.send(message).catch((error: unknown) => ({ ok: false, message: errorMessage(error) }))) as ThreadSaveReply | undefined;
    if (!saved) return fail(view, t('thread_no_answer'));
    if (!saved.ok) return fail(view, t('thread_save_failed', saved.message));
    view.setThreadState('saved', {
      threadId: saved.threadId,
      message: t('thread_saved_title', [result.members.length, counts.repliesShown, counts.repliesCaptured, result.failed.length]),
    });
    return { ok: true, threadId: saved.threadId, members: result.members.length, failed: result.failed.length, counts };
  } catch (error) {
    return fail(view, t('thread_interrupted', errorMessage(error)));
  }
}
