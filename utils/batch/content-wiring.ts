// The content script's side of batch capture, the keyboard command and the context menu: one message listener,
// preserving through each post's own Preserve control so the page shows the same states as after a click; in quiet
// mode (utils/extension/quiet-mode.ts) through the same capture with no control at all, so nothing is added to the page.
import { attachControl, liveControlOf } from '../capture/page/control-slots';
import { QUIET_VIEW, type PreserveView } from '../capture/page/preserve-view';
import { t } from '../i18n/i18n';
import type { CaptureResponse, PostRecord } from '../model';
import { pageBatches } from './page-batch';
import { PointerTracker, targetPost, type TargetSource } from './post-target';
import type { BatchReportMessage, BatchTabMessage } from './state';

/** Background → content script: preserve the post the command or the context menu means. */
export interface PreserveTargetMessage {
  type: 'postproof/preserve-target';
  source: TargetSource;
}
export type PreserveTargetReply = { ok: true; found: boolean };

export interface ContentWiring {
  adapter?: { postSelector: string; extract(post: Element, pageUrl: URL): PostRecord };
  /** The content script's one capture of a post, showing its progress in `view`. */
  preserve(post: Element, view: PreserveView): Promise<CaptureResponse>;
  /** Quiet mode now: no control is added to a post, and a batch draws no panel. */
  quiet(): boolean;
  /** browser.runtime.sendMessage, for the batch's reports. */
  send(message: BatchReportMessage): Promise<unknown>;
}

export function wireBatchAndShortcuts(doc: Document, wiring: ContentWiring, signal: AbortSignal): (message: unknown) => Promise<unknown> | undefined {
  const tracker = new PointerTracker();
  tracker.attach(doc, signal);
  const { adapter } = wiring;
  // Posts being preserved through this path: a second press of the shortcut on the same post starts nothing (in
  // quiet mode no button shows that it is saving).
  const busy = new WeakSet<Element>();

  const viewFor = (post: Element): PreserveView | undefined =>
    wiring.quiet() ? QUIET_VIEW : (liveControlOf(post) ?? attachControl(post, (c) => void wiring.preserve(post, c)));

  const preserveElement = async (post: Element): Promise<CaptureResponse> => {
    if (busy.has(post)) return { ok: false, code: 'busy', message: t('capture_busy') };
    const view = viewFor(post);
    if (!view) return { ok: false, code: 'no-control', message: 'This post has no Preserve control; reload the page and try again.' };
    busy.add(post);
    try {
      return await wiring.preserve(post, view);
    } finally {
      busy.delete(post);
    }
  };
  const batches = adapter
    ? pageBatches(doc, {
        postSelector: adapter.postSelector,
        extract: (post) => adapter.extract(post, new URL(doc.location.href)),
        preserve: preserveElement,
        send: wiring.send,
        quiet: wiring.quiet,
      })
    : undefined;

  return (message) => {
    const type = (message as { type?: string } | null)?.type;
    if (type === 'postproof/batch-run' || type === 'postproof/batch-steer') {
      if (!batches) return Promise.resolve({ ok: false, message: 'PostProof cannot read the posts of this page, so it cannot preserve them all.' });
      return batches(message as BatchTabMessage);
    }
    if (type !== 'postproof/preserve-target') return undefined;
    const post = adapter ? targetPost(doc, adapter.postSelector, (message as PreserveTargetMessage).source, tracker) : null;
    // Where none is found, the background starts the element picker (shortcuts.ts).
    if (post) void preserveElement(post);
    return Promise.resolve({ ok: true, found: post !== null } satisfies PreserveTargetReply);
  };
}
