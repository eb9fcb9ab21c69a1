// Takes the tab's screenshots for a capture, slice by slice, and keeps the stitched PNG in the background until the capture asks for it.
import type { ScreenshotReply, ScreenshotSliceMessage, ScreenshotSliceReply } from '../protocol';
import type { ScreenshotOutcome } from './pipeline';
import { SCREENSHOT_CAPPED_REASON, StitchedScreenshot, type Rect } from './screenshot';
import { errorMessage } from '../../error-message';

export type CaptureVisibleTab = (windowId: number) => Promise<string>;

const RATE_LIMIT_RETRIES = 4;
const RATE_LIMIT_PAUSE_MS = 550;
/** Chrome allows two captureVisibleTab calls a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND): keep under it. */
export const MIN_CAPTURE_INTERVAL_MS = 510;
/** A stitching session the content script abandoned (tab closed mid-way) is dropped after this long. */
const SESSION_TTL_MS = 120_000;

function isRateLimited(error: unknown): boolean {
  return error instanceof Error && error.message.includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
}

export function explainScreenshotFailure(error: unknown): string {
  const message = errorMessage(error);
  if (/<all_urls>|activeTab|permission/i.test(message)) {
    return 'PostProof may not take screenshots of this page: allow it once with "Allow screenshots" in the PostProof popup, or click the PostProof toolbar button on this page before preserving. The rest of the post was captured.';
  }
  return `The screenshot could not be taken (${message}). The rest of the post was captured.`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ScreenshotSessions {
  private readonly shots = new Map<string, ScreenshotOutcome>();
  private readonly open = new Map<string, { image: StitchedScreenshot; startedAt: number }>();
  /** Captures run one at a time, spaced by MIN_CAPTURE_INTERVAL_MS, whichever tab asks. */
  private captureQueue: Promise<unknown> = Promise.resolve();
  private lastCaptureAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly capture: CaptureVisibleTab, private readonly now: () => number = () => Date.now()) {}

  /** One screenshot of a post that fits the window: a single slice. */
  take(windowId: number, rect: Rect, viewportWidth: number): Promise<ScreenshotReply> {
    return this.slice(windowId, {
      type: 'postproof/screenshot-slice',
      session: crypto.randomUUID(),
      rect,
      rows: { from: 0, to: rect.height },
      height: rect.height,
      viewportWidth,
      last: true,
    }) as Promise<ScreenshotReply>;
  }

  async slice(windowId: number, message: ScreenshotSliceMessage): Promise<ScreenshotSliceReply> {
    this.dropAbandoned();
    let session = this.open.get(message.session);
    if (!session) {
      session = { image: new StitchedScreenshot(message.height, message.capped ? SCREENSHOT_CAPPED_REASON : undefined), startedAt: this.now() };
      this.open.set(message.session, session);
    }
    try {
      const dataUrl = await this.captureSpaced(windowId);
      const png = await (await fetch(dataUrl)).blob();
      await session.image.add(png, message);
      if (!message.last) return { ok: true, pending: true };
      this.open.delete(message.session);
      const finished = await session.image.finish();
      if (!finished) return { ok: false, reason: 'The post was not inside the visible window when the screenshot was taken.' };
      const token = crypto.randomUUID();
      this.shots.set(token, finished);
      return { ok: true, token };
    } catch (error) {
      this.open.delete(message.session);
      return { ok: false, reason: explainScreenshotFailure(error) };
    }
  }

  /** Hands the screenshot over once; a token the background no longer knows (it was restarted) is reported, not faked. */
  claim(token: string): ScreenshotOutcome {
    const shot = this.shots.get(token);
    this.shots.delete(token);
    return shot ?? { error: 'The screenshot was lost because the browser restarted the PostProof background in the middle of the capture.' };
  }

  private captureSpaced(windowId: number): Promise<string> {
    const run = this.captureQueue.then(async () => {
      const wait = this.lastCaptureAt + MIN_CAPTURE_INTERVAL_MS - this.now();
      if (wait > 0) await sleep(wait);
      try {
        return await this.captureWithRetry(windowId);
      } finally {
        this.lastCaptureAt = this.now();
      }
    });
    this.captureQueue = run.catch(() => undefined);
    return run;
  }

  /** Another extension, or a busy batch, may still hit the limit: wait and retry instead of failing. */
  private async captureWithRetry(windowId: number): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.capture(windowId);
      } catch (error) {
        if (!isRateLimited(error) || attempt >= RATE_LIMIT_RETRIES) throw error;
        await sleep(RATE_LIMIT_PAUSE_MS);
      }
    }
  }

  private dropAbandoned(): void {
    const now = this.now();
    for (const [id, session] of this.open) if (now - session.startedAt > SESSION_TTL_MS) this.open.delete(id);
  }
}
