// @vitest-environment happy-dom
// "Preserve profile" on the page: the real saved X profile page (../shared/fixtures/pages), read by the X adapter,
// sent as one capture message of kind profile with the header's snapshot, its screenshot and the avatar and banner.
import { describe, expect, it } from 'vitest';
import { inertWindow } from '../../../test/fixture-dom';
import { hasFixturePages, readFixturePage } from '../../../test/fixtures';
import { adapterForUrl } from '../../platforms/index';
import type { CaptureMessage } from '../protocol';
import { PRESERVE_PROFILE, PROFILE_PROBE } from '../protocol';
import { preserveProfileOnPage, profileOnPage } from './preserve-profile';
import { profileMessageListener } from './profile-messages';

async function withPage<T>(folder: string, file: string, url: string, use: (doc: Document) => Promise<T>): Promise<T> {
  const window = inertWindow(url);
  try {
    window.document.write(readFixturePage(folder, file));
    return await use(window.document as unknown as Document);
  } finally {
    await window.happyDOM.close();
  }
}

function background() {
  const sent: { type: string }[] = [];
  const send = (message: unknown): Promise<unknown> => {
    const typed = message as CaptureMessage;
    sent.push(typed);
    if (typed.type === ('postproof/screenshot-slice' as string)) return Promise.resolve({ ok: true, token: 'shot' });
    if (typed.type === 'postproof/capture') return Promise.resolve({ ok: true, captureId: typed.captureId, missing: [] });
    return Promise.resolve(undefined);
  };
  return { sent, send };
}

describe.skipIf(!hasFixturePages)('preserving a profile from the page', { timeout: 60_000 }, () => {
  const url = 'https://x.com/Kikobeats';

  it('sends the X profile header as a capture of kind profile, with the link it was asked from', async () => {
    await withPage('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', url, async (doc) => {
      const { sent, send } = background();
      const adapter = adapterForUrl(new URL(url));
      const linkedFrom = { captureId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', kind: 'profile-of' as const };
      const reply = await preserveProfileOnPage(doc, adapter, { send }, { linkedFrom: { ...linkedFrom, captureSha256: 'forged' } as never });
      const capture = sent.find((m) => m.type === 'postproof/capture') as CaptureMessage;
      expect(reply).toEqual({ ok: true, captureId: capture.captureId, missing: [] });
      expect(capture.request.post.kind).toBe('profile');
      expect(capture.request.post.author).toEqual({ name: 'Kiko Beats', handle: 'Kikobeats', id: '101198215', url });
      expect(capture.request.post.media?.map((m) => m.url)).toEqual([
        'https://pbs.twimg.com/profile_images/2000931726244106244/Ty7-KT2j.jpg',
        'https://pbs.twimg.com/profile_banners/101198215/1642178805',
      ]);
      // Only the id and the kind go to the background: the hash is the store's to sign.
      expect(capture.request.linkedFrom).toEqual(linkedFrom);
      expect(capture.request.snapshotHtml).toContain('Joined January 2010');
      expect(capture.request.snapshotHtml).not.toContain('vercel.vercel.vercel.app');
      expect(capture.screenshot).toEqual({ ok: true, token: 'shot' });
    });
  });

  it('answers the popup\'s probe with whose profile the page shows, and preserves it on request', async () => {
    await withPage('x', 'x_profile_timeline_kikobeats_2025-12_en.metascraper.html', url, async (doc) => {
      const { sent, send } = background();
      const listener = profileMessageListener(doc, { adapter: adapterForUrl(new URL(url)), send });
      expect(await listener({ type: PROFILE_PROBE })).toEqual({ profile: true, handle: 'Kikobeats', name: 'Kiko Beats' });
      expect(await listener({ type: PRESERVE_PROFILE })).toMatchObject({ ok: true });
      expect(sent.filter((m) => m.type === 'postproof/capture')).toHaveLength(1);
      expect(listener({ type: 'postproof/page-status' })).toBeUndefined();
    });
  });

  it('a status page has no profile: the probe says so and a request is refused with a message, nothing sent', async () => {
    const status = 'https://x.com/UaSmart/status/934106870834454529';
    await withPage('x', 'x_status_image_UaSmart_2017-11-24_es.metascraper.html', status, async (doc) => {
      const { sent, send } = background();
      const adapter = adapterForUrl(new URL(status));
      expect(profileOnPage(doc, adapter)).toBeUndefined();
      expect(await profileMessageListener(doc, { adapter, send })({ type: PROFILE_PROBE })).toEqual({ profile: false });
      expect(await preserveProfileOnPage(doc, adapter, { send })).toEqual({ ok: false, code: 'no-profile', message: expect.stringContaining('no profile header') });
      expect(sent).toEqual([]);
    });
  });

  it('the Telegram channel page: its header is the profile', async () => {
    const channel = 'https://t.me/s/ClashReport';
    await withPage('telegram', 'tme_s_channel_clashreport_2026-08-24_en.ukraine_aggregator.html', channel, async (doc) => {
      const { sent, send } = background();
      expect(await preserveProfileOnPage(doc, adapterForUrl(new URL(channel)), { send })).toMatchObject({ ok: true });
      const capture = sent.find((m) => m.type === 'postproof/capture') as CaptureMessage;
      expect(capture.request.post).toMatchObject({ platform: 'telegram', kind: 'profile', url: 'https://t.me/ClashReport' });
      expect(capture.request.snapshotHtml).toContain('110K');
    });
  });
});
