import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/pipeline';
import type { StoredStamp } from '../model';
import { getOrCreateInstallKey } from '../provenance/install-key';
import { createCase, listAnnotations, listCases, saveAnnotation } from './annotations';
import { listListings, newestListings, stampStatesByCapture } from './capture-index';
import { openPostProofDb } from './db';

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
