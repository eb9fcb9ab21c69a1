// Opening PostProof's IndexedDB store: a plain connection (pages) and one that reconnects after the browser closed
// it (the service worker). The schema is in schema.ts (its names are exported here too), the upgrades in migrations.ts.
import { openDB } from 'idb';
import { upgradePostProofDb } from './migrations';
import { DB_NAME, DB_VERSION, type PostProofDb, type PostProofSchema } from './schema';

export { DB_NAME, DB_VERSION, SETTINGS_KEY, type ChainHead, type PostProofDb, type PostProofSchema, type StoredKey } from './schema';

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
      await upgradePostProofDb(db, oldVersion, tx);
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
