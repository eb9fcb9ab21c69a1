import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { describe, expect, it } from 'vitest';
import { openV1, openV2, openV4, openV5 } from '../../test/support/old-schemas';
import { DB_VERSION, openPostProofDb } from './db';

/** Every store of a database with its key path and indexes, as the browser reports them. */
function shapeOf(db: IDBPDatabase<unknown>): Record<string, unknown> {
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names);
  return Object.fromEntries(
    names.map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((index) => {
        const { keyPath, unique, multiEntry } = store.index(index);
        return { index, keyPath, unique, multiEntry };
      });
      return [name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes }];
    }),
  );
}

/** Version 6 as PostProof has created it since threads and lists: the stores, keys and indexes, frozen. */
const VERSION_6 = {
  annotations: {
    keyPath: 'captureId',
    autoIncrement: false,
    indexes: [
      { index: 'byCase', keyPath: 'cases', unique: false, multiEntry: true },
      { index: 'byTag', keyPath: 'tags', unique: false, multiEntry: true },
    ],
  },
  artifacts: { keyPath: ['captureId', 'path'], autoIncrement: false, indexes: [{ index: 'byCapture', keyPath: 'captureId', unique: false, multiEntry: false }] },
  captures: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: [
      { index: 'byCapturedAt', keyPath: 'capturedAt', unique: false, multiEntry: false },
      { index: 'bySequence', keyPath: 'sequence', unique: true, multiEntry: false },
    ],
  },
  cases: { keyPath: 'id', autoIncrement: false, indexes: [] },
  custody: { keyPath: ['captureId', 'index'], autoIncrement: false, indexes: [{ index: 'byCapture', keyPath: 'captureId', unique: false, multiEntry: false }] },
  derived: { keyPath: ['captureId', 'path'], autoIncrement: false, indexes: [] },
  keys: { keyPath: 'id', autoIncrement: false, indexes: [] },
  listings: {
    keyPath: 'id',
    autoIncrement: false,
    indexes: [
      { index: 'byAuthor', keyPath: ['platform', 'authorHandle'], unique: false, multiEntry: false },
      { index: 'byLinkedFrom', keyPath: 'linkedFrom', unique: false, multiEntry: false },
      { index: 'byPost', keyPath: ['platform', 'postId'], unique: false, multiEntry: false },
    ],
  },
  listItems: { keyPath: ['listId', 'index'], autoIncrement: false, indexes: [{ index: 'byOutcome', keyPath: ['listId', 'outcome'], unique: false, multiEntry: false }] },
  lists: { keyPath: 'id', autoIncrement: false, indexes: [] },
  meta: { keyPath: 'id', autoIncrement: false, indexes: [] },
  searchPostings: { keyPath: ['term', 'bucket'], autoIncrement: false, indexes: [] },
  settings: { keyPath: null, autoIncrement: false, indexes: [] },
  stamps: {
    keyPath: ['captureId', 'tsaId'],
    autoIncrement: false,
    indexes: [
      { index: 'byCapture', keyPath: 'captureId', unique: false, multiEntry: false },
      { index: 'byState', keyPath: 'state', unique: false, multiEntry: false },
    ],
  },
  threads: { keyPath: 'id', autoIncrement: false, indexes: [{ index: 'byMember', keyPath: 'memberIds', unique: false, multiEntry: true }] },
  tsaChains: { keyPath: 'tsaId', autoIncrement: false, indexes: [] },
};

describe('the store migrations', () => {
  it('make a new install’s store at the current version with the frozen version 6 shape', async () => {
    const db = await openPostProofDb(`fresh-${crypto.randomUUID()}`);
    expect(db.version).toBe(DB_VERSION);
    expect(shapeOf(db as unknown as IDBPDatabase<unknown>)).toEqual(VERSION_6);
    db.close();
  });

  it.each([
    ['1', openV1],
    ['2', openV2],
    ['4', openV4],
    ['5', openV5],
  ])('bring an empty version %s store to the very same shape', async (_version, openOld) => {
    const name = `upgrade-${crypto.randomUUID()}`;
    (await openOld(name)).close();
    const db = await openPostProofDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(shapeOf(db as unknown as IDBPDatabase<unknown>)).toEqual(VERSION_6);
    db.close();
  });
});
