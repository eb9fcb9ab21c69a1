// @vitest-environment happy-dom
// The in-page Preserve control starts a capture on the person's own click only: a page script's click() or
// dispatched event does nothing (the trusted path in real Chromium: test/hostile.e2e.ts).
import { describe, expect, it, vi } from 'vitest';
import { trusted } from '../../../test/trusted-event';
import { PreserveControl } from './preserve-control';

function control() {
  const onPreserve = vi.fn();
  const preserve = new PreserveControl(onPreserve);
  document.body.append(preserve.host);
  return { preserve, onPreserve, button: preserve.host.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="postproof-preserve"]')! };
}

describe('PreserveControl', () => {
  it('ignores a page script clicking the button, by click() or by a dispatched event', () => {
    const { onPreserve, button } = control();
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onPreserve).not.toHaveBeenCalled();
    expect(button.dataset.state).toBe('idle');
  });

  it('preserves on a trusted click, once while it is saving', () => {
    const { preserve, onPreserve, button } = control();
    button.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(onPreserve).toHaveBeenCalledWith(preserve);
    preserve.setState('saving');
    button.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(onPreserve).toHaveBeenCalledTimes(1);
  });

  it('keeps the click from the post under it, trusted or not (the platform would open the post)', () => {
    const { preserve, button } = control();
    const pageHandler = vi.fn();
    document.body.addEventListener('click', pageHandler);
    button.click();
    button.dispatchEvent(trusted(new MouseEvent('click', { bubbles: true, cancelable: true })));
    expect(pageHandler).not.toHaveBeenCalled();
    document.body.removeEventListener('click', pageHandler);
    preserve.host.remove();
  });

  it('says each new state in a polite live region, silent while idle, the error with its reason', () => {
    const { preserve, button } = control();
    const live = preserve.host.shadowRoot!.querySelector<HTMLElement>('[role="status"]')!;
    expect(live.textContent).toBe('');
    preserve.setState('saving');
    expect(live.textContent).toBe(button.textContent);
    expect(live.textContent).not.toBe('');
    preserve.setState('saved', { captureId: 'c1' });
    expect(live.textContent).toBe(button.textContent);
    preserve.setState('error', { message: 'The network failed' });
    expect(live.textContent).toContain('The network failed');
    expect(live.textContent).toContain(button.textContent!);
    expect(live.lang).toBe(button.lang);
    preserve.host.remove();
  });
});
