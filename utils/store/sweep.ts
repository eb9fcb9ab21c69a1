// Start-up sweep: removes rows that belong to no capture (artifacts, stamps, custody lines, index rows, annotations,
// derived copies).
// A capture is committed in one transaction, so these should never exist; the sweep makes sure a crash, a killed
// service worker or an older build cannot leave bytes behind that no capture lists.
import type { PostProofDb } from './db';

export interface SweepReport {
  artifacts: number;
  stamps: number;
  custody: number;
  listings: number;
  searchTerms: number;
  annotations: number;
  derived: number;
}

type SweptStore = keyof SweepReport;
const SWEPT: readonly SweptStore[] = ['artifacts', 'stamps', 'custody', 'listings', 'searchTerms', 'annotations', 'derived'];

/** The capture id in each store's key: the first part of a compound key, the second for search terms, or the key. */
function captureIdOf(store: SweptStore, key: IDBValidKey): unknown {
  if (store === 'searchTerms') return (key as unknown[])[1];
  if (store === 'listings' || store === 'annotations') return key;
  return (key as unknown[])[0];
}

/**
 * Keys read per request. At 10,000 captures the search index holds about 255,000 keys: one getAllKeys of them held
 * the store for about 5 s after each browser start, and a dashboard opened meanwhile waited that long for its rows.
 */
export const KEYS_PER_READ = 2_000;

type KeyedStore = SweptStore | 'captures';

/** Every key of `store`, `perRead` keys per request (each its own readonly transaction), in key order. */
async function* keysInSlices(db: PostProofDb, store: KeyedStore, perRead: number): AsyncGenerator<IDBValidKey[]> {
  for (let after: IDBValidKey | undefined; ; ) {
    const keys: IDBValidKey[] = await db.getAllKeys(store, after === undefined ? null : IDBKeyRange.lowerBound(after, true), perRead);
    yield keys;
    if (keys.length < perRead) return;
    after = keys[keys.length - 1];
  }
}

/**
 * Deletes every row whose capture id has no row in `captures`; returns how many went. The search reads keys only
 * (never the artifacts' bytes), a slice at a time, so pages reading the store are not held up while it walks hundreds
 * of thousands of index keys; only when it finds orphans does a readwrite transaction delete them, checking again
 * that their capture still does not exist (one committed during the search is kept).
 */
export async function sweepOrphans(db: PostProofDb, keysPerRead: number = KEYS_PER_READ): Promise<SweepReport> {
  const report: SweepReport = { artifacts: 0, stamps: 0, custody: 0, listings: 0, searchTerms: 0, annotations: 0, derived: 0 };
  const known = new Set<IDBValidKey>();
  for await (const keys of keysInSlices(db, 'captures', keysPerRead)) for (const key of keys) known.add(key);
  const orphans = new Map<SweptStore, IDBValidKey[]>();
  for (const name of SWEPT) {
    const found: IDBValidKey[] = [];
    for await (const keys of keysInSlices(db, name, keysPerRead)) for (const key of keys) if (!known.has(captureIdOf(name, key) as string)) found.push(key);
    if (found.length) orphans.set(name, found);
  }
  if (orphans.size === 0) return report;

  const tx = db.transaction(['captures', ...orphans.keys()], 'readwrite');
  const captures = tx.objectStore('captures');
  for (const [name, keys] of orphans) {
    const store = tx.objectStore(name);
    for (const key of keys) {
      if ((await captures.getKey(captureIdOf(name, key) as string)) !== undefined) continue;
      await store.delete(key as never);
      report[name]++;
    }
  }
  await tx.done;
  return report;
}

export function sweptCount(report: SweepReport): number {
  return Object.values(report).reduce((sum, n) => sum + n, 0);
}
