// @vitest-environment happy-dom
// "Push to locker": the selection goes to the queue (in messages the worker accepts), the line says how many were
// queued, and without a locker the button is off with a hint.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_IDS_PER_MESSAGE } from '../utils/locker/locker-messages';
import { LockerPush, type LockerActions } from './locker-push';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

function actions(answer: (ids: string[]) => { ok: boolean; queued: number; message?: string }) {
  const sent: string[][] = [];
  const value: LockerActions = {
    push: async (ids) => (sent.push(ids), answer(ids)),
    summaries: async () => new Map(),
    configured: async () => true,
  };
  return { value, sent };
}

async function mount(selected: string[], locker: LockerActions, configured = true, onPushed?: () => void) {
  host = document.createElement('div');
  document.body.append(host);
  await act(async () => render(<LockerPush selected={selected} actions={locker} configured={configured} onPushed={onPushed} />, host));
}
const button = () => host.querySelector<HTMLButtonElement>('[data-testid="locker-push"]')!;
const status = () => host.querySelector('[data-testid="locker-push-status"]')!;

describe('LockerPush', () => {
  it('pushes the selection and announces how many were queued', async () => {
    const { value, sent } = actions((ids) => ({ ok: true, queued: ids.length - 1 }));
    let pushed = 0;
    await mount(['a', 'b', 'c'], value, true, () => pushed++);
    expect(button().disabled).toBe(false);
    await act(async () => button().click());
    await expect.poll(() => status().textContent).toBe('2 captures queued for the locker.');
    expect(sent).toEqual([['a', 'b', 'c']]);
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(pushed).toBe(1);
  });

  it('sends a large selection in several messages and adds up the count', async () => {
    const { value, sent } = actions((ids) => ({ ok: true, queued: ids.length }));
    const ids = Array.from({ length: MAX_PUSH_IDS_PER_MESSAGE + 1 }, (_, i) => `c${i}`);
    await mount(ids, value);
    await act(async () => button().click());
    await expect.poll(() => status().textContent).toBe(`${ids.length} captures queued for the locker.`);
    expect(sent.map((batch) => batch.length)).toEqual([MAX_PUSH_IDS_PER_MESSAGE, 1]);
  });

  it('shows a refusal as an error', async () => {
    const { value } = actions(() => ({ ok: false, queued: 0, message: 'No locker is set up.' }));
    await mount(['a'], value);
    await act(async () => button().click());
    await expect.poll(() => status().textContent).toBe('The push to the locker failed: No locker is set up.');
    expect(status().className).toBe('error');
  });

  it('is off, with a hint, when no locker is set up', async () => {
    const { value, sent } = actions(() => ({ ok: true, queued: 1 }));
    await mount(['a'], value, false);
    expect(button().disabled).toBe(true);
    expect(host.querySelector('[data-testid="locker-push-hint"]')!.textContent).toBe('Set up the evidence locker in Options first.');
    await act(async () => button().click());
    expect(sent).toEqual([]);
  });
});
