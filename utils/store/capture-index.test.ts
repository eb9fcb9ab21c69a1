import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import type { StoredCapture, StoredStamp } from './rows';
import { getOrCreateInstallKey } from './install-key';
import { createCase, listAnnotations, listCases, saveAnnotation } from './annotations';
import { indexCaptureInTransaction, listListings, newestListings, POSTING_BUCKET, stampStatesByCapture } from './capture-index';
import { openPostProofDb } from './db';
import { searchCaptures } from './search';

async function storeWith(count: number) {
  const db = await openPostProofDb(`capture-index-${crypto.randomUUID()}`);
  const key = await getOrCreateInstallKey(db);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const made = await preservePost(sampleCaptureRequest(`post number ${i}`), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch });
    if (!made.ok) throw new Error(made.message);
    ids.push(made.captureId);
  }
  return { db, ids };
}

function stamp(captureId: string, tsaId: string, state: StoredStamp['state']): StoredStamp {
  return { captureId, tsaId, tsaName: tsaId, tsaUrl: `https://${tsaId}.example/`, state, attempts: 0, queuedAt: '2026-01-01T00:00:00.000Z' };
}

describe('newestListings', () => {
  it('reads the newest rows first, with the same rows, annotations and stamp states as the full read', async () => {
    const { db, ids } = await storeWith(5);
    const flood = await createCase(db, 'Flood');
    await createCase(db, 'Another');
    await saveAnnotation(db, ids[4]!, { cases: [flood.id], tags: ['urgent'], note: '' });
    await saveAnnotation(db, ids[0]!, { cases: [], tags: ['old'], note: '' });
    await db.put('stamps', stamp(ids[4]!, 'a', 'stamped'));
    await db.put('stamps', stamp(ids[4]!, 'b', 'waiting'));
    await db.put('stamps', stamp(ids[3]!, 'a', 'failed'));
    await db.put('stamps', stamp(ids[0]!, 'a', 'stamped'));

    const newest = await newestListings(db, 3);
    const all = await listListings(db);
    expect(newest.total).toBe(5);
    expect(newest.listings).toEqual(all.slice(0, 3));
    expect(newest.listings.map((row) => row.id)).toEqual([ids[4], ids[3], ids[2]]);
    // Only the rows read: their annotations and states, as the full read gives them.
    const allStates = await stampStatesByCapture(db);
    expect([...newest.stampStates]).toEqual([[ids[4], 'waiting'], [ids[3], 'failed']]);
    expect(newest.stampStates.get(ids[4]!)).toBe(allStates.get(ids[4]!));
    expect([...newest.annotations.keys()]).toEqual([ids[4]]);
    expect(newest.annotations.get(ids[4]!)).toEqual((await listAnnotations(db)).get(ids[4]!));
    expect(newest.cases).toEqual(await listCases(db));
  });

  it('gives every row when the limit is above the count, and nothing for an empty store', async () => {
    const { db, ids } = await storeWith(2);
    const newest = await newestListings(db, 40);
    expect(newest.listings.map((row) => row.id)).toEqual([ids[1], ids[0]]);
    expect(newest.total).toBe(2);

    const empty = await openPostProofDb(`capture-index-${crypto.randomUUID()}`);
    expect(await newestListings(empty, 40)).toEqual({ listings: [], annotations: new Map(), stampStates: new Map(), cases: [], total: 0 });
  });

  it('reaches past the gap at 0 between own captures (1, 2, …) and imported ones (−1, −2, …)', async () => {
    const { db, ids } = await storeWith(2);
    const imported = ['imported-1', 'imported-2', 'imported-3'];
    for (const [n, id] of imported.entries()) {
      const row = { id, sequence: -(n + 1), capturedAt: '2025-01-01T00:00:00.000Z', platform: 'x', mediaCount: 0 };
      await db.put('captures', row as never);
      await db.put('listings', row as never);
    }
    const newest = async (limit: number) => (await newestListings(db, limit)).listings.map((row) => row.id);
    expect(await newest(1)).toEqual([ids[1]]);
    expect(await newest(4)).toEqual([ids[1], ids[0], 'imported-1', 'imported-2']);
    expect(await newest(40)).toEqual([ids[1], ids[0], ...imported]);
    expect(await newest(40)).toEqual((await listListings(db)).map((row) => row.id));
    expect((await newestListings(db, 1)).total).toBe(5);
  });
});

describe('listListings', () => {
  it('reads every row in slices, newest first, whatever the slice size', async () => {
    const { db, ids } = await storeWith(5);
    const newestFirst = [...ids].reverse();
    for (const slice of [1, 2, 5, 6]) expect((await listListings(db, slice)).map((row) => row.id)).toEqual(newestFirst);
  });
});

describe('search postings', () => {
  it('finds captures across buckets, own (1, 2, …) and imported (−1, −2, …), and appends to a term’s row', async () => {
    const db = await openPostProofDb(`postings-${crypto.randomUUID()}`);
    const sequences = [1, POSTING_BUCKET - 1, POSTING_BUCKET, 5 * POSTING_BUCKET + 3, -1, -2 * POSTING_BUCKET];
    for (const sequence of sequences) {
      const capture = { id: `c${sequence}`, sequence, capturedAt: '2026-01-01T00:00:00.000Z', platform: 'x', recordBytes: new TextEncoder().encode('{}'), text: `common report number${sequence}` } as unknown as StoredCapture;
      const tx = db.transaction(['listings', 'searchPostings'], 'readwrite');
      await indexCaptureInTransaction(tx, capture);
      await tx.done;
    }
    expect(await searchCaptures(db, 'common')).toEqual(new Set(sequences));
    expect(await searchCaptures(db, `number${5 * POSTING_BUCKET + 3}`)).toEqual(new Set([5 * POSTING_BUCKET + 3]));
    expect(await searchCaptures(db, 'number-')).toEqual(new Set(sequences));
    expect(await searchCaptures(db, 'report absent')).toEqual(new Set());
    expect(await searchCaptures(db, '  ')).toBeNull();
    // Buckets 0, 1, 5, −1 and −2: the first two captures share a row.
    const rows = await db.getAll('searchPostings', IDBKeyRange.bound(['common'], ['common', []]));
    expect(rows.map((row) => [row.bucket, [...row.sequences]])).toEqual([
      [-2, [-2 * POSTING_BUCKET]],
      [-1, [-1]],
      [0, [1, POSTING_BUCKET - 1]],
      [1, [POSTING_BUCKET]],
      [5, [5 * POSTING_BUCKET + 3]],
    ]);
    db.close();
  });
});
