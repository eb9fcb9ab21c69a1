// The content script's side of Preserve thread: the Thread button of each post's control, and the popup's message
// for the page's focal post. One thread per tab at a time; the Thread button of the running one cancels it.
import { liveControlOf } from '../../capture/page/control-slots';
import type { PreserveControl, ThreadButtonView } from '../../capture/page/preserve-control';
import type { PostReader } from '../../capture/page/preserve-post';
import { QUIET_VIEW, type PreserveView } from '../../capture/page/preserve-view';
import { t } from '../../i18n/i18n';
import type { CaptureResponse } from '../../model';
import { threadReaderFor, type ThreadReader } from '../../platforms/thread-readers';
import { isThreadPreserveMessage, type ThreadPreserveReply } from './messages';
import { preserveThread, QUIET_THREAD_VIEW, type ThreadAdapter } from './preserve-thread';
import { THREAD_SETTING_KEYS, threadSettingsFrom } from './settings';

export interface ThreadWiring {
  adapter?: ThreadAdapter;
  /** The content script's one capture of a post (preservePostOnPage), with the reader given. */
  capture(post: Element, reader: PostReader, view: PreserveView): Promise<CaptureResponse>;
  /** Quiet mode now: members' captures and the thread show nothing on the page. */
  quiet(): boolean;
  send(message: unknown): Promise<unknown>;
  storage: { get(key: string): Promise<Record<string, unknown>> };
}

export interface ThreadsWired {
  /** For the controls' Thread button; undefined where the platform has no thread reader (no button then). */
  onThread?: (post: Element, control: PreserveControl) => void;
  onMessage(message: unknown): Promise<ThreadPreserveReply> | undefined;
}

/** Origin and path equal, and every query parameter the permalink has (YouTube's ?v=) equal on the page. */
function isPageOf(permalink: string | undefined, page: URL): boolean {
  if (!permalink) return false;
  let url: URL;
  try {
    url = new URL(permalink);
  } catch {
    return false;
  }
  const path = (u: URL) => u.pathname.replace(/\/+$/, '').toLowerCase();
  return url.origin === page.origin && path(url) === path(page) && [...url.searchParams].every(([name, value]) => page.searchParams.get(name) === value);
}

/** The page's focal post: the post whose permalink is the page's URL, else the first post. */
export function focalPostOf(doc: Document, adapter: ThreadAdapter, reader: ThreadReader): Element | undefined {
  const page = new URL(doc.location.href);
  const posts = Array.from(doc.querySelectorAll(adapter.postSelector)).filter((el) => !el.closest('postproof-control') && el.matches(reader.postSelector));
  return posts.find((post) => isPageOf(adapter.extract(post, page).url, page)) ?? posts[0];
}

export function wireThreads(doc: Document, wiring: ThreadWiring, signal: AbortSignal): ThreadsWired {
  const { adapter } = wiring;
  const reader = threadReaderFor(adapter?.name);
  let running: { focal: Element; controller: AbortController } | undefined;
  signal.addEventListener('abort', () => running?.controller.abort(), { once: true });

  const start = async (focal: Element, view: ThreadButtonView): Promise<ThreadPreserveReply> => {
    if (running) {
      const message = t('thread_busy');
      return { ok: false, message };
    }
    const controller = new AbortController();
    running = { focal, controller };
    try {
      return await preserveThread(
        doc,
        focal,
        {
          adapter: adapter!,
          reader: reader!,
          capture: wiring.capture,
          viewOf: (post) => (wiring.quiet() ? QUIET_VIEW : (liveControlOf(post) ?? QUIET_VIEW)),
          send: wiring.send,
          settings: async () => threadSettingsFrom(Object.assign({}, ...(await Promise.all(THREAD_SETTING_KEYS.map((key) => wiring.storage.get(key)))))),
          signal: controller.signal,
        },
        view,
      );
    } finally {
      running = undefined;
    }
  };

  const onThread =
    adapter && reader
      ? (post: Element, control: PreserveControl) => {
          // The running thread's own button cancels it; another post's says one is running.
          if (running?.focal === post) return running.controller.abort();
          if (running) return control.setThreadState('error', { message: t('thread_busy') });
          void start(post, control);
        }
      : undefined;

  return {
    onThread,
    onMessage: (message) => {
      if (!isThreadPreserveMessage(message)) return undefined;
      if (!adapter || !reader) return Promise.resolve({ ok: false, message: t('thread_no_reader') });
      const focal = focalPostOf(doc, adapter, reader);
      if (!focal) return Promise.resolve({ ok: false, message: t('thread_no_post') });
      const control = wiring.quiet() ? undefined : liveControlOf(focal);
      return start(focal, control ?? QUIET_THREAD_VIEW);
    },
  };
}
