// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureAnnotation, CaptureListing } from '../utils/store/rows';
import { filterChoices, filterListings, type FilterContext } from './dashboard-filter';
import { VirtualList, visibleRange } from './virtual-list';

const ROW = 40;
const items = Array.from({ length: 10_000 }, (_, i) => `capture-${i}`);

function Harness({ onOpen }: { onOpen: (id: string) => void }) {
  const [focused, setFocused] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  return (
    <VirtualList<string>
      items={items}
      rowHeight={ROW}
      height={400}
      label="Captures"
      itemKey={(id) => id}
      focusedIndex={focused}
      onFocusIndex={setFocused}
      onToggle={(id) => setSelected((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]))}
      onOpen={(id) => onOpen(id)}
      renderRow={(id) => <div data-testid="capture-row" data-capture-id={id} data-selected={String(selected.has(id))}>{id}</div>}
    />
  );
}

let host: HTMLElement | undefined;
afterEach(() => {
  if (!host) return;
  render(null, host);
  host.remove();
  host = undefined;
});

function mount(onOpen: (id: string) => void = () => undefined) {
  const element = document.createElement('div');
  host = element;
  document.body.append(element);
  act(() => render(<Harness onOpen={onOpen} />, element));
  return element;
}

const rows = () => [...host!.querySelectorAll<HTMLElement>('[data-testid="capture-row"]')];
const press = (key: string) =>
  act(() => {
    (document.activeElement ?? host!.querySelector('.virtual-viewport'))!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
const focusedId = () => document.activeElement?.querySelector('[data-capture-id]')?.getAttribute('data-capture-id');

describe('VirtualList', () => {
  it('computes the rendered window with overscan, clamped to the list', () => {
    expect(visibleRange(0, 400, 40, 10_000)).toEqual([0, 16]);
    expect(visibleRange(4000, 400, 40, 10_000)).toEqual([94, 116]);
    expect(visibleRange(0, 400, 40, 3)).toEqual([0, 3]);
  });

  it('puts only the rows in view (and a few more) in the DOM, at their computed positions', () => {
    const host = mount();
    expect(rows().length).toBe(16);
    expect(rows()[0]!.dataset.captureId).toBe('capture-0');
    const canvas = host.querySelector<HTMLElement>('.virtual-canvas')!;
    expect(canvas.style.blockSize).toBe(`${10_000 * ROW}px`);
    const viewport = host.querySelector<HTMLElement>('.virtual-viewport')!;
    act(() => {
      viewport.scrollTop = 200_000;
      viewport.dispatchEvent(new Event('scroll'));
    });
    const ids = rows().map((r) => r.dataset.captureId);
    expect(ids.length).toBeLessThan(30);
    expect(ids).toContain('capture-5000');
    expect(ids).not.toContain('capture-0');
  });

  it('moves the focus with the arrow keys, Home, End and Page keys; Space toggles; Enter opens', () => {
    const opened: string[] = [];
    const host = mount((id) => opened.push(id));
    act(() => host.querySelector<HTMLElement>('[data-row-index="0"]')!.focus());
    press('ArrowDown');
    press('ArrowDown');
    expect(focusedId()).toBe('capture-2');
    press('ArrowUp');
    expect(focusedId()).toBe('capture-1');
    press(' ');
    expect(host.querySelector('[data-capture-id="capture-1"]')!.getAttribute('data-selected')).toBe('true');
    press(' ');
    expect(host.querySelector('[data-capture-id="capture-1"]')!.getAttribute('data-selected')).toBe('false');
    press('End');
    expect(focusedId()).toBe('capture-9999');
    expect(rows().length).toBeLessThan(30);
    // A page is the rows in view less one, so the row at the edge stays in sight.
    press('PageUp');
    expect(focusedId()).toBe('capture-9990');
    press('Home');
    expect(focusedId()).toBe('capture-0');
    press('Enter');
    expect(opened).toEqual(['capture-0']);
    // Only the focused row is in the tab order.
    expect(host.querySelectorAll('[tabindex="0"]').length).toBe(1);
  });
});

describe('filterListings', () => {
  const row = (id: string, sequence: number, extra: Partial<CaptureListing> = {}): CaptureListing => ({ id, sequence, capturedAt: `2026-01-0${sequence}T12:00:00.000Z`, platform: 'x', mediaCount: 0, ...extra });
  const rowsNewestFirst = [row('c', 3, { platform: 'mastodon', authorHandle: 'b', postedAt: '2020-01-01T00:00:00Z' }), row('b', 2, { authorHandle: 'a' }), row('a', 1, { authorHandle: 'a', postedAt: '2021-01-01T00:00:00Z' })];
  const annotations = new Map<string, CaptureAnnotation>([['b', { captureId: 'b', cases: ['k1'], tags: ['t1'], note: '', updatedAt: '' }]]);
  const context: FilterContext = { annotations, stampStates: new Map([['a', 'stamped' as const]]), searchHits: null };
  const ids = (filter: Parameters<typeof filterListings>[1], ctx = context) => filterListings(rowsNewestFirst, filter, ctx).map((r) => r.id);

  it('filters by platform, author, case, tag, stamp state, date and search hits, and sorts', () => {
    expect(ids({ sort: 'captured-desc' })).toEqual(['c', 'b', 'a']);
    expect(ids({ sort: 'captured-asc' })).toEqual(['a', 'b', 'c']);
    expect(ids({ sort: 'posted-desc' })).toEqual(['a', 'c', 'b']);
    expect(ids({ sort: 'author' })).toEqual(['b', 'a', 'c']);
    expect(ids({ sort: 'captured-desc', platform: 'x' })).toEqual(['b', 'a']);
    expect(ids({ sort: 'captured-desc', author: '@a' })).toEqual(['b', 'a']);
    expect(ids({ sort: 'captured-desc', caseId: 'k1' })).toEqual(['b']);
    expect(ids({ sort: 'captured-desc', tag: 't1' })).toEqual(['b']);
    expect(ids({ sort: 'captured-desc', stamp: 'stamped' })).toEqual(['a']);
    expect(ids({ sort: 'captured-desc', stamp: 'off' })).toEqual(['c', 'b']);
    expect(ids({ sort: 'captured-desc' }, { ...context, searchHits: new Set([1, 3]) })).toEqual(['c', 'a']);
    expect(ids({ sort: 'captured-desc', from: '2026-01-02', to: '2026-01-02' }).length).toBeGreaterThanOrEqual(1);
    expect(filterChoices(rowsNewestFirst, annotations)).toEqual({ platforms: ['mastodon', 'x'], authors: ['@a', '@b'], tags: ['t1'] });
  });
});
