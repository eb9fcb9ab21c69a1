import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { openV1 } from '../../test/support/old-schemas';
import { verifyBundle } from '../formats/bundle';
import { preservePost } from '../capture/worker/pipeline';
import { exportCaptures } from '../export/export';
import { parseCustodyLine } from '../provenance/custody';
import { getOrCreateInstallKey } from './install-key';
import { listCaptures } from './captures';
import { readCustodyLines } from './custody-log';
import { DB_VERSION, openPostProofDb } from './db';
import { readSettings } from './settings';

describe('store upgrade from version 1 to 2', () => {
  it('keeps every v1 capture, starts its custody log, and new captures chain on as before', async () => {
    const name = `migration-${crypto.randomUUID()}`;
    // A v1 store holding what the capture pipeline writes (its capture, artifact, key and chain-head rows are
    // unchanged in v2): captures made by the pipeline, copied row by row into a store with the v1 schema.
    const source = await openPostProofDb(`${name}-source`);
    const key = await getOrCreateInstallKey(source);
    for (const text of ['first before the upgrade', 'second before the upgrade']) {
      const made = await preservePost(sampleCaptureRequest(text), sampleScreenshot, { db: source, key, software: 'PostProof 0.1.0', fetch });
      if (!made.ok) throw new Error(made.message);
    }
    const v1 = await openV1(name);
    for (const store of ['captures', 'artifacts', 'keys', 'meta'] as const) {
      for (const row of await source.getAll(store)) await v1.add(store, row);
    }
    const written = { ids: (await listCaptures(source)).map((c) => c.id).reverse(), keyId: key.keyId };
    source.close();
    v1.close();

    const db = await openPostProofDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'artifacts', 'captures', 'cases', 'custody', 'derived', 'keys', 'listItems', 'listings', 'lists', 'meta', 'searchPostings', 'settings', 'stamps', 'threads', 'tsaChains']);
    const kept = await listCaptures(db);
    expect(kept.map((c) => c.id)).toEqual([...written.ids].reverse());
    expect((await getOrCreateInstallKey(db)).keyId).toBe(written.keyId);
    for (const capture of kept) {
      const [line, ...more] = await readCustodyLines(db, capture.id);
      expect(more).toEqual([]);
      expect(parseCustodyLine(line!)).toMatchObject({ event: 'captured', index: 0, at: capture.capturedAt, details: { recordSha256: capture.recordSha256 } });
    }
    expect((await readSettings(db)).timestamping.enabled).toBe(false);

    const result = await preservePost(sampleCaptureRequest('after the upgrade'), sampleScreenshot, {
      db,
      key: await getOrCreateInstallKey(db),
      software: 'PostProof 0.0.0-test',
      fetch,
    });
    if (!result.ok) throw new Error(result.message);
    const all = await listCaptures(db);
    expect(all[0]).toMatchObject({ id: result.captureId, sequence: written.ids.length + 1 });

    const { bytes } = await exportCaptures(db, all.map((c) => c.id), { version: '0.0.0-test' });
    const report = await verifyBundle(bytes);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.filter((c) => c.check === 'sequence-chain').every((c) => c.ok && !c.note)).toBe(true);
  });
});
