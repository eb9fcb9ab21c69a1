// @vitest-environment happy-dom
// A dashboard row: the platform's mark where there is no screenshot (never a blank square), the platform named for
// screen readers, and its timestamp and witness states as badges that say the state in words.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { t } from '../utils/i18n/i18n';
import type { CaptureListing, CaptureStampState, WitnessListingState } from '../utils/store/rows';
import { ListingRow, STAMP_LABELS, WITNESS_LABELS } from './listing-row';

let host: HTMLElement;
afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

const base: CaptureListing = { id: 'cap-1', sequence: 1, capturedAt: '2026-12-01T10:00:00.000Z', platform: 'telegram', mediaCount: 0, authorName: 'Reporter', excerpt: 'Post text' };

function mount(row: CaptureListing, stamp: CaptureStampState = 'off', witness: WitnessListingState = 'none') {
  host = document.createElement('div');
  document.body.append(host);
  act(() =>
    render(
      <ListingRow row={row} checked={false} stamp={stamp} witness={witness} cases={new Map()} thumbnailSchedule={() => () => undefined} onToggle={() => undefined} onOpen={() => undefined} />,
      host,
    ),
  );
  return host.querySelector<HTMLElement>('[data-testid="capture-row"]')!;
}

describe('a dashboard row', () => {
  it("shows the platform's mark in place of a missing screenshot", () => {
    const row = mount(base);
    const placeholder = row.querySelector('[data-testid="thumb-placeholder"] .pp-platform-mark-lg')!;
    expect(placeholder.textContent).toBe('Tg');
    expect(placeholder.getAttribute('aria-hidden')).toBe('true');
    expect(row.querySelector('.listing-thumb-empty')).toBeNull();
  });

  it('keeps a quiet square while a screenshot it has is not read yet', () => {
    const row = mount({ ...base, screenshotPath: 'screenshot.png' });
    expect(row.querySelector('[data-testid="thumb-placeholder"]')).toBeNull();
    expect(row.querySelector('.listing-thumb-empty')).not.toBeNull();
  });

  it('names the platform in the summary that labels the checkbox', () => {
    const row = mount(base);
    const summary = row.querySelector(`#${row.querySelector('[data-testid="capture-select"]')!.getAttribute('aria-labelledby')}`)!;
    const mark = summary.querySelector('.pp-platform-mark-sm')!;
    expect(mark.getAttribute('role')).toBe('img');
    expect(mark.getAttribute('aria-label')).toBe('Telegram');
  });

  it('says the timestamp and witness states in words on badges, keeping the contract attributes', () => {
    const row = mount(base, 'waiting', 'differs');
    const stamp = row.querySelector('[data-testid="stamp-state"]')!;
    expect(stamp.getAttribute('data-state')).toBe('waiting');
    expect(stamp.classList.contains('pp-badge-waiting')).toBe(true);
    expect(stamp.querySelector('.pp-badge-text')!.textContent).toBe(t(STAMP_LABELS.waiting));
    const witness = row.querySelector('[data-testid="witness-state"]')!;
    expect(witness.getAttribute('data-state')).toBe('differs');
    expect(witness.classList.contains('pp-badge-differs')).toBe(true);
    expect(witness.querySelector('.pp-badge-text')!.textContent).toBe(t(WITNESS_LABELS.differs));
  });
});
