// Crops a captureVisibleTab image to a post's rectangle, in device pixels.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PixelCrop {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  /** True when part of the post lay outside the visible window and is not in the image. */
  clipped: boolean;
}

/**
 * Maps a CSS-pixel rectangle to the image's pixels. The scale is read from the image itself rather than trusted
 * from devicePixelRatio, so browser zoom and HiDPI screens both come out right.
 */
export function cropInPixels(rect: Rect, viewportWidth: number, imageWidth: number, imageHeight: number): PixelCrop | null {
  const scale = imageWidth / viewportWidth;
  const left = Math.max(0, Math.floor(rect.x * scale));
  const top = Math.max(0, Math.floor(rect.y * scale));
  const right = Math.min(imageWidth, Math.ceil((rect.x + rect.width) * scale));
  const bottom = Math.min(imageHeight, Math.ceil((rect.y + rect.height) * scale));
  if (right <= left || bottom <= top) return null;
  const clipped =
    rect.x * scale < -0.5 || rect.y * scale < -0.5 ||
    (rect.x + rect.width) * scale > imageWidth + 0.5 || (rect.y + rect.height) * scale > imageHeight + 0.5;
  return { sx: left, sy: top, sw: right - left, sh: bottom - top, clipped };
}

/** Crops a PNG to the post (OffscreenCanvas: available in the service worker). Returns PNG bytes. */
export async function cropScreenshot(png: Blob, rect: Rect, viewportWidth: number): Promise<{ data: Uint8Array; clipped: boolean } | null> {
  const bitmap = await createImageBitmap(png);
  try {
    const crop = cropInPixels(rect, viewportWidth, bitmap.width, bitmap.height);
    if (!crop) return null;
    const canvas = new OffscreenCanvas(crop.sw, crop.sh);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available to crop the screenshot.');
    context.drawImage(bitmap, crop.sx, crop.sy, crop.sw, crop.sh, 0, 0, crop.sw, crop.sh);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { data: new Uint8Array(await blob.arrayBuffer()), clipped: crop.clipped };
  } finally {
    bitmap.close();
  }
}
