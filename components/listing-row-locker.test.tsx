// @vitest-environment happy-dom
// A dashboard row says where its capture stands in the evidence locker: always as data-locker-state (DESIGN §6), and
// as a chip only once it was pushed, so unpushed rows stay uncluttered.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureListing } from '../utils/store/rows';
import { ListingRow } from './listing-row';
import type { LockerSummary } from './locker-state';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const listing: CaptureListing = { id: 'cap-1', sequence: 1, capturedAt: '2026-12-01T10:00:00.000Z', platform: 'x', mediaCount: 0, authorName: 'Reporter', excerpt: 'Post text' };

function mount(locker?: LockerSummary) {
  host = document.createElement('div');
  document.body.append(host);
  act(() =>
    render(
      <ListingRow row={listing} checked={false} stamp="off" witness="none" locker={locker} cases={new Map()} thumbnailSchedule={() => () => undefined} onToggle={() => undefined} onOpen={() => undefined} />,
      host,
    ),
  );
  return host.querySelector<HTMLElement>('[data-testid="capture-row"]')!;
}

describe('the locker state of a row', () => {
  it('is "none" without a queue row, with no chip', () => {
    const row = mount(undefined);
    expect(row.getAttribute('data-locker-state')).toBe('none');
    expect(row.querySelector('[data-testid="locker-state"]')).toBeNull();
  });

  it('says until when a locked capture is locked', () => {
    const row = mount({ state: 'locked', lockedUntil: '2027-01-05T09:30:00Z' });
    expect(row.getAttribute('data-locker-state')).toBe('locked');
    const chip = row.querySelector('[data-testid="locker-state"]')!;
    expect(chip.getAttribute('data-state')).toBe('locked');
    expect(chip.textContent).toBe('Locked until 2027-01-05');
    expect(chip.getAttribute('title')).toBe('Locked until 2027-01-05');
  });

  it('says why a push failed, and shows a queued one as queued', () => {
    expect(mount({ state: 'failed', error: 'AccessDenied' }).querySelector('[data-testid="locker-state"]')!.textContent).toBe('Failed: AccessDenied');
    act(() => render(null, host));
    host.remove();
    const queued = mount({ state: 'queued' });
    expect(queued.getAttribute('data-locker-state')).toBe('queued');
    expect(queued.querySelector('[data-testid="locker-state"]')!.textContent).toBe('Queued');
  });
});
