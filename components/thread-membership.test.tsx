// @vitest-environment happy-dom
// The capture detail's Thread section on a thread kept by the real background code (fake IndexedDB): "n of m", the
// counts in the platform's words, and the button that ticks the thread's captures; nothing for a capture in no thread.
import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { capturePosts, makeThread } from '../test/support/thread-captures';
import { openPostProofDb, type PostProofDb } from '../utils/store/db';
import { ThreadMembership } from './thread-membership';

let db: PostProofDb;
let captureIds: string[] = [];
let loneId = '';
let host: HTMLElement;

beforeAll(async () => {
  globalThis.Blob = NodeBlob as unknown as typeof Blob;
  db = await openPostProofDb(`thread-membership-${crypto.randomUUID()}`);
  ({ captureIds } = await makeThread(db, ['p0', 'a1', 'r1', 'r2'], 1));
  loneId = (await capturePosts(db, ['alone']))[0]!;
});

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

async function show(captureId: string, onSelectMembers?: (ids: readonly string[]) => void) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<ThreadMembership db={db} captureId={captureId} {...(onSelectMembers ? { onSelectMembers } : {})} />, host));
}

describe('ThreadMembership', () => {
  it('says which member of how many this capture is, with the counts, and ticks the thread’s captures', async () => {
    const select = vi.fn();
    await show(captureIds[2]!, select);
    await vi.waitFor(() => expect(host.querySelector('[data-testid="thread-membership"]')).not.toBeNull());
    const entry = host.querySelector('[data-testid="thread-membership"]')!;
    expect(entry.getAttribute('data-position')).toBe('3');
    expect(entry.getAttribute('data-members')).toBe('4');
    expect(entry.textContent).toContain('Member of a thread: 3 of 4 (a reply)');
    expect(host.querySelector('[data-testid="thread-counts"]')!.textContent).toBe('Replies the platform counts: 4; shown on the page: 2; captured: 2.');
    expect(entry.textContent).toContain("The author's own posts shown on the page: 2; captured: 2.");
    await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="thread-select-members"]')!.click());
    expect(select).toHaveBeenCalledWith(captureIds);
    expect(host.querySelector('[data-testid="thread-selected"]')!.textContent).toBe('4 captures of this thread are selected: export the selection to include the thread.');
  });

  it('shows nothing for a capture in no thread, and no button where there is no list', async () => {
    await show(loneId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(host.innerHTML).toBe('');
    act(() => render(null, host));
    host.remove();
    await show(captureIds[0]!);
    await vi.waitFor(() => expect(host.querySelector('[data-testid="thread-membership"]')).not.toBeNull());
    expect(host.textContent).toContain('Member of a thread: 1 of 4 (the post itself)');
    expect(host.querySelector('[data-testid="thread-select-members"]')).toBeNull();
  });
});
