import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { sampleCaptureRequest, sampleScreenshot } from '../../test/support/capture-request';
import { openV4 } from '../../test/support/old-schemas';
import { searchIds } from '../../test/support/search-ids';
import { preservePost } from '../capture/worker/pipeline';
import { getOrCreateInstallKey } from './install-key';
import { captureTerms } from './capture-index';
import { openPostProofDb } from './db';

const V4_STORES = ['captures', 'artifacts', 'keys', 'meta', 'stamps', 'tsaChains', 'custody', 'settings', 'listings', 'cases', 'annotations', 'derived'] as const;

describe('store upgrade from version 4 to 5', () => {
  it('replaces the per-capture index rows by postings made from every capture, and keeps every other row', async () => {
    const name = `migration-v5-${crypto.randomUUID()}`;
    const source = await openPostProofDb(`${name}-source`);
    const key = await getOrCreateInstallKey(source);
    const texts = ['Flood warning for the river district', 'فيضان في المدينة القديمة', 'Flooding closes the bridge'];
    for (const text of texts) {
      const made = await preservePost(sampleCaptureRequest(text), sampleScreenshot, { db: source, key, software: 'PostProof 0.1.0', fetch });
      if (!made.ok) throw new Error(made.message);
    }
    // A v4 store holding the same rows, with its index as v4 wrote it: one row per (term, capture).
    const v4 = await openV4(name);
    const copied: Record<string, number> = {};
    for (const store of V4_STORES) {
      const rows = await source.getAll(store);
      const keys = await source.getAllKeys(store);
      copied[store] = rows.length;
      for (const [i, row] of rows.entries()) await (store === 'settings' ? v4.add(store, row, keys[i]) : v4.add(store, row));
    }
    const captures = await source.getAll('captures');
    for (const capture of captures) for (const term of captureTerms(capture)) await v4.add('searchTerms', { term, captureId: capture.id });
    const ids = new Map(captures.map((c) => [c.text, c.id]));
    source.close();
    v4.close();

    const db = await openPostProofDb(name);
    expect(db.objectStoreNames.contains('searchTerms' as never)).toBe(false);
    for (const store of V4_STORES) expect(await db.count(store)).toBe(copied[store]);
    // One row per term in this bucket (all three captures are in bucket 0), each listing the captures with that term.
    const flood = await db.get('searchPostings', ['flood', 0]);
    expect([...flood!.sequences]).toEqual([captures.find((c) => c.text === texts[0])!.sequence]);
    expect(await searchIds(db, 'flood')).toEqual(new Set([ids.get(texts[0]), ids.get(texts[2])]));
    expect(await searchIds(db, 'فيضان')).toEqual(new Set([ids.get(texts[1])]));
    expect(await searchIds(db, 'the')).toEqual(new Set([ids.get(texts[0]), ids.get(texts[2])]));
    expect(await searchIds(db, 'flood bridge')).toEqual(new Set([ids.get(texts[2])]));

    // A capture after the upgrade is added to the postings in its own commit.
    const made = await preservePost(sampleCaptureRequest('Flood barrier holds'), sampleScreenshot, { db, key: await getOrCreateInstallKey(db), software: 'PostProof 0.0.0-test', fetch });
    if (!made.ok) throw new Error(made.message);
    expect(await searchIds(db, 'flood')).toEqual(new Set([ids.get(texts[0]), ids.get(texts[2]), made.captureId]));
    db.close();
  });
});
