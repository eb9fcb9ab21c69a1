// @vitest-environment happy-dom
// The dashboard's list with locker states passed in (as the page does from useLockerStates): each row carries its
// data-locker-state, and the "Locker" filter shows only the captures in the chosen state.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureListing } from '../utils/store/rows';
import { CaptureBrowser, useCaptureBrowser } from './capture-browser';
import type { LockerSummaries } from './locker-state';
import { useSelection } from './selection';
import type { DashboardData } from './use-dashboard-data';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const listing = (id: string, sequence: number): CaptureListing => ({ id, sequence, capturedAt: `2026-12-0${sequence}T00:00:00.000Z`, platform: 'x', mediaCount: 0, excerpt: `post ${id}` });
const listings = [listing('c', 3), listing('b', 2), listing('a', 1)];
const data: DashboardData = { listings, annotations: new Map(), cases: [], stampStates: new Map(), total: 3, complete: true, loading: false, reload: () => undefined };
const lockerStates: LockerSummaries = new Map([
  ['a', { state: 'locked', lockedUntil: '2027-01-05T00:00:00Z' }],
  ['b', { state: 'queued' }],
]);

function Page() {
  const browser = useCaptureBrowser(data, lockerStates);
  const selection = useSelection(browser.visibleIds);
  return <CaptureBrowser data={data} browser={browser} selection={selection} version="0.0.0" verify={async () => Promise.reject(new Error('unused'))} listHeight={400} />;
}

const shown = () => [...host.querySelectorAll('[data-testid="capture-row"]')].map((row) => [row.getAttribute('data-capture-id'), row.getAttribute('data-locker-state')]);

describe('the dashboard list and the locker', () => {
  it('gives every row its locker state and filters by it', async () => {
    host = document.createElement('div');
    document.body.append(host);
    await act(async () => render(<Page />, host));
    expect(shown()).toEqual([['c', 'none'], ['b', 'queued'], ['a', 'locked']]);
    const select = host.querySelector<HTMLSelectElement>('[data-testid="filter-locker"]')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Any', 'Not pushed', 'Queued', 'Locked', 'Failed']);
    await act(async () => {
      select.value = 'locked';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(shown()).toEqual([['a', 'locked']]);
    await act(async () => {
      select.value = 'none';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(shown()).toEqual([['c', 'none']]);
  });
});
