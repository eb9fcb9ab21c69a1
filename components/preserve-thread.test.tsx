// @vitest-environment happy-dom
// The popup's Preserve thread: asks the tab's content script, shows "saving" while it runs, then the thread's figures
// (with its id for scripts), or the reason it failed.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { THREAD_PRESERVE, type ThreadPreserveReply } from '../utils/threads/page/messages';
import { PreserveThread } from './preserve-thread';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const button = () => host.querySelector<HTMLButtonElement>('[data-testid="preserve-thread"]')!;
const status = () => host.querySelector<HTMLElement>('[data-testid="preserve-thread-status"]')!;

describe('PreserveThread', () => {
  it('asks the tab, says it is saving (disabled meanwhile), then the counts in the platform’s numbers', async () => {
    let answer!: (reply: ThreadPreserveReply) => void;
    const sendToTab = vi.fn(() => new Promise((resolve) => (answer = resolve)));
    await act(async () => render(<PreserveThread tabId={7} sendToTab={sendToTab} />, host));
    expect(button().textContent).toBe('Preserve thread');
    expect(button().getAttribute('aria-describedby')).toBe('preserve-thread-why');
    await act(async () => button().click());
    expect(sendToTab).toHaveBeenCalledWith(7, { type: THREAD_PRESERVE });
    expect(status().dataset.state).toBe('saving');
    expect(button().disabled).toBe(true);
    await act(async () =>
      answer({ ok: true, threadId: 'th-1', members: 52, failed: 0, counts: { repliesCounted: 95, repliesShown: 51, repliesCaptured: 51, authorPostsShown: 1, authorPostsCaptured: 1 } }),
    );
    expect(status().dataset.state).toBe('saved');
    expect(status().dataset.threadId).toBe('th-1');
    expect(status().textContent).toBe('Thread preserved: 52 post(s); replies shown: 51, captured: 51; the platform counts: 95.');
    expect(button().disabled).toBe(false);
  });

  it('says when the platform shows no count, and the reason of a failure or of no answer', async () => {
    const replies: unknown[] = [
      { ok: true, threadId: 'th-2', members: 17, failed: 0, counts: { repliesCounted: null, repliesShown: 0, repliesCaptured: 0, authorPostsShown: 17, authorPostsCaptured: 17 } },
      { ok: false, message: 'PostProof cannot read threads on this site.' },
      undefined,
    ];
    await act(async () => render(<PreserveThread tabId={1} sendToTab={async () => replies.shift()} />, host));
    await act(async () => button().click());
    expect(status().textContent).toMatch(/the platform counts: –\.$/);
    await act(async () => button().click());
    expect(status().dataset.state).toBe('error');
    expect(status().textContent).toBe('Could not preserve the thread: PostProof cannot read threads on this site.');
    await act(async () => button().click());
    expect(status().textContent).toMatch(/did not answer/);
  });
});
