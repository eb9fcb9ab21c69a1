// What the extension's store holds, read through one of its pages, and what would make it less than whole.
import type { Page } from 'playwright-core';

/** What the store holds, read through an extension page: capture rows and the capture ids of every other row. */
export interface StoreAudit {
  captures: { id: string; artifacts: string[] }[];
  artifactKeys: [string, string][];
  otherIds: string[];
}

export async function auditStore(page: Page): Promise<StoreAudit> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('postproof');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = <T>(store: string, keys = false) =>
      new Promise<T[]>((resolve, reject) => {
        const s = db.transaction(store).objectStore(store);
        const request = keys ? s.getAllKeys() : s.getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const rows = await all<{ id: string; recordBytes: Uint8Array }>('captures');
    const captures = rows.map((row) => ({
      id: row.id,
      artifacts: (JSON.parse(new TextDecoder().decode(row.recordBytes)) as { artifacts: { path: string }[] }).artifacts.map((a) => a.path),
    }));
    const artifactKeys = await all<[string, string]>('artifacts', true);
    const otherIds = [
      ...(await all<[string, number]>('custody', true)).map((k) => k[0]),
      ...(await all<[string, string]>('stamps', true)).map((k) => k[0]),
      ...(await all<string>('listings', true)),
    ];
    db.close();
    return { captures, artifactKeys, otherIds };
  });
}

/** Whole captures only: every listed artifact present, and no row of a capture that does not exist. */
export function storeProblems(audit: StoreAudit): string[] {
  const ids = new Set(audit.captures.map((c) => c.id));
  const have = new Set(audit.artifactKeys.map(([id, path]) => `${id}/${path}`));
  return [
    ...audit.captures.flatMap((c) => c.artifacts.filter((path) => !have.has(`${c.id}/${path}`)).map((path) => `capture ${c.id} lacks ${path}`)),
    ...audit.artifactKeys.filter(([id]) => !ids.has(id)).map(([id, path]) => `orphan artifact ${id}/${path}`),
    ...audit.otherIds.filter((id) => !ids.has(id)).map((id) => `orphan row of ${id}`),
  ];
}
