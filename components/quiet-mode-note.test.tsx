// @vitest-environment happy-dom
// The popup says when quiet mode is on (so a user knows why posts show no button), and follows the setting.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../utils/i18n/i18n';
import { writeQuietMode, type QuietModeStorage } from '../utils/extension/quiet-mode';
import { QuietModeNote, useQuietMode } from './quiet-mode-note';

const storage = fakeBrowser.storage as unknown as QuietModeStorage;
let host: HTMLElement;

function Popup() {
  return <QuietModeNote quiet={useQuietMode(storage)} />;
}
const note = () => host.querySelector('[data-testid="quiet-mode-note"]');

beforeEach(() => {
  fakeBrowser.reset();
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('QuietModeNote', () => {
  it('says nothing while quiet mode is off, explains it once on, and follows a change while open', async () => {
    await act(async () => render(<Popup />, host));
    expect(note()).toBeNull();
    await act(async () => writeQuietMode(storage, true));
    await vi.waitFor(() => expect(note()?.textContent).toBe(t('popup_quiet_mode')));
    await act(async () => writeQuietMode(storage, false));
    expect(note()).toBeNull();
  });

  it('shows the stored setting when the popup opens', async () => {
    await writeQuietMode(storage, true);
    await act(async () => render(<Popup />, host));
    await vi.waitFor(() => expect(note()).not.toBeNull());
  });
});
