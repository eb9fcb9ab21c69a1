// The locker queue: one row per capture on its way to the team's S3 locker, in a database of its own
// (`postproof-locker`), so the evidence store needs no migration for it and its export never carries locker state.
// The worker drives it (locker-background.ts); pages read it for the dashboard's locker column (lockerSummaries).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { lockerRowState, type LockerQueueState, type LockerRow, type LockerRowState } from './queue-types';

export const LOCKER_DB_NAME = 'postproof-locker';
export const LOCKER_DB_VERSION = 1;

export interface LockerSchema extends DBSchema {
  /** Small rows only (the dashboard reads them all): a row's folder bytes are in `sources`. */
  rows: { key: string; value: LockerRow; indexes: { state: LockerQueueState; due: [LockerQueueState, number] } };
  /** The folder a row was built with, as one stored ZIP, by capture id: kept apart so saving a row's progress after each file never writes it again. */
  sources: { key: string; value: Blob };
}

export type LockerDb = IDBPDatabase<LockerSchema>;

export function openLockerQueue(name: string = LOCKER_DB_NAME): Promise<LockerDb> {
  return openDB<LockerSchema>(name, LOCKER_DB_VERSION, {
    // A newer build wants to upgrade: let it (this connection's work reopens and finds the newer version).
    blocking(_current, _wanted, event) {
      (event.target as IDBDatabase).close();
    },
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const rows = db.createObjectStore('rows', { keyPath: 'captureId' });
        rows.createIndex('state', 'state');
        rows.createIndex('due', ['state', 'nextAttemptAt']);
        db.createObjectStore('sources');
      }
    },
  });
}

export function getRow(db: LockerDb, captureId: string): Promise<LockerRow | undefined> {
  return db.get('rows', captureId);
}

export async function putRow(db: LockerDb, row: LockerRow): Promise<void> {
  await db.put('rows', row);
}

export function allRows(db: LockerDb): Promise<LockerRow[]> {
  return db.getAll('rows');
}

/** Rows waiting to be pushed (rows the queue is pushing too), the oldest first. */
async function waitingRows(db: LockerDb): Promise<LockerRow[]> {
  const tx = db.transaction('rows');
  const [queued, pushing] = await Promise.all([tx.store.index('state').getAll('queued'), tx.store.index('state').getAll('pushing'), tx.done]);
  return [...queued, ...pushing].sort((a, b) => (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0));
}

/**
 * Queued or pushing rows due at `nowMs`, at most `limit`, the earliest due first: read through the `due` index, so a
 * queue of 10,000 captures is not read whole for each one pushed.
 */
export async function dueRows(db: LockerDb, nowMs: number, limit: number): Promise<LockerRow[]> {
  const tx = db.transaction('rows');
  const index = tx.store.index('due');
  const upTo = Number.isFinite(nowMs) ? nowMs : Number.MAX_VALUE;
  const count = Number.isFinite(limit) ? limit : undefined;
  const [queued, pushing] = await Promise.all([
    index.getAll(IDBKeyRange.bound(['queued', -Infinity], ['queued', upTo]), count),
    index.getAll(IDBKeyRange.bound(['pushing', -Infinity], ['pushing', upTo]), count),
  ]);
  await tx.done;
  return [...queued, ...pushing].sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || (a.queuedAt < b.queuedAt ? -1 : a.queuedAt > b.queuedAt ? 1 : 0)).slice(0, limit);
}

/** The folder a row was built with. */
export function getSource(db: LockerDb, captureId: string): Promise<Blob | undefined> {
  return db.get('sources', captureId);
}

export async function putSource(db: LockerDb, captureId: string, source: Blob): Promise<void> {
  await db.put('sources', source, captureId);
}

/** Once every object is locked, the bytes are in the locker: the local copy goes. */
export async function deleteSource(db: LockerDb, captureId: string): Promise<void> {
  await db.delete('sources', captureId);
}

/** When the earliest waiting row is due (epoch ms), or undefined when nothing waits. */
export async function nextDue(db: LockerDb): Promise<number | undefined> {
  const times = (await waitingRows(db)).map((row) => row.nextAttemptAt);
  return times.length ? Math.min(...times) : undefined;
}

export interface LockerSummary {
  state: LockerRowState;
  lockedUntil?: string;
  error?: string;
}

/** Each capture's locker state for the dashboard, by capture id (captures without a row are absent: `none`). */
export async function lockerSummaries(db: LockerDb): Promise<Map<string, LockerSummary>> {
  const summaries = new Map<string, LockerSummary>();
  for (const row of await allRows(db)) {
    summaries.set(row.captureId, {
      state: lockerRowState(row),
      ...(row.lockedUntil ? { lockedUntil: row.lockedUntil } : {}),
      ...(row.error ? { error: row.error } : {}),
    });
  }
  return summaries;
}

/**
 * Puts captures in the queue, due now. Locked ones are skipped; failed ones are queued again with their attempts
 * reset (keeping the folder they were built with, whose objects may already be in the locker); queued and pushing
 * ones are left as they are. Returns how many of the ids wait in the queue after the call.
 */
export async function enqueue(db: LockerDb, captureIds: readonly string[], now: Date): Promise<number> {
  const tx = db.transaction('rows', 'readwrite');
  const at = now.toISOString();
  let queued = 0;
  for (const captureId of new Set(captureIds)) {
    const row = await tx.store.get(captureId);
    if (row?.state === 'locked') continue;
    queued++;
    if (!row) {
      await tx.store.put({ captureId, state: 'queued', queuedAt: at, updatedAt: at, attempts: 0, nextAttemptAt: now.getTime() });
    } else if (row.state === 'failed') {
      const { error: _error, ...rest } = row;
      await tx.store.put({ ...rest, state: 'queued', attempts: 0, nextAttemptAt: now.getTime(), updatedAt: at });
    }
  }
  await tx.done;
  return queued;
}

/** Rows a killed worker left in `pushing` go back to `queued`, due now. Returns how many. */
export async function requeuePushing(db: LockerDb, now: Date): Promise<number> {
  const tx = db.transaction('rows', 'readwrite');
  const rows = await tx.store.index('state').getAll('pushing');
  for (const row of rows) await tx.store.put({ ...row, state: 'queued', nextAttemptAt: now.getTime(), updatedAt: now.toISOString() });
  await tx.done;
  return rows.length;
}
