import { describe, expect, it } from 'vitest';
import type { CaptureProgressMessage } from '../protocol';
import { mediaOptions, type MediaOptionsApi } from './media-options';

function api(stored: Record<string, unknown>): MediaOptionsApi & { sent: [number, CaptureProgressMessage][] } {
  const sent: [number, CaptureProgressMessage][] = [];
  return { sent, get: async () => stored, sendToTab: async (tabId, message) => void sent.push([tabId, message]) };
}

describe('the media options of a capture', () => {
  it('takes the size limit from the settings, and none when unset', async () => {
    expect(await mediaOptions(api({ maxMediaBytes: 1000 }), undefined, 3)).toEqual({ maxBytes: 1000 });
    expect(await mediaOptions(api({}), undefined, 3)).toEqual({});
  });

  it("reports progress to the asking tab only when the page asked for it, a closed tab's refusal ignored", async () => {
    const quiet = api({});
    expect(await mediaOptions(quiet, 'p1', undefined)).toEqual({});
    const options = await mediaOptions(quiet, 'p1', 7);
    options.onProgress?.({ received: 5, url: 'https://a.example/v.mp4' });
    expect(quiet.sent).toEqual([[7, { type: 'postproof/capture-progress', progressId: 'p1', received: 5 }]]);
    const closed: MediaOptionsApi = { get: async () => ({}), sendToTab: () => Promise.reject(new Error('No tab')) };
    (await mediaOptions(closed, 'p1', 7)).onProgress?.({ received: 5, url: 'https://a.example/v.mp4' });
  });
});
