// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { MARKER_PREFIX, type MarkerStorage, type SessionStorage } from '../utils/export/marker';
import { InterruptedExports } from './interrupted-exports';

function memory(items: Record<string, unknown>): MarkerStorage & SessionStorage & { items: Record<string, unknown> } {
  return {
    items,
    get: async (keys: string | string[] | null) => (keys === null ? { ...items } : Object.fromEntries([keys].flat().filter((k) => k in items).map((k) => [k, items[k]]))),
    set: async (values) => void Object.assign(items, values),
    remove: async (keys) => [keys].flat().forEach((k) => delete items[k]),
  };
}

/** Lets the component's storage reads settle. */
async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('InterruptedExports', () => {
  it('says which export was cut off by an earlier browser session, and forgets it when dismissed', async () => {
    const startedAt = '2026-11-28T04:00:00.000Z';
    const local = memory({ [`${MARKER_PREFIX}x`]: { id: 'x', session: 'before-restart', startedAt, aliveAt: startedAt, captures: 12, format: 'zip' } });
    const session = memory({ browserSession: 'after-restart' });
    const host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<InterruptedExports storage={local} session={session} />, host));
    await settle();
    const notice = host.querySelector<HTMLElement>('[data-testid="export-interrupted"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toMatch(/An export of 12 captures started at .* did not finish.*export them again/);
    await act(async () => host.querySelector<HTMLButtonElement>('[data-testid="export-interrupted-dismiss"]')!.click());
    await settle();
    expect(host.querySelector('[data-testid="export-interrupted"]')).toBeNull();
    expect(local.items).toEqual({});
    act(() => render(null, host));
  });

  it('shows nothing while an export of this session is alive', async () => {
    const now = new Date().toISOString();
    const local = memory({ [`${MARKER_PREFIX}y`]: { id: 'y', session: 's', startedAt: now, aliveAt: now, captures: 1, format: 'zip' } });
    const host = document.createElement('div');
    await act(async () => render(<InterruptedExports storage={local} session={memory({ browserSession: 's' })} />, host));
    await settle();
    expect(host.innerHTML).toBe('');
  });
});
