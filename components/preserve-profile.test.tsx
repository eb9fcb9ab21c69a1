// @vitest-environment happy-dom
// The popup's "Preserve profile": shown only when the tab's content script says the page shows a profile header.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PreserveProfile } from './preserve-profile';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

async function show(answer: (message: { type: string }) => Promise<unknown>) {
  host = document.createElement('div');
  document.body.append(host);
  const sent: string[] = [];
  const sendToTab = (_tab: number, message: unknown) => {
    sent.push((message as { type: string }).type);
    return answer(message as { type: string });
  };
  await act(async () => render(<PreserveProfile tabId={7} sendToTab={sendToTab} />, host));
  return sent;
}

const button = () => host.querySelector<HTMLButtonElement>('[data-testid="preserve-profile"]');
const status = () => host.querySelector('[data-testid="preserve-profile-status"]');

describe('Preserve profile in the popup', () => {
  it('is not offered on a page without a profile header, nor when no content script answers', async () => {
    await show(() => Promise.resolve({ profile: false }));
    expect(button()).toBeNull();
    act(() => render(null, host));
    host.remove();
    await show(() => Promise.reject(new Error('no receiver')));
    expect(button()).toBeNull();
  });

  it('names whose profile, preserves it and shows the capture id', async () => {
    const sent = await show((message) =>
      Promise.resolve(message.type === 'postproof/profile-probe' ? { profile: true, handle: 'Kikobeats', name: 'Kiko Beats' } : { ok: true, captureId: 'c-1', missing: [] }),
    );
    await vi.waitFor(() => expect(button()).not.toBeNull());
    expect(host.textContent).toContain('@Kikobeats');
    await act(async () => button()!.click());
    await vi.waitFor(() => expect(status()?.getAttribute('data-state')).toBe('saved'));
    expect(status()!.getAttribute('data-capture-id')).toBe('c-1');
    expect(sent).toEqual(['postproof/profile-probe', 'postproof/preserve-profile']);
  });

  it('shows the content script\'s refusal', async () => {
    await show((message) =>
      Promise.resolve(message.type === 'postproof/profile-probe' ? { profile: true, handle: 'x' } : { ok: false, code: 'no-profile', message: 'No header.' }),
    );
    await vi.waitFor(() => expect(button()).not.toBeNull());
    await act(async () => button()!.click());
    await vi.waitFor(() => expect(status()?.textContent).toBe('The profile was not preserved: No header.'));
  });
});
