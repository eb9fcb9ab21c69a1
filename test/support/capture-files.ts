// Reads a capture's files from the extension's store, writes them out as the bundle would lay them, and compares images.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './browser';

/** Every artifact of a capture, by path, read through an extension page (the pages share the extension's IndexedDB). */
export async function artifactsFromStore(browser: LaunchedBrowser, captureId: string): Promise<Map<string, Buffer>> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('dashboard.html'));
    const files = await page.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('postproof');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const rows = await new Promise<{ path: string; data: Uint8Array | Blob }[]>((resolve, reject) => {
        const request = db.transaction('artifacts').objectStore('artifacts').index('byCapture').getAll(id);
        request.onsuccess = () => resolve(request.result as { path: string; data: Uint8Array | Blob }[]);
        request.onerror = () => reject(request.error);
      });
      db.close();
      const base64 = (bytes: Uint8Array) => {
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      };
      // Stored as a Blob (rows from before the large-export work: bytes).
      const bytesOf = async (data: Uint8Array | Blob) => (data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data);
      return Promise.all(rows.map(async (row) => ({ path: row.path, data: base64(await bytesOf(row.data)) })));
    }, captureId);
    return new Map(files.map((file) => [file.path, Buffer.from(file.data, 'base64')]));
  } finally {
    await page.close();
  }
}

/** Writes the files into a new folder, as captures/<id>/ of an unzipped bundle, and returns the folder. */
export function writeCaptureFolder(files: Map<string, Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'postproof-capture-'));
  for (const [path, data] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), data);
  }
  return dir;
}

export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export interface PixelComparison {
  a: { width: number; height: number };
  b: { width: number; height: number };
  /** Pixels of the union of both images whose colour differs by more than the tolerance, or lie in one image only. */
  differing: number;
  total: number;
  /** 1 − differing / total. */
  similarity: number;
}

/**
 * Compares two images pixel by pixel, top-left aligned (or b against the band of a starting at row offsetY), in the browser's own decoder (canvas), so no image library is
 * needed. A pixel differs when any channel differs by more than `tolerance` (anti-aliasing and JPEG noise stay under it).
 */
export async function comparePngs(page: Page, a: Buffer, b: Buffer, tolerance = 32, offsetY = 0): Promise<PixelComparison> {
  return page.evaluate(
    async ({ a, b, tolerance, offsetY }) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return { width: bitmap.width, height: bitmap.height, pixels: context.getImageData(0, 0, bitmap.width, bitmap.height).data };
      };
      const [whole, y] = await Promise.all([decode(a), decode(b)]);
      // Compare b with the rows of a from offsetY down (a band of a tall image), or with all of a.
      const rows = offsetY > 0 ? Math.min(y.height, whole.height - offsetY) : whole.height;
      const x = { width: whole.width, height: rows, pixels: whole.pixels.subarray(offsetY * whole.width * 4) };
      const width = Math.max(x.width, y.width);
      const height = Math.max(x.height, y.height);
      let differing = 0;
      for (let row = 0; row < height; row++) {
        for (let column = 0; column < width; column++) {
          if (row >= x.height || row >= y.height || column >= x.width || column >= y.width) {
            differing++;
            continue;
          }
          const i = (row * x.width + column) * 4;
          const j = (row * y.width + column) * 4;
          if (
            Math.abs(x.pixels[i]! - y.pixels[j]!) > tolerance ||
            Math.abs(x.pixels[i + 1]! - y.pixels[j + 1]!) > tolerance ||
            Math.abs(x.pixels[i + 2]! - y.pixels[j + 2]!) > tolerance
          ) {
            differing++;
          }
        }
      }
      const total = width * height;
      return { a: { width: x.width, height: x.height }, b: { width: y.width, height: y.height }, differing, total, similarity: 1 - differing / total };
    },
    { a: a.toString('base64'), b: b.toString('base64'), tolerance, offsetY },
  );
}

/** A rectangle of a PNG (device pixels) as a new PNG, cut in the browser's canvas. */
export async function cropPng(page: Page, png: Buffer, rect: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ png, rect }) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(rect.width, rect.height);
      canvas.getContext('2d')!.drawImage(bitmap, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { png: png.toString('base64'), rect },
  );
  return Buffer.from(base64, 'base64');
}
