// @vitest-environment happy-dom
// The injected picker script: the chosen element gets a Preserve control and its capture starts, none in quiet mode;
// Escape leaves the page as it was. The extension is a fake `browser` (Firefox's shape, used as is by page-api.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trusted } from '../../../test/trusted-event';
import { QUIET_MODE_KEY } from '../../extension/quiet-mode';
import { startPicker } from './start-picker';

function fakeBrowser(quiet: boolean) {
  const sendMessage = vi.fn(async () => undefined);
  const noEvents = { addListener: vi.fn(), removeListener: vi.fn() };
  (globalThis as { browser?: unknown }).browser = {
    runtime: { id: 'postproof-test', sendMessage, onMessage: noEvents },
    storage: { local: { get: async () => ({ [QUIET_MODE_KEY]: quiet }), set: vi.fn() }, onChanged: noEvents },
  };
  return sendMessage;
}

const press = (key: string) => document.dispatchEvent(trusted(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));

afterEach(() => {
  delete (globalThis as { browser?: unknown }).browser;
  document.querySelectorAll('postproof-picker').forEach((el) => el.remove());
});

describe('the injected element picker', () => {
  it('gives the chosen element a control and starts its capture', async () => {
    document.body.innerHTML = '<main id="main"><p>Chosen</p></main>';
    const sendMessage = fakeBrowser(false);
    startPicker();
    await new Promise((resolve) => setTimeout(resolve));
    press('Enter');
    expect(document.querySelectorAll('#main > postproof-control')).toHaveLength(1);
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalled());
  });

  it('in quiet mode adds nothing to the chosen element, and still captures it', async () => {
    document.body.innerHTML = '<main id="main"><p>Chosen</p></main>';
    const sendMessage = fakeBrowser(true);
    startPicker();
    await new Promise((resolve) => setTimeout(resolve));
    const before = document.body.innerHTML.replace(/<postproof-picker>.*<\/postproof-picker>/, '');
    press('Enter');
    expect(document.body.innerHTML).toBe(before);
    await vi.waitFor(() => expect(sendMessage).toHaveBeenCalled());
  });

  it('Escape cancels and leaves the page as it was', async () => {
    document.body.innerHTML = '<main id="main"><p>Chosen</p></main>';
    const sendMessage = fakeBrowser(false);
    startPicker();
    expect(document.querySelector('postproof-picker')).not.toBeNull();
    press('Escape');
    expect(document.body.innerHTML).toBe('<main id="main"><p>Chosen</p></main>');
    expect(sendMessage).not.toHaveBeenCalled();
  });
});
