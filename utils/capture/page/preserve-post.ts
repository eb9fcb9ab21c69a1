// The page's one capture of a post: read it (the adapter), snapshot it, screenshot it slice by slice, send the capture
// message, and show each state on the post's Preserve control (or, in quiet mode, nowhere: QUIET_VIEW). The element
// picker (start-picker.ts) preserves its chosen element through the same path.
import { t, tCount } from '../../i18n/i18n';
import type { CaptureRequest } from '../../model';
import type { PlatformAdapter } from '../../platforms/registry';
import type { CaptureReply, ScreenshotReply, ScreenshotSliceReply } from '../protocol';
import { captureRequest } from './capture-request';
import { replyAfterLostAnswer } from './lost-reply';
import type { PreserveView } from './preserve-view';
import { progressText, withProgress, type MessageEvents } from './progress';
import { screenshotWholePost } from './screenshot-page';
import { snapshotPost } from './snapshot';
import { streamLeads } from './streams';
import { errorMessage } from '../../error-message';

export type PostReader = Pick<PlatformAdapter, 'extract' | 'streamMatcher'>;

export interface PreservePostDeps {
  /** browser.runtime.sendMessage. */
  send(message: unknown): Promise<unknown>;
  /** browser.runtime.onMessage: the media download's progress arrives there. */
  messages: MessageEvents;
  /** The stream URLs the page's players loaded so far (streams.ts, watchStreams). */
  streamCandidates(): string[];
}

async function takeScreenshot(post: Element, view: PreserveView, send: PreservePostDeps['send']): Promise<ScreenshotReply> {
  view.setHiddenForScreenshot(true);
  try {
    return await screenshotWholePost(post, (message) => send(message) as Promise<ScreenshotSliceReply>);
  } finally {
    view.setHiddenForScreenshot(false);
  }
}

export interface PreservePostOptions {
  /** The earlier capture this one is asked from (a quoted post's, an author's profile's): the background signs its hash. */
  linkedFrom?: CaptureRequest['linkedFrom'];
}

/** One capture of `post`; its states go to `view`. Never throws: a capture that got no answer is `no-reply`. */
export async function preservePostOnPage(
  post: Element,
  adapter: PostReader,
  view: PreserveView,
  deps: PreservePostDeps,
  options: PreservePostOptions = {},
): Promise<CaptureReply> {
  const captureId = crypto.randomUUID();
  view.setState('saving');
  try {
    const pageUrl = new URL(location.href);
    const record = adapter.extract(post, pageUrl);
    const streams = streamLeads(record.media ?? [], deps.streamCandidates(), (video) => adapter.streamMatcher?.(post, video, pageUrl));
    const capturedAt = new Date().toISOString();
    const snapshotHtml = snapshotPost(post, { pageUrl: location.href, title: document.title, capturedAt });
    const screenshot = await takeScreenshot(post, view, deps.send);
    const request = captureRequest(window, record, snapshotHtml, post.getBoundingClientRect(), streams);
    if (options.linkedFrom) request.linkedFrom = { captureId: options.linkedFrom.captureId, kind: options.linkedFrom.kind };
    const progressId = crypto.randomUUID();
    const reply = (await withProgress(deps.messages, progressId, (p) => view.setProgress(progressText(p), p.received), () =>
      deps.send({ type: 'postproof/capture', request, screenshot, progressId, captureId }).catch((error: unknown) =>
        // The worker may have been stopped after committing and before answering: ask before calling it a failure.
        replyAfterLostAnswer(deps.send, captureId, error),
      ),
    )) as CaptureReply;
    if (reply.ok) {
      const message = reply.missing.length ? tCount('control_saved_gaps', reply.missing.length) : t('control_saved_plain');
      view.setState('saved', { captureId: reply.captureId, message });
    } else {
      view.setState('error', { message: reply.message });
    }
    return reply;
  } catch (error) {
    const message = t('control_capture_incomplete', errorMessage(error));
    view.setState('error', { message });
    // No answer from the background (restarted or gone): a batch stops here and can be resumed.
    return { ok: false, code: 'no-reply', message };
  }
}
