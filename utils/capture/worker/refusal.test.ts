import { describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest } from '../../../test/support/capture-request';
import type { BackgroundMessage } from '../protocol';
import { refusalOf, type SenderCheckApi } from './refusal';

const ID = 'ourextensionid';
const capture = (url: string) =>
  ({ type: 'postproof/capture', request: { ...sampleCaptureRequest('hi'), page: { url, title: 'p' } }, screenshot: { ok: false, reason: 'none' } }) as BackgroundMessage;
const api = (frameOrigin: SenderCheckApi['frameOrigin']): SenderCheckApi => ({ runtimeId: ID, matches: () => ['https://x.com/*'], siteOrigins: async () => ['https://mastodon.social'], frameOrigin });

describe('refusing a capture message', () => {
  it('accepts the manifest hosts and opted-in origins without asking the tab', async () => {
    const frameOrigin = vi.fn(async () => undefined);
    expect(await refusalOf(capture('https://x.com/a/status/1'), { id: ID, url: 'https://x.com/a/status/1', tab: { id: 3 } }, api(frameOrigin))).toBeUndefined();
    expect(await refusalOf(capture('https://mastodon.social/@a/1'), { id: ID, url: 'https://mastodon.social/@a/1', tab: { id: 3 } }, api(frameOrigin))).toBeUndefined();
    expect(frameOrigin).not.toHaveBeenCalled();
  });

  it("accepts a page the script was injected into, asking the sender's own frame", async () => {
    const frameOrigin = vi.fn(async () => 'https://blog.example');
    const sender = { id: ID, url: 'https://blog.example/p', tab: { id: 3 }, frameId: 2 };
    expect(await refusalOf(capture('https://blog.example/p'), sender, api(frameOrigin))).toBeUndefined();
    expect(frameOrigin).toHaveBeenCalledWith(3, 2);
  });

  it('refuses with the reason in both fields a reply may carry it', async () => {
    const refused = await refusalOf(capture('https://evil.example/'), { id: ID, url: 'https://evil.example/', tab: { id: 3 } }, api(async () => undefined));
    expect(refused).toMatchObject({ ok: false, code: 'refused', message: expect.stringContaining('evil.example'), reason: expect.stringContaining('evil.example') });
    const malformed = await refusalOf({ type: 'postproof/capture' } as BackgroundMessage, { id: ID }, api(async () => undefined));
    expect(malformed).toMatchObject({ code: 'refused', message: expect.stringContaining('malformed') });
  });
});
