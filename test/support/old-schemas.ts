// Earlier versions of the IndexedDB schema, frozen as PostProof created them, so migration tests open a store
// written by the previous schema rather than by whatever utils/store/schema.ts and migrations.ts say today.
import { openDB, type IDBPDatabase } from 'idb';

function createV1Stores(db: IDBPDatabase): void {
  const captures = db.createObjectStore('captures', { keyPath: 'id' });
  captures.createIndex('bySequence', 'sequence', { unique: true });
  captures.createIndex('byCapturedAt', 'capturedAt');
  const artifacts = db.createObjectStore('artifacts', { keyPath: ['captureId', 'path'] });
  artifacts.createIndex('byCapture', 'captureId');
  db.createObjectStore('keys', { keyPath: 'id' });
  db.createObjectStore('meta', { keyPath: 'id' });
}

/** Version 1, as PostProof 0.1.0 created it (before timestamps). */
export function openV1(name: string): Promise<IDBPDatabase> {
  return openDB(name, 1, { upgrade: createV1Stores });
}

function createV2Stores(db: IDBPDatabase): void {
  createV1Stores(db);
  const stamps = db.createObjectStore('stamps', { keyPath: ['captureId', 'tsaId'] });
  stamps.createIndex('byState', 'state');
  stamps.createIndex('byCapture', 'captureId');
  db.createObjectStore('tsaChains', { keyPath: 'tsaId' });
  db.createObjectStore('custody', { keyPath: ['captureId', 'index'] }).createIndex('byCapture', 'captureId');
  db.createObjectStore('settings');
}

/** Version 2, as PostProof created it before the dashboard (timestamps, TSA chains, custody, settings). */
export function openV2(name: string): Promise<IDBPDatabase> {
  return openDB(name, 2, { upgrade: createV2Stores });
}

function createV4Stores(db: IDBPDatabase, index: 'searchTerms' | 'searchPostings'): void {
  createV2Stores(db);
  db.createObjectStore('listings', { keyPath: 'id' }).createIndex('byPost', ['platform', 'postId']);
  db.createObjectStore(index, { keyPath: index === 'searchTerms' ? ['term', 'captureId'] : ['term', 'bucket'] });
  db.createObjectStore('cases', { keyPath: 'id' });
  const annotations = db.createObjectStore('annotations', { keyPath: 'captureId' });
  annotations.createIndex('byCase', 'cases', { multiEntry: true });
  annotations.createIndex('byTag', 'tags', { multiEntry: true });
  db.createObjectStore('derived', { keyPath: ['captureId', 'path'] });
}

/** Version 5, as PostProof created it before threads and lists (search postings instead of the v3 term rows). */
export function openV5(name: string): Promise<IDBPDatabase> {
  return openDB(name, 5, { upgrade: (db) => createV4Stores(db, 'searchPostings') });
}

/** Version 4, as PostProof created it before the search postings: the v3 index kept one row per term and capture. */
export function openV4(name: string): Promise<IDBPDatabase> {
  return openDB(name, 4, {
    upgrade(db) {
      createV4Stores(db, 'searchTerms');
    },
  });
}
