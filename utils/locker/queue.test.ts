import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { allRows, dueRows, enqueue, getRow, lockerSummaries, nextDue, openLockerQueue, putRow, requeuePushing } from './queue';
import type { LockerRow } from './queue-types';

let serial = 0;
const open = () => openLockerQueue(`locker-queue-test-${++serial}`);
const T0 = new Date('2026-12-06T10:00:00Z');

function row(captureId: string, fields: Partial<LockerRow> = {}): LockerRow {
  return { captureId, state: 'queued', queuedAt: T0.toISOString(), updatedAt: T0.toISOString(), attempts: 0, nextAttemptAt: T0.getTime(), ...fields };
}

describe('locker queue', () => {
  it('opens its own database: rows keyed by capture id with a state and a due index, and the folders apart', async () => {
    const db = await open();
    expect([...db.objectStoreNames]).toEqual(['rows', 'sources']);
    const tx = db.transaction('rows');
    expect(tx.store.keyPath).toBe('captureId');
    expect([...tx.store.indexNames]).toEqual(['due', 'state']);
    await putRow(db, row('a'));
    expect((await getRow(db, 'a'))?.state).toBe('queued');
    db.close();
  });

  it('enqueues new ids, skips locked, re-queues failed with attempts reset, leaves queued and pushing alone', async () => {
    const db = await open();
    await putRow(db, row('locked', { state: 'locked', lockedUntil: '2030-01-01T00:00:00Z' }));
    await putRow(db, row('failed', { state: 'failed', attempts: 8, error: 'no', nextAttemptAt: 5, folder: 'f/' }));
    await putRow(db, row('waiting', { attempts: 2, nextAttemptAt: T0.getTime() + 60_000, error: 'slow down' }));
    await putRow(db, row('pushing', { state: 'pushing', attempts: 1 }));
    const later = new Date(T0.getTime() + 1000);
    const queued = await enqueue(db, ['new', 'new', 'locked', 'failed', 'waiting', 'pushing'], later);
    expect(queued).toBe(4);
    expect(await getRow(db, 'new')).toEqual(row('new', { queuedAt: later.toISOString(), updatedAt: later.toISOString(), nextAttemptAt: later.getTime() }));
    expect((await getRow(db, 'locked'))?.state).toBe('locked');
    const failed = await getRow(db, 'failed');
    expect(failed).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: later.getTime(), folder: 'f/' });
    expect(failed?.error).toBeUndefined();
    expect(await getRow(db, 'waiting')).toMatchObject({ attempts: 2, nextAttemptAt: T0.getTime() + 60_000, error: 'slow down' });
    expect((await getRow(db, 'pushing'))?.state).toBe('pushing');
    expect(await allRows(db)).toHaveLength(5);
    db.close();
  });

  it('gives due rows earliest due first (then oldest), up to a limit, and the earliest due time', async () => {
    const db = await open();
    const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000).toISOString();
    await putRow(db, row('c', { queuedAt: at(3) }));
    await putRow(db, row('a', { queuedAt: at(1), state: 'pushing' }));
    await putRow(db, row('b', { queuedAt: at(2), nextAttemptAt: T0.getTime() + 10_000 }));
    await putRow(db, row('d', { queuedAt: at(0), state: 'failed' }));
    await putRow(db, row('e', { queuedAt: at(0), state: 'locked' }));
    expect((await dueRows(db, T0.getTime(), 10)).map((r) => r.captureId)).toEqual(['a', 'c']);
    expect((await dueRows(db, T0.getTime() + 10_000, 2)).map((r) => r.captureId)).toEqual(['a', 'c']);
    expect((await dueRows(db, T0.getTime() + 10_000, 3)).map((r) => r.captureId)).toEqual(['a', 'c', 'b']);
    expect(await nextDue(db)).toBe(T0.getTime());
    await putRow(db, row('a', { state: 'locked' }));
    await putRow(db, row('c', { state: 'locked' }));
    expect(await nextDue(db)).toBe(T0.getTime() + 10_000);
    await putRow(db, row('b', { state: 'failed' }));
    expect(await nextDue(db)).toBeUndefined();
    db.close();
  });

  it('summarises each capture for the dashboard, pushing shown as queued', async () => {
    const db = await open();
    await putRow(db, row('a', { state: 'pushing' }));
    await putRow(db, row('b', { state: 'locked', lockedUntil: '2030-01-01T00:00:00Z' }));
    await putRow(db, row('c', { state: 'failed', error: 'A different object already sits there.' }));
    const summaries = await lockerSummaries(db);
    expect(Object.fromEntries(summaries)).toEqual({
      a: { state: 'queued' },
      b: { state: 'locked', lockedUntil: '2030-01-01T00:00:00Z' },
      c: { state: 'failed', error: 'A different object already sits there.' },
    });
    db.close();
  });

  it('puts rows a killed worker left pushing back in the queue, due now', async () => {
    const db = await open();
    await putRow(db, row('a', { state: 'pushing', nextAttemptAt: 0, attempts: 3 }));
    await putRow(db, row('b', { state: 'locked' }));
    const later = new Date(T0.getTime() + 5000);
    expect(await requeuePushing(db, later)).toBe(1);
    expect(await getRow(db, 'a')).toMatchObject({ state: 'queued', attempts: 3, nextAttemptAt: later.getTime() });
    expect((await getRow(db, 'b'))?.state).toBe('locked');
    db.close();
  });
});
