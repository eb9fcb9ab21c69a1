// The capture request the page sends with a capture message: the post's record and snapshot, beside what the page
// knows of where and how it was seen (the post's box, the window, the page, locale, time zone, browser), read at the
// moment of the capture. One builder for a post (preserve-post.ts) and for the whole page (preserve-page.ts).
import type { CaptureRequest, PostRecord, StreamLead } from '../../model';
import type { Rect } from '../stitch';

export function captureRequest(view: Window, post: PostRecord, snapshotHtml: string, box: Rect, streams: StreamLead[] = []): CaptureRequest {
  return {
    post,
    snapshotHtml,
    rect: { x: box.x, y: box.y, width: box.width, height: box.height },
    viewport: { width: view.innerWidth, height: view.innerHeight, devicePixelRatio: view.devicePixelRatio },
    page: { url: view.location.href, title: view.document.title },
    locale: view.navigator.language,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    userAgent: view.navigator.userAgent,
    ...(streams.length ? { streams } : {}),
  };
}
