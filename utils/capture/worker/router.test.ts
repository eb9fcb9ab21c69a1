import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../../test/support/capture-request';
import { getCapture } from '../../store/captures';
import { openPostProofDb } from '../../store/db';
import type { CaptureReply } from '../protocol';
import { captureRouter, type CaptureRouterDeps } from './router';

const ID = 'ourextensionid';
const tab = { id: ID, url: 'https://x.com/someone/status/1', tab: { id: 3, windowId: 9 }, frameId: 0 };
let dbCounter = 0;

function setup(overrides: Partial<CaptureRouterDeps> = {}) {
  const db = openPostProofDb(`router-test-${++dbCounter}`);
  const committed: string[] = [];
  const screenshots = { take: vi.fn(async () => ({ ok: true as const, token: 't1' })), slice: vi.fn(), claim: vi.fn(() => sampleScreenshot) };
  const route = captureRouter({
    db,
    screenshots,
    senders: { runtimeId: ID, matches: () => ['https://x.com/*'], siteOrigins: async () => [], frameOrigin: async () => undefined },
    software: 'PostProof test',
    pageCapture: () => ({ declared: false, granted: async () => false }),
    media: async () => ({}),
    settings: async () => ({}),
    onCommitted: (captureId) => void committed.push(captureId),
    ...overrides,
  });
  return { db, route, screenshots, committed };
}

const captureMessage = (captureId: string) => ({ type: 'postproof/capture', request: sampleCaptureRequest('hello'), screenshot: { ok: true, token: 't1' }, captureId });

const [c0, c1, c2, c3, c4] = Array.from({ length: 5 }, () => crypto.randomUUID()) as [string, string, string, string, string];

describe('the capture router', () => {
  it('leaves messages that are not capture messages to other listeners', () => {
    const { route } = setup();
    expect(route({ type: 'postproof/batch-run' }, tab)).toBeUndefined();
    expect(route(null, tab)).toBeUndefined();
  });

  it('refuses a capture from anything but our content script on a page it runs on, and a malformed one', async () => {
    const { route } = setup();
    const fromElsewhere = (await route(captureMessage(c0), { ...tab, id: 'other' })) as CaptureReply & { reason?: string };
    expect(fromElsewhere).toMatchObject({ ok: false, code: 'refused', reason: expect.stringMatching(/own content script/) });
    expect(await route({ type: 'postproof/capture-status' }, tab)).toMatchObject({ ok: false, code: 'refused' });
  });

  it('takes screenshots only of a browser tab', async () => {
    const { route, screenshots } = setup();
    const message = { type: 'postproof/screenshot', rect: { x: 0, y: 0, width: 10, height: 10 }, viewportWidth: 100 };
    expect(await route(message, tab)).toEqual({ ok: true, token: 't1' });
    expect(screenshots.take).toHaveBeenCalledWith(9, message.rect, 100);
    expect(await route(message, { ...tab, tab: { id: 3 } })).toEqual({ ok: false, reason: 'Screenshots can only be taken of a browser tab.' });
  });

  it('commits a capture under the id the page chose, claims its screenshot, and says so after', async () => {
    const { db, route, screenshots, committed } = setup();
    const reply = await route(captureMessage(c1), tab);
    expect(reply).toEqual({ ok: true, captureId: c1, missing: [] });
    expect(screenshots.claim).toHaveBeenCalledWith('t1');
    expect(await getCapture(await db, c1)).toBeDefined();
    expect(committed).toEqual([c1]);
    expect(await route({ type: 'postproof/capture-status', captureId: c1 }, tab)).toEqual({ saved: true });
    expect(await route({ type: 'postproof/capture-status', captureId: c2 }, tab)).toEqual({ saved: false });
  });

  it('answers capture-status only once the captures before it have finished', async () => {
    const { route } = setup();
    const capture = route(captureMessage(c3), tab);
    const status = route({ type: 'postproof/capture-status', captureId: c3 }, tab);
    expect(await status).toEqual({ saved: true });
    expect(await capture).toMatchObject({ ok: true });
  });

  it('answers an unexpected failure as one, for a capture and a screenshot alike', async () => {
    const { route } = setup({ media: () => Promise.reject(new Error('boom')) });
    expect(await route(captureMessage(c4), tab)).toMatchObject({ ok: false, code: 'internal', message: expect.stringContaining('boom'), reason: expect.stringContaining('boom') });
  });
});
