// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredCapture } from '../utils/store/rows';
import { CaptureList } from './capture-list';

function capture(id: string, fields: Partial<StoredCapture>): StoredCapture {
  return {
    id,
    sequence: 1,
    capturedAt: '2024-05-01T10:00:00.000Z',
    platform: 'x',
    recordBytes: new Uint8Array(),
    recordSha256: '',
    signature: new Uint8Array(),
    ...fields,
  };
}

const arabic = capture('c-ar', { authorName: 'صحفي', authorHandle: 'sahafi', text: 'مرحبا بالعالم، هذا منشور تجريبي' });
const english = capture('c-en', { authorName: 'Reporter', authorHandle: '@reporter', text: 'Hello world', capturedAt: '2024-06-02T03:04:05.678Z' });

let host: HTMLElement;

function mount(selected: Set<string>, onToggle = vi.fn()) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => render(<CaptureList captures={[arabic, english]} selected={selected} onToggle={onToggle} />, host));
  return onToggle;
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
});

describe('CaptureList', () => {
  it('renders one row per capture with the contract test ids', () => {
    mount(new Set(['c-en']));
    const rows = [...host.querySelectorAll('[data-testid="capture-row"]')];
    expect(rows.map((row) => row.getAttribute('data-capture-id'))).toEqual(['c-ar', 'c-en']);
    const boxes = rows.map((row) => row.querySelector<HTMLInputElement>('[data-testid="capture-select"]')!);
    expect(boxes.map((box) => box.checked)).toEqual([false, true]);
  });

  it('lets the text and the author name pick their own direction (Arabic reads right to left)', () => {
    mount(new Set());
    const row = host.querySelector('[data-capture-id="c-ar"]')!;
    const text = row.querySelector('.capture-text')!;
    expect(text.getAttribute('dir')).toBe('auto');
    expect(text.textContent).toBe('مرحبا بالعالم، هذا منشور تجريبي');
    expect(row.querySelector('.capture-author')!.getAttribute('dir')).toBe('auto');
    expect(row.querySelector('.capture-handle')!.textContent).toBe('@sahafi');
    expect(host.querySelector('[data-capture-id="c-en"] .capture-handle')!.textContent).toBe('@reporter');
  });

  it('uses real, labelled, keyboard-focusable checkboxes', () => {
    const onToggle = mount(new Set());
    const box = host.querySelector<HTMLInputElement>('[data-capture-id="c-en"] [data-testid="capture-select"]')!;
    expect(box.tagName).toBe('INPUT');
    expect(box.type).toBe('checkbox');
    expect(box.tabIndex).toBe(0);
    box.focus();
    expect(document.activeElement).toBe(box);
    const label = host.querySelector(`label[for="${box.id}"]`);
    expect(label).not.toBeNull();
    const labelledBy = document.getElementById(box.getAttribute('aria-labelledby')!);
    expect(labelledBy?.textContent).toContain('Reporter');
    act(() => box.click());
    expect(onToggle).toHaveBeenCalledWith('c-en', true);
  });

  it('shows the capture time locally with the UTC ISO string in its title', () => {
    mount(new Set());
    const time = host.querySelector('[data-capture-id="c-en"] time')!;
    expect(time.getAttribute('datetime')).toBe('2024-06-02T03:04:05.678Z');
    expect(time.getAttribute('title')).toContain('2024-06-02T03:04:05.678Z');
    expect(time.textContent).toBe(new Date('2024-06-02T03:04:05.678Z').toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }));
  });
});
