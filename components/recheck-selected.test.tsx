// @vitest-environment happy-dom
// "Check selected again": a large selection goes to the worker in short messages (each within Chrome's 5 minutes for
// one message), and the line says what was found.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECHECKS_PER_MESSAGE, type RecheckResult } from '../utils/witness/recheck-messages';
import { RecheckSelected } from './recheck-selected';
import type { WitnessActions } from './witness-panel';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('RecheckSelected', () => {
  it('sends a large selection in short messages and counts the outcomes', async () => {
    const sent: string[][] = [];
    const outcome = (id: string): RecheckResult =>
      id === 'c3' ? { ok: false, captureId: id, code: 'no-witness', message: 'none' }
      : { ok: true, captureId: id, recheckId: `r-${id}`, recheck: { of: id, ofSha256: 'x', outcome: id === 'c1' ? 'changed' : id === 'c2' ? 'not-served' : 'unchanged', changed: [] } };
    const actions: WitnessActions = {
      recheck: async (ids) => (sent.push(ids), ids.map(outcome)),
      watched: async () => ({}),
      setWatched: async () => undefined,
    };
    const ids = Array.from({ length: 2 * MAX_RECHECKS_PER_MESSAGE + 5 }, (_, i) => `c${i}`);
    let reloads = 0;
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<RecheckSelected selectedIds={ids} actions={actions} onDone={() => reloads++} />, host));
    await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="witness-recheck-selected"]')!.click());
    await expect.poll(() => host.querySelector('[data-testid="witness-recheck-selected-status"]')?.textContent).toBe(
      `Checked ${ids.length} again: ${ids.length - 3} unchanged, 1 changed, 1 no longer served, 1 failed.`,
    );
    expect(sent.map((batch) => batch.length)).toEqual([MAX_RECHECKS_PER_MESSAGE, MAX_RECHECKS_PER_MESSAGE, 5]);
    expect(sent.flat()).toEqual(ids);
    expect(reloads).toBe(1);
  });
});
