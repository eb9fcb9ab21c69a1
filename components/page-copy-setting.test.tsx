// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { t } from '../utils/i18n/i18n';
import type { Settings } from '../utils/model';
import type { PageCopyPermission } from './page-copy-setting';
import { SettingsForm } from './settings-form';

let host: HTMLElement;
const INITIAL: Settings = { timestamping: { enabled: false, presets: [] } };

async function mount(permission: PageCopyPermission | undefined, initial: Settings = INITIAL) {
  const onSave = vi.fn((_settings: Settings) => Promise.resolve('Saved.'));
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<SettingsForm initial={initial} onSave={onSave} {...(permission ? { pageCopyPermission: permission } : {})} />, host));
  return onSave;
}

const box = () => host.querySelector<HTMLInputElement>('[data-testid="page-mhtml-enabled"]')!;
const note = () => host.querySelector<HTMLElement>('[data-testid="page-mhtml-permission"]')!;
async function tick() {
  await act(async () => {
    box().checked = !box().checked;
    box().dispatchEvent(new Event('change', { bubbles: true }));
  });
}
async function save() {
  await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="settings-save"]')!.click());
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('"Also keep the whole page as MHTML"', () => {
  it('is off by default, asks for pageCapture when ticked, and saves the setting', async () => {
    const request = vi.fn(() => Promise.resolve(true));
    const onSave = await mount({ available: true, contains: () => Promise.resolve(false), request });
    expect(box().checked).toBe(false);
    expect(host.textContent).toContain(t('settings_page_mhtml_label'));
    await tick();
    expect(request).toHaveBeenCalledTimes(1);
    expect(note().dataset.state).toBe('granted');
    await save();
    expect(onSave.mock.calls[0]![0]).toMatchObject({ pageMhtml: true });
  });

  it('keeps the setting when the permission is refused, and says captures will name the page copy as missing', async () => {
    const onSave = await mount({ available: true, contains: () => Promise.resolve(false), request: () => Promise.resolve(false) });
    await tick();
    expect(note().dataset.state).toBe('refused');
    expect(note().textContent).toBe(t('settings_page_mhtml_refused'));
    await save();
    expect(onSave.mock.calls[0]![0].pageMhtml).toBe(true);
  });

  it('does not ask again once granted, and saves no pageMhtml when unticked', async () => {
    const request = vi.fn(() => Promise.resolve(true));
    const onSave = await mount({ available: true, contains: () => Promise.resolve(true), request }, { ...INITIAL, pageMhtml: true });
    expect(box().checked).toBe(true);
    expect(note().dataset.state).toBe('granted');
    await tick();
    await tick();
    expect(request).not.toHaveBeenCalled();
    await tick();
    await save();
    expect(onSave.mock.calls[0]![0]).not.toHaveProperty('pageMhtml');
  });

  it('says where the browser cannot save pages (Firefox), without asking', async () => {
    const request = vi.fn(() => Promise.resolve(true));
    await mount({ available: false, contains: () => Promise.resolve(false), request });
    expect(note().dataset.state).toBe('unsupported');
    expect(request).not.toHaveBeenCalled();
    expect(note().textContent).toBe(t('settings_page_mhtml_unsupported'));
    // Nothing to tick: the box is hidden, so no one turns on a copy the browser cannot make.
    expect(document.querySelector('[data-testid="page-mhtml-enabled"]')).toBeNull();
  });
});
