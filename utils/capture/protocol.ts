// The messages between the content script, the extension pages and the background, typed once. Imported by both
// halves of capture (page/ and worker/) and by the extension pages; it imports neither half.
import type { CaptureRequest, CaptureResponse } from '../model';
import type { Rect } from './stitch';

export interface ScreenshotMessage {
  type: 'postproof/screenshot';
  rect: Rect;
  viewportWidth: number;
}
export type ScreenshotReply = { ok: true; token: string } | { ok: false; reason: string };

/** One slice of a post taller than the window (utils/capture/page/screenshot-page.ts plans them, stitch.ts places them). */
export interface ScreenshotSliceMessage {
  type: 'postproof/screenshot-slice';
  /** Chosen by the content script, the same for every slice of one screenshot. */
  session: string;
  /** The post's rectangle in the viewport after scrolling for this slice. */
  rect: Rect;
  /** The post's rows this slice contributes, CSS px from its top. */
  rows: { from: number; to: number };
  /** All rows of the stitched image, CSS px. */
  height: number;
  viewportWidth: number;
  /** Set on the first slice when the post is taller than the tallest image a browser can draw. */
  capped?: boolean;
  /** The final slice: the background encodes the PNG and answers with its token. */
  last: boolean;
}
/** Every slice but the last is answered with `pending`; the last with the screenshot's token. */
export type ScreenshotSliceReply = ScreenshotReply | { ok: true; pending: true };

export interface CaptureMessage {
  type: 'postproof/capture';
  request: CaptureRequest;
  /** The screenshot taken for this capture (kept in the background), or the reason there is none. */
  screenshot: ScreenshotReply;
  /** Chosen by the content script: the background sends CaptureProgressMessage with it while media download. */
  progressId?: string;
  /** Chosen by the content script and used as the record id, so a reply lost to a restarted worker can be asked after. */
  captureId?: string;
  /** "Preserve page" (utils/capture/page/preserve-page.ts): the whole page, so page.mhtml is taken whatever the setting. */
  wholePage?: boolean;
}

/** Background → tab, while a capture's media download (worker/progress.ts sends it, page/progress.ts shows it). */
export interface CaptureProgressMessage {
  type: 'postproof/capture-progress';
  progressId: string;
  /** Bytes of media received so far. */
  received: number;
  /** Announced size of the file being fetched, when known. */
  fileTotal?: number;
}
export type CaptureReply = CaptureResponse;

export interface PageStatusMessage {
  type: 'postproof/page-status';
}
export interface PageStatusReply {
  platform: string;
  posts: number;
}

export const PRESERVE_PAGE = 'postproof/preserve-page';

/** From the popup to the content script of the tab: preserve this whole page (page/preserve-page.ts). Answered with the CaptureReply. */
export interface PreservePageMessage {
  type: typeof PRESERVE_PAGE;
}

export function isPreservePageMessage(message: unknown): message is PreservePageMessage {
  return (message as { type?: unknown } | null)?.type === PRESERVE_PAGE;
}

/** From the popup to the background: run PostProof on this origin from now on (`always`), or stop doing so. */
export interface SiteAccessMessage {
  type: 'postproof/site-access';
  origin: string;
  always: boolean;
}
export type SiteAccessReply = { ok: true; registered: boolean } | { ok: false; message: string };

/** Whether the capture with this id was committed: asked when the reply to a capture message was lost. */
export interface CaptureStatusMessage {
  type: 'postproof/capture-status';
  captureId: string;
}
export interface CaptureStatusReply {
  saved: boolean;
}

export type BackgroundMessage = ScreenshotMessage | ScreenshotSliceMessage | CaptureMessage | CaptureStatusMessage;

export function isBackgroundMessage(message: unknown): message is BackgroundMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return (
    type === 'postproof/screenshot' ||
    type === 'postproof/screenshot-slice' ||
    type === 'postproof/capture' ||
    type === 'postproof/capture-status'
  );
}

export const PROFILE_PROBE = 'postproof/profile-probe';
export const PRESERVE_PROFILE = 'postproof/preserve-profile';

/** From the popup to the content script of its tab: does this page show a profile header (and whose)? */
export interface ProfileProbeMessage {
  type: typeof PROFILE_PROBE;
}
export type ProfileProbeReply = { profile: false } | { profile: true; handle?: string; name?: string };

/** From the popup to the content script of its tab: preserve the profile header (page/preserve-profile.ts). Answered with the CaptureReply. */
export interface PreserveProfileMessage {
  type: typeof PRESERVE_PROFILE;
}
