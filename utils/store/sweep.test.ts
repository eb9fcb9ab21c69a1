import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { preservePost } from '../capture/worker/pipeline';
import { getOrCreateInstallKey } from './install-key';
import { openPostProofDb } from './db';
import { sweepOncePerSession, sweepOrphans, sweptCount, SWEPT_KEY } from './sweep';

describe('start-up sweep of orphan rows', () => {
  it('removes artifacts, stamps, custody, listing rows, annotations and derived copies of captures that were never committed, and keeps the rest', async () => {
    const db = await openPostProofDb(`sweep-${crypto.randomUUID()}`);
    const key = await getOrCreateInstallKey(db);
    const made = await preservePost(sampleCaptureRequest('kept flood report'), sampleScreenshot, { db, key, software: 'PostProof 0.0.0-test', fetch });
    if (!made.ok) throw new Error(made.message);
    const before = { artifacts: await db.count('artifacts'), custody: await db.count('custody'), listings: await db.count('listings') };

    const ghost = 'ghost-capture';
    await db.add('artifacts', { captureId: ghost, path: 'media/1.jpg', data: new Uint8Array(10) });
    await db.add('stamps', { captureId: ghost, tsaId: 't', tsaName: 'T', tsaUrl: 'https://tsa.example/', state: 'waiting', attempts: 0, queuedAt: '', nextAttemptAt: 0 });
    await db.add('custody', { captureId: ghost, index: 0, line: '{}' });
    await db.add('listings', { id: ghost, sequence: 999, capturedAt: '', platform: 'x', mediaCount: 0 });
    await db.add('annotations', { captureId: ghost, cases: [], tags: [], note: 'x', updatedAt: '' });
    const entry = { path: `captures/${ghost}/screenshot.annotated.png`, derivedFrom: '', derivedFromSha256: '', method: '' };
    await db.add('derived', { captureId: ghost, path: 'screenshot.annotated.png', fingerprint: '', data: new Blob([]), bytes: 0, sha256: '', crc32: 0, entry });

    const report = await sweepOrphans(db);
    expect(report).toEqual({ artifacts: 1, stamps: 1, custody: 1, listings: 1, annotations: 1, derived: 1 });
    expect(sweptCount(report)).toBe(6);
    expect({ artifacts: await db.count('artifacts'), custody: await db.count('custody'), listings: await db.count('listings') }).toEqual(before);
    expect(sweptCount(await sweepOrphans(db))).toBe(0);
    db.close();
  });

  it('sweeps once per browser session: a second start of the worker leaves rows for the next session', async () => {
    const db = await openPostProofDb(`sweep-${crypto.randomUUID()}`);
    const items: Record<string, unknown> = {};
    const session = { get: async (key: string) => ({ [key]: items[key] }), set: async (more: Record<string, unknown>) => void Object.assign(items, more) };
    await db.add('custody', { captureId: 'ghost', index: 0, line: '{}' });
    expect(await sweepOncePerSession(Promise.resolve(db), session)).toBe(true);
    expect(await db.count('custody')).toBe(0);
    expect(items[SWEPT_KEY]).toBe(true);
    await db.add('custody', { captureId: 'ghost', index: 0, line: '{}' });
    expect(await sweepOncePerSession(Promise.resolve(db), session)).toBe(false);
    expect(await db.count('custody')).toBe(1);
    db.close();
  });
});
