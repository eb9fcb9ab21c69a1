// A list that renders only the rows in view (plus a few either side), so 10,000 captures cost as much as twenty.
// Keyboard: arrow keys, Home/End and Page Up/Down move the row focus; Space toggles the focused row; Enter opens it.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

/** Rows kept rendered beyond each edge of the viewport, so a fast scroll shows no blank band. */
const OVERSCAN_ROWS = 6;

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row has this height in CSS pixels: positions are computed, never measured. */
  rowHeight: number;
  /** The viewport's height until it is measured (and in a DOM without layout, such as unit tests). */
  height: number;
  itemKey: (item: T) => string;
  renderRow: (item: T, index: number, focused: boolean) => ComponentChildren;
  /** Index of the row with keyboard focus (it alone is in the tab order). */
  focusedIndex: number;
  onFocusIndex: (index: number) => void;
  onToggle: (item: T) => void;
  onOpen: (item: T) => void;
  /** Called on each scroll event of the list. */
  onScrolled?: () => void;
  label: string;
  testId?: string;
}

/** The rows to render for a scroll position: [first, last) clamped to the list. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN_ROWS);
  return [first, Math.max(first, last)];
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, itemKey, renderRow, focusedIndex, onFocusIndex, onToggle, onOpen } = props;
  const viewportRef = useRef<HTMLDivElement>(null);
  // The scroll offset at the top row's edge: a scroll within a row (most frames of a smooth wheel scroll) renders nothing.
  const [scrollTop, setScrollTop] = useState(0);
  const rowEdge = (offset: number) => Math.floor(offset / rowHeight) * rowHeight;
  const [viewport, setViewport] = useState(props.height);
  // Set when the keyboard moved the focus: the row gets DOM focus once it is rendered.
  const focusPending = useRef(false);

  useEffect(() => {
    const element = viewportRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => {
      if (element.clientHeight > 0) setViewport(element.clientHeight);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A shorter list (new filter) must not leave the viewport scrolled past its end.
  useEffect(() => {
    const element = viewportRef.current;
    if (element && scrollTop > items.length * rowHeight) {
      element.scrollTop = 0;
      setScrollTop(0);
    }
  }, [items.length]);

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    viewportRef.current?.querySelector<HTMLElement>(`[data-row-index="${focusedIndex}"]`)?.focus({ preventScroll: true });
  });

  function moveFocus(index: number) {
    const next = Math.max(0, Math.min(items.length - 1, index));
    const element = viewportRef.current;
    if (element) {
      // Scroll just enough to bring the row into view.
      const top = next * rowHeight;
      let target = element.scrollTop;
      if (top < target) target = top;
      else if (top + rowHeight > target + viewport) target = top + rowHeight - viewport;
      if (target !== element.scrollTop) {
        element.scrollTop = target;
        setScrollTop(rowEdge(target));
      }
    }
    focusPending.current = true;
    onFocusIndex(next);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (items.length === 0) return;
    const target = event.target as HTMLElement;
    // Typing in a field inside a row (none today) or using a link keeps its own keys.
    if (target.closest('a, textarea, select, input:not([type="checkbox"])')) return;
    const page = Math.max(1, Math.floor(viewport / rowHeight) - 1);
    const current = Math.min(focusedIndex, items.length - 1);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: items.length - 1, PageDown: current + page, PageUp: current - page };
    if (event.key in moves) {
      event.preventDefault();
      moveFocus(moves[event.key]!);
    } else if (event.key === ' ' && !(target instanceof HTMLInputElement)) {
      // The checkbox handles its own Space; a row toggles its capture.
      event.preventDefault();
      onToggle(items[current]!);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(items[current]!);
    }
  }

  const [first, last] = visibleRange(scrollTop, viewport, rowHeight, items.length);
  const rows: ComponentChildren[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index]!;
    rows.push(
      <div
        key={itemKey(item)}
        class="virtual-row"
        role="listitem"
        data-row-index={index}
        aria-setsize={items.length}
        aria-posinset={index + 1}
        tabIndex={index === focusedIndex ? 0 : -1}
        style={{ transform: `translateY(${index * rowHeight}px)`, blockSize: `${rowHeight}px` }}
        onFocus={(event) => {
          if (event.target === event.currentTarget && index !== focusedIndex) onFocusIndex(index);
        }}
      >
        {renderRow(item, index, index === focusedIndex)}
      </div>,
    );
  }
  return (
    <div
      ref={viewportRef}
      class="virtual-viewport"
      data-testid={props.testId}
      // While the focused row is scrolled out (and so not rendered), the list itself takes Tab.
      tabIndex={focusedIndex >= first && focusedIndex < last ? -1 : 0}
      style={{ blockSize: `${props.height}px` }}
      onScroll={(event) => {
        setScrollTop(rowEdge(event.currentTarget.scrollTop));
        props.onScrolled?.();
      }}
      onKeyDown={onKeyDown}
    >
      <div class="virtual-canvas" role="list" aria-label={props.label} style={{ blockSize: `${items.length * rowHeight}px` }}>
        {rows}
      </div>
    </div>
  );
}
