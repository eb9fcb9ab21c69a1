// The content script's side of batch capture, the keyboard command and the context menu: one message listener,
// preserving through each post's own Preserve control so the page shows the same states as after a click.
import browser from 'webextension-polyfill';
import { attachControl, liveControlOf } from '../../components/control-slots';
import type { PreserveControl } from '../../components/preserve-control';
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
  preserve(post: Element, control: PreserveControl): Promise<CaptureResponse>;
  /** Where no post is found (or the site has no adapter): let the user pick the element. */
  pick(): void;
}

export function wireBatchAndShortcuts(doc: Document, wiring: ContentWiring, signal: AbortSignal): (message: unknown) => Promise<unknown> | undefined {
  const tracker = new PointerTracker();
  tracker.attach(doc, signal);
  const { adapter } = wiring;

  const preserveElement = (post: Element): Promise<CaptureResponse> => {
    const control = liveControlOf(post) ?? attachControl(post, (c) => void wiring.preserve(post, c));
    if (!control) return Promise.resolve({ ok: false, code: 'no-control', message: 'This post has no Preserve control; reload the page and try again.' });
    return wiring.preserve(post, control);
  };
  const batches = adapter
    ? pageBatches(doc, {
        postSelector: adapter.postSelector,
        extract: (post) => adapter.extract(post, new URL(doc.location.href)),
        preserve: preserveElement,
        send: (message: BatchReportMessage) => browser.runtime.sendMessage(message),
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
    if (post) void preserveElement(post);
    else wiring.pick();
    return Promise.resolve({ ok: true, found: post !== null } satisfies PreserveTargetReply);
  };
}
