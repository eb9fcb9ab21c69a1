// The post a keyboard command or the context menu means: the one holding the focus, else the one under the pointer
// (for the context menu, where the right click was). The content script keeps the last positions, from the person's
// own pointer only: a page script dispatching pointer moves or right clicks cannot steer which post is preserved.
import { isUserEvent } from '../capture/page/user-event';

export interface Point {
  x: number;
  y: number;
}

export type TargetSource = 'command' | 'context-menu';

export class PointerTracker {
  pointer?: Point;
  contextClick?: Point;

  attach(target: Pick<Document, 'addEventListener' | 'removeEventListener'>, signal: AbortSignal): void {
    const onMove = (event: Event) => {
      if (!isUserEvent(event)) return;
      const e = event as MouseEvent;
      this.pointer = { x: e.clientX, y: e.clientY };
    };
    const onContext = (event: Event) => {
      if (!isUserEvent(event)) return;
      const e = event as MouseEvent;
      this.contextClick = { x: e.clientX, y: e.clientY };
      this.pointer = this.contextClick;
    };
    target.addEventListener('pointermove', onMove, { passive: true, capture: true, signal } as AddEventListenerOptions);
    target.addEventListener('contextmenu', onContext, { passive: true, capture: true, signal } as AddEventListenerOptions);
  }
}

/** Our own control's host is never the post; its parent chain leads to it. */
function postAround(element: Element | null | undefined, selector: string): Element | null {
  return element?.closest(selector) ?? null;
}

export function targetPost(
  doc: Pick<Document, 'activeElement' | 'elementFromPoint'>,
  selector: string,
  source: TargetSource,
  tracker: Pick<PointerTracker, 'pointer' | 'contextClick'>,
): Element | null {
  const at = (point: Point | undefined) => (point ? postAround(doc.elementFromPoint(point.x, point.y), selector) : null);
  if (source === 'context-menu') return at(tracker.contextClick) ?? at(tracker.pointer);
  return postAround(doc.activeElement, selector) ?? at(tracker.pointer);
}
