// The worker's capture messages from the content script: refused unless well-formed and from this extension's
// content script on a page it may run on (refusal.ts); then screenshots go to the screenshot sessions, captures to
// the pipeline one at a time (queue.ts), and capture-status is answered once no capture is running, so the answer
// is final. Every other message is left to other listeners.
import { isBackgroundMessage, type BackgroundMessage, type CaptureMessage, type CaptureReply, type CaptureStatusReply, type ScreenshotSliceReply } from '../protocol';
import { getCapture } from '../../store/captures';
import { whenStoreOpen, type PostProofDb } from '../../store/db';
import { getOrCreateInstallKey } from '../../store/install-key';
import { readSettings } from '../../store/settings';
import type { MediaFetchOptions } from './media';
import type { SenderLike } from './message-guards';
import { copyPage, type PageCaptureApi } from './page-copy';
import { describeStoreError, preservePost, type CaptureDeps } from './pipeline';
import { CaptureQueue } from './queue';
import { refusalOf, type SenderCheckApi } from './refusal';
import type { ScreenshotSessions } from './screenshot-session';
import type { WitnessOutcome } from './witness';

/** runtime.MessageSender, as far as the capture messages read it. */
export type CaptureSender = SenderLike & { tab?: { id?: number; windowId?: number } };

export interface CaptureRouterDeps {
  db: Promise<PostProofDb>;
  screenshots: Pick<ScreenshotSessions, 'take' | 'slice' | 'claim'>;
  senders: SenderCheckApi;
  /** The software string of every record (utils/extension/software.ts). */
  software: string;
  /** chrome.pageCapture as it is now: read at each capture, as a granted permission adds the namespace (page-copy.ts). */
  pageCapture(): PageCaptureApi;
  /** Size limit and progress of the media download (media-options.ts). */
  media(progressId: string | undefined, tabId: number | undefined): Promise<MediaFetchOptions>;
  /** What else a capture is made with, read at each capture: collector and authorities, the active case. */
  settings(store: PostProofDb): Promise<Pick<CaptureDeps, 'collector' | 'stampWith' | 'cases'>>;
  /** The second witness of a post (witness.ts), started with the capture; absent, none is asked for. */
  witness?(post: CaptureMessage['request']['post']): Promise<WitnessOutcome>;
  /** After each committed capture: its timestamps, its annotated copy, the badge. */
  onCommitted(captureId: string): void;
}

type Reply = ScreenshotSliceReply | CaptureReply | CaptureStatusReply;

export function captureRouter(deps: CaptureRouterDeps): (message: unknown, sender: CaptureSender) => Promise<Reply> | undefined {
  const { db, screenshots } = deps;
  const queue = new CaptureQueue();

  function capture(message: CaptureMessage, sender: CaptureSender): Promise<CaptureReply> {
    const shot = message.screenshot.ok ? screenshots.claim(message.screenshot.token) : { error: message.screenshot.reason };
    // Setting "Also keep the whole page as MHTML": started now, while the tab shows the page the post was preserved on.
    // "Preserve page" in the popup (message.wholePage) always asks for it.
    const pageCopy = db.then(readSettings).then((settings) => (settings.pageMhtml || message.wholePage ? copyPage(deps.pageCapture(), sender.tab?.id) : undefined));
    // The platform's own record is asked for now, while the page's version is fresh, in parallel with the queue's wait.
    const witness = deps.witness?.(message.request.post);
    const run = queue.run(async (): Promise<CaptureReply> => {
      const store = await db;
      try {
        // After a full disk closed the connection: a new one, or the browser's reason why not (still full).
        await whenStoreOpen(store);
      } catch (error) {
        return { ok: false, ...describeStoreError(error) } as CaptureReply;
      }
      return preservePost(message.request, shot, {
        db: store,
        key: await getOrCreateInstallKey(store),
        software: deps.software,
        fetch: (input, init) => fetch(input, init),
        media: await deps.media(message.progressId, sender.tab?.id),
        ...(await deps.settings(store)),
        ...(message.captureId ? { newId: () => message.captureId! } : {}),
        pageCopy,
        ...(witness ? { witness } : {}),
      });
    });
    void run.then((reply) => (reply.ok ? deps.onCommitted(reply.captureId) : undefined), () => undefined);
    return run;
  }

  async function handle(message: BackgroundMessage, sender: CaptureSender): Promise<Reply> {
    if (message.type === 'postproof/capture-status') {
      // Waits for any capture still running, so the answer is final: committed, or never will be.
      await queue.settled();
      return { saved: (await getCapture(await db, message.captureId)) !== undefined };
    }
    if (message.type === 'postproof/screenshot' || message.type === 'postproof/screenshot-slice') {
      const windowId = sender.tab?.windowId;
      if (windowId === undefined) return { ok: false, reason: 'Screenshots can only be taken of a browser tab.' };
      if (message.type === 'postproof/screenshot-slice') return screenshots.slice(windowId, message);
      return screenshots.take(windowId, message.rect, message.viewportWidth);
    }
    return capture(message, sender);
  }

  return (message, sender) => {
    if (!isBackgroundMessage(message)) return undefined;
    // Only our own content script, on a page it may run on, with a well-formed message (message-guards.ts).
    return refusalOf(message, sender, deps.senders).then((refused) => refused ?? handle(message, sender)).catch(
      // `reason` too: a screenshot reply carries its failure there, and the capture that follows passes it on.
      (error: unknown): CaptureReply => ({ ok: false, code: 'internal', message: `PostProof failed unexpectedly: ${String(error)}`, reason: `PostProof failed unexpectedly: ${String(error)}` }) as CaptureReply,
    );
  };
}
