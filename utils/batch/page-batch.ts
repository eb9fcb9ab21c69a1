// The batch in the content script: the page as the batch loop sees it, its progress panel (batch-page-panel.ts; none
// in quiet mode), and the messages to and from the background. One batch per tab at a time.
import type { CaptureResponse, PostRecord } from '../model';
import { batchProgressPanel, type BatchProgressPanel } from './batch-page-panel';
import { runBatch, BatchSteering, type BatchPage, type CaptureOutcome } from './runner';
import { postKey, type BatchReportMessage, type BatchTabMessage } from './state';

export interface PageBatchDeps {
  postSelector: string;
  extract(post: Element): PostRecord;
  /** The content script's own capture of one post (control state, screenshot, message to the background). */
  preserve(post: Element): Promise<CaptureResponse>;
  send(message: BatchReportMessage): Promise<unknown>;
  /** Quiet mode, asked as each batch starts: then no panel is drawn on the page. */
  quiet?(): boolean;
}

const CONTROL_TAG = 'postproof-control';
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Screenshots need the tab in front: while it is hidden, the batch waits. */
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

export function documentBatchPage(doc: Document, deps: Pick<PageBatchDeps, 'postSelector' | 'extract'>): BatchPage<Element> {
  const keys = new WeakMap<Element, string | undefined>();
  const win = doc.defaultView!;
  return {
    posts: () => Array.from(doc.querySelectorAll(deps.postSelector)).filter((el) => !el.closest(CONTROL_TAG)),
    keyOf: (post) => {
      if (!keys.has(post)) {
        const record = deps.extract(post);
        keys.set(post, record.id ? postKey(record.platform, record.id) : undefined);
      }
      return keys.get(post);
    },
    scrollStep: async () => {
      const before = win.scrollY;
      win.scrollBy({ top: Math.round(win.innerHeight * 0.8), behavior: 'instant' as ScrollBehavior });
      await nextFrame();
      return win.scrollY !== before;
    },
  };
}

/** A short label for a capture in the lists: author and the first words. */
function labelOf(record: PostRecord): string {
  const who = record.author?.handle ? `@${record.author.handle.replace(/^@/, '')}` : (record.author?.name ?? record.platform);
  const text = (record.text ?? '').replace(/\s+/g, ' ').trim();
  return text ? `${who}: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}` : who;
}

/** Runs batches in this tab when the background asks; answers its steering. */
export function pageBatches(doc: Document, deps: PageBatchDeps): (message: BatchTabMessage) => Promise<{ ok: true; running: boolean }> {
  let current: { id: string; steering: BatchSteering; panel: BatchProgressPanel } | undefined;

  async function start(message: Extract<BatchTabMessage, { type: 'postproof/batch-run' }>): Promise<void> {
    const steering = new BatchSteering();
    let finished = false;
    current?.panel.remove();
    const panel = batchProgressPanel(doc, deps.quiet?.() ?? false, (action) => {
      // Once the batch has ended, the panel's last button only closes it.
      if (finished) {
        panel.remove();
        return;
      }
      steering.set(action);
      if (action !== 'cancel') panel.show(action === 'pause' ? 'paused' : 'running', counts, message.limit);
      void deps.send({ type: 'postproof/batch-progress', batchId: message.batchId, status: action === 'pause' ? 'paused' : action === 'resume' ? 'running' : 'cancelled', counts });
    });
    let counts = message.counts;
    const run = { id: message.batchId, steering, panel };
    current = run;
    const page = documentBatchPage(doc, deps);
    await runBatch(
      {
        page,
        limit: message.limit,
        paceMs: message.paceMs,
        counts: message.counts,
        known: async (keys) => {
          const reply = (await deps.send({ type: 'postproof/batch-known', keys })) as { known?: string[] } | undefined;
          return new Set(reply?.known ?? []);
        },
        capture: async (post): Promise<CaptureOutcome> => {
          post.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
          await nextFrame();
          await whenVisible(doc);
          panel.setHidden(true);
          try {
            const reply = await deps.preserve(post);
            if (reply.ok) return { ok: true, captureId: reply.captureId, label: labelOf(deps.extract(post)) };
            return { ok: false, message: reply.message, fatal: reply.code === 'no-reply' };
          } finally {
            panel.setHidden(false);
          }
        },
        report: (status, next, text, recent) => {
          counts = { ...next };
          if (current === run) panel.show(status, next, message.limit, text);
          void deps.send({ type: 'postproof/batch-progress', batchId: message.batchId, status, counts: next, ...(text ? { message: text } : {}), ...(recent ? { recent } : {}) }).catch(() => undefined);
        },
      },
      steering,
    );
    finished = true;
  }

  return async (message) => {
    if (message.type === 'postproof/batch-run') {
      if (current && current.id !== message.batchId) current.steering.set('cancel');
      if (current?.id === message.batchId && (current.steering.current === 'running' || current.steering.current === 'paused')) {
        current.steering.set('resume');
        return { ok: true, running: true };
      }
      void start(message);
      return { ok: true, running: true };
    }
    if (!current || current.id !== message.batchId) return { ok: true, running: false };
    current.steering.set(message.action);
    const state = current.steering.current;
    return { ok: true, running: state === 'running' || state === 'paused' };
  };
}
