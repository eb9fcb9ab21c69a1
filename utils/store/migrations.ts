// The IndexedDB migrations: from any earlier version (none, for a new install) to DB_VERSION, inside the upgrade
// transaction. (Version 1) captures, their artifact bytes, the install key, the chain head; (version 2) the timestamps
// with their retry queue, the TSAs' certificates, the custody log and the settings; (version 3) the dashboard's
// listings, the full-text index, cases and annotations; (version 4) derived copies; (version 5) the full-text index
// as postings, one row per term and bucket of captures instead of one per pair; (version 6) threads, URL lists, and
// the listings' indexes by author and by the capture a capture was made from (profiles, quoted posts).
import type { IDBPDatabase } from 'idb';
import { custodyLine } from '../provenance/custody';
import { listingOf, PostingsBuilder } from './capture-index';
import type { PostProofDb, UpgradeTransaction } from './schema';

/** Brings a store opened at `oldVersion` to DB_VERSION (called by openPostProofDb's upgrade). */
export async function upgradePostProofDb(db: PostProofDb, oldVersion: number, tx: UpgradeTransaction): Promise<void> {
  if (oldVersion < 1) {
    const captures = db.createObjectStore('captures', { keyPath: 'id' });
    captures.createIndex('bySequence', 'sequence', { unique: true });
    captures.createIndex('byCapturedAt', 'capturedAt');
    const artifacts = db.createObjectStore('artifacts', { keyPath: ['captureId', 'path'] });
    artifacts.createIndex('byCapture', 'captureId');
    db.createObjectStore('keys', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'id' });
  }
  if (oldVersion < 2) await upgradeToV2(db, tx);
  if (oldVersion < 3) await upgradeToV3(db, tx);
  // Version 4: derived copies, made again as needed (nothing to fill).
  if (oldVersion < 4) db.createObjectStore('derived', { keyPath: ['captureId', 'path'] });
  if (oldVersion < 5) await upgradeToV5(db, tx, oldVersion);
  if (oldVersion < 6) upgradeToV6(db, tx);
}

/** Version 6: nothing to fill (no earlier capture is a profile, a linked capture or a thread member). */
function upgradeToV6(db: PostProofDb, tx: UpgradeTransaction): void {
  const threads = db.createObjectStore('threads', { keyPath: 'id' });
  threads.createIndex('byMember', 'memberIds', { multiEntry: true });
  db.createObjectStore('lists', { keyPath: 'id' });
  const items = db.createObjectStore('listItems', { keyPath: ['listId', 'index'] });
  items.createIndex('byOutcome', ['listId', 'outcome']);
  const listings = tx.objectStore('listings');
  listings.createIndex('byAuthor', ['platform', 'authorHandle']);
  listings.createIndex('byLinkedFrom', 'linkedFrom');
}

/**
 * Version 2 keeps every v1 row as it is and starts each existing capture's custody log with its "captured" event,
 * marked as written at the upgrade (the capture time itself comes from the signed record).
 */
async function upgradeToV2(db: PostProofDb, tx: UpgradeTransaction): Promise<void> {
  const stamps = db.createObjectStore('stamps', { keyPath: ['captureId', 'tsaId'] });
  stamps.createIndex('byState', 'state');
  stamps.createIndex('byCapture', 'captureId');
  db.createObjectStore('tsaChains', { keyPath: 'tsaId' });
  db.createObjectStore('custody', { keyPath: ['captureId', 'index'] }).createIndex('byCapture', 'captureId');
  db.createObjectStore('settings');
  const upgradedAt = new Date().toISOString();
  const custody = tx.objectStore('custody');
  for (let cursor = await tx.objectStore('captures').openCursor(); cursor; cursor = await cursor.continue()) {
    const capture = cursor.value;
    const line = custodyLine({
      captureId: capture.id,
      index: 0,
      event: 'captured',
      at: capture.capturedAt,
      previousSha256: null,
      details: { recordSha256: capture.recordSha256, loggedAt: upgradedAt, note: 'Logged when PostProof’s store was upgraded; the capture was made earlier, at “at”.' },
    });
    await custody.add({ captureId: capture.id, index: 0, line });
  }
}

/** Version 3 adds the dashboard's stores and fills the listings from every existing record (the index: version 5). */
async function upgradeToV3(db: PostProofDb, tx: UpgradeTransaction): Promise<void> {
  const listings = db.createObjectStore('listings', { keyPath: 'id' });
  listings.createIndex('byPost', ['platform', 'postId']);
  db.createObjectStore('cases', { keyPath: 'id' });
  const annotations = db.createObjectStore('annotations', { keyPath: 'captureId' });
  annotations.createIndex('byCase', 'cases', { multiEntry: true });
  annotations.createIndex('byTag', 'tags', { multiEntry: true });
  for (let cursor = await tx.objectStore('captures').openCursor(); cursor; cursor = await cursor.continue()) {
    await tx.objectStore('listings').put(listingOf(cursor.value));
  }
}

/**
 * Version 5 replaces version 3's index (one row per term and capture, `searchTerms`) by postings, made again from
 * every capture's text, author name and handle. The captures are read in slices: their rows hold the signed records.
 */
async function upgradeToV5(db: PostProofDb, tx: UpgradeTransaction, oldVersion: number): Promise<void> {
  if (oldVersion >= 3) (db as unknown as IDBPDatabase).deleteObjectStore('searchTerms');
  db.createObjectStore('searchPostings', { keyPath: ['term', 'bucket'] });
  const captures = tx.objectStore('captures');
  const postings = new PostingsBuilder();
  for (let after: string | undefined; ; ) {
    const slice = await captures.getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), UPGRADE_SLICE);
    for (const capture of slice) postings.add(capture);
    if (slice.length < UPGRADE_SLICE) break;
    after = slice[slice.length - 1]!.id;
  }
  await postings.write(tx);
}

const UPGRADE_SLICE = 500;
