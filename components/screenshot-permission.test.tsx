// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenshotPermission, type PermissionsApi } from './screenshot-permission';

let host: HTMLElement;

async function mount(permissions: PermissionsApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<ScreenshotPermission permissions={permissions} />, host));
}

const grantButton = () => host.querySelector<HTMLButtonElement>('[data-testid="grant-screenshots"]');

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('ScreenshotPermission', () => {
  it('stays out of the way once <all_urls> is granted', async () => {
    await mount({ contains: () => Promise.resolve(true), request: vi.fn() });
    expect(grantButton()).toBeNull();
  });

  it('asks for <all_urls> with the reason, and hides once granted', async () => {
    const request = vi.fn(() => Promise.resolve(true));
    await mount({ contains: () => Promise.resolve(false), request });
    expect(grantButton()!.textContent).toBe('Allow screenshots');
    expect(host.textContent).toContain('nothing is sent anywhere');
    await act(async () => grantButton()!.click());
    expect(request).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    expect(grantButton()).toBeNull();
  });

  it('says what a refusal means', async () => {
    await mount({ contains: () => Promise.resolve(false), request: () => Promise.resolve(false) });
    await act(async () => grantButton()!.click());
    expect(host.textContent).toContain('Captures are still saved');
    expect(grantButton()).not.toBeNull();
  });
});
