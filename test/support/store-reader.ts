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
