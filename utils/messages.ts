// The messages between the content script, the extension pages and the background, typed once.
import type { CaptureRequest, CaptureResponse } from './model';
import type { Rect } from './capture/screenshot';

export interface ScreenshotMessage {
  type: 'postproof/screenshot';
  rect: Rect;
  viewportWidth: number;
}
export type ScreenshotReply = { ok: true; token: string } | { ok: false; reason: string };

export interface CaptureMessage {
  type: 'postproof/capture';
  request: CaptureRequest;
  /** The screenshot taken for this capture (kept in the background), or the reason there is none. */
  screenshot: ScreenshotReply;
}
export type CaptureReply = CaptureResponse;

export interface PageStatusMessage {
  type: 'postproof/page-status';
}
export interface PageStatusReply {
  platform: string;
  posts: number;
}

export type BackgroundMessage = ScreenshotMessage | CaptureMessage;

export function isBackgroundMessage(message: unknown): message is BackgroundMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'postproof/screenshot' || type === 'postproof/capture';
}
