// @vitest-environment happy-dom
// Keyboard between the dashboard's list and the capture detail, on real captures in an in-memory IndexedDB: j/k move
// the row focus like the arrows, Enter opens the focused capture, previous/next walk the list as shown, and Escape
// returns to the list with the focus on the row of the capture that was open last.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../test/support/capture-request';
import { preservePost } from '../utils/capture/worker/pipeline';
import { getOrCreateInstallKey } from '../utils/store/install-key';
import { openPostProofDb } from '../utils/store/db';
import { CaptureBrowser, useCaptureBrowser } from './capture-browser';
import { useSelection } from './selection';
import { readFirstRows, useDashboardData } from './use-dashboard-data';

let name = '';
let ids: string[] = [];
let host: HTMLElement;

beforeAll(async () => {
  // The store keeps files as Blobs, and the in-memory IndexedDB clones only Node's own.
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
  name = `browser-detail-${crypto.randomUUID()}`;
  const db = await openPostProofDb(name);
  const key = await getOrCreateInstallKey(db);
  for (let i = 0; i < 4; i++) {
    const made = await preservePost(sampleCaptureRequest(`post ${i}`), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch: () => Promise.reject(new Error('offline')), now: () => new Date(Date.UTC(2026, 0, 1, 0, i)) });
    if (!made.ok) throw new Error(made.message);
    ids.push(made.captureId);
  }
  db.close();
  // The list shows the newest first.
  ids = ids.reverse();
});

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

function Page() {
  const data = useDashboardData(readFirstRows(10, () => openPostProofDb(name)));
  const browser = useCaptureBrowser(data);
  const selection = useSelection(browser.visibleIds);
  return <CaptureBrowser data={data} browser={browser} selection={selection} version="0.0.0" verify={() => Promise.reject(new Error('unused'))} listHeight={400} />;
}

function press(target: Element, key: string, init: KeyboardEventInit = {}) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

const focusedRow = () => document.activeElement?.getAttribute('data-row-index');
const openId = () => host.querySelector('[data-testid="capture-detail"]')?.getAttribute('data-capture-id');

describe('the dashboard list and the capture detail by keyboard', () => {
  it('j/k move, Enter opens, previous/next walk the list, Escape returns to the row', async () => {
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<Page />, host));
    await vi.waitFor(() => expect(host.querySelectorAll('.virtual-row')).toHaveLength(4));

    const first = host.querySelector<HTMLElement>('.virtual-row[data-row-index="0"]')!;
    act(() => first.focus());
    press(first, 'j');
    await vi.waitFor(() => expect(focusedRow()).toBe('1'));
    press(document.activeElement!, 'j');
    await vi.waitFor(() => expect(focusedRow()).toBe('2'));
    press(document.activeElement!, 'k');
    await vi.waitFor(() => expect(focusedRow()).toBe('1'));

    press(document.activeElement!, 'Enter');
    await vi.waitFor(() => expect(openId()).toBe(ids[1]));
    // The detail's heading has the focus, and the list is hidden behind it.
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('detail-heading'));
    expect(host.querySelector('[data-testid="detail-position"]')?.textContent).toBe('2 of 4');

    const next = host.querySelector<HTMLButtonElement>('[data-testid="detail-next"]')!;
    act(() => next.focus());
    act(() => next.click());
    await vi.waitFor(() => expect(openId()).toBe(ids[2]));
    // Moved by the button, the focus stays on it: pressing it again moves on.
    await vi.waitFor(() => expect(host.querySelector('[data-testid="detail-announcement"]')?.textContent).toMatch(/^Capture 3 of 4/));
    expect(document.activeElement).toBe(next);
    press(document.activeElement!, 'j');
    await vi.waitFor(() => expect(openId()).toBe(ids[3]));
    // The last capture: nothing after it. The heading has the focus (a move by key goes there).
    expect(host.querySelector<HTMLButtonElement>('[data-testid="detail-next"]')!.disabled).toBe(true);
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('detail-heading'));
    press(host.querySelector('#detail-heading')!, 'ArrowLeft', { altKey: true });
    await vi.waitFor(() => expect(openId()).toBe(ids[2]));

    press(host.querySelector('#detail-heading')!, 'Escape');
    await vi.waitFor(() => expect(openId()).toBeUndefined());
    // Back on the row of the capture open last.
    await vi.waitFor(() => expect(focusedRow()).toBe('2'));
    expect(document.activeElement?.querySelector('[data-capture-id]')?.getAttribute('data-capture-id')).toBe(ids[2]);
  });
});
