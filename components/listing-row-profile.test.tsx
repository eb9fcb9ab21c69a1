// @vitest-environment happy-dom
// A dashboard row of a profile capture says so in words; a post's row carries no such badge.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureListing } from '../utils/store/rows';
import { ListingRow } from './listing-row';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const base: CaptureListing = { id: 'cap-1', sequence: 1, capturedAt: '2026-12-01T10:00:00.000Z', platform: 'x', mediaCount: 2, authorName: 'Kiko Beats', authorHandle: 'Kikobeats' };

function mount(row: CaptureListing) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(<ListingRow row={row} checked={false} stamp="off" witness="none" cases={new Map()} thumbnailSchedule={() => () => undefined} onToggle={() => undefined} onOpen={() => undefined} />, host));
  return host.querySelector<HTMLElement>('[data-testid="capture-row"]')!;
}

describe('the profile badge in the list', () => {
  it('marks a profile capture, and only that', () => {
    expect(mount({ ...base, kind: 'profile' }).querySelector('[data-testid="profile-badge"]')?.textContent).toBe('profile');
    act(() => render(null, host));
    host.remove();
    expect(mount(base).querySelector('[data-testid="profile-badge"]')).toBeNull();
  });
});
