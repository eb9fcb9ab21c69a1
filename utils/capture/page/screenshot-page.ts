// The page side of a post's screenshot (content script): hides overlays, scrolls slice by slice, restores the page.
import type { ScreenshotReply, ScreenshotSliceMessage, ScreenshotSliceReply } from '../protocol';
import { MAX_CANVAS_SIDE, planSlices } from '../stitch';

export type SendSlice = (message: ScreenshotSliceMessage) => Promise<ScreenshotSliceReply>;
/** Where the element is in the viewport, CSS px: its bounding box unless told otherwise. */
export type MeasureRect = (element: Element) => { x: number; y: number; width: number; height: number; top: number };

const boundingBox: MeasureRect = (element) => element.getBoundingClientRect();

/**
 * The whole document as the "post" of a full-page screenshot ("Preserve page"): its scrolling element's full scroll
 * size, placed by the scroll position (the root's own box is often just the window, as with `html {height: 100%}`).
 */
export const wholeDocument: MeasureRect = (root) => {
  const view = root.ownerDocument.defaultView!;
  return { x: -view.scrollX, y: -view.scrollY, width: root.clientWidth || view.innerWidth, height: root.scrollHeight, top: -view.scrollY };
};

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * Fixed and sticky elements over the post's column (site headers, "sign in" bars, floating buttons) would
 * be drawn over it in every slice. They are made transparent, keeping their place in the layout so nothing moves,
 * and the returned function puts back exactly the inline style they had.
 */
export function hideOverlays(post: Element): () => void {
  const box = post.getBoundingClientRect();
  return hideFixedAndSticky(post.ownerDocument, (element) => {
    if (element.contains(post) || post.contains(element)) return false;
    // A zero-size fixed box often holds absolutely placed bars (X's "Log in" bar): only a box with a width can be
    // told to lie beside the post.
    const rect = element.getBoundingClientRect();
    return !(rect.width > 0 && (rect.right <= box.left || rect.left >= box.right));
  });
}

/**
 * A whole page is its own "post", so hideOverlays spares everything in it; its fixed and sticky bars would then be
 * drawn again in every slice. They are shown in the first slice (where they belong, at the top) and made
 * transparent for the rest, keeping their place in the layout; the returned function puts them back.
 */
export function hideFixedElements(document: Document): () => void {
  return hideFixedAndSticky(document, (element) => element.localName !== 'postproof-control');
}

/**
 * Makes the fixed and sticky elements that `wanted` accepts transparent (an element inside one already hidden goes
 * with it) and returns the function that puts back exactly the inline opacity they had.
 */
function hideFixedAndSticky(document: Document, wanted: (element: HTMLElement | SVGElement) => boolean): () => void {
  const view = document.defaultView;
  if (!view) return () => undefined;
  const hidden: { element: HTMLElement | SVGElement; value: string; priority: string }[] = [];
  for (const element of Array.from(document.querySelectorAll<HTMLElement | SVGElement>('body *'))) {
    if (!('style' in element)) continue;
    const position = view.getComputedStyle(element).position;
    if (position !== 'fixed' && position !== 'sticky') continue;
    if (hidden.some((entry) => entry.element.contains(element)) || !wanted(element)) continue;
    hidden.push({ element, value: element.style.getPropertyValue('opacity'), priority: element.style.getPropertyPriority('opacity') });
    element.style.setProperty('opacity', '0', 'important');
  }
  return () => {
    for (const { element, value, priority } of hidden) {
      if (value) element.style.setProperty('opacity', value, priority);
      else element.style.removeProperty('opacity');
    }
  };
}

/**
 * Screenshots the whole post: one slice when it fits the window, else as many as it takes, each sent to the
 * background to be cropped and stitched. The page's scroll position and overlays are restored whatever happens.
 */
export async function screenshotWholePost(
  post: Element,
  send: SendSlice,
  measure: MeasureRect = boundingBox,
  options: { fixedOnlyInFirstSlice?: boolean } = {},
): Promise<ScreenshotReply> {
  const view = post.ownerDocument.defaultView!;
  const root = post.ownerDocument.scrollingElement ?? post.ownerDocument.documentElement;
  const start = { left: view.scrollX, top: view.scrollY };
  const restoreOverlays = hideOverlays(post);
  let restoreFixed = () => undefined as void;
  try {
    await nextFrame();
    const box = measure(post);
    const viewportHeight = root.clientHeight || view.innerHeight;
    const maxHeight = Math.floor(MAX_CANVAS_SIDE / (view.devicePixelRatio || 1));
    const plan = planSlices({
      postTop: box.top + view.scrollY,
      postHeight: box.height,
      viewportHeight,
      maxScrollY: Math.max(0, root.scrollHeight - viewportHeight),
      scrollY: view.scrollY,
      maxHeight,
    });
    const session = crypto.randomUUID();
    for (const [index, slice] of plan.slices.entries()) {
      if (index === 1 && options.fixedOnlyInFirstSlice) restoreFixed = hideFixedElements(post.ownerDocument);
      if (Math.round(view.scrollY) !== slice.scrollY) {
        view.scrollTo({ left: view.scrollX, top: slice.scrollY, behavior: 'instant' });
        await nextFrame();
      }
      const rect = measure(post);
      const reply = await send({
        type: 'postproof/screenshot-slice',
        session,
        rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
        rows: { from: slice.from, to: slice.to },
        height: plan.height,
        viewportWidth: view.innerWidth,
        ...(index === 0 && plan.height < box.height ? { capped: true } : {}),
        last: index === plan.slices.length - 1,
      });
      if (!reply.ok || !('pending' in reply)) return reply;
    }
    return { ok: false, reason: 'The screenshot was not finished.' };
  } finally {
    restoreFixed();
    restoreOverlays();
    view.scrollTo({ ...start, behavior: 'instant' });
  }
}
