// A capture request as the content script would send it, for unit tests of the pipeline and what sits on it.
import type { CaptureRequest } from '../../utils/model';

export function sampleCaptureRequest(text: string, mediaUrls: string[] = []): CaptureRequest {
  return {
    post: {
      platform: 'x',
      id: '1',
      url: 'https://x.com/someone/status/1',
      author: { name: 'Some One', handle: 'someone', url: 'https://x.com/someone' },
      text,
      media: mediaUrls.map((url) => ({ kind: 'photo' as const, url })),
    },
    snapshotHtml: `<!doctype html><p dir="auto">${text}</p>`,
    rect: { x: 0, y: 0, width: 100, height: 100 },
    viewport: { width: 1280, height: 720, devicePixelRatio: 1 },
    page: { url: 'https://x.com/someone/status/1', title: 'post' },
    locale: 'en-US',
    timeZone: 'UTC',
    userAgent: 'test',
  };
}

/** A screenshot outcome with a few PNG-looking bytes. */
export const sampleScreenshot = { data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]), clipped: false };
