// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SetupStatus, type SetupStatusApi } from './setup-status';
import type { Settings } from '../utils/model';

let host: HTMLElement;

async function mount(api: SetupStatusApi) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<SetupStatus api={api} />, host));
  await act(async () => undefined);
}

const api = (allowed: boolean, settings: Settings, openFirstRun = vi.fn()): SetupStatusApi => ({
  screenshotsAllowed: () => Promise.resolve(allowed),
  readSettings: () => Promise.resolve(settings),
  openFirstRun,
});
const gaps = () => [...host.querySelectorAll('[data-testid="setup-missing"]')].map((li) => li.getAttribute('data-gap'));

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('SetupStatus', () => {
  it('lists what a fresh install lacks, in words, with the way to the first-run page', async () => {
    const open = vi.fn();
    await mount(api(false, { timestamping: { enabled: false, presets: [] } }, open));
    expect(gaps()).toEqual(['screenshots', 'trusted-time', 'collector']);
    expect(host.textContent).toContain('Screenshots not allowed');
    expect(host.textContent).toContain('No trusted time');
    expect(host.textContent).toContain('Collector not named');
    host.querySelector<HTMLButtonElement>('[data-testid="setup-open"]')!.click();
    expect(open).toHaveBeenCalledOnce();
  });

  it('shows only what is still missing', async () => {
    await mount(api(true, { timestamping: { enabled: true, presets: ['digicert'] } }));
    expect(gaps()).toEqual(['collector']);
  });

  it('shows nothing once everything is set', async () => {
    await mount(api(true, { timestamping: { enabled: true, presets: [] , customUrl: 'https://tsa.example.org/tsr' }, collector: { name: 'Rana' } }));
    expect(host.querySelector('[data-testid="setup-status"]')).toBeNull();
    expect(host.textContent).toBe('');
  });
});
