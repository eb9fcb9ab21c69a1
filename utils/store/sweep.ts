// Start-up sweep: removes rows that belong to no capture (artifacts, stamps, custody lines, listing rows, annotations,
// derived copies). The search postings hold sequence numbers, not rows of their own: a number without its capture
// matches no listing row, so nothing is shown for it.
// A capture is committed in one transaction, so these should never exist; the sweep makes sure a crash, a killed
// service worker or an older build cannot leave bytes behind that no capture lists.
import type { PostProofDb } from './schema';

export interface SweepReport {
  artifacts: number;
  stamps: number;
  custody: number;
  listings: number;
  annotations: number;
  derived: number;
}

type SweptStore = keyof SweepReport;
const SWEPT: readonly SweptStore[] = ['artifacts', 'stamps', 'custody', 'listings', 'annotations', 'derived'];

/** The capture id in each store's key: the first part of a compound key, or the key. */
function captureIdOf(store: SweptStore, key: IDBValidKey): unknown {
  if (store === 'listings' || store === 'annotations') return key;
  return (key as unknown[])[0];
}

/**
 * Deletes every row whose capture id has no row in `captures`; returns how many went. The search runs in a readonly
 * transaction (keys only, never the artifacts' bytes), so pages reading the store are not held up while it walks
 * tens of thousands of keys; only when it finds orphans does a readwrite transaction delete them, checking
 * again that their capture still does not exist.
 */
export async function sweepOrphans(db: PostProofDb): Promise<SweepReport> {
  const report: SweepReport = { artifacts: 0, stamps: 0, custody: 0, listings: 0, annotations: 0, derived: 0 };
  const look = db.transaction(['captures', ...SWEPT], 'readonly');
  const known = new Set(await look.objectStore('captures').getAllKeys());
  const orphans = new Map<SweptStore, IDBValidKey[]>();
  for (const name of SWEPT) {
    const keys = (await look.objectStore(name).getAllKeys()).filter((key) => !known.has(captureIdOf(name, key) as string));
    if (keys.length) orphans.set(name, keys);
  }
  await look.done;
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

/** storage.session: the start-up sweep ran in this browser session. */
export const SWEPT_KEY = 'orphansSwept';

export interface SessionStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * The sweep once per browser session, not at each of the worker's many starts: it walks every index key.
 * storage.session is emptied when the browser quits. Returns whether it ran.
 */
export async function sweepOncePerSession(db: Promise<PostProofDb>, session: SessionStorage): Promise<boolean> {
  if ((await session.get(SWEPT_KEY))[SWEPT_KEY]) return false;
  await sweepOrphans(await db);
  await session.set({ [SWEPT_KEY]: true });
  return true;
}
