// Test oracles that read the extension's own state through either browser: the signed capture records in IndexedDB
// and storage.local settings.
import type { CaptureRecord } from '../../../utils/model';
import type { TestBrowser } from './types';

/** Every capture record in the store, as signed (recordBytes), keyed by capture id. */
export async function storedRecords(browser: TestBrowser): Promise<Map<string, CaptureRecord>> {
  const rows = await browser.inExtension(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('postproof');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      const all = await new Promise<{ id: string; recordBytes: Uint8Array }[]>((resolve, reject) => {
        const request = db.transaction('captures').objectStore('captures').getAll();
        request.onsuccess = () => resolve(request.result as { id: string; recordBytes: Uint8Array }[]);
        request.onerror = () => reject(request.error);
      });
      return all.map((row) => new TextDecoder().decode(row.recordBytes));
    } finally {
      db.close();
    }
  }, null);
  const records = rows.map((text) => JSON.parse(text) as CaptureRecord);
  return new Map(records.map((record) => [record.id, record]));
}

export async function storedRecord(browser: TestBrowser, id: string): Promise<CaptureRecord> {
  const record = (await storedRecords(browser)).get(id);
  if (!record) throw new Error(`capture ${id} is not in the store`);
  return record;
}

/** storage.local.set through the extension's own API (Firefox: browser.*, Chromium: chrome.*; both answer promises). */
export async function setLocalSettings(browser: TestBrowser, items: Record<string, unknown>): Promise<void> {
  await browser.inExtension(async (values) => {
    type Storage = { storage: { local: { set(v: object): Promise<void> } } };
    const api = ((globalThis as { browser?: Storage }).browser ?? (globalThis as unknown as { chrome: Storage }).chrome) as Storage;
    await api.storage.local.set(values);
  }, items);
}

/** The id of the tab showing `url` (the extension sees tab URLs where it has host access: the granted copy). */
export async function tabIdOf(browser: TestBrowser, url: string): Promise<number> {
  return browser.inExtension(async (wanted) => {
    type Tabs = { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
    const api = ((globalThis as { browser?: Tabs }).browser ?? (globalThis as unknown as { chrome: Tabs }).chrome) as Tabs;
    const tabs = await api.tabs.query({});
    const tab = tabs.find((t) => t.url === wanted);
    if (tab?.id === undefined) throw new Error(`no tab shows ${wanted} (tabs: ${tabs.map((t) => t.url).join(', ')})`);
    return tab.id;
  }, url);
}
