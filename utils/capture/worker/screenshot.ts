// Draws a post's screenshot from one or more captureVisibleTab images, cropped and stitched (OffscreenCanvas, in the service worker).
import { MAX_CANVAS_SIDE, placeSlice, stitchedSize, type SliceInput } from '../stitch';

export type { Rect } from '../stitch';

/** The finished screenshot: PNG bytes, and why part of the post is not in it, if it is not whole. */
export interface StitchedPng {
  data: Uint8Array;
  clipped: boolean;
  clippedReason?: string;
}

/** Browsers refuse canvases beyond 2^28 pixels in all (and MAX_CANVAS_SIDE a side). */
const MAX_CANVAS_AREA = 2 ** 28;

const CLIPPED_WIDTH = 'The post is wider than the browser window; the screenshot shows the part inside the window.';
const CLIPPED_ROWS =
  'Part of the post could not be scrolled into the browser window; the screenshot shows only the rows that were visible.';
const CLIPPED_HEIGHT = 'The post is taller than the largest image the browser can draw; the screenshot shows its top part.';

export class StitchedScreenshot {
  private canvas?: OffscreenCanvas;
  private context?: OffscreenCanvasRenderingContext2D;
  private reason?: string;
  private drawn = 0;

  /** @param height all rows of the finished image, CSS px; @param cappedReason set when the plan left rows out */
  constructor(private readonly height: number, cappedReason?: string) {
    if (cappedReason) this.reason = cappedReason;
  }

  /** Crops one captureVisibleTab image to the slice's rows and draws them at their place. */
  async add(png: Blob, slice: SliceInput): Promise<void> {
    const bitmap = await createImageBitmap(png);
    try {
      if (!this.context) this.allocate(slice, bitmap.width);
      const place = placeSlice(slice, bitmap.width, bitmap.height);
      if (!place) {
        this.reason ??= CLIPPED_ROWS;
        return;
      }
      if (place.clipped) this.reason ??= place.clipped === 'width' ? CLIPPED_WIDTH : CLIPPED_ROWS;
      this.context!.drawImage(bitmap, place.sx, place.sy, place.sw, place.sh, 0, place.dy, place.sw, place.sh);
      this.drawn++;
    } finally {
      bitmap.close();
    }
  }

  /** The PNG, or null when no slice showed any part of the post. */
  async finish(): Promise<StitchedPng | null> {
    if (!this.canvas || this.drawn === 0) return null;
    const blob = await this.canvas.convertToBlob({ type: 'image/png' });
    const data = new Uint8Array(await blob.arrayBuffer());
    return this.reason ? { data, clipped: true, clippedReason: this.reason } : { data, clipped: false };
  }

  private allocate(slice: SliceInput, imageWidth: number): void {
    const size = stitchedSize(slice, this.height, imageWidth);
    const height = Math.min(size.height, MAX_CANVAS_SIDE, Math.floor(MAX_CANVAS_AREA / Math.max(1, size.width)));
    if (height < size.height) this.reason ??= CLIPPED_HEIGHT;
    this.canvas = new OffscreenCanvas(Math.max(1, size.width), Math.max(1, height));
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available to crop the screenshot.');
    this.context = context;
  }
}

export const SCREENSHOT_CAPPED_REASON = CLIPPED_HEIGHT;
