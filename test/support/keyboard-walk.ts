// Walking a page with the Tab key as a keyboard user does: which interactive elements the keys reach, whether each
// shows a focus ring while focused (:focus-visible), and whether focus ever stays stuck (a keyboard trap).
import type { Page } from 'playwright-core';

export interface FocusStep {
  /** The element's short description: tag, test id or name. */
  element: string;
  /** Index in the page's list of tabbable elements (-1: focused, but not in that list, e.g. a scroll container). */
  index: number;
  focusVisible: boolean;
  /** Computed outline or box-shadow shows a ring. */
  ring: boolean;
  /** The focus is in the browser's own part of the element (a date field's calendar button), not the element. */
  innerPart?: boolean;
}

export interface KeyboardWalk {
  /** Every tabbable element the page shows, as described. */
  tabbable: string[];
  /** Those no Tab press reached. */
  unreached: string[];
  /** Focused with no visible ring. */
  withoutRing: string[];
  /** Where the focus stayed on one element for several Tab presses in a row (a trap), if it did. */
  trappedAt: string | null;
  steps: FocusStep[];
}

const MARK = 'data-kbwalk';

/** Marks the page's tabbable elements (through open shadow roots) and returns their descriptions. */
async function markTabbable(page: Page): Promise<string[]> {
  return page.evaluate((mark) => {
    const selector = 'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"], audio[controls], video[controls]';
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.matches(selector)) all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const describe = (el: Element) => {
      const h = el as HTMLElement;
      const id = h.dataset.testid ? `[data-testid=${h.dataset.testid}]` : h.id ? `#${h.id}` : '';
      const name = (h.getAttribute('aria-label') ?? h.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : '';
      return `${el.tagName.toLowerCase()}${type}${id}${name ? ` "${name}"` : ''}`;
    };
    const radiosDone = new Set<string>();
    const tabbable = all.filter((el) => {
      const h = el as HTMLElement;
      if (h.tabIndex < 0) return false;
      if ((h as HTMLButtonElement).disabled) return false;
      if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
      if (h.closest('[inert]')) return false;
      if (!h.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true })) return false;
      const box = h.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return false;
      // A radio group is one Tab stop: its checked radio, or its first when none is checked.
      if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
        const group = `${el.form?.id ?? ''}/${el.name}`;
        if (radiosDone.has(group)) return false;
        const root = el.getRootNode() as Document | ShadowRoot;
        const checked = root.querySelector<HTMLInputElement>(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
        if (checked && checked !== el) return false;
        radiosDone.add(group);
      }
      // A summary is focusable; the details' other content is not when closed (checkVisibility covers it).
      return true;
    });
    tabbable.forEach((el, i) => el.setAttribute(mark, String(i)));
    return tabbable.map(describe);
  }, MARK);
}

/** What has the focus, through shadow roots, and whether it shows a ring. */
async function focused(page: Page): Promise<FocusStep | null> {
  return page.evaluate((mark) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const h = el as HTMLElement;
    // The ring may be drawn on the element or on its child (a list's row draws it on the row's card).
    const ringOf = (e: Element) => {
      const style = getComputedStyle(e);
      return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow !== 'none' && style.boxShadow !== '');
    };
    const ring = ringOf(h) || Array.from(h.children).some(ringOf);
    const id = h.dataset.testid ? `[data-testid=${h.dataset.testid}]` : h.id ? `#${h.id}` : '';
    const name = (h.getAttribute('aria-label') ?? h.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : '';
    return {
      element: `${el.tagName.toLowerCase()}${type}${id}${name ? ` "${name}"` : ''}`,
      index: h.hasAttribute(mark) ? Number(h.getAttribute(mark)) : -1,
      // A frame's content has the focus: the frame itself is :focus, never :focus-visible, so its own ring counts.
      focusVisible: h.matches(':focus-visible') || (h instanceof HTMLIFrameElement && h.matches(':focus')),
      ring,
      innerPart: h instanceof HTMLInputElement && !h.matches(':focus'),
    };
  }, MARK);
}

/**
 * Tabs through the whole page from its start: as many presses as it has tabbable elements, and a few more to see
 * the focus leave the last one. Reports what was not reached, what showed no ring, and any trap.
 */
export async function walkWithTab(page: Page): Promise<KeyboardWalk> {
  const tabbable = await markTabbable(page);
  // From the document's start, as after loading the page.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  await page.evaluate(() => window.scrollTo(0, 0));
  const reached = new Set<number>();
  const withoutRing: string[] = [];
  const steps: FocusStep[] = [];
  let trappedAt: string | null = null;
  let pending: { element: string; box: { x: number; y: number; width: number; height: number }; before: Buffer } | null = null;
  const shot = (clip: { x: number; y: number; width: number; height: number }) =>
    page.screenshot({ clip, animations: 'disabled', caret: 'hide' }).catch(() => null);
  let same = 0;
  let previous = '';
  // A date or time field takes one Tab per part (day, month, year…) before the focus moves on.
  const parts = tabbable.filter((t) => /\[type=(date|time|datetime-local|month|week)\]/.test(t)).length * 6;
  for (let press = 0; press < tabbable.length + parts + 4; press++) {
    await page.keyboard.press('Tab');
    const step = await focused(page);
    if (!step) {
      previous = '';
      same = 0;
      continue;
    }
    steps.push(step);
    if (step.index >= 0) reached.add(step.index);
    if (pending) {
      // The element before, now unfocused: did its pixels change when the focus left it?
      const after = await shot(pending.box);
      if (after && pending.before.equals(after) && !withoutRing.includes(pending.element)) withoutRing.push(pending.element);
      pending = null;
    }
    if (!(step.focusVisible && step.ring) && !withoutRing.includes(step.element)) {
      // The focus is inside the browser's own part of a field (a date field's calendar button), which styles cannot
      // see: a ring shows if its pixels change when the focus moves on.
      const box = step.innerPart ? await focusedBox(page) : null;
      const before = box ? await shot(box) : null;
      if (box && before) pending = { element: step.element, box, before };
      else withoutRing.push(step.element);
    }
    const key = `${step.index}:${step.element}`;
    same = key === previous ? same + 1 : 0;
    previous = key;
    // Stuck: more presses on one element than a date-time field has parts.
    if (same >= 7 && tabbable.length > 1) {
      trappedAt = step.element;
      break;
    }
    if (reached.size === tabbable.length && press >= tabbable.length) break;
  }
  if (pending) {
    await page.keyboard.press('Tab');
    const after = await shot(pending.box);
    if (after && pending.before.equals(after)) withoutRing.push(pending.element);
  }
  await page.evaluate((mark) => {
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll(`[${mark}]`)) el.removeAttribute(mark);
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    walk(document);
  }, MARK);
  const unreached = tabbable.filter((_, i) => !reached.has(i));
  return { tabbable, unreached, withoutRing, trappedAt, steps };
}

/** The focused element's box in the viewport, with room for a ring around it. */
async function focusedBox(page: Page): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const x = Math.max(0, r.x - 4);
    const y = Math.max(0, r.y - 4);
    const width = Math.min(window.innerWidth - x, r.width + 8);
    const height = Math.min(window.innerHeight - y, r.height + 8);
    return width > 0 && height > 0 ? { x, y, width, height } : null;
  });
}

/** Presses Tab from the page's start until `isTarget` holds for the focused element; how many presses it took. */
export async function tabUntil(page: Page, isTarget: () => Promise<boolean>, maxPresses = 400): Promise<number | null> {
  for (let press = 1; press <= maxPresses; press++) {
    await page.keyboard.press('Tab');
    if (await isTarget()) return press;
  }
  return null;
}
