// Reads capture records straight from the extension's IndexedDB, through one of its pages, as a test oracle.
import type { CaptureRecord } from '../../utils/model';
import type { LaunchedBrowser } from './browser';

export async function recordFromStore(browser: LaunchedBrowser, id: string): Promise<CaptureRecord> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('dashboard.html'));
    const text = await page.evaluate(async (captureId) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('postproof');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const row = await new Promise<{ recordBytes: Uint8Array } | undefined>((resolve, reject) => {
        const request = db.transaction('captures').objectStore('captures').get(captureId);
        request.onsuccess = () => resolve(request.result as { recordBytes: Uint8Array } | undefined);
        request.onerror = () => reject(request.error);
      });
      db.close();
      if (!row) throw new Error(`capture ${captureId} is not in the store`);
      return new TextDecoder().decode(row.recordBytes);
    }, id);
    return JSON.parse(text) as CaptureRecord;
  } finally {
    await page.close();
  }
}

/** The annotated screenshot copy the background kept for a capture (utils/export/derived-copies.ts), or null. */
export async function keptAnnotatedCopy(browser: LaunchedBrowser, id: string): Promise<Buffer | null> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('dashboard.html'));
    const b64 = await page.evaluate(async (captureId) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('postproof');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const row = await new Promise<{ data: Blob } | undefined>((resolve, reject) => {
        const request = db.transaction('derived').objectStore('derived').get([captureId, 'screenshot.annotated.png']);
        request.onsuccess = () => resolve(request.result as { data: Blob } | undefined);
        request.onerror = () => reject(request.error);
      });
      db.close();
      if (!row) return null;
      const bytes = new Uint8Array(await row.data.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }, id);
    return b64 === null ? null : Buffer.from(b64, 'base64');
  } finally {
    await page.close();
  }
}

/**
 * The ids of every capture in the store, sorted: what a test compares before and after something that must (not)
 * capture. Read in the service worker, so no tab comes to the front (a capture's screenshot needs its page there).
 */
export async function storedCaptureIds(browser: LaunchedBrowser): Promise<string[]> {
  return browser.serviceWorker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('postproof');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
        const request = db.transaction('captures').objectStore('captures').getAllKeys();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return keys.map(String).sort();
    } finally {
      db.close();
    }
  });
}
