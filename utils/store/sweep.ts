// Start-up sweep: removes rows that belong to no capture (artifacts, stamps, custody lines, index rows, annotations).
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
}

/** Deletes every row whose capture id has no row in `captures`, in one transaction; returns how many went. */
export async function sweepOrphans(db: PostProofDb): Promise<SweepReport> {
  const tx = db.transaction(['captures', 'artifacts', 'stamps', 'custody', 'listings', 'searchTerms', 'annotations'], 'readwrite');
  const known = new Set(await tx.objectStore('captures').getAllKeys());
  const report: SweepReport = { artifacts: 0, stamps: 0, custody: 0, listings: 0, searchTerms: 0, annotations: 0 };
  // Keys only (never the artifacts' bytes): the capture id is the first part of each compound key, or the key itself.
  const sweep = async (name: keyof SweepReport, idOf: (key: IDBValidKey) => unknown) => {
    const store = tx.objectStore(name);
    for (const key of await store.getAllKeys()) {
      if (known.has(idOf(key) as string)) continue;
      await store.delete(key as never);
      report[name]++;
    }
  };
  const first = (key: IDBValidKey) => (key as unknown[])[0];
  await sweep('artifacts', first);
  await sweep('stamps', first);
  await sweep('custody', first);
  await sweep('listings', (key) => key);
  await sweep('searchTerms', (key) => (key as unknown[])[1]);
  await sweep('annotations', (key) => key);
  await tx.done;
  return report;
}

export function sweptCount(report: SweepReport): number {
  return Object.values(report).reduce((sum, n) => sum + n, 0);
}
