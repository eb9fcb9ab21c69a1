// The IndexedDB schema of PostProof (idb): captures, their artifact bytes, the install key, the chain head, and
// (version 2) the timestamps with their retry queue, the TSAs' certificates, the custody log and the settings;
// (version 3) the dashboard's listings, the full-text index, cases and annotations; (version 4) derived copies;
// (version 5) the full-text index as postings, one row per term and bucket of captures instead of one per pair.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { CaptureAnnotation, CaptureListing, CaseRecord, Settings, StoredArtifact, StoredCapture, StoredCustodyLine, StoredDerivedCopy, StoredStamp, StoredTsaChain } from '../model';
import { custodyLine } from '../provenance/custody';
import { listingOf, PostingsBuilder, type SearchPosting } from './capture-index';

export const DB_NAME = 'postproof';
export const DB_VERSION = 5;

/** The install's signing key, kept as non-extractable CryptoKey objects (structured clone). */
export interface StoredKey {
  id: 'install';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  spki: Uint8Array;
  keyId: string;
  createdAt: string;
}

/** Head of the per-install sequence chain: the last committed capture. */
export interface ChainHead {
  id: 'chain';
  sequence: number;
  lastSha256: string | null;
}

export const SETTINGS_KEY = 'settings';

export interface PostProofSchema extends DBSchema {
  captures: { key: string; value: StoredCapture; indexes: { bySequence: number; byCapturedAt: string } };
  artifacts: { key: [string, string]; value: StoredArtifact; indexes: { byCapture: string } };
  keys: { key: string; value: StoredKey };
  meta: { key: string; value: ChainHead };
  /** One row per capture and TSA; the rows in state `waiting` are the retry queue. */
  stamps: { key: [string, string]; value: StoredStamp; indexes: { byState: string; byCapture: string } };
  tsaChains: { key: string; value: StoredTsaChain };
  /** Append-only: rows are added, never changed or deleted. */
  custody: { key: [string, number]; value: StoredCustodyLine; indexes: { byCapture: string } };
  settings: { key: string; value: Settings };
  /** One row per capture, written with it (see capture-index.ts); `byPost` finds a post captured before. */
  listings: { key: string; value: CaptureListing; indexes: { byPost: [string, string] } };
  /** The full-text index: one row per folded term and bucket of sequence numbers; prefix queries are key ranges. */
  searchPostings: { key: [string, number]; value: SearchPosting };
  cases: { key: string; value: CaseRecord };
  /** Notes, tags and cases of a capture: outside the signed record. */
  annotations: { key: string; value: CaptureAnnotation; indexes: { byCase: string; byTag: string } };
  /** Files made from a capture's files for export (the annotated screenshot), kept so an export need not redraw them. */
  derived: { key: [string, string]; value: StoredDerivedCopy };
}

export type PostProofDb = IDBPDatabase<PostProofSchema>;
type UpgradeTransaction = IDBPTransaction<PostProofSchema, StoreNames<PostProofSchema>[], 'versionchange'>;

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

export function openPostProofDb(name: string = DB_NAME, onTerminated?: () => void): Promise<PostProofDb> {
  return openDB<PostProofSchema>(name, DB_VERSION, {
    ...(onTerminated ? { terminated: onTerminated } : {}),
    // A newer build wants to upgrade the store: this connection (of an older build's page or worker, left open) must
    // not hold it up, or the new build's pages would wait on "Loading…" for good. Closing lets any transaction
    // still running finish first; work after it reopens, and finds the newer version.
    blocking(_current, _wanted, event) {
      (event.target as IDBDatabase).close();
      onTerminated?.();
    },
    async upgrade(db, oldVersion, _newVersion, tx) {
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
    },
  });
}

/** A connection the browser closed: Chromium closes it after an I/O error ("Connection is closing because of: IO error"). */
function isClosedConnection(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'InvalidStateError' || /connection is clos/i.test(error.message));
}

const READY = Symbol('postproof.db.ready');

/**
 * The store for code that lives as long as the service worker. After an I/O error (a full disk) Chromium closes the
 * connection and every later transaction on it fails, so the capture after space was freed would fail too until the
 * extension restarted. This handle notes when its connection is terminated (or found closed), forwards every call to
 * the newest connection, and `whenStoreOpen` opens a new one before the next piece of work (failing, with the
 * browser's reason, while the disk is still full).
 */
export async function openReconnectingDb(name: string = DB_NAME, open: typeof openPostProofDb = openPostProofDb): Promise<PostProofDb> {
  let closed = false;
  let reopening: Promise<void> | undefined;
  const markClosed = () => {
    closed = true;
  };
  const reopen = (): Promise<void> =>
    (reopening ??= open(name, markClosed).then(
      (db) => {
        current = db;
        closed = false;
        reopening = undefined;
      },
      (error: unknown) => {
        reopening = undefined;
        throw error;
      },
    ));
  let current = await open(name, markClosed);
  const ready = () => (closed ? reopen() : Promise.resolve());
  return new Proxy({} as PostProofDb, {
    get(_target, property) {
      if (property === READY) return ready;
      const value = Reflect.get(current, property, current) as unknown;
      if (typeof value !== 'function') return value;
      if (property !== 'transaction') return (value as (...args: unknown[]) => unknown).bind(current);
      return (...args: unknown[]) => {
        try {
          return (value as (...a: unknown[]) => unknown).apply(current, args);
        } catch (error) {
          if (isClosedConnection(error)) markClosed();
          throw error;
        }
      };
    },
  });
}

/** Before a piece of work: a handle from openReconnectingDb whose connection was closed opens a new one. */
export async function whenStoreOpen(db: PostProofDb): Promise<void> {
  const ready = (db as unknown as Record<symbol, (() => Promise<void>) | undefined>)[READY];
  if (ready) await ready();
}
