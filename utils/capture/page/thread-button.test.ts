// @vitest-environment happy-dom
// The Thread button beside Preserve: present only with a thread handler, acting on the person's own click only, its
// states (data-state, data-thread-id, the message in its title), progress said in the live region, a fixed width,
// and Preserve itself unchanged.
import { describe, expect, it, vi } from 'vitest';
import { trusted } from '../../../test/trusted-event';
import { PreserveControl } from './preserve-control';

function control(withThread = true) {
  const onPreserve = vi.fn();
  const onThread = vi.fn();
  const preserve = new PreserveControl(onPreserve, withThread ? onThread : undefined);
  document.body.append(preserve.host);
  const root = preserve.host.shadowRoot!;
  return {
    preserve,
    onPreserve,
    onThread,
    root,
    button: root.querySelector<HTMLButtonElement>('[data-testid="postproof-preserve"]')!,
    thread: root.querySelector<HTMLButtonElement>('[data-testid="postproof-preserve-thread"]'),
    live: root.querySelector<HTMLElement>('[role="status"]')!,
  };
}

describe('the Thread button', () => {
  it('sits beside Preserve in the same shadow root, named “Preserve thread”, in the extension’s language', () => {
    const { button, thread, root } = control();
    expect(thread).not.toBeNull();
    expect(button.nextElementSibling).toBe(thread);
    expect(thread!.getAttribute('aria-label')).toBe('Preserve thread');
    // The visible word is part of the accessible name.
    expect(thread!.getAttribute('aria-label')!.toLowerCase()).toContain(thread!.textContent!.toLowerCase());
    expect(thread!.dataset.state).toBe('idle');
    expect(thread!.lang).toBe(button.lang);
    expect(thread!.dir).toBe(button.dir);
    // One live region for the control.
    expect(root.querySelectorAll('[role="status"]')).toHaveLength(1);
    // Preserve is as before.
    expect(button.dataset.state).toBe('idle');
    expect(button.textContent).toBe('Preserve');
  });

  it('is absent where the platform has no thread reader', () => {
    expect(control(false).thread).toBeNull();
  });

  it('ignores a page script’s click, starts on a trusted one, and is pressed again (to cancel) while saving', () => {
    const { preserve, onThread, onPreserve, thread } = control();
    const pageHandler = vi.fn();
    document.body.addEventListener('click', pageHandler);
    thread!.click();
    thread!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    expect(onThread).not.toHaveBeenCalled();
    thread!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(onThread).toHaveBeenCalledWith(preserve);
    preserve.setThreadState('saving', { progress: { done: 3, total: 52 } });
    thread!.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(onThread).toHaveBeenCalledTimes(2);
    expect(onPreserve).not.toHaveBeenCalled();
    expect(pageHandler).not.toHaveBeenCalled();
    document.body.removeEventListener('click', pageHandler);
  });

  it('shows each state: progress as “3/52” with “3 of 52…” in the title and the live region; saved with the thread id; the error in the title', () => {
    const { preserve, thread, live } = control();
    preserve.setThreadState('saving');
    expect(thread!.dataset.state).toBe('saving');
    expect(thread!.getAttribute('aria-busy')).toBe('true');
    preserve.setThreadState('saving', { progress: { done: 3, total: 52 } });
    expect(thread!.textContent).toBe('3/52');
    expect(thread!.title).toBe('Preserving the thread: 3 of 52… Press again to cancel.');
    expect(live.textContent).toBe(thread!.title);
    expect(thread!.dataset.progressDone).toBe('3');
    preserve.setThreadState('saved', { threadId: 'thread-1', message: 'Thread preserved.' });
    expect(thread!.dataset.state).toBe('saved');
    expect(thread!.dataset.threadId).toBe('thread-1');
    expect(thread!.title).toBe('Thread preserved.');
    expect(thread!.getAttribute('aria-busy')).toBe('false');
    preserve.setThreadState('error', { message: 'PostProof cannot read threads on this site.' });
    expect(thread!.dataset.state).toBe('error');
    expect(thread!.title).toBe('PostProof cannot read threads on this site.');
    expect(live.textContent).toBe('PostProof cannot read threads on this site.');
    // The Preserve button is untouched by the thread's states.
    expect(preserve.button.dataset.state).toBe('idle');
  });

  it('keeps one width whatever it says', () => {
    const { root } = control();
    const css = root.querySelector('style')!.textContent!;
    expect(css).toMatch(/button\.thread \{[^}]*inline-size: 6\.5em/);
    expect(css).toMatch(/button \{[^}]*min-inline-size: 9em/);
  });
});
