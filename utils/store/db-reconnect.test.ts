import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openPostProofDb, openReconnectingDb, whenStoreOpen, type PostProofDb } from './db';

describe('openReconnectingDb', () => {
  it('opens a new connection when the browser terminates the old one, and forwards every call to it', async () => {
    const opened: PostProofDb[] = [];
    let terminate: (() => void) | undefined;
    const open = async (name?: string, onTerminated?: () => void) => {
      const db = await openPostProofDb(name, onTerminated);
      terminate = onTerminated;
      opened.push(db);
      return db;
    };
    const db = await openReconnectingDb('reconnect-terminated', open);
    await db.put('meta', { id: 'probe', value: 1 } as never);
    // What Chromium does after an I/O error: the connection closes under the page, and "terminated" fires.
    opened[0]!.close();
    terminate!();
    await whenStoreOpen(db);
    expect(opened).toHaveLength(2);
    expect(await db.get('meta', 'probe' as never)).toEqual({ id: 'probe', value: 1 });
    await db.put('meta', { id: 'after', value: 2 } as never);
    expect(await opened[1]!.get('meta', 'after' as never)).toEqual({ id: 'after', value: 2 });
  });

  it('reopens when a transaction finds the connection closed, so the next attempt works', async () => {
    const opened: PostProofDb[] = [];
    const open = async (name?: string, onTerminated?: () => void) => {
      const db = await openPostProofDb(name, onTerminated);
      opened.push(db);
      return db;
    };
    const db = await openReconnectingDb('reconnect-closed', open);
    opened[0]!.close();
    expect(() => db.transaction('meta', 'readwrite')).toThrow();
    await whenStoreOpen(db);
    expect(opened).toHaveLength(2);
    const tx = db.transaction('meta', 'readwrite');
    await tx.store.put({ id: 'retry', value: 3 } as never);
    await tx.done;
    expect(await opened[1]!.get('meta', 'retry' as never)).toEqual({ id: 'retry', value: 3 });
  });

  it('fails the next piece of work with the browser’s reason while the store cannot be opened, then recovers', async () => {
    let refuse = false;
    let terminate: (() => void) | undefined;
    const open = async (name?: string, onTerminated?: () => void) => {
      if (refuse) throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
      terminate = onTerminated;
      return openPostProofDb(name, onTerminated);
    };
    const db = await openReconnectingDb('reconnect-refused', open);
    refuse = true;
    terminate!();
    await expect(whenStoreOpen(db)).rejects.toThrow(/backing store/);
    refuse = false;
    await whenStoreOpen(db);
    await db.put('meta', { id: 'back', value: 4 } as never);
    expect(await db.get('meta', 'back' as never)).toEqual({ id: 'back', value: 4 });
  });

  it('is a no-op for a plain connection', async () => {
    await expect(whenStoreOpen(await openPostProofDb('reconnect-plain'))).resolves.toBeUndefined();
  });

  it('gives way to a newer version: an open connection closes instead of blocking its upgrade', async () => {
    const name = 'gives-way';
    const old = await openPostProofDb(name);
    await old.put('meta', { id: 'chain', sequence: 7, lastSha256: 'abc' });
    let blocked = false;
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, DB_VERSION + 1);
      request.onblocked = () => {
        blocked = true;
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(blocked).toBe(false);
    expect(newer.version).toBe(DB_VERSION + 1);
    const head = await new Promise((resolve) => {
      const get = newer.transaction('meta').objectStore('meta').get('chain');
      get.onsuccess = () => resolve(get.result);
    });
    expect(head).toEqual({ id: 'chain', sequence: 7, lastSha256: 'abc' });
    expect(() => old.transaction('meta')).toThrow();
    newer.close();
  });
});
