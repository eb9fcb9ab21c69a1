// The batch in the content script: the page as the batch loop sees it, the progress panel drawn on the page, and
// the messages to and from the background. One batch per tab at a time.
import type { CaptureResponse, PostRecord } from '../model';
import { runBatch, BatchSteering, type BatchPage, type CaptureOutcome } from './runner';
import { batchPercent, postKey, type BatchCounts, type BatchReportMessage, type BatchStatus, type BatchTabMessage } from './state';

export interface PageBatchDeps {
  postSelector: string;
  extract(post: Element): PostRecord;
  /** The content script's own capture of one post (control state, screenshot, message to the background). */
  preserve(post: Element): Promise<CaptureResponse>;
  send(message: BatchReportMessage): Promise<unknown>;
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

const PANEL_STYLE = `
:host { all: initial; position: fixed; inset-block-end: 16px; inset-inline-end: 16px; z-index: 2147483647; }
.panel { font: 13px/1.4 system-ui, sans-serif; background: #fff; color: #0f1419; border: 1px solid #5b6b7a; border-radius: 8px;
  padding: 10px 12px; inline-size: 280px; box-shadow: 0 2px 12px rgba(0,0,0,.2); }
.bar { block-size: 6px; background: #e6e9ec; border-radius: 3px; overflow: hidden; margin: 6px 0; }
.fill { block-size: 100%; background: #1d72d8; }
.buttons { display: flex; gap: 6px; }
button { font: 600 12px system-ui, sans-serif; border-radius: 999px; padding: 3px 10px; border: 1px solid #5b6b7a; background: #fff; cursor: pointer; }
button:focus-visible { outline: 2px solid #1d72d8; outline-offset: 2px; }
`;

/** The progress panel on the page: what the batch did, and pause, resume, cancel. Hidden from screenshots. */
class BatchPanel {
  readonly host: HTMLElement;
  private readonly text: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly pause: HTMLButtonElement;
  private readonly resume: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;

  constructor(doc: Document, steer: (action: 'pause' | 'resume' | 'cancel') => void) {
    this.host = doc.createElement('postproof-batch');
    this.host.dataset.testid = 'batch-panel';
    const root = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = PANEL_STYLE;
    const panel = doc.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'PostProof batch capture');
    this.text = doc.createElement('p');
    this.text.setAttribute('role', 'status');
    this.text.style.margin = '0';
    this.bar = doc.createElement('div');
    this.bar.className = 'bar';
    this.bar.setAttribute('role', 'progressbar');
    this.bar.setAttribute('aria-valuemin', '0');
    this.bar.setAttribute('aria-valuemax', '100');
    this.fill = doc.createElement('div');
    this.fill.className = 'fill';
    this.bar.append(this.fill);
    const buttons = doc.createElement('div');
    buttons.className = 'buttons';
    const button = (label: string, action: 'pause' | 'resume' | 'cancel') => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.testid = `batch-${action}`;
      b.addEventListener('click', () => steer(action));
      buttons.append(b);
      return b;
    };
    this.pause = button('Pause', 'pause');
    this.resume = button('Resume', 'resume');
    this.cancel = button('Cancel', 'cancel');
    panel.append(this.text, this.bar, buttons);
    root.append(style, panel);
    doc.documentElement.append(this.host);
  }

  show(status: BatchStatus, counts: BatchCounts, limit: number, message?: string): void {
    const percent = batchPercent({ captured: counts.captured, limit, status });
    this.host.dataset.status = status;
    this.bar.setAttribute('aria-valuenow', String(percent));
    this.fill.style.inlineSize = `${percent}%`;
    const line = `${counts.captured} captured, ${counts.skipped} already preserved, ${counts.failed} failed`;
    const heading = { running: 'Preserving all posts', paused: 'Paused', cancelled: 'Cancelled', done: 'Finished', interrupted: 'Interrupted' }[status];
    this.text.textContent = `${heading}: ${line}.${message ? ` ${message}` : ''}`;
    const active = status === 'running' || status === 'paused';
    this.pause.hidden = status !== 'running';
    this.resume.hidden = status !== 'paused';
    this.cancel.textContent = active ? 'Cancel' : 'Close';
  }

  setHidden(hidden: boolean): void {
    this.host.style.visibility = hidden ? 'hidden' : '';
  }
}

/** Runs batches in this tab when the background asks; answers its steering. */
export function pageBatches(doc: Document, deps: PageBatchDeps): (message: BatchTabMessage) => Promise<{ ok: true; running: boolean }> {
  let current: { id: string; steering: BatchSteering; panel: BatchPanel } | undefined;

  async function start(message: Extract<BatchTabMessage, { type: 'postproof/batch-run' }>): Promise<void> {
    const steering = new BatchSteering();
    let finished = false;
    current?.panel.host.remove();
    const panel = new BatchPanel(doc, (action) => {
      // Once the batch has ended, the panel's last button only closes it.
      if (finished) {
        panel.host.remove();
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
