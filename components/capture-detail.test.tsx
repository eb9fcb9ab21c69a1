// @vitest-environment happy-dom
// The capture detail on real captures (the capture pipeline into an in-memory IndexedDB): screenshot beside a
// sandboxed, script-free snapshot frame; the fields as read; missing items with their reasons; custody; record
// facts; and the keys: Escape closes, j/k and Alt+arrows move, with the arrows flipped right to left.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../test/support/capture-request';
import { preservePost } from '../utils/capture/worker/pipeline';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { saveStampRow } from '../utils/store/stamps';
import { CaptureDetail, type CaptureDetailProps } from './capture-detail';

let db: PostProofDb;
let plainId = '';
let gapId = '';
let host: HTMLElement;

beforeAll(async () => {
  // The store keeps files as Blobs, and the in-memory IndexedDB clones only Node's own (happy-dom's come back empty).
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
  db = await openPostProofDb(`detail-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const request = sampleCaptureRequest('مرحبا <b>hello</b> <img src=x onerror=alert(1)>');
  request.post.lang = 'ar';
  request.post.postedAt = '2026-01-02T03:04:05.000Z';
  const plain = await preservePost(request, sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch: () => Promise.reject(new Error('offline')) });
  if (!plain.ok) throw new Error(plain.message);
  plainId = plain.captureId;
  // A media file the CDN refuses: the capture lists it as missing, with the reason.
  const refused = () => Promise.resolve(new Response('gone', { status: 404 }));
  const gap = await preservePost(sampleCaptureRequest('with a photo', ['https://pbs.twimg.com/media/ABC.jpg']), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch: refused });
  if (!gap.ok) throw new Error(gap.message);
  gapId = gap.captureId;
});

afterEach(() => {
  act(() => render(null, host));
  host.remove();
  document.documentElement.dir = '';
});

async function show(props: Partial<CaptureDetailProps> & { captureId: string }) {
  host = document.createElement('div');
  document.body.append(host);
  const all: CaptureDetailProps = {
    db,
    cases: [],
    version: '0.0.0',
    onClose: () => undefined,
    onChanged: () => undefined,
    verify: () => Promise.reject(new Error('unused')),
    ...props,
  };
  await act(async () => render(<CaptureDetail {...all} />, host));
  await vi.waitFor(() => expect(host.querySelector('[data-testid="detail-custody"]')).not.toBeNull());
  await vi.waitFor(() => expect(host.querySelector(".detail-evidence")?.innerHTML).toContain("<iframe"));
}

const q = (testId: string) => host.querySelector<HTMLElement>(`[data-testid="${testId}"]`);

function press(target: Element, key: string, init: KeyboardEventInit = {}) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

describe('the capture detail', () => {
  it('shows the snapshot in a sandboxed frame without scripts, beside the screenshot', async () => {
    await show({ captureId: plainId });
    const frame = q('detail-snapshot') as HTMLIFrameElement;
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    // The captured markup goes in as the frame's document, never into the extension page's own DOM.
    expect(frame.srcdoc || frame.getAttribute('srcdoc')).toContain('hello');
    expect(host.querySelector('img[src="x"]')).toBeNull();
    expect(frame.closest('.detail-evidence')?.querySelectorAll('.detail-pane')).toHaveLength(2);
    await vi.waitFor(() => expect(q('detail-screenshot')?.tagName).toBe('IMG'));
    expect(q('detail-screenshot')?.getAttribute('alt')).toBeTruthy();
  });

  it('lists the fields as read, the text in its own direction, and the record facts', async () => {
    await show({ captureId: plainId });
    const field = (name: string) => host.querySelector(`[data-field="${name}"]`);
    expect(field('platform')?.textContent).toBe('x');
    expect(field('author')?.textContent).toBe('Some One');
    expect(field('handle')?.textContent).toBe('@someone');
    expect(field('permalink')?.querySelector('a')?.getAttribute('href')).toBe('https://x.com/someone/status/1');
    expect(field('posted')?.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-02T03:04:05.000Z');
    expect(field('language')?.textContent).toBe('ar');
    expect(field('text')?.getAttribute('dir')).toBe('auto');
    expect(field('text')?.textContent).toContain('<b>hello</b>');
    expect(q('detail-record-sha256')?.textContent).toMatch(/^[0-9a-f]{64}$/);
    expect(host.querySelector('[data-testid="custody-history"] li[data-event="captured"]')).not.toBeNull();
    expect(q('detail-missing')?.getAttribute('data-count')).toBe('0');
  });

  it('shows the token of each authority: its time, and a waiting or failed one with the reason', async () => {
    const base = { captureId: gapId, attempts: 1, queuedAt: '2026-01-01T00:00:00.000Z' };
    await saveStampRow(db, { ...base, tsaId: 'a', tsaName: 'Authority A', tsaUrl: 'https://tsa.example/a', state: 'stamped', genTime: '2026-01-01T00:00:02.000Z', signer: 'CN=TSA A' });
    await saveStampRow(db, { ...base, tsaId: 'b', tsaName: 'Authority B', tsaUrl: 'https://tsa.example/b', state: 'failed', attempts: 5, lastError: { code: 'http', message: 'HTTP 503 from the authority', at: '2026-01-01T00:01:00.000Z' } });
    await saveStampRow(db, { ...base, tsaId: 'c', tsaName: 'Authority C', tsaUrl: 'https://tsa.example/c', state: 'waiting', nextAttemptAt: Date.UTC(2026, 0, 1, 1) });
    await show({ captureId: gapId });
    const stamps = [...host.querySelectorAll('[data-testid="detail-stamp"]')];
    expect(stamps.map((s) => s.getAttribute('data-state'))).toEqual(['stamped', 'failed', 'waiting']);
    expect(stamps[0]!.textContent).toContain('Authority A');
    expect(stamps[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-01T00:00:02.000Z');
    expect(stamps[0]!.textContent).toContain('CN=TSA A');
    expect(stamps[1]!.textContent).toContain('HTTP 503 from the authority');
    expect(stamps[2]!.textContent).toContain('Waiting for timestamp');
    expect(stamps[2]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-01T01:00:00.000Z');
  });

  it('lists what was not captured, with the reason', async () => {
    await show({ captureId: gapId });
    const missing = q('detail-missing')!;
    expect(missing.getAttribute('data-count')).toBe('1');
    const item = missing.querySelector('li[data-role="media"]')!;
    expect(item.textContent).toContain('https://pbs.twimg.com/media/ABC.jpg');
    expect(item.querySelector('[data-testid="detail-missing-reason"]')?.textContent).toMatch(/404/);
  });

  it('moves with the buttons, j/k and Alt+arrows, and closes with Escape', async () => {
    const onNext = vi.fn();
    const onPrevious = vi.fn();
    const onClose = vi.fn();
    await show({ captureId: plainId, onNext, onPrevious, onClose, position: { index: 1, count: 3 } });
    expect(q('detail-position')?.textContent).toBe('2 of 3');
    // The heading takes the focus when the capture opens.
    expect(document.activeElement?.id).toBe('detail-heading');
    const heading = document.activeElement!;
    act(() => q('detail-next')!.click());
    act(() => q('detail-previous')!.click());
    press(heading, 'j');
    press(heading, 'k');
    press(heading, 'ArrowRight', { altKey: true });
    press(heading, 'ArrowLeft', { altKey: true });
    expect(onNext).toHaveBeenCalledTimes(3);
    expect(onPrevious).toHaveBeenCalledTimes(3);
    // Typing in the note is typing, not moving.
    press(q('annotation-note')!, 'j');
    press(q('annotation-tags')!, 'ArrowRight', { altKey: true });
    expect(onNext).toHaveBeenCalledTimes(3);
    press(heading, 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(q('detail-announcement')?.textContent).toBe('Capture 2 of 3: Some One @someone'));
  });

  it('flips the Alt+arrows right to left: the left arrow points forward', async () => {
    document.documentElement.dir = 'rtl';
    const onNext = vi.fn();
    const onPrevious = vi.fn();
    await show({ captureId: plainId, onNext, onPrevious });
    const heading = host.querySelector('#detail-heading')!;
    press(heading, 'ArrowLeft', { altKey: true });
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(onPrevious).toHaveBeenCalledTimes(0);
    press(heading, 'ArrowRight', { altKey: true });
    expect(onPrevious).toHaveBeenCalledTimes(1);
  });

  it('disables previous and next at the ends of the list', async () => {
    await show({ captureId: plainId });
    expect((q('detail-previous') as HTMLButtonElement).disabled).toBe(true);
    expect((q('detail-next') as HTMLButtonElement).disabled).toBe(true);
  });
});
