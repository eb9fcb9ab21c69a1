// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Onboarding, type OnboardingApi } from './onboarding';
import type { Settings } from '../utils/model';

let host: HTMLElement;
const calls: string[] = [];

function fakeApi(over: Partial<OnboardingApi> = {}): OnboardingApi & { saved: Settings[]; stored: Record<string, unknown> } {
  let settings: Settings = { timestamping: { enabled: false, presets: [] }, witness: true };
  const saved: Settings[] = [];
  const stored: Record<string, unknown> = {};
  return {
    saved,
    stored,
    permissions: {
      contains: () => Promise.resolve(false),
      request: vi.fn(() => {
        calls.push('request');
        return Promise.resolve(true);
      }),
    },
    readSettings: () => {
      calls.push('read');
      return Promise.resolve(settings);
    },
    writeSettings: (next) => {
      settings = next;
      saved.push(next);
      return Promise.resolve();
    },
    db: () => new Promise(() => undefined),
    keyId: () => Promise.resolve('ab'.repeat(32)),
    storage: { get: () => Promise.resolve({}), set: (items) => Promise.resolve(void Object.assign(stored, items)) },
    practice: vi.fn(),
    dashboardUrl: 'chrome-extension://x/dashboard.html',
    optionsUrl: 'chrome-extension://x/options.html',
    ...over,
  };
}

async function mount(api: OnboardingApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<Onboarding api={api} />, host));
  await act(async () => undefined);
}
const $ = <T extends Element = HTMLElement>(testid: string) => host.querySelector<T>(`[data-testid="${testid}"]`)!;
const state = (step: string) => $(`onboarding-step-${step}`).getAttribute('data-state');
async function type(testid: string, value: string) {
  const input = $<HTMLInputElement>(testid);
  input.value = value;
  await act(async () => void input.dispatchEvent(new Event('input', { bubbles: true })));
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
  calls.length = 0;
});

describe('Onboarding', () => {
  it('asks for a custom authority in the click itself, before reading anything, then keeps the other settings', async () => {
    const api = fakeApi();
    await mount(api);
    expect(state('time')).toBe('todo');
    await type('onboarding-tsa-custom-url', 'https://tsa.example.org/tsr');
    calls.length = 0;
    await act(async () => void $('onboarding-tsa-save').click());
    // Firefox refuses a permission request made after an await: it must come first.
    expect(calls[0]).toBe('request');
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['https://tsa.example.org/*'] });
    await act(async () => undefined);
    expect(api.saved.at(-1)).toEqual({ timestamping: { enabled: true, presets: [], customUrl: 'https://tsa.example.org/tsr' }, witness: true });
    expect(state('time')).toBe('done');
  });

  it('offers the preset authorities as checkboxes and refuses trusted time with none chosen', async () => {
    const api = fakeApi();
    await mount(api);
    await act(async () => void $('onboarding-tsa-save').click());
    expect(api.saved).toEqual([]);
    expect($('onboarding-tsa-status').textContent).toMatch(/at least one authority/);
    await act(async () => void $<HTMLInputElement>('onboarding-tsa-preset-digicert').click());
    await act(async () => void $('onboarding-tsa-save').click());
    await act(async () => undefined);
    expect(api.saved.at(-1)?.timestamping).toEqual({ enabled: true, presets: ['digicert'] });
    expect(api.permissions.request).not.toHaveBeenCalled();
  });

  it('asks for screenshots straight from the click and shows them allowed', async () => {
    const api = fakeApi();
    await mount(api);
    expect(state('screenshots')).toBe('todo');
    await act(async () => void $('onboarding-allow-screenshots').click());
    expect(api.permissions.request).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    expect(state('screenshots')).toBe('done');
  });

  it('marks a skipped step, and Done records the first run as finished', async () => {
    const api = fakeApi();
    await mount(api);
    await act(async () => void $('onboarding-skip-collector').click());
    expect(state('collector')).toBe('skipped');
    expect(api.stored.firstRunSteps).toEqual({ collector: 'skipped' });
    await act(async () => void $('onboarding-done').click());
    expect(api.stored.firstRunDone).toBe(true);
    expect($('onboarding-finished')).not.toBeNull();
    expect($('onboarding-left').textContent).toContain('Who collects');
  });
});
