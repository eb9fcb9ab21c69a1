// @vitest-environment happy-dom
// Quiet mode on the options page: a box in the settings form, shown as stored, saved with the rest of the form.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { t } from '../utils/i18n/i18n';
import type { Settings } from '../utils/model';
import { SettingsForm, type PageOptions } from './settings-form';

let host: HTMLElement;
const INITIAL: Settings = { timestamping: { enabled: false, presets: [] } };

async function mount(initialPageOptions?: PageOptions) {
  const onSave = vi.fn((_settings: Settings, _page: PageOptions) => Promise.resolve('Saved.'));
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<SettingsForm initial={INITIAL} onSave={onSave} {...(initialPageOptions ? { initialPageOptions } : {})} />, host));
  return onSave;
}

const box = () => host.querySelector<HTMLInputElement>('[data-testid="quiet-mode"]')!;
async function save() {
  await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="settings-save"]')!.click());
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('quiet mode setting', () => {
  it('is off by default, says what it hides and what a page still sees, and saves when ticked', async () => {
    const onSave = await mount();
    expect(box().checked).toBe(false);
    expect(host.textContent).toContain(t('settings_quiet_label'));
    expect(host.textContent).toContain(t('settings_quiet_hint'));
    await act(async () => {
      box().checked = true;
      box().dispatchEvent(new Event('change', { bubbles: true }));
    });
    await save();
    expect(onSave).toHaveBeenCalledWith(INITIAL, { quietMode: true });
  });

  it('shows the stored value and saves it unticked', async () => {
    const onSave = await mount({ quietMode: true });
    expect(box().checked).toBe(true);
    await act(async () => {
      box().checked = false;
      box().dispatchEvent(new Event('change', { bubbles: true }));
    });
    await save();
    expect(onSave).toHaveBeenCalledWith(INITIAL, { quietMode: false });
  });
});
