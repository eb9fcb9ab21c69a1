// The page as the thread loop sees it (collect-thread.ts): the reader's thread posts, each post's key and author,
// the platform's "show more" buttons pressed one after another as a person would, and a scroll step.
import { postKey } from '../../batch/state';
import type { PostRecord } from '../../model';
import type { ThreadReader } from '../../platforms/thread-readers';
import type { ThreadPage } from './collect-thread';

const CONTROL_TAG = 'postproof-control';
/** Buttons pressed in one round, before the page is read again. */
const PRESSES_PER_ROUND = 3;
const nextFrame = (win: Window) => new Promise<void>((resolve) => win.requestAnimationFrame(() => resolve()));

export interface ThreadPageDeps {
  reader: ThreadReader;
  /** Reads a post record (the adapter's, or the reader's for posts the adapter does not read). */
  extract(post: Element): PostRecord;
  /** Waits between two presses of "show more" (the batch pace's lower end). */
  pause?(): Promise<void>;
}

export function documentThreadPage(doc: Document, deps: ThreadPageDeps): ThreadPage<Element> {
  const win = doc.defaultView!;
  const records = new WeakMap<Element, PostRecord>();
  const pressed = new WeakSet<Element>();
  const record = (post: Element): PostRecord => {
    let read = records.get(post);
    if (!read) {
      read = deps.extract(post);
      records.set(post, read);
    }
    return read;
  };
  return {
    posts: () => Array.from(doc.querySelectorAll(deps.reader.postSelector)).filter((el) => !el.closest(CONTROL_TAG)),
    keyOf: (post) => {
      const read = record(post);
      return read.id ? postKey(read.platform === 'generic' ? deps.reader.platform : read.platform, read.id) : undefined;
    },
    authorOf: (post) => deps.reader.authorOf(post),
    describe: (post) => {
      const read = record(post);
      return { ...(read.id ? { postId: read.id } : {}), ...(read.url ? { url: read.url } : {}) };
    },
    pressMore: async () => {
      let count = 0;
      for (const button of deps.reader.moreButtons(doc)) {
        if (count >= PRESSES_PER_ROUND) break;
        if (pressed.has(button) || !button.isConnected) continue;
        pressed.add(button);
        (button as HTMLElement).scrollIntoView?.({ block: 'center', behavior: 'instant' as ScrollBehavior });
        await nextFrame(win);
        (button as HTMLElement).click();
        count += 1;
        if (deps.pause) await deps.pause();
      }
      return count;
    },
    scrollStep: async () => {
      const before = win.scrollY;
      win.scrollBy({ top: Math.round(win.innerHeight * 0.8), behavior: 'instant' as ScrollBehavior });
      await nextFrame(win);
      return win.scrollY !== before;
    },
  };
}
