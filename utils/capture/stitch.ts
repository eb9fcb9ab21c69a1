// Plans the slices of a post screenshot taller than the window and places each slice in the stitched image: pure functions.
// Shared by both halves: the page plans the slices (page/screenshot-page.ts), the worker places them (worker/screenshot.ts).

/** Browsers refuse canvases beyond about 32767 px a side: the page plans no taller image, the worker draws none. */
export const MAX_CANVAS_SIDE = 32_000;

/** A rectangle in CSS pixels, relative to the viewport. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SlicePlanInput {
  /** The post's top in document coordinates (CSS px): its viewport top plus scrollY when planned. */
  postTop: number;
  postHeight: number;
  /** Height of the visible window slices are taken from (CSS px), once overlays are hidden. */
  viewportHeight: number;
  /** The largest scrollY the document allows. */
  maxScrollY: number;
  /** scrollY when planned: a post that is already fully visible is taken without scrolling. */
  scrollY: number;
  /** The tallest image that can be drawn, in CSS px (the browser's canvas limit divided by the pixel ratio). */
  maxHeight: number;
}

/** One screenshot: scroll to `scrollY`, then keep the post's rows [from, to) (CSS px from the post's top). */
export interface PlannedSlice {
  scrollY: number;
  from: number;
  to: number;
}

export interface SlicePlan {
  slices: PlannedSlice[];
  /** Rows of the stitched image, CSS px: the post's height, or maxHeight when the post is taller than that. */
  height: number;
}

/**
 * Slices that cover the post once each, top to bottom. Every slice but the last puts its first row at the top of
 * the window (scrollY rounded down, so that row is never above it); the last puts the post's bottom one row above the
 * bottom of the window (rounded up), so the page never has to scroll past its end. Slices are two rows shorter than
 * the window: that margin absorbs the rounding of fractional positions to whole pixels at either edge.
 */
export function planSlices(input: SlicePlanInput): SlicePlan {
  const height = Math.min(input.postHeight, input.maxHeight);
  const clamp = (y: number) => Math.max(0, Math.min(input.maxScrollY, y));
  const topInView = input.postTop - input.scrollY;
  if (height <= input.viewportHeight) {
    const visible = topInView >= 0 && topInView + height <= input.viewportHeight;
    const scrollY = visible ? input.scrollY : clamp(Math.floor(input.postTop));
    return { slices: [{ scrollY, from: 0, to: height }], height };
  }
  const step = Math.max(1, Math.floor(input.viewportHeight) - 2);
  const slices: PlannedSlice[] = [];
  for (let from = 0; from < height; from += step) {
    const to = Math.min(height, from + step);
    const last = to >= height;
    const scrollY = last ? Math.ceil(input.postTop + to - input.viewportHeight + 1) : Math.floor(input.postTop + from);
    slices.push({ scrollY: clamp(scrollY), from, to });
  }
  return { slices, height };
}

/** Where one slice's pixels come from in its screenshot and go to in the stitched image (device pixels). */
export interface SlicePlacement {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  dy: number;
  /** Set when part of the slice lay outside the screenshot, with what was lost. */
  clipped?: 'width' | 'rows';
}

export interface SliceInput {
  /** The post's rectangle in the viewport when this slice's screenshot was taken. */
  rect: Rect;
  rows: { from: number; to: number };
  viewportWidth: number;
}

/**
 * Rows map by rounding the same CSS positions everywhere, so the last device row of one slice and the first of the
 * next are adjacent in the stitched image: no seam, no repeated row, whatever the pixel ratio. The scale is read from
 * the screenshot itself (its width over the viewport's), so browser zoom and HiDPI screens both come out right.
 */
export function placeSlice(slice: SliceInput, imageWidth: number, imageHeight: number): SlicePlacement | null {
  const scale = imageWidth / slice.viewportWidth;
  const { rect, rows } = slice;
  const left = Math.max(0, Math.round(rect.x * scale));
  const right = Math.min(imageWidth, Math.round((rect.x + rect.width) * scale));
  const dy = Math.round(rows.from * scale);
  const wantedTop = Math.round((rect.y + rows.from) * scale);
  const wantedBottom = wantedTop + Math.round(rows.to * scale) - dy;
  const top = Math.max(0, wantedTop);
  const bottom = Math.min(imageHeight, wantedBottom);
  if (right <= left || bottom <= top) return null;
  const widthClipped = rect.x * scale < -0.5 || (rect.x + rect.width) * scale > imageWidth + 0.5;
  const rowsClipped = top !== wantedTop || bottom !== wantedBottom;
  return {
    sx: left,
    sy: top,
    sw: right - left,
    sh: bottom - top,
    dy: dy + (top - wantedTop),
    ...(rowsClipped ? { clipped: 'rows' as const } : widthClipped ? { clipped: 'width' as const } : {}),
  };
}

/** The stitched image's size in device pixels: the visible width of the post, and all its planned rows. */
export function stitchedSize(slice: SliceInput, height: number, imageWidth: number): { width: number; height: number } {
  const scale = imageWidth / slice.viewportWidth;
  const left = Math.max(0, Math.round(slice.rect.x * scale));
  const right = Math.min(imageWidth, Math.round((slice.rect.x + slice.rect.width) * scale));
  return { width: Math.max(0, right - left), height: Math.round(height * scale) };
}
