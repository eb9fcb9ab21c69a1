// Takes the tab's screenshot for a capture and keeps the cropped PNG in the background until the capture asks for it.
import type { ScreenshotOutcome } from './pipeline';
import { cropScreenshot, type Rect } from './screenshot';

export type CaptureVisibleTab = (windowId: number) => Promise<string>;

const RATE_LIMIT_RETRIES = 4;
const RATE_LIMIT_PAUSE_MS = 550;

function isRateLimited(error: unknown): boolean {
  return error instanceof Error && error.message.includes('MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND');
}

export function explainScreenshotFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/<all_urls>|activeTab|permission/i.test(message)) {
    return 'PostProof may not take screenshots of this page: allow it once with "Allow screenshots" in the PostProof popup, or click the PostProof toolbar button on this page before preserving. The rest of the post was captured.';
  }
  return `The screenshot could not be taken (${message}). The rest of the post was captured.`;
}

/** captureVisibleTab allows about two calls a second; wait and retry instead of failing a busy batch. */
async function captureWithRetry(capture: CaptureVisibleTab, windowId: number): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await capture(windowId);
    } catch (error) {
      if (!isRateLimited(error) || attempt >= RATE_LIMIT_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT_PAUSE_MS));
    }
  }
}

export class ScreenshotSessions {
  private readonly shots = new Map<string, ScreenshotOutcome>();

  constructor(private readonly capture: CaptureVisibleTab) {}

  async take(windowId: number, rect: Rect, viewportWidth: number): Promise<{ ok: true; token: string } | { ok: false; reason: string }> {
    try {
      const dataUrl = await captureWithRetry(this.capture, windowId);
      const png = await (await fetch(dataUrl)).blob();
      const cropped = await cropScreenshot(png, rect, viewportWidth);
      if (!cropped) return { ok: false, reason: 'The post was not inside the visible window when the screenshot was taken.' };
      const token = crypto.randomUUID();
      this.shots.set(token, cropped);
      return { ok: true, token };
    } catch (error) {
      return { ok: false, reason: explainScreenshotFailure(error) };
    }
  }

  /** Hands the screenshot over once; a token the background no longer knows (it was restarted) is reported, not faked. */
  claim(token: string): ScreenshotOutcome {
    const shot = this.shots.get(token);
    this.shots.delete(token);
    return shot ?? { error: 'The screenshot was lost because the browser restarted the PostProof background in the middle of the capture.' };
  }
}
