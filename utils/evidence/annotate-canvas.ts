// The browser's screenshot annotator (types.ts ScreenshotAnnotator): a header strip of text drawn on an OffscreenCanvas,
// the screenshot's own pixels drawn below it at 1:1 (no scaling, no colour conversion), saved as a new PNG.
// Runs in the extension page that exports (popup or dashboard); the bundle writer itself never touches a canvas.

import type { AnnotatedScreenshot, ScreenshotAnnotator } from './capture-source';

/** Browsers refuse canvases beyond about 32767 px a side or 2^28 pixels in all (as utils/capture/worker/screenshot.ts). */
const MAX_SIDE = 32_000;
const MAX_AREA = 2 ** 28;
/** A strip stays a strip: the rest of an absurdly long text is cut, with an ellipsis. */
const MAX_ROWS = 40;

type Measure = (text: string) => number;

function graphemes(text: string): string[] {
  const Segmenter = (Intl as unknown as { Segmenter?: new (l?: string, o?: object) => { segment(t: string): Iterable<{ segment: string }> } }).Segmenter;
  return Segmenter ? [...new Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((s) => s.segment) : Array.from(text);
}

/**
 * Greedy wrapping to `maxWidth`: after the last space that fits when the word it would carry over is short, else
 * anywhere (URLs have no spaces). Never splits a grapheme, so right-to-left and combined letters stay whole.
 */
export function wrapLine(text: string, maxWidth: number, measure: Measure): string[] {
  const rows: string[] = [];
  let row: string[] = [];
  for (const g of graphemes(text)) {
    if (row.length > 0 && measure(row.join('') + g) > maxWidth) {
      const space = row.lastIndexOf(' ');
      // At a space when the word being cut is short (prose); a long one (a URL) fills the row and breaks anywhere.
      if (space > 0 && g !== ' ' && measure(row.slice(space + 1).join('')) <= maxWidth / 2) {
        rows.push(row.slice(0, space).join(''));
        row = row.slice(space + 1);
      } else {
        rows.push(row.join(''));
        row = [];
      }
      if (g === ' ' && row.length === 0) continue;
    }
    row.push(g);
  }
  if (row.length > 0 || rows.length === 0) rows.push(row.join(''));
  return rows;
}

export const canvasScreenshotAnnotator: ScreenshotAnnotator = async (screenshot, lines): Promise<AnnotatedScreenshot> => {
  const bitmap = await createImageBitmap(new Blob([screenshot as Uint8Array<ArrayBuffer>]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const { width, height } = bitmap;
    const fontPx = Math.max(13, Math.min(28, Math.round(width / 48)));
    const font = `${fontPx}px sans-serif`;
    const pad = Math.round(fontPx * 0.6);
    const lineHeight = Math.round(fontPx * 1.35);
    const probe = new OffscreenCanvas(1, 1).getContext('2d');
    if (!probe) throw new Error('no 2D canvas is available');
    probe.font = font;
    const measure: Measure = (text) => probe.measureText(text).width;
    let rows = lines.flatMap((line) => wrapLine(line, Math.max(fontPx * 4, width - 2 * pad), measure));
    if (rows.length > MAX_ROWS) rows = [...rows.slice(0, MAX_ROWS - 1), `${rows[MAX_ROWS - 1]}…`];
    const stripHeight = rows.length * lineHeight + 2 * pad + 1;
    if (width > MAX_SIDE || height + stripHeight > MAX_SIDE || width * (height + stripHeight) > MAX_AREA) {
      throw new Error('the screenshot is too large for the browser to draw with a strip added');
    }
    const canvas = new OffscreenCanvas(width, height + stripHeight);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas is available');
    context.fillStyle = '#f4f4f4';
    context.fillRect(0, 0, width, stripHeight - 1);
    // A rule at the strip's last row marks where the screenshot's own pixels begin.
    context.fillStyle = '#555555';
    context.fillRect(0, stripHeight - 1, width, 1);
    context.fillStyle = '#111111';
    context.font = font;
    context.textBaseline = 'top';
    context.textAlign = 'left';
    context.direction = 'ltr';
    rows.forEach((row, i) => context.fillText(row, pad, pad + i * lineHeight));
    context.imageSmoothingEnabled = false;
    context.drawImage(bitmap, 0, stripHeight);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { png: new Uint8Array(await blob.arrayBuffer()), width, height, stripHeight };
  } finally {
    bitmap.close();
  }
};
