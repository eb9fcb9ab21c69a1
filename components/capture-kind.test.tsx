// @vitest-environment happy-dom
// A grid tile kept as shown is labelled as a tile wherever captures are listed: the dashboard row and the popup's
// recent captures; a post has no such label.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import '../utils/i18n/english';
import type { CaptureListing } from '../utils/store/rows';
import { kindOfRecord } from './capture-kind';
import { ListingRow } from './listing-row';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const base: CaptureListing = { id: 'cap-1', sequence: 1, capturedAt: '2026-12-01T10:00:00.000Z', platform: 'tiktok', mediaCount: 1, authorHandle: 'illojuan', permalink: 'https://www.tiktok.com/@illojuan/video/7571863205253778710' };

function mount(row: CaptureListing) {
  host = document.createElement('div');
  document.body.append(host);
  act(() =>
    render(
      <ListingRow row={row} checked={false} stamp="off" witness="none" cases={new Map()} thumbnailSchedule={() => () => undefined} onToggle={() => undefined} onOpen={() => undefined} />,
      host,
    ),
  );
  return host.querySelector<HTMLElement>('[data-testid="capture-row"]')!;
}

describe('the tile label', () => {
  it('marks a tile row, inside the words that name the row', () => {
    const row = mount({ ...base, kind: 'tile' });
    const chip = row.querySelector<HTMLElement>('[data-testid="capture-kind"]')!;
    expect(chip.dataset.kind).toBe('tile');
    expect(chip.textContent).toBe('Tile only');
    expect(chip.title).toContain('It is not a capture of the post');
    expect(chip.closest('.capture-heading')).not.toBeNull();
  });

  it('is absent on a post', () => {
    expect(mount(base).querySelector('[data-testid="capture-kind"]')).toBeNull();
  });

  it('reads the kind from the signed record bytes, and nothing from bytes that are not a record', () => {
    const bytes = (value: string) => new TextEncoder().encode(value);
    expect(kindOfRecord(bytes(JSON.stringify({ post: { platform: 'tiktok', kind: 'tile' } })))).toBe('tile');
    expect(kindOfRecord(bytes(JSON.stringify({ post: { platform: 'tiktok' } })))).toBeUndefined();
    expect(kindOfRecord(bytes('{not json'))).toBeUndefined();
    expect(kindOfRecord(bytes(JSON.stringify({ post: { kind: { toString: 1 } } })))).toBeUndefined();
  });
});
